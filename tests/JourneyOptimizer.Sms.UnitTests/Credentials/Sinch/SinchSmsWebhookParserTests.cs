using System.Text;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Sinch;

/// <summary>The SMS callbacks, with the payloads of Sinch's own SDK fixtures.</summary>
public sealed class SinchSmsWebhookParserTests
{
    // sinch-sdk-java openapi-contracts .../sms/v1/inbounds/InboundTextDto.json
    private const string InboundText = """
        { "body": "a body", "client_reference": "a client reference", "from": "+11203494390",
          "id": "01FC66621XXXXX119Z8PMV1QPA", "operator_id": "35000", "received_at": "2019-08-24T14:17:22Z",
          "sent_at": "2019-08-24T14:15:22Z", "to": "11203453453", "type": "mo_text" }
        """;

    // .../deliveryreports/RecipientDeliveryReportSMSDto.json
    private const string RecipientReport = """
        { "type": "recipient_delivery_report_sms", "batch_id": "01FC66621XXXXX119Z8PMV1QPQ", "recipient": "+44231235674",
          "code": 401, "status": "Dispatched", "at": "2022-08-30T08:16:08.930Z", "operator": "operator",
          "applied_originator": "applied originator", "client_reference": "client reference", "encoding": "encoding",
          "number_of_message_parts": 123, "operator_status_at": "2022-08-30T08:16:08.150Z" }
        """;

    // .../deliveryreports/BatchDeliveryReportSMSDto.json
    private const string BatchReport = """
        { "type": "delivery_report_sms", "batch_id": "01FC66621XXXXX119Z8PMV1QPQ",
          "statuses": [ { "code": 0, "count": 1, "recipients": ["44231235674"], "status": "Delivered" } ],
          "total_message_count": 1, "client_reference": "a client reference" }
        """;

    private static SinchSmsWebhook Parse(string json) => SinchSmsWebhookParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_MoText_IsAnInboundMessage()
    {
        var result = Parse(InboundText);

        Assert.Equal(SinchWebhookKind.Inbound, result.Kind);
        Assert.Equal(new SinchInboundSms("01FC66621XXXXX119Z8PMV1QPA", "+11203494390", "11203453453", "a body",
            new DateTimeOffset(2019, 8, 24, 14, 17, 22, TimeSpan.Zero), new DateTimeOffset(2019, 8, 24, 14, 15, 22, TimeSpan.Zero),
            "a client reference", "35000"), result.Inbound);
        Assert.Null(result.DeliveryReport);
    }

    [Fact]
    public void Parse_MoTextWithOnlyTheRequiredFields_IsAnInboundMessage()
    {
        var result = Parse("""{"type":"mo_text","id":"01X","from":"46700000000","to":"12345","body":"","received_at":"2024-01-01T00:00:00.000Z"}""");

        Assert.Equal(SinchWebhookKind.Inbound, result.Kind);
        Assert.Equal("", result.Inbound!.Body);
        Assert.Null(result.Inbound.SentAt);
        Assert.Null(result.Inbound.ClientReference);
    }

    [Fact]
    public void Parse_RecipientDeliveryReport_IsOneLine()
    {
        var result = Parse(RecipientReport);

        Assert.Equal(SinchWebhookKind.DeliveryReport, result.Kind);
        var report = result.DeliveryReport!;
        Assert.Equal("recipient_delivery_report_sms", report.Type);
        Assert.Equal("01FC66621XXXXX119Z8PMV1QPQ", report.BatchId);
        Assert.Equal("client reference", report.ClientReference);
        var line = Assert.Single(report.Statuses);
        Assert.Equal(new SinchRecipientStatus("+44231235674", "Dispatched", 401, 1,
            new DateTimeOffset(2022, 8, 30, 8, 16, 8, 930, TimeSpan.Zero)), line);
    }

    [Fact]
    public void Parse_FullBatchDeliveryReport_IsOneLinePerRecipient()
    {
        var result = Parse(BatchReport);

        Assert.Equal(SinchWebhookKind.DeliveryReport, result.Kind);
        Assert.Equal("a client reference", result.DeliveryReport!.ClientReference);
        Assert.Equal([new SinchRecipientStatus("44231235674", "Delivered", 0, 1, null)], result.DeliveryReport.Statuses);
    }

    [Fact]
    public void Parse_SummaryBatchDeliveryReport_KeepsTheCounts()
    {
        var result = Parse("""{"type":"delivery_report_mms","batch_id":"B1","statuses":[{"code":0,"count":3,"status":"Delivered"},{"code":402,"count":1,"status":"Failed"}]}""");

        Assert.Equal(
            [new SinchRecipientStatus(null, "Delivered", 0, 3, null), new SinchRecipientStatus(null, "Failed", 402, 1, null)],
            result.DeliveryReport!.Statuses);
    }

