using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks.Ingestion;

/// <summary>
/// The read shapes that the ingestion tells apart: an ignored request (Sinch's unused event types, 204) is neither a
/// refusal nor an empty push of events (Infobip's <c>{"results":[]}</c>), which is stored as nothing and answered as usual.
/// </summary>
public sealed class WebhookReadTests
{
    private static readonly InboundFields Inbound = new("k1", "m1", "+14155550123", "+14155550100", "HI", null, "from", "to", "text");

    [Fact]
    public void Ignore_IsIgnored_NotARefusal_WithNoEvents_And204()
    {
        var read = WebhookRead.Ignore("An event the portal does not store.");

        Assert.Equal((true, false, 204, 0, 0), (read.Ignored, read.IsRefusal, read.Status, read.InboundEvents.Count, read.FeedbackEvents.Count));
    }

    [Fact]
    public void Refuse_IsARefusal_NotIgnored()
    {
        var read = WebhookRead.Refuse(403, "The signature does not match.");

        Assert.Equal((false, true, 403), (read.Ignored, read.IsRefusal, read.Status));
    }

    [Fact]
    public void EmptyPush_IsNeitherIgnoredNorARefusal()
    {
        var read = WebhookRead.Of(Array.Empty<InboundFields>());

        Assert.Equal((false, false, 0), (read.Ignored, read.IsRefusal, read.InboundEvents.Count));
    }

    [Fact]
    public void SeveralEvents_KeepTheirOrder_AndTheFirstIsTheSingleEvent()
    {
        var second = Inbound with { EventKey = "k2" };
        var read = WebhookRead.Of([Inbound, second]);

        Assert.Equal(["k1", "k2"], read.InboundEvents.Select(e => e.EventKey));
        Assert.Same(Inbound, read.Inbound);
        Assert.False(read.Ignored);
    }
}
