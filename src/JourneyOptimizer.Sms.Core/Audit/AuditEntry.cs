namespace JourneyOptimizer.Sms.Core.Audit;

/// <summary>One recorded change: who did what to which object, when, in which sandbox, with the fields changed.</summary>
public sealed class AuditEntry
{
    public const int UserIdMaxLength = 450;
    public const int UserNameMaxLength = 256;
    public const int ObjectTypeMaxLength = 50;
    public const int ObjectIdMaxLength = 50;
    public const int ObjectNameMaxLength = 200;
    public const int ActionMaxLength = 50;
    public const int ChangesMaxLength = 16000;

    public long Id { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    public int? SandboxId { get; set; }

    public required string UserId { get; set; }

    public required string UserName { get; set; }

    public required string ObjectType { get; set; }

    public required string ObjectId { get; set; }

    public required string ObjectName { get; set; }

    public required string Action { get; set; }

    /// <summary>JSON array of <see cref="AuditChange"/>; secrets appear only as "changed".</summary>
    public string ChangesJson { get; set; } = "[]";
}
