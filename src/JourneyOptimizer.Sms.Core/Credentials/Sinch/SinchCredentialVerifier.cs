using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>
/// Checks a Sinch (SMS) credential against the SMS REST API (the service plan exists and the token is its token) and
/// sends the "Verify SMS connection" test message. Whether the inbound number belongs to the service plan cannot be
/// asked with a service plan token (numbers belong to the project, in the Numbers API), so it is not checked.
/// </summary>
public sealed class SinchCredentialVerifier(ISinchSmsClient client)
{
    private const string ServiceIdField = nameof(SinchCredentialInput.ServiceId);
    private const string ApiTokenField = nameof(SinchCredentialInput.ApiToken);

    public async Task<ProviderVerification> VerifyAsync(string servicePlanId, string apiToken, CancellationToken cancellationToken)
    {
        var result = await client.ListBatchesAsync(new SinchSmsCredentials(servicePlanId, apiToken), cancellationToken);
        if (result.Succeeded)
        {
            return ProviderVerification.Verified;
        }

        var (key, args) = SinchErrorText.ForFailure(result.Failure, SinchApi.Sms);
        return result.Failure.Kind switch
        {
            SinchFailureKind.Unreachable or SinchFailureKind.RateLimited => ProviderVerification.Unreachable(key, args),
            SinchFailureKind.Unauthorized => ProviderVerification.Rejected(new FieldError(ApiTokenField, key, args)),
            SinchFailureKind.NotFound => ProviderVerification.Rejected(new FieldError(ServiceIdField, key, args)),
            _ => ProviderVerification.Rejected(new FieldError(FieldError.FormLevel, key, args)),
        };
    }

    /// <summary>Sends one text from the credential's inbound number; delivery reports go to <paramref name="callbackUrl"/> when given.</summary>
    public async Task<ProviderSendOutcome> SendTestAsync(string servicePlanId, string apiToken, string from, string to, string text,
        Uri? callbackUrl, CancellationToken cancellationToken)
    {
        var result = await client.SendTextAsync(new SinchSmsCredentials(servicePlanId, apiToken),
            new SinchTextBatchRequest(from, [to], text) { CallbackUrl = callbackUrl }, cancellationToken);
        if (result.Succeeded)
        {
            return ProviderSendOutcome.Success(result.Value.Id);
        }

        var (key, args) = SinchErrorText.ForFailure(result.Failure, SinchApi.Sms);
        return ProviderSendOutcome.Failure(result.Failure.Code, key, args) with { Transient = result.Failure.Kind.IsTransient() };
    }
}
