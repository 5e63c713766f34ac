using FluentValidation;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// Any HTTP provider (SMS, MMS or RCS) as a credential vendor: its configuration as JSON, every secret in one
/// protected blob. There is no account to ask, so a save is not checked: the first test message a provider accepts
/// verifies the credential, and one it refuses marks it failed.
/// </summary>
public sealed class CustomVendor(IValidator<CustomCredentialInput> validator, ICustomProviderClient client, ISecretProtector protector)
    : CredentialVendor<CustomCredential, CustomCredentialInput>(validator)
{
    public const string VerifiedByTestMessageMessage = "A Custom provider is verified by a test message: use Verify SMS connection.";

    private readonly IValidator<CustomCredentialInput> _validator = validator;

    public override SmsVendor Vendor => SmsVendor.Custom;

    public override IReadOnlyList<MobileChannel> ChannelTypes { get; } = [MobileChannel.Sms, MobileChannel.Mms, MobileChannel.Rcs];

    public override bool VerifiedByTestMessage => true;

    public override bool TestMessageNeedsSender => true;

    public override IReadOnlyList<string> SecretFields { get; } = [.. CustomCredentialInput.SecretFields.Order(StringComparer.Ordinal)];

    public override VendorWebhooks Webhooks { get; } = new CustomWebhooks();

    public override IReadOnlyDictionary<string, string> FieldLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(CustomCredentialInput.ProviderName)] = "Provider Name",
        [nameof(CustomCredentialInput.ProviderAppId)] = "Provider AppId",
        [nameof(CustomCredentialInput.ProviderUrl)] = "Provider URL",
        [nameof(CustomCredentialInput.ChannelType)] = "Channel type",
        [nameof(CustomCredentialInput.AuthType)] = "Auth Type",
        [nameof(CustomCredentialInput.MtlsEnabled)] = "mTLS support",
        ["ClientCertificate"] = "Client certificate",
        [nameof(CustomCredentialInput.ClientPrivateKeyPem)] = "Private key (PEM)",
        [nameof(CustomCredentialInput.ApiToken)] = "API Token",
        [nameof(CustomCredentialInput.ApiKeyHeaderName)] = "Header name",
        [nameof(CustomCredentialInput.BasicUserName)] = "User name",
        [nameof(CustomCredentialInput.BasicPassword)] = "Password",
        [nameof(CustomCredentialInput.BearerToken)] = "Bearer token",
        [nameof(CustomCredentialInput.OAuthUrl)] = "OAuth URL",
        [nameof(CustomCredentialInput.OAuthBody)] = "OAuth Body",
        [nameof(CustomCredentialInput.JwtPayload)] = "JWT Payload",
        [nameof(CustomCredentialInput.ApiSecretKey)] = "API Secret Key",
        [nameof(CustomCredentialInput.MacHashFormat)] = "Mac Authorization Hash Format",
        ["ContentType"] = "Content-Type",
        [nameof(CustomCredentialInput.Headers)] = "Headers",
        [nameof(CustomCredentialInput.ProviderPayload)] = "Provider Payload",
        [nameof(CustomCredentialInput.MessageIdExtractor)] = "Response message-ID extractor",
    };

    protected override CustomCredentialInput ToInput(CustomCredential credential) =>
        CustomCredentialMapper.ToInput(credential.Name, credential.Configuration());

    protected override IReadOnlyDictionary<string, string> SecretHints(CustomCredential credential) => credential.Configuration().SecretHints;

    protected override CredentialDraft Prepare(CustomCredentialInput input, CustomCredential? stored)
    {
        var existing = stored is null ? null : CustomProviderSecrets.FromJson(protector.Unprotect(stored.SecretsProtected));
        var mapping = CustomCredentialMapper.Map(input, existing);
        if (!mapping.Succeeded)
        {
            return CredentialDraft.Invalid(mapping.Errors);
        }

        var configuration = mapping.Configuration!;
        var credential = new CustomCredential
        {
            Address = CustomCredential.AddressOf(configuration.ChannelType),
            ProviderName = configuration.ProviderName,
            ProviderUrl = configuration.ProviderUrl,
            ChannelType = configuration.ChannelType,
            AuthType = configuration.AuthType,
            ConfigurationJson = configuration.ToJson(),
            SecretsProtected = stored is not null && mapping.ChangedSecretFields.Count == 0
                ? stored.SecretsProtected
                : protector.Protect(mapping.Secrets!.ToJson()),
        };
        return CredentialDraft.Of(credential, mapping.ChangedSecretFields);
    }

    /// <summary>The secrets are one protected blob: a copy gets an empty one (still protected), and its configuration no hints.</summary>
    protected override void ClearSecrets(CustomCredential copy)
    {
        copy.SecretsProtected = protector.Protect(CustomProviderSecrets.Empty.ToJson());
        copy.ConfigurationJson = (copy.Configuration() with { SecretHints = new Dictionary<string, string>() }).ToJson();
    }

    /// <summary>The non-secret fields as the audit log compares them.</summary>
    protected override IReadOnlyDictionary<string, string?> Snapshot(CustomCredential credential)
    {
        var c = credential.Configuration();
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [nameof(CustomCredentialInput.ProviderName)] = c.ProviderName,
            [nameof(CustomCredentialInput.ProviderAppId)] = c.ProviderAppId,
            [nameof(CustomCredentialInput.ProviderUrl)] = c.ProviderUrl,
            [nameof(CustomCredentialInput.ChannelType)] = c.ChannelType?.ToString(),
            [nameof(CustomCredentialInput.AuthType)] = c.AuthType.ToString(),
            [nameof(CustomCredentialInput.MtlsEnabled)] = c.MtlsEnabled ? "true" : "false",
            ["ClientCertificate"] = c.ClientCertificateThumbprint,
            [nameof(CustomCredentialInput.ApiKeyHeaderName)] = c.ApiKeyHeaderName,
            [nameof(CustomCredentialInput.BasicUserName)] = c.BasicUserName,
            [nameof(CustomCredentialInput.OAuthUrl)] = c.OAuthUrl,
            [nameof(CustomCredentialInput.JwtPayload)] = c.JwtPayload,
            [nameof(CustomCredentialInput.MacHashFormat)] = c.MacHashFormat?.ToString(),
            ["ContentType"] = c.ContentTypeHeaderValue,
            [nameof(CustomCredentialInput.Headers)] = string.Join("; ", c.Headers.Select(h => h.IsSecret ? h.Name + ": (secret)" : h.Name + ": " + h.Value)),
            [nameof(CustomCredentialInput.ProviderPayload)] = c.ProviderPayload,
            [nameof(CustomCredentialInput.MessageIdExtractor)] = c.MessageIdExtractor,
        };
    }

    protected override Task<VendorVerification> VerifyAsync(CustomCredential credential, CancellationToken cancellationToken) =>
        Task.FromResult(VendorVerification.NotChecked(VerifiedByTestMessageMessage));

    protected override async Task<TestMessageResult> SendAsync(CustomCredential credential, string from, string recipient, string message,
        CancellationToken cancellationToken)
    {
        var secrets = CustomProviderSecrets.FromJson(protector.Unprotect(credential.SecretsProtected));
        var sent = await client.SendAsync(credential.Configuration(), secrets, from, recipient, message, cancellationToken);
        var status = sent.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return sent.Succeeded
            ? new TestMessageResult(true, sent.MessageId, status, ErrorKey: sent.MessageId is null ? sent.Message : null, Excerpt: sent.ResponseExcerpt)
            : new TestMessageResult(false, null, status, sent.StatusCode, sent.Message, sent.MessageArguments, sent.ResponseExcerpt,
                Transient: sent.Failure switch
                {
                    CustomSendFailure.Timeout or CustomSendFailure.ConnectionFailed => true,
                    CustomSendFailure.HttpError => sent.StatusCode is 429 or >= 500,
                    _ => false,
                });
    }

    /// <summary>The stored configuration is complete (its required secrets stored) and its URLs pass the address rules.</summary>
    protected override Task<SenderCheckResult> CheckSenderAsync(CustomCredential credential, string senderNumber, CancellationToken cancellationToken)
    {
        var input = CustomCredentialMapper.ToInput(credential.Name, credential.Configuration());
        var errors = _validator.Validate(input).Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList();
        if (errors.Count == 0)
        {
            var secrets = CustomProviderSecrets.FromJson(protector.Unprotect(credential.SecretsProtected));
            errors.AddRange(CustomCredentialMapper.Map(input, secrets).Errors);
        }

        return Task.FromResult(errors.Count == 0
            ? new SenderCheckResult(SenderCheckOutcome.Passed, [])
            : new SenderCheckResult(SenderCheckOutcome.Rejected,
            [
                new FieldError(SenderCheckResult.CredentialField, SenderCheckResult.CustomIncomplete),
                .. errors.Select(e => new FieldError(SenderCheckResult.CredentialField, e.Message, e.Arguments)).Take(3),
            ]));
    }
}
