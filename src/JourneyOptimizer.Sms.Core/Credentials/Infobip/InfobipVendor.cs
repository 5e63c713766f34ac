using System.Globalization;
using FluentValidation;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>
/// Infobip as a credential vendor: an account (its API base URL and API key), the sandbox's own inbound number and
/// AJO's sending options (validity period, India DLT ids, callback data), and Fuzzy Opt-out for its inbound messages.
/// Infobip checks every save (a read of the SMS logs), sends from the inbound number (or a channel configuration's
/// sender) through the SMS API, and pushes inbound messages and delivery reports unsigned
/// (<see cref="InfobipWebhooks"/>). The inbound number is unique with its base URL across sandboxes, so that an
/// inbound message resolves to one sandbox.
/// </summary>
public sealed class InfobipVendor(
    IValidator<InfobipCredentialInput> validator,
    IInfobipClient client,
    InfobipCredentialVerifier verifier,
    ISecretProtector protector,
    IOptions<CustomProvidersOptions> addressOptions)
    : CredentialVendor<InfobipCredential, InfobipCredentialInput>(validator)
{
    public const string NumberTakenMessage =
        "This inbound number is already used with this API base URL (in this or another sandbox). Each sandbox needs its own inbound number.";

    private const string ApiKeyField = nameof(InfobipCredentialInput.ApiKey);

    public override SmsVendor Vendor => SmsVendor.Infobip;

    public override IReadOnlyList<string> SecretFields { get; } = [ApiKeyField];

    public override VendorWebhooks Webhooks { get; } = new InfobipWebhooks();

    /// <summary>The form's labels (English localization keys), for the audit log's sentences.</summary>
    public override IReadOnlyDictionary<string, string> FieldLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(InfobipCredentialInput.ApiBaseUrl)] = "API base URL",
        [ApiKeyField] = "API key",
        [nameof(InfobipCredentialInput.InboundNumber)] = "Inbound Number",
        [nameof(InfobipCredentialInput.ValidityPeriodHours)] = "Validity Period",
        [nameof(InfobipCredentialInput.PrincipalEntityId)] = "Principal Entity ID",
        [nameof(InfobipCredentialInput.ContentTemplateId)] = "Content Template ID",
        [nameof(InfobipCredentialInput.CallbackData)] = "Callback Data",
        [nameof(InfobipCredentialInput.FuzzyOptOut)] = "Fuzzy Opt-out",
        [nameof(InfobipCredentialInput.FuzzyAutoReply)] = "Fuzzy auto reply",
    };

    protected override InfobipCredentialInput ToInput(InfobipCredential credential) => new()
    {
        ApiBaseUrl = credential.ApiBaseUrl,
        InboundNumber = credential.InboundNumber,
        ValidityPeriodHours = credential.ValidityPeriodHours,
        PrincipalEntityId = credential.PrincipalEntityId,
        ContentTemplateId = credential.ContentTemplateId,
        CallbackData = credential.CallbackData,
        FuzzyOptOut = credential.FuzzyOptOut,
        FuzzyAutoReply = credential.FuzzyAutoReply,
    };

    protected override IReadOnlyDictionary<string, string> SecretHints(InfobipCredential credential) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [ApiKeyField] = credential.ApiKeyHint };

    protected override IEnumerable<FieldError> ValidateNew(InfobipCredentialInput input)
    {
        if (string.IsNullOrWhiteSpace(input.ApiKey))
        {
            yield return new FieldError(ApiKeyField, InfobipCredentialMessages.ApiKeyRequired);
        }
    }

    /// <summary>
    /// The draft: the base URL as <c>https://host[:port]</c>; a blank API key keeps the stored one, and so does one
    /// typed equal to it (no change in the audit log). Optional texts are trimmed, blank ones stored as null.
    /// </summary>
    protected override CredentialDraft Prepare(InfobipCredentialInput input, InfobipCredential? stored)
    {
        if (InfobipBaseUrl.TryNormalize(input.ApiBaseUrl, addressOptions.Value.AllowPrivateNetworks, out var baseUrl) != InfobipBaseUrl.Problem.None)
        {
            return CredentialDraft.Invalid([new FieldError(nameof(InfobipCredentialInput.ApiBaseUrl), InfobipCredentialMessages.ApiBaseUrlFormat)]);
        }

        var typed = string.IsNullOrWhiteSpace(input.ApiKey) ? null : input.ApiKey.Trim();
        string keyProtected;
        string keyHint;
        // An empty stored key is none: a copy's from another sandbox.
        var kept = string.IsNullOrEmpty(stored?.ApiKeyProtected) ? null : stored;
        if (typed is null || (kept is not null && string.Equals(protector.Unprotect(kept.ApiKeyProtected), typed, StringComparison.Ordinal)))
        {
            if (kept is null)
            {
                return CredentialDraft.Invalid([new FieldError(ApiKeyField, InfobipCredentialMessages.ApiKeyRequired)]);
            }

            (keyProtected, keyHint) = (kept.ApiKeyProtected, kept.ApiKeyHint);
        }
        else
        {
            (keyProtected, keyHint) = (protector.Protect(typed), ISecretProtector.Hint(typed));
        }

        var number = PhoneNumberRules.TryNormalizeNumberOrShortCode(input.InboundNumber)!;
        var fuzzy = input.FuzzyOptOut;
        var credential = new InfobipCredential
        {
            ApiBaseUrl = baseUrl!.GetLeftPart(UriPartial.Authority),
            ApiKeyProtected = keyProtected,
            ApiKeyHint = keyHint,
            InboundNumber = number,
            Address = number,
            ValidityPeriodHours = input.ValidityPeriodHours ?? InfobipCredential.DefaultValidityPeriodHours,
            PrincipalEntityId = Blank(input.PrincipalEntityId),
            ContentTemplateId = Blank(input.ContentTemplateId),
            // Infobip echoes it as it was sent: only an all-blank value counts as none.
            CallbackData = string.IsNullOrWhiteSpace(input.CallbackData) ? null : input.CallbackData,
            FuzzyOptOut = fuzzy,
            FuzzyAutoReply = Blank(input.FuzzyAutoReply),
        };
        return CredentialDraft.Of(credential, stored is null || keyProtected != stored.ApiKeyProtected ? [ApiKeyField] : []);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    protected override void ClearSecrets(InfobipCredential copy) => (copy.ApiKeyProtected, copy.ApiKeyHint) = ("", "");

    protected override IReadOnlyDictionary<string, string?> Snapshot(InfobipCredential credential) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [nameof(InfobipCredentialInput.ApiBaseUrl)] = credential.ApiBaseUrl,
        [nameof(InfobipCredentialInput.InboundNumber)] = credential.InboundNumber,
        [nameof(InfobipCredentialInput.ValidityPeriodHours)] = credential.ValidityPeriodHours.ToString(CultureInfo.InvariantCulture),
        [nameof(InfobipCredentialInput.PrincipalEntityId)] = credential.PrincipalEntityId,
        [nameof(InfobipCredentialInput.ContentTemplateId)] = credential.ContentTemplateId,
        [nameof(InfobipCredentialInput.CallbackData)] = credential.CallbackData,
        [nameof(InfobipCredentialInput.FuzzyOptOut)] = credential.FuzzyOptOut ? "true" : "false",
        [nameof(InfobipCredentialInput.FuzzyAutoReply)] = credential.FuzzyAutoReply,
    };

    protected override async Task<FieldError?> FindConflictAsync(SmsDbContext db, InfobipCredential credential, CancellationToken cancellationToken) =>
        await db.Set<InfobipCredential>().AnyAsync(c => c.ApiBaseUrl == credential.ApiBaseUrl && c.InboundNumber == credential.InboundNumber
                && c.Id != credential.Id, cancellationToken)
            ? new FieldError(nameof(InfobipCredentialInput.InboundNumber), NumberTakenMessage)
            : null;

    protected override async Task<VendorVerification> VerifyAsync(InfobipCredential credential, CancellationToken cancellationToken)
    {
        var verification = await verifier.VerifyAsync(new Uri(credential.ApiBaseUrl), protector.Unprotect(credential.ApiKeyProtected), cancellationToken);
        return verification.Outcome switch
        {
            ProviderVerificationOutcome.Verified => VendorVerification.Verified(null),
            ProviderVerificationOutcome.Rejected => VendorVerification.Rejected(verification.Errors),
            _ => VendorVerification.Unreachable(verification.Errors),
        };
    }

    /// <summary>Infobip sends a test message from the credential's inbound number.</summary>
    protected override Task<TestMessageResult> SendTestAsync(InfobipCredential credential, string? from, string recipient, string message,
        CancellationToken cancellationToken) =>
        SendAsync(credential, credential.InboundNumber, recipient, message, cancellationToken);

    /// <summary>One text through <c>POST /sms/3/messages</c> with the credential's validity period, India DLT ids and callback data.</summary>
    protected override async Task<TestMessageResult> SendAsync(InfobipCredential credential, string from, string recipient, string message,
        CancellationToken cancellationToken)
    {
        // Numbers go in international format (Infobip writes them without '+', which the client drops); an
        // alphanumeric sender ID goes as it is.
        var sender = PhoneNumberRules.TryNormalizeNumberOrShortCode(from) ?? from.Trim();
        var to = PhoneNumberRules.TryNormalizeE164(recipient) ?? recipient.Trim();
        var text = new InfobipTextMessage(sender.StartsWith('+') ? sender[1..] : sender, to, message)
        {
            ValidityPeriodHours = credential.ValidityPeriodHours,
            PrincipalEntityId = credential.PrincipalEntityId,
            ContentTemplateId = credential.ContentTemplateId,
            CallbackData = credential.CallbackData,
        };
        var result = await client.SendTextAsync(new InfobipApiCredentials(new Uri(credential.ApiBaseUrl), protector.Unprotect(credential.ApiKeyProtected)),
            text, cancellationToken);
        if (result.Succeeded)
        {
            return new TestMessageResult(true, result.Value.MessageId, result.Value.StatusName ?? result.Value.StatusGroup);
        }

        var (key, args) = InfobipErrorText.ForFailure(result.Failure);
        return new TestMessageResult(false, null, null, result.Failure.HttpStatus is >= 400 and var status ? status : null, key, args,
            Transient: result.Failure.Kind is InfobipFailureKind.Unreachable or InfobipFailureKind.RateLimited);
    }

    /// <summary>
    /// The credential verifies with Infobip. The SMS API has no read of an account's senders, so a number, short code
    /// or alphanumeric sender ID (its format checked by the channel configuration) is checked by Infobip when sending.
    /// </summary>
    protected override async Task<SenderCheckResult> CheckSenderAsync(InfobipCredential credential, string senderNumber,
        CancellationToken cancellationToken)
    {
        var verification = await verifier.VerifyAsync(new Uri(credential.ApiBaseUrl), protector.Unprotect(credential.ApiKeyProtected), cancellationToken);
        var errors = verification.Errors
            .Select(e => e with { Field = e.Field.Length == 0 ? FieldError.FormLevel : SenderCheckResult.CredentialField })
            .ToList();
        return verification.Outcome switch
        {
            ProviderVerificationOutcome.Verified => new SenderCheckResult(SenderCheckOutcome.Passed, []),
            ProviderVerificationOutcome.Rejected => new SenderCheckResult(SenderCheckOutcome.Rejected, errors),
            _ => new SenderCheckResult(SenderCheckOutcome.Unreachable, errors),
        };
    }
}
