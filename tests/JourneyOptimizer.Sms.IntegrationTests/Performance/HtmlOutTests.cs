using System.Globalization;
using System.Text.Encodings.Web;
using JourneyOptimizer.Sms.Web.Infrastructure;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// <see cref="HtmlOut"/> writes what Razor would have written for the same values: the list rows depend on it for
/// their encoding (a credential or configuration name is user input).
/// </summary>
public sealed class HtmlOutTests
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    private static string Write(Action<HtmlOut> write)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        write(new HtmlOut(writer, Encoder));
        return writer.ToString();
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\" onmouseover=\"x")]
    [InlineData("+14155550100")]
    [InlineData("渠道配置 Ação & 'quoted'")]
    [InlineData("")]
    public void Text_is_encoded_as_Razor_encodes_it(string value) =>
        Assert.Equal(Encoder.Encode(value), Write(html => html.Text(value)));

    [Fact]
    public void Raw_is_written_as_it_is() =>
        Assert.Equal("<td class=\"x\">", Write(html => html.Raw("<td class=\"x\">")));

    [Theory]
    [InlineData(0)]
    [InlineData(-17)]
    [InlineData(int.MaxValue)]
    public void Numbers_use_invariant_digits(int value) =>
        Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Write(html => html.Number(value)));

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    [InlineData("pt-BR")]
    public void Time_matches_Display_Time_in_the_culture(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        var utc = new DateTime(2026, 11, 23, 15, 4, 0, DateTimeKind.Utc);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            Assert.Equal(Encoder.Encode(Display.Time(utc)), Write(html => html.Time(utc, culture)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
