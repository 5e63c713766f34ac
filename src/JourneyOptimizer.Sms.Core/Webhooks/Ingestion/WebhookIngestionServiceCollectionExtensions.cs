using JourneyOptimizer.Sms.Core.Webhooks.Retention;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

public static class WebhookIngestionServiceCollectionExtensions
{
    /// <summary>
    /// The webhook ingestion path: <see cref="WebhookIngestion"/>, the cached <see cref="WebhookDirectory"/>, the
    /// single <see cref="IngestionWriter"/> (grouped commits) and the <see cref="ReplySender"/> of the outbox, both
    /// hosted services, and the <see cref="WebhookRetention"/> that prunes what it stored. Needs <c>AddSmsCore</c>
    /// (database, secret protector, Twilio validator, Custom client).
    /// </summary>
    public static IServiceCollection AddWebhookIngestion(this IServiceCollection services)
    {
        services.AddOptions<WebhookIngestionOptions>().BindConfiguration(WebhookIngestionOptions.SectionName)
            .Validate(o => o.CacheSeconds is >= 0 and <= 300, "Webhooks:CacheSeconds must be between 0 and 300.")
            .Validate(o => o.MaxBatchSize is >= 1 and <= 5000, "Webhooks:MaxBatchSize must be between 1 and 5000.")
            .Validate(o => o.ReplyPollSeconds is >= 1 and <= 3600, "Webhooks:ReplyPollSeconds must be between 1 and 3600.")
            .Validate(o => o.ReplyMaxAttempts is >= 1 and <= 100, "Webhooks:ReplyMaxAttempts must be between 1 and 100.")
            .ValidateOnStart();
        services.AddSingleton<WebhookDirectory>();
        services.AddSingleton<IWebhookCache>(provider => provider.GetRequiredService<WebhookDirectory>());
        services.AddSingleton<ReplySender>();
        services.AddSingleton<IngestionWriter>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ReplySender>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<IngestionWriter>());
        services.AddSingleton<WebhookIngestion>();

        // What the path stores is kept for Retention:Days, then pruned in the background.
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName)
            .Validate(o => o.Days is >= 1 and <= 36500, "Retention:Days must be between 1 and 36500.")
            .Validate(o => o.BatchSize is >= 1 and <= 10000, "Retention:BatchSize must be between 1 and 10000.")
            .Validate(o => o.IntervalMinutes is >= 1 and <= 1440, "Retention:IntervalMinutes must be between 1 and 1440.")
            .ValidateOnStart();
        services.AddSingleton<WebhookRetention>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<WebhookRetention>());
        return services;
    }
}
