using System.Globalization;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Audit;

/// <summary>What the audit log page filters on; every part is optional.</summary>
public sealed record AuditLogFilter
{
    /// <summary>A sandbox id; <see cref="NoSandbox"/> for entries outside any sandbox (users, first start).</summary>
    public int? SandboxId { get; init; }

    public const int NoSandbox = 0;

    public string? UserId { get; init; }

    public string? ObjectType { get; init; }

    public string? ObjectId { get; init; }

    public string? Action { get; init; }

    public DateTime? FromUtc { get; init; }

    public DateTime? ToUtc { get; init; }
}

public sealed record AuditLogItem(long Id, DateTime OccurredAtUtc, int? SandboxId, string? SandboxName, string UserId, string UserName,
    string ObjectType, string ObjectId, string ObjectName, string Action, IReadOnlyList<AuditChange> Changes)
{
    /// <summary>The SMS vendor of an API credential that still exists (for "Twilio credential “x” verified").</summary>
    public string? Vendor { get; init; }
}

/// <summary>Reads the audit log newest first with keyset paging (a cursor is the last entry's time and id).</summary>
public sealed class AuditLogQuery(SmsDbContext db)
{
    /// <summary>The object types the portal records (for the filter); others can still be filtered by URL.</summary>
    public static readonly IReadOnlyList<string> KnownObjectTypes = ["ApiCredential", "ApiKey", "ChannelConfiguration", "Sandbox", "User", "Webhook"];

    /// <summary>The actions the portal records (for the filter).</summary>
    public static readonly IReadOnlyList<string> KnownActions =
    [
        AuditLog.Actions.Created, AuditLog.Actions.Updated, AuditLog.Actions.Deleted, AuditLog.Actions.Verified,
        AuditLog.Actions.TestMessageSent, "Submitted", "CheckPassed", "CheckFailed", "Activated", "Deactivated", "Duplicated",
        "ChangeDiscarded", "SecretRegenerated", "SetPasswordLinkIssued", "PasswordSet", "LockoutReset", "SignedOutEverywhere", "Revoked", "FirstUsed",
        "Rechecked", "ConfiguredInProvider",
    ];

    private const string CredentialObjectType = "ApiCredential";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task<Page<AuditLogItem>> ListAsync(AuditLogFilter filter, string? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var query = db.AuditEntries.AsNoTracking();
        if (filter.SandboxId == AuditLogFilter.NoSandbox)
        {
            query = query.Where(a => a.SandboxId == null);
        }
        else if (filter.SandboxId is { } sandboxId)
        {
            query = query.Where(a => a.SandboxId == sandboxId);
        }

        if (!string.IsNullOrEmpty(filter.UserId))
        {
            query = query.Where(a => a.UserId == filter.UserId);
        }

        if (!string.IsNullOrEmpty(filter.ObjectType))
        {
            query = query.Where(a => a.ObjectType == filter.ObjectType);
        }

        if (!string.IsNullOrEmpty(filter.ObjectId))
        {
            query = query.Where(a => a.ObjectId == filter.ObjectId);
        }

        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        if (filter.FromUtc is { } from)
        {
            query = query.Where(a => a.OccurredAtUtc >= from);
        }

        if (filter.ToUtc is { } to)
        {
            query = query.Where(a => a.OccurredAtUtc < to);
        }

        if (TryParseCursor(after, out var time, out var id))
        {
            query = query.Where(a => a.OccurredAtUtc < time || (a.OccurredAtUtc == time && a.Id < id));
        }

        var rows = await query.OrderByDescending(a => a.OccurredAtUtc).ThenByDescending(a => a.Id).Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var hasMore = rows.Count > pageSize;
        rows = rows.Take(pageSize).ToList();
        var sandboxIds = rows.Where(r => r.SandboxId is not null).Select(r => r.SandboxId!.Value).Distinct().ToList();
        var names = await db.Sandboxes.AsNoTracking().Where(s => sandboxIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var credentialIds = rows.Where(r => r.ObjectType == CredentialObjectType)
            .Select(r => int.TryParse(r.ObjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0)
            .Where(i => i > 0).Distinct().ToList();
        var vendors = await db.ApiCredentials.AsNoTracking().Where(c => credentialIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Vendor }).ToDictionaryAsync(c => c.Id.ToString(CultureInfo.InvariantCulture),
                c => c.Vendor.ToString(), cancellationToken);
        var items = rows.Select(r => new AuditLogItem(r.Id, r.OccurredAtUtc, r.SandboxId,
            r.SandboxId is { } s ? names.GetValueOrDefault(s) : null, r.UserId, r.UserName, r.ObjectType, r.ObjectId, r.ObjectName,
            r.Action, ParseChanges(r.ChangesJson))
        {
            Vendor = r.ObjectType == CredentialObjectType ? vendors.GetValueOrDefault(r.ObjectId) : null,
        }).ToList();
        var last = rows.LastOrDefault();
        return new Page<AuditLogItem>(items, hasMore && last is not null ? Cursor(last) : null, null);
    }

    /// <summary>
    /// The names of the API credentials that entries refer to by id (a channel configuration's or a webhook's
    /// credential), so that the log shows a name instead of a number; deleted credentials are missing.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> CredentialNamesAsync(IEnumerable<AuditLogItem> items,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var ids = items.SelectMany(i => i.Changes).Where(c => c.Field == "ApiCredentialId")
            .SelectMany(c => new[] { c.OldValue, c.NewValue })
            .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0)
            .Where(i => i > 0).Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        return await db.ApiCredentials.AsNoTracking().Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id.ToString(CultureInfo.InvariantCulture), c => c.Name, cancellationToken);
    }

    /// <summary>The users who appear in the log or exist, for the filter (id and name).</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> UsersAsync(CancellationToken cancellationToken)
    {
        var list = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedEmail).Select(u => new { u.Id, u.Email })
            .Take(500).ToListAsync(cancellationToken);
        return list.Select(u => (u.Id, u.Email ?? u.Id)).ToList();
    }

    private static string Cursor(AuditEntry entry) =>
        entry.OccurredAtUtc.Ticks.ToString(CultureInfo.InvariantCulture) + "_" + entry.Id.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseCursor(string? cursor, out DateTime time, out long id)
    {
        time = default;
        id = 0;
        var parts = cursor?.Split('_');
        if (parts is not { Length: 2 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            return false;
        }

        time = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    private static List<AuditChange> ParseChanges(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<AuditChange>>(json, JsonOptions) ?? [];
        }
        catch (JsonException)
        {
            // A truncated record (longer than the column) still shows its entry, without the field list.
            return [];
        }
    }
}
