using System.Linq.Expressions;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>Reading credentials: the keyset-paged list and one credential for its pages.</summary>
public sealed partial class ApiCredentialService
{
    /// <summary>
    /// One page of the sandbox's credentials ordered by name, optionally those whose name starts with
    /// <paramref name="search"/> (case-insensitive). Keyset paging on the unique (sandbox, normalised name) index:
    /// every page costs the same, whatever the number of credentials.
    /// </summary>
    public async Task<Page<ApiCredentialListItem>> ListAsync(int sandboxId, string? search, string? cursor, int pageSize,
        CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var (direction, key) = KeysetCursor.Decode(cursor);
        var take = pageSize + 1;
        IAsyncEnumerable<ApiCredentialListItem> query;
        if (string.IsNullOrWhiteSpace(search))
        {
            query = direction switch
            {
                KeysetDirection.After => ListAfter(db, sandboxId, key, take),
                KeysetDirection.Before => ListBefore(db, sandboxId, key, take),
                _ => ListFirst(db, sandboxId, take),
            };
        }
        else
        {
            var prefix = ApiCredential.NormalizeName(search);
            var upper = prefix + "\U0010FFFF";
            query = direction switch
            {
                KeysetDirection.After => SearchAfter(db, sandboxId, prefix, upper, key, take),
                KeysetDirection.Before => SearchBefore(db, sandboxId, prefix, upper, key, take),
                _ => SearchFirst(db, sandboxId, prefix, upper, take),
            };
        }

        var rows = new List<ApiCredentialListItem>(take);
        await foreach (var row in query.WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        return KeysetCursor.ToPage(rows, pageSize, direction, c => ApiCredential.NormalizeName(c.Name));
    }

    // The list's six queries (first page / after a key / before a key, each with or without a name prefix), compiled
    // once, as the FindAsync below: a LINQ query built per request pays for its translation-cache lookup every time.
    // Each is one seek on the unique (SandboxId, NormalizedName) index.
    private static readonly Expression<Func<ApiCredential, ApiCredentialListItem>> ListItem =
        c => new ApiCredentialListItem(c.Id, c.Name, c.Vendor, c.Address, c.VerificationStatus,
            c.LastVerifiedAtUtc, c.ModifiedBy, c.ModifiedAtUtc, c.AccountType);

    private static readonly Func<SmsDbContext, int, int, IAsyncEnumerable<ApiCredentialListItem>> ListFirst =
        PerModelQuery.CompileAsyncQuery((SmsDbContext context, int sandboxId, int take) => context.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId)
            .OrderBy(c => c.NormalizedName).Take(take).Select(ListItem));

    private static readonly Func<SmsDbContext, int, string, int, IAsyncEnumerable<ApiCredentialListItem>> ListAfter =
        PerModelQuery.CompileAsyncQuery((SmsDbContext context, int sandboxId, string key, int take) => context.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId && c.NormalizedName.CompareTo(key) > 0)
            .OrderBy(c => c.NormalizedName).Take(take).Select(ListItem));

    private static readonly Func<SmsDbContext, int, string, int, IAsyncEnumerable<ApiCredentialListItem>> ListBefore =
        PerModelQuery.CompileAsyncQuery((SmsDbContext context, int sandboxId, string key, int take) => context.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId && c.NormalizedName.CompareTo(key) < 0)
            .OrderByDescending(c => c.NormalizedName).Take(take).Select(ListItem));

    private static readonly Func<SmsDbContext, int, string, string, int, IAsyncEnumerable<ApiCredentialListItem>> SearchFirst =
        PerModelQuery.CompileAsyncQuery((SmsDbContext context, int sandboxId, string prefix, string upper, int take) => context.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId && c.NormalizedName.CompareTo(prefix) >= 0 && c.NormalizedName.CompareTo(upper) < 0)
            .OrderBy(c => c.NormalizedName).Take(take).Select(ListItem));

    private static readonly Func<SmsDbContext, int, string, string, string, int, IAsyncEnumerable<ApiCredentialListItem>> SearchAfter =
        PerModelQuery.CompileAsyncQuery((SmsDbContext context, int sandboxId, string prefix, string upper, string key, int take) => context.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId && c.NormalizedName.CompareTo(prefix) >= 0 && c.NormalizedName.CompareTo(upper) < 0
                && c.NormalizedName.CompareTo(key) > 0)
            .OrderBy(c => c.NormalizedName).Take(take).Select(ListItem));

    private static readonly Func<SmsDbContext, int, string, string, string, int, IAsyncEnumerable<ApiCredentialListItem>> SearchBefore =
        PerModelQuery.CompileAsyncQuery((SmsDbContext context, int sandboxId, string prefix, string upper, string key, int take) => context.ApiCredentials.AsNoTracking()
            .Where(c => c.SandboxId == sandboxId && c.NormalizedName.CompareTo(prefix) >= 0 && c.NormalizedName.CompareTo(upper) < 0
                && c.NormalizedName.CompareTo(key) < 0)
            .OrderByDescending(c => c.NormalizedName).Take(take).Select(ListItem));

    /// <summary>The credential, without tracking; null when it does not exist in this sandbox.</summary>
    public Task<ApiCredential?> FindAsync(int sandboxId, int id, CancellationToken cancellationToken) =>
        FindQuery(db, sandboxId, id, cancellationToken);

    /// <summary>Compiled once, like the list's queries: every Edit, Delete and Verify SMS connection page runs it.</summary>
    private static readonly Func<SmsDbContext, int, int, CancellationToken, Task<ApiCredential?>> FindQuery =
        PerModelQuery.CompileAsyncQuery((SmsDbContext context, int sandboxId, int id, CancellationToken cancellationToken) =>
            context.ApiCredentials.AsNoTracking().FirstOrDefault(c => c.Id == id && c.SandboxId == sandboxId));
}