    [Theory]
    [InlineData("mo_binary")]
    [InlineData("mo_media")]
    [InlineData("some_future_type")]
    public void Parse_OtherWellFormedTypes_AreUnsupported(string type)
    {
        var result = Parse($$"""{"type":"{{type}}","id":"x","from":"1","to":"2","received_at":"2024-01-01T00:00:00Z"}""");

        Assert.Equal(SinchWebhookKind.Unsupported, result.Kind);
        Assert.Equal(type, result.Type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"mo_text\"")]
    [InlineData("{}")]
    [InlineData("""{"type":5}""")]
    [InlineData("""{"type":""}""")]
    [InlineData("""{"type":"mo_text"}""")]
    [InlineData("""{"type":"mo_text","id":"1","from":"2","to":"3","received_at":"2024-01-01T00:00:00Z"}""")]
    [InlineData("""{"type":"mo_text","id":"1","from":"2","to":"3","body":7,"received_at":"2024-01-01T00:00:00Z"}""")]
    [InlineData("""{"type":"mo_text","id":"1","from":"2","to":"3","body":"\ud800","received_at":"2024-01-01T00:00:00Z"}""")]
    [InlineData("""{"type":"mo_text","id":"1","from":"\udc00x","to":"3","body":"hi","received_at":"2024-01-01T00:00:00Z"}""")]
    [InlineData("""{"type":"mo_text","id":"1","from":"2","to":"3","body":"hi","received_at":"yesterday"}""")]
    [InlineData("""{"type":"mo_text","id":"1","from":"2","to":"3","body":"hi","received_at":"2024-01-01T00:00:00Z","sent_at":12}""")]
    [InlineData("""{"type":"mo_text","id":{"a":1},"from":"2","to":"3","body":"hi","received_at":"2024-01-01T00:00:00Z"}""")]
    [InlineData("""{"type":"recipient_delivery_report_sms","batch_id":"B","recipient":"1","status":"Delivered","code":1e400}""")]
    [InlineData("""{"type":"recipient_delivery_report_sms","batch_id":"B","recipient":"1","status":"Delivered","code":99999999999}""")]
    [InlineData("""{"type":"recipient_delivery_report_sms","batch_id":"B","recipient":"1","status":"Delivered","code":"0"}""")]
    [InlineData("""{"type":"recipient_delivery_report_sms","batch_id":"B","recipient":"1","status":"Delivered"}""")]
    [InlineData("""{"type":"recipient_delivery_report_sms","recipient":"1","status":"Delivered","code":0}""")]
    [InlineData("""{"type":"delivery_report_sms","batch_id":"B","statuses":{}}""")]
    [InlineData("""{"type":"delivery_report_sms","batch_id":"B","statuses":[5]}""")]
    [InlineData("""{"type":"delivery_report_sms","batch_id":"B","statuses":[{"code":0,"count":-1,"status":"Delivered"}]}""")]
    [InlineData("""{"type":"delivery_report_sms","batch_id":"B","statuses":[{"code":0,"count":1,"status":"Delivered","recipients":[1]}]}""")]
    [InlineData("""{"type":"mo_text","id":"1","from":"2","to":"3","body":"hi","received_at":"2024-01-01T00:00:00Z",}""")]
    public void Parse_BadBody_IsInvalidWithAReason(string json)
    {
        var result = Parse(json);

        Assert.Equal(SinchWebhookKind.Invalid, result.Kind);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.Null(result.Inbound);
        Assert.Null(result.DeliveryReport);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsInvalid()
    {
        byte[] body = [.. "{\"type\":\"mo_text\",\"body\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Equal(SinchWebhookKind.Invalid, SinchSmsWebhookParser.Parse(body).Kind);
    }

    [Fact]
    public void Parse_DeeplyNestedBody_IsInvalid()
    {
        var json = "{\"type\":\"mo_text\",\"x\":" + new string('[', 5000) + new string(']', 5000) + "}";

        Assert.Equal(SinchWebhookKind.Invalid, Parse(json).Kind);
    }

    [Fact]
    public void Parse_BodyOverOneMegabyte_IsInvalid()
    {
        var json = $$"""{"type":"mo_text","id":"1","from":"2","to":"3","received_at":"2024-01-01T00:00:00Z","body":"{{new string('a', 1024 * 1024)}}"}""";

        Assert.Equal(SinchWebhookKind.Invalid, Parse(json).Kind);
    }

    [Theory]
    [InlineData("+14155550100", "+14155550100")]
    [InlineData("14155550100", "+14155550100")]
    [InlineData("0014155550100", "+14155550100")]
    [InlineData(" 46700000000 ", "+46700000000")]
    [InlineData("12345", "12345")]
    [InlineData("12", null)]
    [InlineData("+1415abc", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("+1234567890123456", null)]
    public void NormalizeMsisdn_WritesE164OrShortCode(string? value, string? expected) =>
        Assert.Equal(expected, SinchSmsWebhookParser.NormalizeMsisdn(value));
}
