using JourneyOptimizer.Sms.Core.Credentials;

namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>
/// Implemented by a credential vendor (besides <see cref="ICredentialVendor"/>) whose provider lets the portal read
/// and set where it sends a webhook type's requests, so that the administrator need not paste the Webhook URL into
/// the provider's console (Twilio: the Messaging Service's inbound request URL and status callback). Optional, so
/// vendors without such an API implement nothing.
/// </summary>
public interface IProviderCallbacks
{
    /// <summary>The provider's name of the setting for <paramref name="type"/>, as the audit log records it.</summary>
    string SettingName(WebhookType type);

    /// <summary>What the provider has configured now for <paramref name="type"/> (null or empty: nothing).</summary>
    Task<ProviderCallbackResult> ReadAsync(ApiCredential credential, WebhookType type, CancellationToken cancellationToken);

    /// <summary>Sets the provider's setting for <paramref name="type"/> to <paramref name="url"/>; answers what it holds now.</summary>
    Task<ProviderCallbackResult> PointAtAsync(ApiCredential credential, WebhookType type, Uri url, CancellationToken cancellationToken);
}

/// <summary>
/// A provider's answer: the URL it holds (when <see cref="Succeeded"/>), else the reason as an English localization
/// key with its arguments.
/// </summary>
public sealed record ProviderCallbackResult(bool Succeeded, string? Url, string? ErrorKey = null, IReadOnlyList<object>? ErrorArguments = null)
{
    public static ProviderCallbackResult Read(string? url) => new(true, string.IsNullOrWhiteSpace(url) ? null : url);

    public static ProviderCallbackResult Fail(string key, IReadOnlyList<object> arguments) => new(false, null, key, arguments);
}
