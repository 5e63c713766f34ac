using System.Security.Cryptography;
using System.Text;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Identity.ApiKeys;

/// <summary>A key as its owner's page lists it (never the key or its hash).</summary>
public sealed record ApiKeyListItem(int Id, string Name, string Prefix, DateTime CreatedAtUtc, DateTime ExpiresAtUtc,
    DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc);

/// <summary>A new key: <see cref="Key"/> is shown to its owner once and never again.</summary>
public sealed record ApiKeyCreated(int Id, string Key);

/// <summary>The user a presented key acts for.</summary>
public sealed record ApiKeyOwner(int KeyId, string UserId, string Prefix);

/// <summary>
/// Personal API keys: created and revoked by their owner, checked on every API request. A key works only while it is
/// neither revoked nor expired and its user is neither disabled nor locked out.
/// </summary>
public sealed class ApiKeyService(SmsDbContext db, AuditLog audit, TimeProvider time)
{
    public const string ObjectType = "ApiKey";
    public const string FirstUsedAction = "FirstUsed";
    public const string RevokedAction = "Revoked";
    public const int MaxLifetimeDays = 366;
    private const string KeyStart = "jo_";

    public Task<List<ApiKeyListItem>> ListAsync(string userId, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId)
            .OrderByDescending(k => k.Id)
            .Select(k => new ApiKeyListItem(k.Id, k.Name, k.Prefix, k.CreatedAtUtc, k.ExpiresAtUtc, k.LastUsedAtUtc, k.RevokedAtUtc))
            .ToListAsync(cancellationToken);

    /// <summary>One of the user's keys (for the question before it is revoked); null when it is not theirs.</summary>
    public Task<ApiKeyListItem?> FindAsync(string userId, int id, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().Where(k => k.Id == id && k.UserId == userId)
            .Select(k => new ApiKeyListItem(k.Id, k.Name, k.Prefix, k.CreatedAtUtc, k.ExpiresAtUtc, k.LastUsedAtUtc, k.RevokedAtUtc))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Creates a key valid for <paramref name="lifetimeDays"/> days; null with field errors when refused.</summary>
    public async Task<(ApiKeyCreated? Created, IReadOnlyList<FieldError> Errors)> CreateAsync(Actor actor, string? name,
        int lifetimeDays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > ApiKey.NameMaxLength)
        {
            errors.Add(new FieldError("Name", "Enter a name of 1 to 100 characters."));
        }

        if (lifetimeDays is < 1 or > MaxLifetimeDays)
        {
            errors.Add(new FieldError("LifetimeDays", "Choose an expiry between 1 and 366 days."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // 12 characters of prefix (60 bits, only for lookup) and 256 bits of secret.
        var prefix = RandomText(ApiKey.PrefixLength);
        var key = KeyStart + prefix + "_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow().UtcDateTime;
        var entity = new ApiKey
        {
            UserId = actor.UserId,
            Name = trimmed,
            Prefix = prefix,
            KeyHash = Hash(key),
            CreatedAtUtc = now,
            ExpiresAtUtc = now.AddDays(lifetimeDays),
        };
        db.Add(entity);

        // The public prefix names the key in the audit log, so the record is part of the same save.
        audit.Record(actor, null, ObjectType, prefix, trimmed, AuditLog.Actions.Created, [new AuditChange("ExpiresAtUtc", null, entity.ExpiresAtUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture))]);
        await db.SaveChangesAsync(cancellationToken);
        return (new ApiKeyCreated(entity.Id, key), []);
    }

    /// <summary>Revokes one of the actor's own keys; false when it is not theirs or already revoked.</summary>
    public async Task<bool> RevokeAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.UserId == actor.UserId, cancellationToken);
        if (key is null || key.RevokedAtUtc is not null)
        {
            return false;
        }

        key.RevokedAtUtc = time.GetUtcNow().UtcDateTime;
        audit.Record(actor, null, ObjectType, key.Prefix, key.Name, RevokedAction);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The owner of a presented key, or null when it is unknown, revoked, expired, or its user cannot sign in.
    /// The hash is compared in constant time; the first use is audited and the last-used time kept to the minute.
    /// </summary>
    public async Task<ApiKeyOwner?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!TryParsePrefix(presented, out var prefix))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { Key = k, u.UserName, u.IsDisabled, u.LockoutEnd })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(row.Key.KeyHash))
            || row.Key.RevokedAtUtc is not null || row.Key.ExpiresAtUtc <= now
            || row.IsDisabled || row.LockoutEnd > time.GetUtcNow())
        {
            return null;
        }

        var last = row.Key.LastUsedAtUtc;
        if (last is null || now - last.Value >= TimeSpan.FromMinutes(1))
        {
            // A conditional update, so that of two first requests racing only one records the first use.
            var updated = await db.ApiKeys
                .Where(k => k.Id == row.Key.Id && k.LastUsedAtUtc == last)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAtUtc, now), cancellationToken);
            if (last is null && updated == 1)
            {
                audit.Record(new Actor(row.Key.UserId, row.UserName ?? row.Key.UserId), null, ObjectType,
                    row.Key.Prefix, row.Key.Name, FirstUsedAction);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return new ApiKeyOwner(row.Key.Id, row.Key.UserId, prefix);
    }

    /// <summary>The public prefix of a well-formed key (used for lookup and as the rate limit's partition).</summary>
    public static bool TryParsePrefix(string? presented, out string prefix)
    {
        prefix = "";
        if (presented is null || presented.Length is < 20 or > 100 || !presented.StartsWith(KeyStart, StringComparison.Ordinal)
            || presented.Length <= KeyStart.Length + ApiKey.PrefixLength || presented[KeyStart.Length + ApiKey.PrefixLength] != '_')
        {
            return false;
        }

        prefix = presented.Substring(KeyStart.Length, ApiKey.PrefixLength);
        return prefix.All(char.IsAsciiLetterOrDigit);
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string RandomText(int length) =>
        RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", length);
}
