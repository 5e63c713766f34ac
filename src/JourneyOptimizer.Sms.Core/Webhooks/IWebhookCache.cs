namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>
/// A process-local cache of webhooks by path token (the ingestion path's <c>WebhookDirectory</c>). The admin side tells
/// it when a webhook changes, so that an edit, a new signing secret or a deletion takes effect at once on this
/// instance; other instances follow when their entry expires (<c>Webhooks:CacheSeconds</c>).
/// </summary>
public interface IWebhookCache
{
    void Invalidate(string pathToken);
}
