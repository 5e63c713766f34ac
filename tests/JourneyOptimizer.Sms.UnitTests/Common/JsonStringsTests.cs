using System.Text;
using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.UnitTests.Common;

public sealed class JsonStringsTests
{
    [Theory]
    [InlineData("""{"a":"plain","b":["x",1,true,null]}""")]
    [InlineData("""{"emoji":"\ud83d\udc4b","quote":"\"","tab":"\t","e":"é"}""")]
    [InlineData("""{"\u00e9":"named by an escape"}""")]
    [InlineData("\"\\ud83d\\udc4b\"")]
    public void Unicode_strings_pass(string json) => Assert.True(JsonStrings.AreUnicode(json));

    [Theory]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"a":"\udc00 then text"}""")]
    [InlineData("""{"a":"\ud83d"}""")]
    [InlineData("""{"a":"\udc4b\ud83d"}""")]
    [InlineData("""{"\ud800":1}""")]
    [InlineData("""[[{"deep":["\udfff"]}]]""")]
    public void Escaped_lone_surrogates_fail(string json) => Assert.False(JsonStrings.AreUnicode(json));

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    public void Text_that_is_not_json_is_left_to_the_parser(string json) => Assert.True(JsonStrings.AreUnicode(json));

    [Fact]
    public void The_bytes_overload_reads_utf8() =>
        Assert.False(JsonStrings.AreUnicode(Encoding.UTF8.GetBytes("""{"id":"\ud800"}""")));
}
