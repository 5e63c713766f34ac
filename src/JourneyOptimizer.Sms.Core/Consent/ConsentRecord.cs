namespace JourneyOptimizer.Sms.Core.Consent;

/// <summary>
/// The consent of one profile number for one sender number of a sandbox: the latest state and why. Unique per
/// (sandbox, sender number, profile number). A Marketing message must not be sent when the state is OptedOut.
/// </summary>
public sealed class ConsentRecord
{
    public const int NumberMaxLength = 20;
    public const int KeywordMaxLength = 50;
    public const int ChangedByMaxLength = 256;

    public long Id { get; set; }

    public int SandboxId { get; set; }

    public required string SenderNumber { get; set; }

    public required string ProfileNumber { get; set; }

    public ConsentState State { get; set; }

    public ConsentSource Source { get; set; }

    /// <summary>The keyword that changed it (upper case), when a keyword did.</summary>
    public string? Keyword { get; set; }

    /// <summary>"SMS" for keywords, else the administrator's user name.</summary>
    public required string ChangedBy { get; set; }

    public DateTime ChangedAtUtc { get; set; }

    /// <summary>The webhook the keyword arrived through, when a keyword did.</summary>
    public int? WebhookId { get; set; }

    public int Version { get; set; }
}
