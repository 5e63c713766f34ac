namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>
/// The calls the portal makes to Infobip's SMS API (<c>Authorization: App {key}</c>) at a credential's own API base
/// URL. Every connection goes through the Custom provider's address guard. Every outcome is a value.
/// </summary>
public interface IInfobipClient
{
    /// <summary>
    /// <c>GET /sms/3/logs?limit=1</c>: read-only, so it checks the key without using anything up. (The reports and
    /// inbox endpoints would hand each report out only once, so they are never used to check.)
    /// </summary>
    Task<InfobipResult<InfobipLogsPage>> GetLogsAsync(InfobipApiCredentials credentials, CancellationToken cancellationToken);

    /// <summary><c>POST /sms/3/messages</c> with one message to one destination. Never retried.</summary>
    Task<InfobipResult<InfobipSentMessage>> SendTextAsync(InfobipApiCredentials credentials, InfobipTextMessage message,
        CancellationToken cancellationToken);
}
