using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks.Ingestion;

public sealed class DeliveryStatusRankTests
{
    [Theory]
    [InlineData("queued", "accepted")]
    [InlineData("sending", "queued")]
    [InlineData("sent", "sending")]
    [InlineData("delivered", "sent")]
    [InlineData("undelivered", "sent")]
    [InlineData("failed", "queued")]
    [InlineData("read", "delivered")]
    [InlineData("sent", "mystery")]
    public void Replaces_LaterStatus_MovesForward(string later, string earlier)
    {
        Assert.True(DeliveryStatusRank.Replaces(DeliveryStatusRank.Of(later), DeliveryStatusRank.Of(earlier)));
        Assert.False(DeliveryStatusRank.Replaces(DeliveryStatusRank.Of(earlier), DeliveryStatusRank.Of(later)));
    }

    [Theory]
    [InlineData("delivered", "failed")]
    [InlineData("failed", "undelivered")]
    [InlineData("delivered", "delivered")]
    [InlineData("delivered", "canceled")]
    public void Replaces_TerminalConflict_FirstTerminalStands(string current, string incoming) =>
        Assert.False(DeliveryStatusRank.Replaces(DeliveryStatusRank.Of(incoming), DeliveryStatusRank.Of(current)));

    [Fact]
    public void Of_IsCaseInsensitiveAndUnknownIsZero()
    {
        Assert.Equal(DeliveryStatusRank.Of("delivered"), DeliveryStatusRank.Of("DELIVERED"));
        Assert.Equal(DeliveryStatusRank.Unknown, DeliveryStatusRank.Of("weird"));
        Assert.Equal(DeliveryStatusRank.Unknown, DeliveryStatusRank.Of(null));
    }
}
