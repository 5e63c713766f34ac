namespace JourneyOptimizer.Sms.Core.Audit;

/// <summary>One changed field. For a secret, <see cref="OldValue"/> and <see cref="NewValue"/> are never set.</summary>
public sealed record AuditChange(string Field, string? OldValue, string? NewValue, bool Secret = false);
