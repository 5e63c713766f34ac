using System.Text;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.SinchConversation;

/// <summary>Conversation API callbacks, with the payloads of Sinch's SDK fixtures.</summary>
public sealed class SinchConversationWebhookParserTests
{
    // sinch-sdk-python test_conversation_sinch_event.py
    private const string Delivery = """{"app_id":"01EB37HMH1M6SV18BSNS3G135H","accepted_time":"2020-11-17T15:09:11.659Z","project_id":"c36f3d3d-1513-2edd-ae42-11995557ff61","message_delivery_report":{"message_id":"01EQBC1A3BEK731GY4YXEN0C2R","conversation_id":"01EPYATA64TMNZ1FV02JKF12JF","status":"QUEUED_ON_CHANNEL","contact_id":"01EXA07N79THJ20WSN6AS30TMW"}}""";

    // sinch-sdk-java .../sinchevents/message/MessageInboundEventDto.json (shortened)
    private const string Inbound = """
        { "app_id": "app id value", "accepted_time": "2020-11-17T16:05:51.724083Z", "event_time": "2020-11-17T16:05:45Z",
          "project_id": "project id value", "message_metadata": "metadata value", "correlation_id": "correlation id value",
          "message": { "id": "event id", "direction": "TO_APP",
            "channel_identity": { "app_id": "an app id", "channel": "MESSENGER", "identity": "an identity" },
            "conversation_id": "conversation id", "contact_id": "contact ID", "metadata": "metadata value",
            "accept_time": "2020-11-17T16:07:15Z", "sender_id": "sender id value", "processing_mode": "DISPATCH", "injected": true,
            "contact_message": { "text_message": { "text": "This is a text message." }, "reply_to": { "message_id": "message id value" } } } }
        """;

    private static SinchConversationWebhook Parse(string json) => SinchConversationWebhookParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_MessageDeliveryReport_IsADeliveryReport()
    {
        var result = Parse(Delivery);

        Assert.Equal(SinchWebhookKind.DeliveryReport, result.Kind);
        Assert.Equal("message_delivery_report", result.Trigger);
        Assert.Equal(new SinchConversationDeliveryReport("01EQBC1A3BEK731GY4YXEN0C2R", "01EB37HMH1M6SV18BSNS3G135H",
            "c36f3d3d-1513-2edd-ae42-11995557ff61", "QUEUED_ON_CHANNEL", null, null, null, null,
            new DateTimeOffset(2020, 11, 17, 15, 9, 11, 659, TimeSpan.Zero), null, null), result.DeliveryReport);
    }

    [Fact]
    public void Parse_FailedDeliveryWithReasonAndIdentity_KeepsThem()
    {
        var result = Parse("""
            {"app_id":"A","correlation_id":"portal-test","message_delivery_report":{"message_id":"M","status":"FAILED",
             "channel_identity":{"channel":"RCS","identity":"12015555555","app_id":"A"},
             "reason":{"code":"RECIPIENT_NOT_REACHABLE","description":"The recipient cannot be reached","sub_code":"UNSPECIFIED_SUB_CODE"}}}
            """);

        var report = result.DeliveryReport!;
        Assert.Equal(("FAILED", "RCS", "12015555555"), (report.Status, report.Channel, report.Identity));
        Assert.Equal(("RECIPIENT_NOT_REACHABLE", "The recipient cannot be reached"), (report.ReasonCode, report.ReasonDescription));
        Assert.Equal("portal-test", report.CorrelationId);
    }

    [Fact]
    public void Parse_MessageInbound_IsAnInboundMessage()
    {
        var result = Parse(Inbound);

        Assert.Equal(SinchWebhookKind.Inbound, result.Kind);
        Assert.Equal(new SinchConversationInbound("event id", "app id value", "project id value", "MESSENGER", "an identity",
            "This is a text message.", null, new DateTimeOffset(2020, 11, 17, 16, 5, 51, TimeSpan.Zero).AddTicks(7240830),
            new DateTimeOffset(2020, 11, 17, 16, 5, 45, TimeSpan.Zero), "contact ID", "conversation id"), result.Inbound);
    }

