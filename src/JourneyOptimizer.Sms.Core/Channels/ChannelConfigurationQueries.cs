using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Channels;

/// <summary>Reading the channel configurations of a sandbox: the filtered, keyset-paged list, its polling, one configuration.</summary>
public sealed class ChannelConfigurationQueries(SmsDbContext db, CredentialVendors vendors)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxCredentialOptions = 500;

    private DbSet<ChannelConfiguration> Configurations => db.Set<ChannelConfiguration>();

    /// <summary>
    /// One page of the sandbox's configurations in name order, filtered by status, SMS type and a name prefix. Keyset
    /// paging on (sandbox, [status | type], normalised name), as for credentials (docs/decisions/0001).
    /// </summary>
    public async Task<Page<ChannelConfigurationListItem>> ListAsync(int sandboxId, ChannelConfigurationFilter filter, string? cursor,
        int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        string? prefix = null;
        string? upper = null;
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            prefix = ChannelConfiguration.NormalizeName(filter.Search);
            upper = prefix + "\U0010FFFF";
        }

        var (direction, key) = KeysetCursor.Decode(cursor);
        var rows = new List<ChannelConfigurationListItem>(pageSize + 1);
        var query = direction == KeysetDirection.Before
            ? ListBefore(db, sandboxId, filter.Status, filter.SmsType, prefix, upper, key, pageSize + 1)
            : ListAfter(db, sandboxId, filter.Status, filter.SmsType, prefix, upper, direction == KeysetDirection.After ? key : null,
                pageSize + 1);
        await foreach (var row in query.WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        return KeysetCursor.ToPage(rows, pageSize, direction, c => ChannelConfiguration.NormalizeName(c.Name));
    }

    // The list's two queries (forwards from the start or after a key, backwards before a key), compiled once. Each
    // optional filter is a nullable parameter: EF drops a "parameter IS NULL OR ..." condition from the SQL it sends when
    // the parameter is null (one SQL text per combination, cached), so the database sees only the filters in use and
    // seeks one of its (SandboxId, ...) indexes in name order (ChannelListQueryPlanTests). The credential's name is
    // joined explicitly, before the page is cut: through the navigation, EF joined it to a subquery of the page, which
    // SQLite ran as a co-routine and sorted again.
    private static readonly System.Linq.Expressions.Expression<Func<ListRow, ChannelConfigurationListItem>> ListItem =
        r => new ChannelConfigurationListItem(r.Configuration.Id, r.Configuration.Name, r.Configuration.Status, r.Configuration.Channel,
            r.Configuration.SmsType, r.CredentialName, r.Configuration.SenderNumber, r.Configuration.PendingCheck,
            r.Configuration.ModifiedBy, r.Configuration.ModifiedAtUtc);

    /// <summary>A configuration with its credential's name, joined before the page is cut (see the note above).</summary>
    private sealed class ListRow
    {
        public required ChannelConfiguration Configuration { get; init; }

        public string? CredentialName { get; init; }
    }

    internal static readonly Func<SmsDbContext, int, ChannelConfigurationStatus?, SmsType?, string?, string?, string?, int,
        IAsyncEnumerable<ChannelConfigurationListItem>> ListAfter = PerModelQuery.CompileAsyncQuery(
        (SmsDbContext context, int sandboxId, ChannelConfigurationStatus? status, SmsType? type, string? prefix, string? upper,
            string? after, int take) => context.Set<ChannelConfiguration>().AsNoTracking()
                .Where(c => c.SandboxId == sandboxId
                    && (status == null || c.Status == status)
                    && (type == null || c.SmsType == type)
                    && (prefix == null || (c.NormalizedName.CompareTo(prefix) >= 0 && c.NormalizedName.CompareTo(upper) < 0))
                    && (after == null || c.NormalizedName.CompareTo(after) > 0))
                .LeftJoin(context.Set<ApiCredential>(), c => c.ApiCredentialId, a => (int?)a.Id,
                    (c, a) => new ListRow { Configuration = c, CredentialName = a == null ? null : a.Name })
                .OrderBy(r => r.Configuration.NormalizedName).Take(take)
                .Select(ListItem));

    internal static readonly Func<SmsDbContext, int, ChannelConfigurationStatus?, SmsType?, string?, string?, string, int,
        IAsyncEnumerable<ChannelConfigurationListItem>> ListBefore = PerModelQuery.CompileAsyncQuery(
        (SmsDbContext context, int sandboxId, ChannelConfigurationStatus? status, SmsType? type, string? prefix, string? upper,
            string before, int take) => context.Set<ChannelConfiguration>().AsNoTracking()
                .Where(c => c.SandboxId == sandboxId
                    && (status == null || c.Status == status)
                    && (type == null || c.SmsType == type)
                    && (prefix == null || (c.NormalizedName.CompareTo(prefix) >= 0 && c.NormalizedName.CompareTo(upper) < 0))
                    && c.NormalizedName.CompareTo(before) < 0)
                .LeftJoin(context.Set<ApiCredential>(), c => c.ApiCredentialId, a => (int?)a.Id,
                    (c, a) => new ListRow { Configuration = c, CredentialName = a == null ? null : a.Name })
                .OrderByDescending(r => r.Configuration.NormalizedName).Take(take)
                .Select(ListItem));

    /// <summary>The statuses of some rows of the list (for its polling), at most 200.</summary>
    public async Task<IReadOnlyList<ChannelConfigurationState>> StatesAsync(int sandboxId, IReadOnlyCollection<int> ids,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct().Take(MaxPageSize).ToList();
        var rows = await Configurations.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId && wanted.Contains(c.Id))
            .Select(c => new { c.Id, c.Status, c.PendingCheck, c.CheckErrorsJson, c.PendingErrorsJson })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ChannelConfigurationState(r.Id, r.Status, r.PendingCheck,
            CheckErrors.FromJson(r.CheckErrorsJson), CheckErrors.FromJson(r.PendingErrorsJson))).ToList();
    }

    /// <summary>The configuration with its credentials' names, without tracking; null when it is not in this sandbox.</summary>
    public Task<ChannelConfiguration?> FindAsync(int sandboxId, int id, CancellationToken cancellationToken) =>
        Configurations.AsNoTracking().Include(c => c.ApiCredential).Include(c => c.PendingApiCredential)
            .FirstOrDefaultAsync(c => c.Id == id && c.SandboxId == sandboxId, cancellationToken);

    /// <summary>The sandbox's API credentials for the "Mobile configuration" choice, by name (at most <see cref="MaxCredentialOptions"/>).</summary>
    public async Task<IReadOnlyList<CredentialOption>> CredentialOptionsAsync(int sandboxId, CancellationToken cancellationToken)
    {
        var rows = await db.ApiCredentials.AsNoTracking().Where(c => c.SandboxId == sandboxId)
            .OrderBy(c => c.NormalizedName).Take(MaxCredentialOptions)
            .Select(c => new { c.Id, c.Name, c.Vendor, c.Address })
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var vendor = vendors[r.Vendor];
            return new CredentialOption(r.Id, r.Name, r.Vendor, vendor.DisplayName, vendor.ChannelOf(r.Address));
        }).ToList();
    }
}
