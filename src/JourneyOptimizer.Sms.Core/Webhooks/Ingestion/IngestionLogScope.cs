using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

/// <summary>
/// ASP.NET Core puts the request path in the log scope of every request, and a webhook's path carries its secret
/// token. Log events of the ingestion path are written inside this scope, whose <c>RequestPath</c> (the innermost
/// value wins) names the route instead of the token.
/// </summary>
internal static class IngestionLogScope
{
    public const string RedactedPath = WebhookOptions.PathPrefix + "{pathToken}";

    private static readonly KeyValuePair<string, object>[] State = [new("RequestPath", RedactedPath), new("Path", RedactedPath)];

    public static IDisposable? Begin(ILogger logger) => logger.BeginScope(State);
}
