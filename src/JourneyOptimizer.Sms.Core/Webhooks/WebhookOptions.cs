namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// The URL providers reach the portal at (scheme, host, optional port and path prefix), e.g.
    /// <c>https://sms.example.com</c>. Webhook URLs are built from it, and Twilio signatures are checked against it
    /// (behind a proxy the request's own URL is not what Twilio signed). When empty, the URL of the request that
    /// shows or receives the webhook is used.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The path every webhook URL starts with; the webhook's <see cref="Webhook.PathToken"/> follows.</summary>
    public const string PathPrefix = "/webhooks/";

    /// <summary>The Webhook URL of a webhook: <c>{base}/webhooks/{token}</c>.</summary>
    public static string BuildUrl(string baseUrl, string pathToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.TrimEnd('/') + PathPrefix + pathToken;
    }
}
