using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>
/// Sends the SDK's requests for <c>api.twilio.com</c> and <c>messaging.twilio.com</c> to
/// <see cref="TwilioOptions.ApiBaseUrl"/> and <see cref="TwilioOptions.MessagingBaseUrl"/> (another region, a proxy,
/// a local mock). A request for any other host is refused, so credentials never go where nobody configured.
/// </summary>
public sealed class TwilioBaseUrlHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    public const string ApiHost = "api.twilio.com";
    public const string MessagingHost = "messaging.twilio.com";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.RequestUri = Rewrite(request.RequestUri, options.Value);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>The URL on the configured host, with the path and query unchanged.</summary>
    internal static Uri Rewrite(Uri? requested, TwilioOptions settings)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(settings);
        var baseUrl = requested.IdnHost switch
        {
            _ when Is(requested, settings.ApiBaseUrl) || Is(requested, settings.MessagingBaseUrl) => null,
            ApiHost => settings.ApiBaseUrl,
            MessagingHost => settings.MessagingBaseUrl,
            _ => throw new HttpRequestException("The Twilio SDK asked for a host that is not configured."),
        };
        return baseUrl is null ? requested : new Uri(baseUrl.TrimEnd('/') + requested.PathAndQuery);
    }

    private static bool Is(Uri requested, string configured) =>
        Uri.TryCreate(configured, UriKind.Absolute, out var baseUri)
        && Uri.Compare(requested, baseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
        && requested.AbsolutePath.StartsWith(baseUri.AbsolutePath, StringComparison.Ordinal);
}
