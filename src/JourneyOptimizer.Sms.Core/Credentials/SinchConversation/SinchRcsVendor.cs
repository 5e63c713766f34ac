using FluentValidation;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;

namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>
/// Sinch RCS as a credential vendor: a Conversation API app with an RCS agent (AJO's Project ID, App ID and API Token),
/// optionally with the SMS service plan of its SMS fallback (Service Plan ID and SMS API Token), checked on every save.
/// It serves RCS channel configurations (their sender is the fallback's SMS sender) and receives the app's callbacks,
/// signed with the app webhook's secret (<see cref="SinchRcsWebhooks"/>).
/// </summary>
public sealed class SinchRcsVendor(IValidator<SinchRcsCredentialInput> validator, SinchConversationVerifier verifier, ISecretProtector protector,
    TimeProvider time) : CredentialVendor<SinchRcsCredential, SinchRcsCredentialInput>(validator), ITestMessageOrigin
{
    public const string DisplayNameText = "Sinch RCS";
    public const string ChannelAddress = "RCS";
    public const string SmsApiTokenRequired = "Enter the SMS API Token of this Service Plan ID.";

    private const string ApiTokenField = nameof(SinchRcsCredentialInput.ApiToken);
    private const string SmsApiTokenField = nameof(SinchRcsCredentialInput.SmsApiToken);
    private const string WebhookSecretField = nameof(SinchRcsCredentialInput.WebhookSecret);

    public override SmsVendor Vendor => SmsVendor.SinchRcs;

    public override string DisplayName => DisplayNameText;

    /// <summary>The test message goes as the app's RCS agent (<see cref="SendTestAsync"/>), not from a number of the credential.</summary>
    public string TestMessageOriginMessage => TestMessageFromAgentMessage;

    public const string TestMessageFromAgentMessage =
        "Sends a real message through the provider with this credential, as the RCS agent of its Sinch app, and shows the provider's answer.";

    public override IReadOnlyList<MobileChannel> ChannelTypes { get; } = [MobileChannel.Rcs];

    public override IReadOnlyList<string> SecretFields { get; } = [ApiTokenField, SmsApiTokenField, WebhookSecretField];

    public override IReadOnlyDictionary<string, string> FieldLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(SinchRcsCredentialInput.ProjectId)] = "Project ID",
        [nameof(SinchRcsCredentialInput.AppId)] = "App ID",
        [nameof(SinchRcsCredentialInput.ApiToken)] = "API Token",
        [nameof(SinchRcsCredentialInput.ServicePlanId)] = "Service Plan ID",
        [nameof(SinchRcsCredentialInput.SmsApiToken)] = "SMS API Token",
        [nameof(SinchRcsCredentialInput.ApiRateLimit)] = "API rate limit",
        [nameof(SinchRcsCredentialInput.WebhookSecret)] = "Webhook secret",
    };

    public override VendorWebhooks Webhooks { get; } = new SinchRcsWebhooks(protector, time);

    protected override SinchRcsCredentialInput ToInput(SinchRcsCredential credential) => new()
    {
        ProjectId = credential.ProjectId,
        AppId = credential.AppId,
        ServicePlanId = credential.ServicePlanId,
        ApiRateLimit = credential.ApiRateLimit,
    };

    protected override IReadOnlyDictionary<string, string> SecretHints(SinchRcsCredential credential)
    {
        var hints = new Dictionary<string, string>(StringComparer.Ordinal) { [ApiTokenField] = credential.ApiTokenHint };
        if (credential.SmsApiTokenHint is { } sms)
        {
            hints[SmsApiTokenField] = sms;
        }

        if (credential.WebhookSecretHint is { } secret)
        {
            hints[WebhookSecretField] = secret;
        }

        return hints;
    }

    protected override IEnumerable<FieldError> ValidateNew(SinchRcsCredentialInput input)
    {
        if (string.IsNullOrWhiteSpace(input.ApiToken))
        {
            yield return new FieldError(ApiTokenField, SinchCredentialMessages.ApiTokenRequired);
        }

        if (!string.IsNullOrWhiteSpace(input.ServicePlanId) && string.IsNullOrWhiteSpace(input.SmsApiToken))
        {
            yield return new FieldError(SmsApiTokenField, SmsApiTokenRequired);
        }
    }

    /// <summary>
    /// Blank secrets keep the stored ones; the SMS API Token is kept only while the Service Plan ID stays the same, and
    /// dropped with the fallback.
    /// </summary>
    protected override CredentialDraft Prepare(SinchRcsCredentialInput input, SinchRcsCredential? stored)
    {
        var token = VendorSecret.Keep(protector, input.ApiToken, stored?.ApiTokenProtected, stored?.ApiTokenHint);
        if (token is null)
        {
            return CredentialDraft.Invalid([new FieldError(ApiTokenField, SinchCredentialMessages.ApiTokenRequired)]);
        }

        var plan = string.IsNullOrWhiteSpace(input.ServicePlanId) ? null : input.ServicePlanId.Trim().ToLowerInvariant();
        var smsToken = plan is null
            ? null
            : VendorSecret.Keep(protector, input.SmsApiToken, stored?.ServicePlanId == plan ? stored.SmsApiTokenProtected : null, stored?.SmsApiTokenHint);
        if (plan is not null && smsToken is null)
        {
            return CredentialDraft.Invalid([new FieldError(SmsApiTokenField, SmsApiTokenRequired)]);
        }

        var webhookSecret = VendorSecret.Keep(protector, input.WebhookSecret, stored?.WebhookSecretProtected, stored?.WebhookSecretHint);
        var credential = new SinchRcsCredential
        {
            ProjectId = input.ProjectId!.Trim().ToLowerInvariant(),
            AppId = input.AppId!.Trim().ToUpperInvariant(),
            ApiTokenProtected = token.Protected,
            ApiTokenHint = token.Hint,
            ServicePlanId = plan,
            SmsApiTokenProtected = smsToken?.Protected,
            SmsApiTokenHint = smsToken?.Hint,
            ApiRateLimit = input.ApiRateLimit ?? 0,
            WebhookSecretProtected = webhookSecret?.Protected,
            WebhookSecretHint = webhookSecret?.Hint,
            Address = ChannelAddress,
        };
        List<string> changed = [];
        if (credential.ApiTokenProtected != stored?.ApiTokenProtected)
        {
            changed.Add(ApiTokenField);
        }

        if (credential.SmsApiTokenProtected != stored?.SmsApiTokenProtected)
        {
            changed.Add(SmsApiTokenField);
        }

        if (credential.WebhookSecretProtected != stored?.WebhookSecretProtected)
        {
            changed.Add(WebhookSecretField);
        }

        return CredentialDraft.Of(credential, changed);
    }

    protected override void ClearSecrets(SinchRcsCredential copy)
    {
        (copy.ApiTokenProtected, copy.ApiTokenHint) = ("", "");
        (copy.SmsApiTokenProtected, copy.SmsApiTokenHint) = (null, null);
        (copy.WebhookSecretProtected, copy.WebhookSecretHint) = (null, null);
    }

    protected override IReadOnlyDictionary<string, string?> Snapshot(SinchRcsCredential credential) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [nameof(SinchRcsCredentialInput.ProjectId)] = credential.ProjectId,
        [nameof(SinchRcsCredentialInput.AppId)] = credential.AppId,
        [nameof(SinchRcsCredentialInput.ServicePlanId)] = credential.ServicePlanId,
        [nameof(SinchRcsCredentialInput.ApiRateLimit)] = credential.ApiRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override async Task<VendorVerification> VerifyAsync(SinchRcsCredential credential, CancellationToken cancellationToken) =>
        (await Verify(credential, cancellationToken)).ToVendor();

    /// <summary>The test message goes on RCS from the app's agent (with the SMS fallback when the credential has one).</summary>
    protected override Task<TestMessageResult> SendTestAsync(SinchRcsCredential credential, string? from, string recipient, string message,
        CancellationToken cancellationToken) =>
        SendAsync(credential, "", recipient, message, cancellationToken);

    /// <summary><paramref name="from"/> is the SMS fallback's sender (RCS itself sends as the app's agent).</summary>
    protected override async Task<TestMessageResult> SendAsync(SinchRcsCredential credential, string from, string recipient, string message,
        CancellationToken cancellationToken) =>
        (await verifier.SendAsync(SinchConversationChannel.Rcs, credential.ProjectId, credential.AppId, Token(credential),
            string.IsNullOrWhiteSpace(from) ? null : SinchVendorResults.SinchNumber(from), SinchVendorResults.SinchNumber(recipient), message,
            smsFallback: credential.ServicePlanId is not null,
            cancellationToken)).ToTestMessage();

    /// <summary>The app verifies with its RCS channel (and its SMS fallback); the sender is the fallback's, checked by Sinch when sending.</summary>
    protected override async Task<SenderCheckResult> CheckSenderAsync(SinchRcsCredential credential, string senderNumber,
        CancellationToken cancellationToken) =>
        (await Verify(credential, cancellationToken)).ToSenderCheck();

    private Task<ProviderHttp.ProviderVerification> Verify(SinchRcsCredential credential, CancellationToken cancellationToken) =>
        verifier.VerifyRcsAsync(credential.ProjectId, credential.AppId, Token(credential), credential.ServicePlanId,
            credential.SmsApiTokenProtected is null ? null : protector.Unprotect(credential.SmsApiTokenProtected), cancellationToken);

    private string Token(SinchRcsCredential credential) => protector.Unprotect(credential.ApiTokenProtected);
}
