namespace JourneyOptimizer.Sms.Core.Webhooks.Retention;

/// <summary>How long what webhooks receive is kept (section <c>Retention</c>; docs/configuration.md).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Whether this instance prunes (every instance may: the deletes are idempotent).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Inbound messages, delivery receipts and message delivery statuses older than this many days are deleted.
    /// Consent records and the audit log are kept.
    /// </summary>
    public int Days { get; set; } = 90;

    /// <summary>The most rows one delete statement removes: each is a short transaction of its own.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long the pruner waits between two rounds.</summary>
    public int IntervalMinutes { get; set; } = 60;
}
