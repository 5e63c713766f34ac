namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>
/// The calls the portal makes to Sinch's SMS REST API (<c>/xms/v1/{service_plan_id}/...</c>, <c>Authorization:
/// Bearer</c>). Every outcome, including "Sinch could not be reached", is a value.
/// </summary>
public interface ISinchSmsClient
{
    /// <summary>
    /// <c>GET batches?page_size=1</c>: read-only and free, so it checks the service plan id and the token without
    /// using anything up.
    /// </summary>
    Task<SinchResult<SinchBatchPage>> ListBatchesAsync(SinchSmsCredentials credentials, CancellationToken cancellationToken);

    /// <summary><c>POST batches</c> with <c>type: mt_text</c>. Never retried.</summary>
    Task<SinchResult<SinchBatch>> SendTextAsync(SinchSmsCredentials credentials, SinchTextBatchRequest batch, CancellationToken cancellationToken);
}
