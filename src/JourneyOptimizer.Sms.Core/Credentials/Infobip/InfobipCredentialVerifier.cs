using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;

namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>
/// Checks an Infobip credential (the base URL answers as Infobip and accepts the key) and sends the "Verify SMS
/// connection" test message with the credential's sending options.
/// </summary>
public sealed class InfobipCredentialVerifier(IInfobipClient client)
{
    private const string ApiBaseUrlField = nameof(InfobipCredentialInput.ApiBaseUrl);
    private const string ApiKeyField = nameof(InfobipCredentialInput.ApiKey);

    public async Task<ProviderVerification> VerifyAsync(Uri apiBaseUrl, string apiKey, CancellationToken cancellationToken)
    {
        var result = await client.GetLogsAsync(new InfobipApiCredentials(apiBaseUrl, apiKey), cancellationToken);
        if (result.Succeeded)
        {
            return ProviderVerification.Verified;
        }

        var (key, args) = InfobipErrorText.ForFailure(result.Failure);
        return result.Failure.Kind switch
        {
            InfobipFailureKind.Unreachable or InfobipFailureKind.RateLimited => ProviderVerification.Unreachable(key, args),
            InfobipFailureKind.Unauthorized => ProviderVerification.Rejected(new FieldError(ApiKeyField, key, args)),
            InfobipFailureKind.Rejected when result.Failure.HttpStatus == 403 => ProviderVerification.Rejected(new FieldError(ApiKeyField, key, args)),
            InfobipFailureKind.NotFound or InfobipFailureKind.RefusedTarget => ProviderVerification.Rejected(new FieldError(ApiBaseUrlField, key, args)),
            _ => ProviderVerification.Rejected(new FieldError(FieldError.FormLevel, key, args)),
        };
    }

    public async Task<ProviderSendOutcome> SendTestAsync(Uri apiBaseUrl, string apiKey, InfobipTextMessage message, CancellationToken cancellationToken)
    {
        var result = await client.SendTextAsync(new InfobipApiCredentials(apiBaseUrl, apiKey), message, cancellationToken);
        if (result.Succeeded)
        {
            return ProviderSendOutcome.Success(result.Value.MessageId, result.Value.StatusName);
        }

        var (key, args) = InfobipErrorText.ForFailure(result.Failure);
        return ProviderSendOutcome.Failure(result.Failure.Code, key, args);
    }
}
