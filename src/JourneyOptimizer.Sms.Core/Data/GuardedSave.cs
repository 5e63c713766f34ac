using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Core.Data;

/// <summary>How a save that can lose a race ended.</summary>
public enum SaveOutcome
{
    Saved,

    /// <summary>The row's <c>Version</c> changed since it was read (optimistic concurrency).</summary>
    ConcurrencyConflict,

    /// <summary>The database refused the change (a unique index or a foreign key, under a race the checks before lost).</summary>
    Refused,
}

/// <summary>
/// The services' save: the change is saved, or the refusal is returned and the change tracker cleared, so that nothing
/// half-saved lingers in the request's context. Each service turns the outcome into its own answer.
/// </summary>
public static partial class GuardedSave
{
    /// <param name="save">What saves (one SaveChanges, or a transaction of several).</param>
    /// <param name="objectType">What is saved, for the log line of a refusal (no value of the row is logged).</param>
    public static async Task<SaveOutcome> TrySaveAsync(this SmsDbContext db, Func<CancellationToken, Task> save, ILogger logger,
        string objectType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(save);
        try
        {
            await save(cancellationToken);
            return SaveOutcome.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SaveOutcome.ConcurrencyConflict;
        }
        catch (DbUpdateException ex)
        {
            db.ChangeTracker.Clear();
            LogRefused(logger, objectType, ex.GetType().Name, ex.InnerException?.GetType().Name);
            return SaveOutcome.Refused;
        }
    }

    /// <summary><see cref="TrySaveAsync(SmsDbContext, Func{CancellationToken, Task}, ILogger, string, CancellationToken)"/> of one SaveChanges.</summary>
    public static Task<SaveOutcome> TrySaveChangesAsync(this SmsDbContext db, ILogger logger, string objectType,
        CancellationToken cancellationToken) =>
        db.TrySaveAsync(ct => db.SaveChangesAsync(ct), logger, objectType, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change to a {ObjectType} was refused by the database ({Error}, {InnerError})")]
    private static partial void LogRefused(ILogger logger, string objectType, string error, string? innerError);
}
