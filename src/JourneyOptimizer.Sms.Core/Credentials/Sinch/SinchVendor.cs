using FluentValidation;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>
/// Sinch (SMS) as a credential vendor: a service plan of the SMS REST API (AJO's Service ID and API Token) with the
/// sandbox's own inbound number, checked on every save (<see cref="SinchCredentialVerifier"/>). It sends from the
/// inbound number (or a channel configuration's sender) with delivery reports to the Override URL when set, and its
/// callbacks are signed with the service plan's HMAC secret (<see cref="SinchWebhooks"/>). The inbound number is
/// unique with its service plan across sandboxes, so that an inbound message resolves to one sandbox.
/// </summary>
public sealed class SinchVendor(IValidator<SinchCredentialInput> validator, SinchCredentialVerifier verifier, ISecretProtector protector,
    TimeProvider time) : CredentialVendor<SinchCredential, SinchCredentialInput>(validator)
{
    public const string NumberTakenMessage =
        "This inbound number is already used with this Service ID (in this or another sandbox). Each sandbox needs its own inbound number.";

    private const string ApiTokenField = nameof(SinchCredentialInput.ApiToken);
    private const string WebhookSecretField = nameof(SinchCredentialInput.WebhookSecret);

    public override SmsVendor Vendor => SmsVendor.Sinch;

    public override IReadOnlyList<string> SecretFields { get; } = [ApiTokenField, WebhookSecretField];

    public override IReadOnlyDictionary<string, string> FieldLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(SinchCredentialInput.ServiceId)] = "Service ID",
        [nameof(SinchCredentialInput.ApiToken)] = "API Token",
        [nameof(SinchCredentialInput.InboundNumber)] = "Inbound Number",
        [nameof(SinchCredentialInput.OverrideUrl)] = "Override URL",
        [nameof(SinchCredentialInput.WebhookSecret)] = "Webhook secret",
    };

    public override VendorWebhooks Webhooks { get; } = new SinchWebhooks(protector, time);

    protected override SinchCredentialInput ToInput(SinchCredential credential) => new()
    {
        ServiceId = credential.ServicePlanId,
        InboundNumber = credential.InboundNumber,
        OverrideUrl = credential.OverrideUrl,
    };

    protected override IReadOnlyDictionary<string, string> SecretHints(SinchCredential credential)
    {
        var hints = new Dictionary<string, string>(StringComparer.Ordinal) { [ApiTokenField] = credential.ApiTokenHint };
        if (credential.WebhookSecretHint is { } secret)
        {
            hints[WebhookSecretField] = secret;
        }

        return hints;
    }

    protected override IEnumerable<FieldError> ValidateNew(SinchCredentialInput input)
    {
        if (string.IsNullOrWhiteSpace(input.ApiToken))
        {
            yield return new FieldError(ApiTokenField, SinchCredentialMessages.ApiTokenRequired);
        }
    }

    /// <summary>A blank secret keeps the stored one; the webhook secret stays optional.</summary>
    protected override CredentialDraft Prepare(SinchCredentialInput input, SinchCredential? stored)
    {
        var token = VendorSecret.Keep(protector, input.ApiToken, stored?.ApiTokenProtected, stored?.ApiTokenHint);
        if (token is null)
        {
            return CredentialDraft.Invalid([new FieldError(ApiTokenField, SinchCredentialMessages.ApiTokenRequired)]);
        }

        var webhookSecret = VendorSecret.Keep(protector, input.WebhookSecret, stored?.WebhookSecretProtected, stored?.WebhookSecretHint);
        var number = PhoneNumberRules.TryNormalizeNumberOrShortCode(input.InboundNumber)!;
        var credential = new SinchCredential
        {
            ServicePlanId = input.ServiceId!.Trim().ToLowerInvariant(),
            ApiTokenProtected = token.Protected,
            ApiTokenHint = token.Hint,
            InboundNumber = number,
            OverrideUrl = string.IsNullOrWhiteSpace(input.OverrideUrl) ? null : input.OverrideUrl.Trim(),
            WebhookSecretProtected = webhookSecret?.Protected,
            WebhookSecretHint = webhookSecret?.Hint,
            Address = number,
        };
        List<string> changed = [];
        if (credential.ApiTokenProtected != stored?.ApiTokenProtected)
        {
            changed.Add(ApiTokenField);
        }

        if (credential.WebhookSecretProtected != stored?.WebhookSecretProtected)
        {
            changed.Add(WebhookSecretField);
        }

        return CredentialDraft.Of(credential, changed);
    }

    protected override void ClearSecrets(SinchCredential copy)
    {
        (copy.ApiTokenProtected, copy.ApiTokenHint) = ("", "");
        (copy.WebhookSecretProtected, copy.WebhookSecretHint) = (null, null);
    }

    protected override IReadOnlyDictionary<string, string?> Snapshot(SinchCredential credential) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [nameof(SinchCredentialInput.ServiceId)] = credential.ServicePlanId,
        [nameof(SinchCredentialInput.InboundNumber)] = credential.InboundNumber,
        [nameof(SinchCredentialInput.OverrideUrl)] = credential.OverrideUrl,
    };

    protected override async Task<FieldError?> FindConflictAsync(SmsDbContext db, SinchCredential credential, CancellationToken cancellationToken) =>
        await db.Set<SinchCredential>().AnyAsync(c => c.ServicePlanId == credential.ServicePlanId && c.InboundNumber == credential.InboundNumber
                && c.Id != credential.Id, cancellationToken)
            ? new FieldError(nameof(SinchCredentialInput.InboundNumber), NumberTakenMessage)
            : null;

    protected override async Task<VendorVerification> VerifyAsync(SinchCredential credential, CancellationToken cancellationToken) =>
        (await verifier.VerifyAsync(credential.ServicePlanId, Token(credential), cancellationToken)).ToVendor();

    /// <summary>Sinch sends a test message from the credential's inbound number.</summary>
    protected override Task<TestMessageResult> SendTestAsync(SinchCredential credential, string? from, string recipient, string message,
        CancellationToken cancellationToken) =>
        SendAsync(credential, credential.InboundNumber, recipient, message, cancellationToken);

    protected override async Task<TestMessageResult> SendAsync(SinchCredential credential, string from, string recipient, string message,
        CancellationToken cancellationToken)
    {
        var callback = credential.OverrideUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;
        return (await verifier.SendTestAsync(credential.ServicePlanId, Token(credential), SinchVendorResults.SinchNumber(from),
            SinchVendorResults.SinchNumber(recipient), message, callback, cancellationToken)).ToTestMessage();
    }

    /// <summary>
    /// The credential verifies. Any number, short code or sender ID passes the format rules of the configuration: Sinch
    /// decides which originators a service plan may use when it sends, and a service plan token cannot list them.
    /// </summary>
    protected override async Task<SenderCheckResult> CheckSenderAsync(SinchCredential credential, string senderNumber,
        CancellationToken cancellationToken) =>
        (await verifier.VerifyAsync(credential.ServicePlanId, Token(credential), cancellationToken)).ToSenderCheck();

    private string Token(SinchCredential credential) => protector.Unprotect(credential.ApiTokenProtected);
}