    [Fact]
    public void Parse_InboundMedia_KeepsTheUrl()
    {
        var result = Parse("""{"app_id":"A","message":{"id":"M","channel_identity":{"channel":"MMS","identity":"12015555555"},"contact_message":{"media_message":{"url":"https://media.example/cat.jpg"}}}}""");

        Assert.Equal(("MMS", null, "https://media.example/cat.jpg"), (result.Inbound!.Channel, result.Inbound.Text, result.Inbound.MediaUrl));
    }

    [Theory]
    [InlineData("""{"app_id":"A","message":{"id":"M","channel_identity":{"channel":"RCS","identity":"1"},"contact_message":{"choice_response_message":{"message_id":"X","postback_data":"yes"}}}}""", "message")]
    [InlineData("""{"app_id":"","accepted_time":"2021-10-18T17:49:13.813615Z","project_id":"e2df3a34","contact_create_notification":{"contact":{"id":"01FJ"}}}""", "contact_create_notification")]
    [InlineData("""{"app_id":"A","message_submit_notification":{"message_id":"M"}}""", "message_submit_notification")]
    [InlineData("""{"app_id":"A","event":{"contact_event":{}}}""", "event")]
    public void Parse_OtherEvents_AreUnsupported(string json, string trigger)
    {
        var result = Parse(json);

        Assert.Equal(SinchWebhookKind.Unsupported, result.Kind);
        Assert.Equal(trigger, result.Trigger);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1]")]
    [InlineData("{}")]
    [InlineData("""{"app_id":"A","something_new":{}}""")]
    [InlineData("""{"message_delivery_report":{"message_id":"M","status":"DELIVERED"}}""")]
    [InlineData("""{"app_id":5,"message_delivery_report":{"message_id":"M","status":"DELIVERED"}}""")]
    [InlineData("""{"app_id":"A","message_delivery_report":"DELIVERED"}""")]
    [InlineData("""{"app_id":"A","message_delivery_report":{"status":"DELIVERED"}}""")]
    [InlineData("""{"app_id":"A","message_delivery_report":{"message_id":"M"}}""")]
    [InlineData("""{"app_id":"A","message_delivery_report":{"message_id":"M","status":"DELIVERED","reason":"gone"}}""")]
    [InlineData("""{"app_id":"A","message_delivery_report":{"message_id":"M","status":"DELIVERED","channel_identity":[1]}}""")]
    [InlineData("""{"app_id":"A","accepted_time":"not a time","message_delivery_report":{"message_id":"M","status":"DELIVERED"}}""")]
    [InlineData("""{"app_id":"A","correlation_id":{},"message_delivery_report":{"message_id":"M","status":"DELIVERED"}}""")]
    [InlineData("""{"app_id":"A","message_delivery_report":{"message_id":"\ud83d","status":"DELIVERED"}}""")]
    [InlineData("""{"app_id":"A","message":[]}""")]
    [InlineData("""{"app_id":"A","message":{"id":"M","contact_message":{"text_message":{"text":"hi"}}}}""")]
    [InlineData("""{"app_id":"A","message":{"id":"M","channel_identity":{"channel":"SMS","identity":"1"}}}""")]
    [InlineData("""{"app_id":"A","message":{"id":"M","channel_identity":{"channel":"SMS","identity":"1"},"contact_message":{"text_message":{"text":12}}}}""")]
    [InlineData("""{"app_id":"A","message":{"id":"M","channel_identity":{"channel":"SMS","identity":"1"},"contact_message":{"text_message":{"text":"\udfff"}}}}""")]
    [InlineData("""{"app_id":"A","message":{"id":"M","channel_identity":{"channel":"SMS","identity":"1"},"contact_message":{"media_message":{"url":true}}}}""")]
    public void Parse_BadBody_IsInvalidWithAReason(string json)
    {
        var result = Parse(json);

        Assert.Equal(SinchWebhookKind.Invalid, result.Kind);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }
}
