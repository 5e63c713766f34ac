namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>
/// A Conversation API project and app with the access key that reaches them. <see cref="ToString"/> never shows the
/// key secret.
/// </summary>
public sealed record SinchConversationCredentials(string ProjectId, string AppId, string KeyId, string KeySecret)
{
    public override string ToString() =>
        $"SinchConversationCredentials {{ ProjectId = {ProjectId}, AppId = {AppId}, KeyId = {KeyId} }}";
}

/// <summary>
/// AJO's "API Token" of Sinch MMS and Sinch RCS. The Conversation API has no static token: it takes an access key
/// (Key ID and Key Secret) and exchanges it for short-lived OAuth tokens, so the field holds the key as
/// <c>KeyID:KeySecret</c> (docs/decisions/0015-sinch-conversation-api-token.md).
/// </summary>
public static class SinchConversationApiToken
{
    public const int MaxKeyIdLength = 100;
    public const int MaxKeySecretLength = 200;

    /// <summary>Splits at the first colon; both parts are required, visible ASCII without spaces.</summary>
    public static bool TryParse(string? token, out string keyId, out string keySecret)
    {
        keyId = "";
        keySecret = "";
        var text = token?.Trim();
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var id = text[..colon];
        var secret = text[(colon + 1)..];
        if (id.Length > MaxKeyIdLength || secret.Length > MaxKeySecretLength || !IsVisibleAscii(id) || !IsVisibleAscii(secret))
        {
            return false;
        }

        keyId = id;
        keySecret = secret;
        return true;
    }

    private static bool IsVisibleAscii(string value) => value.All(c => c is > ' ' and < '\u007f');
}

/// <summary>The channel a message is sent on first.</summary>
public enum SinchConversationChannel
{
    Mms = 1,
    Rcs = 2,
    Sms = 3,
}

/// <summary>The app as far as the portal needs it: its channels, and the service plan its SMS channel uses.</summary>
/// <param name="SmsServicePlanId">The <c>claimed_identity</c> of the app's SMS channel credential, when it has one.</param>
public sealed record SinchConversationApp(string Id, string? DisplayName, IReadOnlyList<string> Channels, string? SmsServicePlanId)
{
    public bool HasChannel(SinchConversationChannel channel) =>
        Channels.Contains(SinchConversationClient.ChannelName(channel), StringComparer.Ordinal);
}

/// <summary>A text message to one recipient, on <see cref="Channel"/>, optionally falling back to SMS.</summary>
public sealed record SinchConversationMessageRequest(SinchConversationChannel Channel, string To, string Text)
{
    public const int MaxTextLength = 2000;

    /// <summary>Also address the recipient on SMS and let Sinch switch to it when <see cref="Channel"/> fails.</summary>
    public bool SmsFallback { get; init; }

    /// <summary><c>channel_properties.SMS_SENDER</c>: the fallback SMS's sender (else the app's default).</summary>
    public string? SmsSender { get; init; }

    /// <summary><c>channel_properties.MMS_SENDER</c> (else the app's default).</summary>
    public string? MmsSender { get; init; }

    /// <summary>Where Sinch sends this message's delivery reports instead of the app's webhooks.</summary>
    public Uri? CallbackUrl { get; init; }

    /// <summary>Echoed in delivery reports.</summary>
    public string? CorrelationId { get; init; }
}

/// <summary>Sinch's answer to <c>messages:send</c>.</summary>
public sealed record SinchSentMessage(string MessageId, DateTimeOffset? AcceptedTime);
