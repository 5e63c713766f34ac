using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Api;

/// <summary>Keeps the first answers of idempotent creates for 24 hours.</summary>
public sealed class IdempotencyStore(SmsDbContext db, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public Task<IdempotencyRecord?> FindAsync(string userId, int sandboxId, string key, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().UtcDateTime - Lifetime;
        return db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.UserId == userId && r.SandboxId == sandboxId && r.Key == key && r.CreatedAtUtc > since,
                cancellationToken);
    }

    /// <summary>
    /// Stores an answer. Expired records of the user go first (the unique index would refuse a reused key otherwise);
    /// when two identical requests raced, the second insert is refused by the index and the first record stands.
    /// </summary>
    public async Task SaveAsync(IdempotencyRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = time.GetUtcNow().UtcDateTime;
        await db.IdempotencyRecords.Where(r => r.UserId == record.UserId && r.CreatedAtUtc <= now - Lifetime)
            .ExecuteDeleteAsync(cancellationToken);
        record.CreatedAtUtc = now;
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}
