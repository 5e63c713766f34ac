using JourneyOptimizer.Sms.Core.Credentials.Sinch;

namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>
/// The calls the portal makes to Sinch's Conversation API (Sinch MMS and Sinch RCS). Each call authenticates with an
/// OAuth 2.0 access token fetched with the credentials' access key and cached until shortly before it expires.
/// Every outcome is a value.
/// </summary>
public interface ISinchConversationClient
{
    /// <summary><c>GET /v1/projects/{project}/apps/{app}</c>: read-only; checks the key, the project, the app and its region.</summary>
    Task<SinchResult<SinchConversationApp>> GetAppAsync(SinchConversationCredentials credentials, CancellationToken cancellationToken);

    /// <summary><c>POST /v1/projects/{project}/messages:send</c>. Never retried (a token refresh on 401 is not a retry: nothing was sent).</summary>
    Task<SinchResult<SinchSentMessage>> SendTextAsync(SinchConversationCredentials credentials, SinchConversationMessageRequest message,
        CancellationToken cancellationToken);
}
