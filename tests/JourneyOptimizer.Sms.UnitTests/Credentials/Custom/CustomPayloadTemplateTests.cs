using System.Text;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials.Custom;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Custom;

public sealed class CustomPayloadTemplateTests
{
    private const string Template =
        """{"from":"{{fromNumber}}","to":["{{toNumber}}"],"text":"Hi: {{message}}!","{{toNumber}}":1.50,"flag":true,"none":null,"n":-0.0e5}""";

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" backslash \\ slash /")]
    [InlineData("line\nbreak\r\ntab\t and \u0000 \u001f controls")]
    [InlineData("emoji 😀👍🏽 and 漢字 and ñ")]
    [InlineData("</script><script>alert('x')</script>")]
    [InlineData("{{fromNumber}} {{toNumber}} {{message}} {{other}}")]
    [InlineData("\\u0022 not an escape")]
    public void Render_AnyMessage_IsValidJsonAndRoundTrips(string message)
    {
        var body = CustomPayloadTemplate.Render(Template, "+14155550100", "+5511999990000", message, new UTF8Encoding(false));

        using var json = JsonDocument.Parse(body);
        Assert.Equal("+14155550100", json.RootElement.GetProperty("from").GetString());
        Assert.Equal("+5511999990000", json.RootElement.GetProperty("to")[0].GetString());
        Assert.Equal($"Hi: {message}!", json.RootElement.GetProperty("text").GetString());
        Assert.Equal("1.50", json.RootElement.GetProperty("+5511999990000").GetRawText());
        Assert.Equal("-0.0e5", json.RootElement.GetProperty("n").GetRawText());
        Assert.True(json.RootElement.GetProperty("flag").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("none").ValueKind);
    }

    [Fact]
    public void Render_ValueThatLooksLikeAPlaceholder_IsNotReplacedAgain()
    {
        var body = CustomPayloadTemplate.Render("""{"a":"{{fromNumber}}|{{message}}"}""", "{{message}}", "+2", "M", Encoding.UTF8);

        Assert.Equal("""{"a":"{{message}}|M"}""", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Render_Utf8_KeepsNonAsciiAndPlusReadable()
    {
        var body = Encoding.UTF8.GetString(CustomPayloadTemplate.Render("""{"t":"{{message}}","f":"{{fromNumber}}"}""", "+1", "+2", "Olá <b>&</b>", Encoding.UTF8));

        Assert.Equal("""{"t":"Olá <b>&</b>","f":"+1"}""", body);
    }

    [Fact]
    public void Render_Latin1_EscapesEverythingOutsideAscii()
    {
        var bytes = CustomPayloadTemplate.Render("""{"t":"{{message}}"}""", "+1", "+2", "Olá 😀", Encoding.Latin1);

        Assert.Equal("""{"t":"Ol\u00E1 \uD83D\uDE00"}""", Encoding.ASCII.GetString(bytes));
    }

    [Theory]
    [InlineData("""{"authOption":"Basic"}""", true)]
    [InlineData("""{"a":[{"b":{"authOption":null}}]}""", true)]
    [InlineData("""{"a":"authOption"}""", false)]
    [InlineData("""{"AuthOption":1}""", false)]
    [InlineData("not json", false)]
    public void HasProperty_FindsTheNameAtAnyDepth(string json, bool expected) =>
        Assert.Equal(expected, CustomPayloadTemplate.HasProperty(json, CustomPayloadTemplate.AuthOptionProperty));
}
