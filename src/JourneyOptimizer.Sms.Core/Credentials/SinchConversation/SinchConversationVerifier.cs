using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;

namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>
/// Checks Sinch MMS and Sinch RCS credentials against the Conversation API (the key, project, app and region, and that the
/// app has the vendor's channel) and, for RCS with an SMS fallback, that the app's SMS channel uses the given service plan
/// and that the SMS API Token is that plan's. Also sends the "Verify SMS connection" test message.
/// </summary>
public sealed class SinchConversationVerifier(ISinchConversationClient conversation, ISinchSmsClient sms)
{
    public const string NoMmsChannel = "This app has no MMS channel. Add MMS to the app in the Sinch dashboard.";
    public const string NoRcsChannel = "This app has no RCS channel. Add RCS to the app in the Sinch dashboard.";
    public const string NoSmsChannelForPlan = "The app's SMS channel does not use this Service Plan ID, so the SMS fallback would not work.";
    public const string SmsTokenNotForPlan = "Sinch did not accept the SMS API Token for this Service Plan ID.";

    private const string AppIdField = nameof(SinchMmsCredentialInput.AppId);
    private const string ProjectIdField = nameof(SinchMmsCredentialInput.ProjectId);
    private const string ApiTokenField = nameof(SinchMmsCredentialInput.ApiToken);
    private const string ServicePlanIdField = nameof(SinchRcsCredentialInput.ServicePlanId);
    private const string SmsApiTokenField = nameof(SinchRcsCredentialInput.SmsApiToken);

    public Task<ProviderVerification> VerifyMmsAsync(string projectId, string appId, string apiToken, CancellationToken cancellationToken) =>
        VerifyAsync(SinchConversationChannel.Mms, projectId, appId, apiToken, null, null, cancellationToken);

    /// <param name="servicePlanId">The SMS fallback's service plan, or null without a fallback.</param>
    public Task<ProviderVerification> VerifyRcsAsync(string projectId, string appId, string apiToken, string? servicePlanId,
        string? smsApiToken, CancellationToken cancellationToken) =>
        VerifyAsync(SinchConversationChannel.Rcs, projectId, appId, apiToken, servicePlanId, smsApiToken, cancellationToken);

    /// <summary>Sends one text on MMS or RCS (with the SMS fallback when <paramref name="smsFallback"/>).</summary>
    public Task<ProviderSendOutcome> SendTestAsync(SinchConversationChannel channel, string projectId, string appId, string apiToken,
        string to, string text, bool smsFallback, CancellationToken cancellationToken) =>
        SendAsync(channel, projectId, appId, apiToken, null, to, text, smsFallback, cancellationToken);

    /// <summary>
    /// Sends one text on MMS or RCS from <paramref name="sender"/> (<c>MMS_SENDER</c> on MMS, the SMS fallback's
    /// <c>SMS_SENDER</c> on RCS; the app's default when null).
    /// </summary>
    public async Task<ProviderSendOutcome> SendAsync(SinchConversationChannel channel, string projectId, string appId, string apiToken,
        string? sender, string to, string text, bool smsFallback, CancellationToken cancellationToken)
    {
        if (!SinchConversationApiToken.TryParse(apiToken, out var keyId, out var keySecret))
        {
            return ProviderSendOutcome.Failure(null, SinchConversationMessages.ApiTokenFormat);
        }

        var result = await conversation.SendTextAsync(new SinchConversationCredentials(projectId, appId, keyId, keySecret),
            new SinchConversationMessageRequest(channel, to, text)
            {
                SmsFallback = smsFallback,
                MmsSender = channel == SinchConversationChannel.Mms ? sender : null,
                SmsSender = channel == SinchConversationChannel.Rcs && smsFallback ? sender : null,
            }, cancellationToken);
        if (result.Succeeded)
        {
            return ProviderSendOutcome.Success(result.Value.MessageId);
        }

        var (key, args) = SinchErrorText.ForFailure(result.Failure, SinchApi.Conversation);
        return ProviderSendOutcome.Failure(result.Failure.Code, key, args) with { Transient = result.Failure.Kind.IsTransient() };
    }

    private async Task<ProviderVerification> VerifyAsync(SinchConversationChannel channel, string projectId, string appId, string apiToken,
        string? servicePlanId, string? smsApiToken, CancellationToken cancellationToken)
    {
        if (!SinchConversationApiToken.TryParse(apiToken, out var keyId, out var keySecret))
        {
            return ProviderVerification.Rejected(new FieldError(ApiTokenField, SinchConversationMessages.ApiTokenFormat));
        }

        var app = await conversation.GetAppAsync(new SinchConversationCredentials(projectId, appId, keyId, keySecret), cancellationToken);
        if (!app.Succeeded)
        {
            var (key, args) = SinchErrorText.ForFailure(app.Failure, SinchApi.Conversation);
            return app.Failure.Kind switch
            {
                SinchFailureKind.Unreachable or SinchFailureKind.RateLimited => ProviderVerification.Unreachable(key, args),
                SinchFailureKind.Unauthorized => ProviderVerification.Rejected(new FieldError(ApiTokenField, key, args)),
                SinchFailureKind.NotFound => ProviderVerification.Rejected(new FieldError(AppIdField, key, args)),
                _ when app.Failure.HttpStatus == 403 => ProviderVerification.Rejected(new FieldError(ProjectIdField, key, args)),
                _ => ProviderVerification.Rejected(new FieldError(FieldError.FormLevel, key, args)),
            };
        }

        var errors = new List<FieldError>();
        if (!app.Value.HasChannel(channel))
        {
            errors.Add(new FieldError(AppIdField, channel == SinchConversationChannel.Mms ? NoMmsChannel : NoRcsChannel));
        }

        if (!string.IsNullOrWhiteSpace(servicePlanId))
        {
            if (!string.Equals(app.Value.SmsServicePlanId, servicePlanId.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(ServicePlanIdField, NoSmsChannelForPlan));
            }

            var plan = await sms.ListBatchesAsync(new SinchSmsCredentials(servicePlanId, smsApiToken ?? ""), cancellationToken);
            if (!plan.Succeeded)
            {
                var (key, args) = SinchErrorText.ForFailure(plan.Failure, SinchApi.Sms);
                switch (plan.Failure.Kind)
                {
                    case SinchFailureKind.Unreachable or SinchFailureKind.RateLimited:
                        return ProviderVerification.Unreachable(key, args);
                    case SinchFailureKind.Unauthorized or SinchFailureKind.InvalidRequest:
                        errors.Add(new FieldError(SmsApiTokenField, SmsTokenNotForPlan));
                        break;
                    default:
                        errors.Add(new FieldError(ServicePlanIdField, key, args));
                        break;
                }
            }
        }

        return errors.Count == 0 ? ProviderVerification.Verified : ProviderVerification.Rejected([.. errors]);
    }
}
