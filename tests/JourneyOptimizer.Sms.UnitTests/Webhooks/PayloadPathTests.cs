using System.Text.Json;
using JourneyOptimizer.Sms.Core.Webhooks;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks;

public sealed class PayloadPathTests
{
    private const string Sample = """
        {
          "message": { "text": "STOP", "from": "+14155550100", "count": 3, "urgent": true, "none": null, "obj": {}, "list": [] },
          "results": [ { "to": "+14155550199" }, { "to": "12345" } ],
          "data": { "sender-id": "ACME", "a.b": "dotted", "it's": "quoted" },
          "matrix": [[1, 2], [3, 4]],
          "unicode": { "名字": "值" }
        }
        """;

    private static string? Read(string? path)
    {
        using var document = JsonDocument.Parse(Sample);
        return PayloadPath.Read(document.RootElement, path);
    }

    [Theory]
    [InlineData("message.text", "STOP")]
    [InlineData("$.message.text", "STOP")]
    [InlineData("$message.from", "+14155550100")]
    [InlineData("  message.text  ", "STOP")]
    [InlineData("results[0].to", "+14155550199")]
    [InlineData("$.results[1].to", "12345")]
    [InlineData("data[\"sender-id\"]", "ACME")]
    [InlineData("data['a.b']", "dotted")]
    [InlineData("[\"data\"][\"sender-id\"]", "ACME")]
    [InlineData("matrix[1][0]", "3")]
    [InlineData("message.count", "3")]
    [InlineData("message.urgent", "true")]
    [InlineData("unicode.名字", "值")]
    public void Read_WellFormedPathToAScalar_ReturnsItsText(string path, string expected) => Assert.Equal(expected, Read(path));

    [Theory]
    [InlineData("message.missing")]
    [InlineData("Message.text")]
    [InlineData("results[2].to")]
    [InlineData("results.to")]
    [InlineData("message[0]")]
    [InlineData("message.text.more")]
    [InlineData("message.none")]
    [InlineData("message.obj")]
    [InlineData("message.list")]
    [InlineData("results")]
    [InlineData("message")]
    public void Read_PathThatLeadsNowhereOrToNoScalar_ReturnsNull(string path) => Assert.Null(Read(path));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("$")]
    [InlineData("$.")]
    [InlineData(".message")]
    [InlineData("message.")]
    [InlineData("message..text")]
    [InlineData("results[0")]
    [InlineData("results[-1]")]
    [InlineData("results[x]")]
    [InlineData("results[ 0 ]")]
    [InlineData("results[0]to")]
    [InlineData("data[\"sender-id']")]
    [InlineData("[]")]
    public void Parse_MalformedPath_IsNull_AndReadReturnsNull(string? path)
    {
        Assert.Null(PayloadPath.Parse(path));
        Assert.Null(Read(path));
    }

    [Fact]
    public void Parse_SplitsNamesAndIndexes()
    {
        Assert.Equal(["results", 0, "to"], PayloadPath.Parse("$.results[0].to")!);
        Assert.Equal(["data", "sender-id", 12], PayloadPath.Parse("data[\"sender-id\"][12]")!);
    }

    [Fact]
    public void Parse_PathLongerThanTheLimit_IsNull()
    {
        Assert.NotNull(PayloadPath.Parse(new string('a', PayloadMapping.PathMaxLength)));
        Assert.Null(PayloadPath.Parse(new string('a', PayloadMapping.PathMaxLength + 1)));
    }

    [Fact]
    public void Read_OnAnArrayOrScalarRoot_Works()
    {
        using var array = JsonDocument.Parse("""[{"id":"x"}]""");
        Assert.Equal("x", PayloadPath.Read(array.RootElement, "[0].id"));
        using var scalar = JsonDocument.Parse("\"text\"");
        Assert.Null(PayloadPath.Read(scalar.RootElement, "a"));
    }

    [Fact]
    public void Mapping_RoundTripsThroughJson_AndIgnoresUnknownOrBlankEntries()
    {
        var mapping = new PayloadMapping
        {
            Paths = new Dictionary<NormalizedField, string> { [NormalizedField.Status] = "data.status", [NormalizedField.ClientReference] = "id" },
        };
        var back = PayloadMapping.FromJson(mapping.ToJson());
        Assert.Equal(mapping.Paths.OrderBy(p => p.Key), back.Paths.OrderBy(p => p.Key));
        var lenient = PayloadMapping.FromJson("""{"Status":"s","Nonsense":"x","Code":"  "}""");
        Assert.Equal(["Status"], lenient.Paths.Keys.Select(k => k.ToString()));
        Assert.Empty(PayloadMapping.FromJson(null).Paths);
    }
}
