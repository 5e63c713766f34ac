namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>What a provider sends to a webhook: incoming messages, or delivery receipts of messages sent.</summary>
public enum WebhookType
{
    Inbound = 1,
    Feedback = 2,
}
