using FluentValidation;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Security;

namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>
/// Sinch MMS as a credential vendor: a Conversation API app with an MMS channel, reached with an access key (AJO's API
/// Token, <c>KeyID:KeySecret</c>), checked on every save. It serves MMS channel configurations only and is outbound
/// only: inbound messages and consent go through a Sinch (SMS) credential, so it receives no webhooks.
/// </summary>
public sealed class SinchMmsVendor(IValidator<SinchMmsCredentialInput> validator, SinchConversationVerifier verifier, ISecretProtector protector)
    : CredentialVendor<SinchMmsCredential, SinchMmsCredentialInput>(validator), ITestMessageOrigin
{
    public const string DisplayNameText = "Sinch MMS";
    public const string ChannelAddress = "MMS";
    public const string SenderNotNumberMessage = "MMS is sent from a phone number or a short code, not from a sender ID.";

    private const string ApiTokenField = nameof(SinchMmsCredentialInput.ApiToken);

    public override SmsVendor Vendor => SmsVendor.SinchMms;

    public override string DisplayName => DisplayNameText;

    /// <summary>The test message goes from the app's MMS channel (<see cref="SendTestAsync"/>), not from a number of the credential.</summary>
    public string TestMessageOriginMessage => TestMessageFromAppMessage;

    public const string TestMessageFromAppMessage =
        "Sends a real message through the provider with this credential, from the MMS sender of its Sinch app, and shows the provider's answer.";

    public override IReadOnlyList<MobileChannel> ChannelTypes { get; } = [MobileChannel.Mms];

    public override IReadOnlyList<string> SecretFields { get; } = [ApiTokenField];

    public override IReadOnlyDictionary<string, string> FieldLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(SinchMmsCredentialInput.ProjectId)] = "Project ID",
        [nameof(SinchMmsCredentialInput.AppId)] = "App ID",
        [nameof(SinchMmsCredentialInput.ApiToken)] = "API Token",
    };

    protected override SinchMmsCredentialInput ToInput(SinchMmsCredential credential) => new()
    {
        ProjectId = credential.ProjectId,
        AppId = credential.AppId,
    };

    protected override IReadOnlyDictionary<string, string> SecretHints(SinchMmsCredential credential) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [ApiTokenField] = credential.ApiTokenHint };

    protected override IEnumerable<FieldError> ValidateNew(SinchMmsCredentialInput input)
    {
        if (string.IsNullOrWhiteSpace(input.ApiToken))
        {
            yield return new FieldError(ApiTokenField, SinchCredentialMessages.ApiTokenRequired);
        }
    }

    protected override CredentialDraft Prepare(SinchMmsCredentialInput input, SinchMmsCredential? stored)
    {
        var token = VendorSecret.Keep(protector, input.ApiToken, stored?.ApiTokenProtected, stored?.ApiTokenHint);
        if (token is null)
        {
            return CredentialDraft.Invalid([new FieldError(ApiTokenField, SinchCredentialMessages.ApiTokenRequired)]);
        }

        var credential = new SinchMmsCredential
        {
            ProjectId = input.ProjectId!.Trim().ToLowerInvariant(),
            AppId = input.AppId!.Trim().ToUpperInvariant(),
            ApiTokenProtected = token.Protected,
            ApiTokenHint = token.Hint,
            Address = ChannelAddress,
        };
        return CredentialDraft.Of(credential, credential.ApiTokenProtected != stored?.ApiTokenProtected ? [ApiTokenField] : []);
    }

    protected override void ClearSecrets(SinchMmsCredential copy) => (copy.ApiTokenProtected, copy.ApiTokenHint) = ("", "");

    protected override IReadOnlyDictionary<string, string?> Snapshot(SinchMmsCredential credential) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [nameof(SinchMmsCredentialInput.ProjectId)] = credential.ProjectId,
        [nameof(SinchMmsCredentialInput.AppId)] = credential.AppId,
    };

    protected override async Task<VendorVerification> VerifyAsync(SinchMmsCredential credential, CancellationToken cancellationToken) =>
        (await verifier.VerifyMmsAsync(credential.ProjectId, credential.AppId, Token(credential), cancellationToken)).ToVendor();

    /// <summary>The test message goes from the app's default MMS sender.</summary>
    protected override async Task<TestMessageResult> SendTestAsync(SinchMmsCredential credential, string? from, string recipient, string message,
        CancellationToken cancellationToken) =>
        (await verifier.SendAsync(SinchConversationChannel.Mms, credential.ProjectId, credential.AppId, Token(credential), null,
            SinchVendorResults.SinchNumber(recipient), message,
            smsFallback: false, cancellationToken)).ToTestMessage();

    protected override async Task<TestMessageResult> SendAsync(SinchMmsCredential credential, string from, string recipient, string message,
        CancellationToken cancellationToken) =>
        (await verifier.SendAsync(SinchConversationChannel.Mms, credential.ProjectId, credential.AppId, Token(credential),
            string.IsNullOrWhiteSpace(from) ? null : SinchVendorResults.SinchNumber(from), SinchVendorResults.SinchNumber(recipient), message,
            smsFallback: false, cancellationToken)).ToTestMessage();

    /// <summary>The app verifies and has its MMS channel, and the sender is a number or short code (MMS has no sender IDs).</summary>
    protected override async Task<SenderCheckResult> CheckSenderAsync(SinchMmsCredential credential, string senderNumber,
        CancellationToken cancellationToken)
    {
        if (PhoneNumberRules.TryNormalizeNumberOrShortCode(senderNumber) is null)
        {
            return new SenderCheckResult(SenderCheckOutcome.Rejected, [new FieldError(SenderCheckResult.SenderField, SenderNotNumberMessage)]);
        }

        return (await verifier.VerifyMmsAsync(credential.ProjectId, credential.AppId, Token(credential), cancellationToken)).ToSenderCheck();
    }

    private string Token(SinchMmsCredential credential) => protector.Unprotect(credential.ApiTokenProtected);
}
