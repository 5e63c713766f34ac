namespace JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

/// <summary>Tuning of the webhook ingestion path, in the <c>Webhooks</c> configuration section (docs/configuration.md).</summary>
public sealed class WebhookIngestionOptions
{
    public const string SectionName = WebhookOptions.SectionName;

    /// <summary>The largest request body accepted (bytes); a bigger one is refused with 413.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// How long a webhook (with its credential's unprotected secret) is kept in memory after it was read. An edit or
    /// delete takes effect on every instance within this time. 0 reads the database on every request.
    /// </summary>
    public int CacheSeconds { get; set; } = 5;

    /// <summary>The most events committed in one transaction by the writer.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>How often the reply sender looks for due replies when nothing woke it.</summary>
    public int ReplyPollSeconds { get; set; } = 5;

    /// <summary>Attempts of one reply before it is given up.</summary>
    public int ReplyMaxAttempts { get; set; } = 6;
}
