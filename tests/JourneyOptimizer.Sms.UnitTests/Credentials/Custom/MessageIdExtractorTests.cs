using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials.Custom;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Custom;

public sealed class MessageIdExtractorTests
{
    [Theory]
    // field name: first match anywhere, depth-first in document order
    [InlineData("""{"id":"top"}""", "id", "top")]
    [InlineData("""{"data":{"id":"inner"},"id":"outer"}""", "id", "inner")]
    [InlineData("""{"status":"ok","id":"outer","data":{"id":"inner"}}""", "id", "outer")]
    [InlineData("""[{"x":1},{"message_id":"in-array"}]""", "message_id", "in-array")]
    [InlineData("""{"messages":[{"sid":"SM1"},{"sid":"SM2"}]}""", "sid", "SM1")]
    [InlineData("""{"id":12345678901234567890}""", "id", "12345678901234567890")]
    [InlineData("""{"id":{"value":"x"}}""", "id", null)]
    [InlineData("""{"id":null,"other":{"id":"later"}}""", "id", null)]
    [InlineData("""{"ID":"upper"}""", "id", null)]
    [InlineData("""{"id":""}""", "id", null)]
    [InlineData("""{"nothing":"here"}""", "id", null)]
    // dot path from the root
    [InlineData("""{"messages":[{"id":"m0"},{"id":"m1"}]}""", "messages.0.id", "m0")]
    [InlineData("""{"messages":[{"id":"m0"},{"id":"m1"}]}""", "messages.1.id", "m1")]
    [InlineData("""{"messages":[{"id":"m0"}]}""", "messages.2.id", null)]
    [InlineData("""{"messages":[{"id":"m0"}]}""", "messages.-1.id", null)]
    [InlineData("""{"messages":{"0":{"id":"object-key"}}}""", "messages.0.id", "object-key")]
    [InlineData("""{"data":{"message":{"id":42}}}""", "data.message.id", "42")]
    [InlineData("""{"data":{"message":{"id":42}}}""", "message.id", null)]
    [InlineData("""[["a","b"]]""", "0.1", "b")]
    public void Extract_Table(string json, string expression, string? expected)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, MessageIdExtractor.Extract(document.RootElement, expression));
    }

    [Fact]
    public void Extract_IdLongerThanTheLimit_CountsAsNoId()
    {
        using var document = JsonDocument.Parse($$"""{"id":"{{new string('i', MessageIdExtractor.MaxIdLength + 1)}}"}""");
        Assert.Null(MessageIdExtractor.Extract(document.RootElement, "id"));
    }
}
