using System.Text;
using JourneyOptimizer.Sms.Core.Credentials.Infobip;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Infobip;

/// <summary>Infobip's pushes, with the payloads of Infobip's own client tests.</summary>
public sealed class InfobipWebhookParserTests
{
    // infobip-api-java-client SmsApiTest.shouldParseInboundSmsMessages
    private const string Inbound = """
        { "results": [ { "messageId": "817790313235066447", "from": "385916242493", "to": "385921004026",
            "text": "QUIZ Correct answer is Paris", "cleanText": "Correct answer is Paris", "keyword": "QUIZ",
            "receivedAt": "2016-10-06T09:28:39.220+0000", "smsCount": 1,
            "price": { "pricePerMessage": 0, "currency": "EUR" }, "callbackData": "callbackData" } ],
          "messageCount": 1, "pendingMessageCount": 0 }
        """;

    // infobip-api-csharp-client SmsApiTest.ShouldReceiveOutBoundSmsMessageReport (v3, first result)
    private const string DeliveryV3 = """
        { "results": [ { "bulkId": "BULK-ID-123-xyz", "price": { "pricePerMessage": 0.01, "currency": "EUR" },
            "status": { "groupId": 3, "groupName": "DELIVERED", "id": 5, "name": "DELIVERED_TO_HANDSET", "description": "Message delivered to handset" },
            "error": { "groupId": 0, "groupName": "USER_ERRORS", "id": 0, "name": "NO_ERROR", "description": "No Error", "permanent": false },
            "messageId": "MESSAGE-ID-123-xyz", "to": "41793026727", "sender": "InfoSMS",
            "sentAt": "2019-11-09T16:00:00.000+0100", "doneAt": "2019-11-09T16:00:00.000+0100", "messageCount": 1,
            "callbackData": "callbackData", "platform": { "entityId": "promotional-traffic-entity", "applicationId": "marketing-automation-application" } } ] }
        """;

    // The v2 report (infobip-api-csharp-client v3.0.1 SmsReport): "from" and "smsCount".
    private const string DeliveryV2 = """
        {"results":[{"bulkId":"B","messageId":"M2","to":"41793026727","from":"InfoSMS","sentAt":"2019-11-09T16:00:00.000+0000",
          "doneAt":"2019-11-09T16:00:00.000+0000","smsCount":1,"status":{"groupId":5,"groupName":"REJECTED","id":52,"name":"REJECTED_DESTINATION"},
          "error":{"groupId":0,"groupName":"OK","id":0,"name":"NO_ERROR","permanent":false}}]}
        """;

    private static InfobipWebhook<InfobipInboundMessage> ParseInbound(string json) => InfobipWebhookParser.ParseInbound(Encoding.UTF8.GetBytes(json));

    private static InfobipWebhook<InfobipDeliveryReport> ParseReports(string json) => InfobipWebhookParser.ParseDeliveryReports(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ParseInbound_InfobipsFixture_IsOneMessage()
    {
        var result = ParseInbound(Inbound);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(new InfobipInboundMessage("817790313235066447", "385916242493", "385921004026", "QUIZ Correct answer is Paris",
            "Correct answer is Paris", "QUIZ", new DateTimeOffset(2016, 10, 6, 9, 28, 39, 220, TimeSpan.Zero), "callbackData"),
            Assert.Single(result.Results));
    }

    [Fact]
    public void ParseDeliveryReports_V3Fixture_IsOneReport()
    {
        var result = ParseReports(DeliveryV3);

        Assert.True(result.IsValid, result.Reason);
        var sentAt = new DateTimeOffset(2019, 11, 9, 15, 0, 0, TimeSpan.Zero);
        Assert.Equal(new InfobipDeliveryReport("MESSAGE-ID-123-xyz", "BULK-ID-123-xyz", "41793026727", "InfoSMS", "DELIVERED",
            "DELIVERED_TO_HANDSET", 5, "USER_ERRORS", "NO_ERROR", 0, false, sentAt, sentAt, "callbackData"), Assert.Single(result.Results));
    }

    [Fact]
    public void ParseDeliveryReports_V2Report_TakesFromAsTheSender()
    {
        var report = Assert.Single(ParseReports(DeliveryV2).Results);

        Assert.Equal(("InfoSMS", "REJECTED", "REJECTED_DESTINATION"), (report.Sender, report.StatusGroup, report.StatusName));
    }

    [Fact]
    public void Parse_EmptyResults_IsValidAndEmpty()
    {
        Assert.Empty(ParseInbound("""{"results":[]}""").Results);
        Assert.True(ParseReports("""{"results":[]}""").IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"results":{}}""")]
    [InlineData("""{"results":[1]}""")]
    [InlineData("""{"results":[{"from":"1","to":"2","text":"hi"}]}""")]
    [InlineData("""{"results":[{"messageId":"M","from":"1","to":"2"}]}""")]
    [InlineData("""{"results":[{"messageId":"M","from":"1","to":"2","text":"\ud800"}]}""")]
    [InlineData("""{"results":[{"messageId":"M","from":"1","to":"2","text":"hi","receivedAt":"2016-13-45T99:00:00.000+0000"}]}""")]
    [InlineData("""{"results":[{"messageId":"M","from":"1","to":"2","text":"hi","keyword":7}]}""")]
    public void ParseInbound_BadBody_IsInvalid(string json)
    {
        var result = ParseInbound(json);

        Assert.False(result.IsValid);
        Assert.Empty(result.Results);
    }

    [Theory]
    [InlineData("""{"results":[{"messageId":"M"}]}""")]
    [InlineData("""{"results":[{"messageId":"M","status":"DELIVERED"}]}""")]
    [InlineData("""{"results":[{"messageId":"M","status":{"groupName":"DELIVERED","id":1e400}}]}""")]
    [InlineData("""{"results":[{"messageId":"M","status":{"groupName":"DELIVERED"},"error":"none"}]}""")]
    [InlineData("""{"results":[{"messageId":"M","status":{"groupName":"DELIVERED"},"error":{"permanent":"no"}}]}""")]
    [InlineData("""{"results":[{"messageId":"M","status":{"groupName":"DELIVERED"},"doneAt":"soon"}]}""")]
    [InlineData("""{"results":[{"status":{"groupName":"DELIVERED"}}]}""")]
    public void ParseDeliveryReports_BadBody_IsInvalid(string json) => Assert.False(ParseReports(json).IsValid);

    [Fact]
    public void Parse_MoreThanAThousandResults_IsInvalid()
    {
        var json = "{\"results\":[" + string.Join(",", Enumerable.Repeat("""{"messageId":"M","from":"1","to":"2","text":"hi"}""", 1001)) + "]}";

        Assert.False(ParseInbound(json).IsValid);
    }
}
