using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Sandboxes;

namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>
/// An endpoint of the portal that a provider calls (Inbound or Feedback), owned by one sandbox and bound to one API
/// credential of the same vendor. Providers reach it at <c>{Webhooks:PublicBaseUrl}/webhooks/{PathToken}</c>.
/// </summary>
public sealed class Webhook
{
    public const int NameMaxLength = 100;
    public const int PathTokenMaxLength = 64;
    public const int SecretHashLength = 64;
    public const int SecretHintLength = 4;
    public const int KeywordSettingsMaxLength = 16000;
    public const int PayloadMappingMaxLength = 4000;
    public const int UserNameMaxLength = 256;

    public int Id { get; set; }

    public int SandboxId { get; set; }

    public Sandbox? Sandbox { get; set; }

    public required string Name { get; set; }

    /// <summary>Upper-case invariant form of <see cref="Name"/>: unique per sandbox, the list's order.</summary>
    public string NormalizedName { get; set; } = "";

    public SmsVendor Vendor { get; set; }

    public WebhookType Type { get; set; }

    public int ApiCredentialId { get; set; }

    public ApiCredential? ApiCredential { get; set; }

    /// <summary>The sender phone number (E.164 or short code) whose messages this webhook receives.</summary>
    public string SenderNumber { get; set; } = "";

    /// <summary>Unguessable URL segment (base64url of 32 random bytes); unique. Identifies the webhook on a call.</summary>
    public required string PathToken { get; set; }

    /// <summary>
    /// Custom webhooks: SHA-256 (hex, lower case) of the signing secret the provider sends as
    /// <c>Authorization: Bearer</c>. The secret itself is shown once and never stored. Null for Twilio.
    /// </summary>
    public string? SigningSecretHash { get; set; }

    /// <summary>Last characters of the signing secret, to recognise it. Null for Twilio.</summary>
    public string? SigningSecretHint { get; set; }

    /// <summary>Inbound webhooks: <see cref="InboundKeywordSettings"/> as JSON. Null for Feedback.</summary>
    public string? KeywordSettingsJson { get; set; }

    /// <summary>Custom webhooks: <see cref="PayloadMapping"/> as JSON. Null for Twilio.</summary>
    public string? PayloadMappingJson { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime ModifiedAtUtc { get; set; }

    public required string ModifiedBy { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every update.</summary>
    public int Version { get; set; }
}
