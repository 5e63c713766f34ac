using System.Text.Json;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;

namespace JourneyOptimizer.Sms.Core.Audit;

/// <summary>
/// Adds audit entries to the caller's unit of work: they are committed by the same SaveChanges as the change they
/// describe, so a change is never saved without its record, nor recorded without being saved.
/// </summary>
public sealed class AuditLog(SmsDbContext db, TimeProvider time)
{
    public static class Actions
    {
        public const string Created = "Created";
        public const string Updated = "Updated";
        public const string Deleted = "Deleted";
        public const string Verified = "Verified";
        public const string TestMessageSent = "TestMessageSent";
    }

    public void Record(Actor actor, int? sandboxId, string objectType, string objectId, string objectName, string action,
        IEnumerable<AuditChange>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var list = changes?.Select(c => c.Secret ? c with { OldValue = null, NewValue = null } : c).ToList() ?? [];
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAtUtc = time.GetUtcNow().UtcDateTime,
            SandboxId = sandboxId,
            UserId = Truncate(actor.UserId, AuditEntry.UserIdMaxLength),
            UserName = Truncate(actor.UserName, AuditEntry.UserNameMaxLength),
            ObjectType = Truncate(objectType, AuditEntry.ObjectTypeMaxLength),
            ObjectId = Truncate(objectId, AuditEntry.ObjectIdMaxLength),
            ObjectName = Truncate(objectName, AuditEntry.ObjectNameMaxLength),
            Action = Truncate(action, AuditEntry.ActionMaxLength),
            ChangesJson = Truncate(JsonSerializer.Serialize(list, JsonOptions), AuditEntry.ChangesMaxLength),
        });
    }

    /// <summary>The changes between two snapshots of the same fields (secrets compared, never recorded).</summary>
    public static IReadOnlyList<AuditChange> Diff(IReadOnlyDictionary<string, string?> before,
        IReadOnlyDictionary<string, string?> after, IReadOnlySet<string>? secretFields = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<AuditChange>();
        foreach (var (field, newValue) in after)
        {
            before.TryGetValue(field, out var oldValue);
            if (string.Equals(oldValue, newValue, StringComparison.Ordinal))
            {
                continue;
            }

            changes.Add(secretFields?.Contains(field) == true
                ? new AuditChange(field, null, null, Secret: true)
                : new AuditChange(field, oldValue, newValue));
        }

        return changes;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
