using System.Globalization;
using System.Net;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
using static JourneyOptimizer.Sms.IntegrationTests.Localization.LocalizedClient;

namespace JourneyOptimizer.Sms.IntegrationTests.Localization;

/// <summary>How a request gets its language: Accept-Language (mapped), the language menu's cookie; dates follow.</summary>
public sealed class CultureSelectionTests(LocalizedPortal portal) : IClassFixture<LocalizedPortal>
{
    private static readonly string Prod = TestData.CredentialsUrl("prod");

    [Theory]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-TW", "zh-Hans")]
    [InlineData("zh-Hans-CN", "zh-Hans")]
    [InlineData("zh", "zh-Hans")]
    [InlineData("pt", "pt-BR")]
    [InlineData("pt-PT", "pt-BR")]
    [InlineData("pt-BR", "pt-BR")]
    [InlineData("fr", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("fr-FR, pt;q=0.8, en;q=0.5", "pt-BR")]
    [InlineData("de, en;q=0.9, zh-CN;q=0.8", "en")]
    [InlineData("", "en")]
    public async Task AcceptLanguage_IsMappedToAPortalCulture(string acceptLanguage, string expected)
    {
        using var client = PortalClient.Anonymous(portal.Portal);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/sign-in", UriKind.Relative));
        if (acceptLanguage.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await client.Http.SendAsync(request);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(expected, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(T(expected, "Sign in"), page.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheLanguageCookie_WinsOverAcceptLanguage()
    {
        using var client = Anonymous(portal.Portal, PortalCultures.PortugueseBrazil);
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var page = await client.GetDocumentAsync("/account/sign-in");

        Assert.Equal(PortalCultures.PortugueseBrazil, page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task TheLanguageMenu_SetsTheCookie_AndTheNextPageIsInThatLanguage()
    {
        using var client = await SignedInAsync(portal.Portal, PortalCultures.English);
        var english = await client.GetDocumentAsync(Prod);
        Assert.Equal("API Credentials", english.QuerySelector("main h1")!.TextContent.Trim());

        foreach (var culture in new[] { PortalCultures.ChineseSimplified, PortalCultures.PortugueseBrazil, PortalCultures.English })
        {
            var before = await client.GetDocumentAsync(Prod);
            var response = await client.SubmitAsync(before, "form[action='/account/language']", new Dictionary<string, string> { ["culture"] = culture });

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(Prod, response.Headers.Location!.OriginalString);
            var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CultureCookie + "=", StringComparison.Ordinal));
            Assert.StartsWith($"{CultureCookie}={Uri.EscapeDataString($"c={culture}|uic={culture}")};", cookie, StringComparison.Ordinal);
            var after = await client.GetDocumentAsync(response.Headers.Location.OriginalString);
            Assert.Equal(culture, after.DocumentElement.GetAttribute("lang"));
            Assert.Equal(T(culture, "API Credentials"), after.QuerySelector("main h1")!.TextContent.Trim());
            Assert.Equal(T(culture, "Sign out"), after.QuerySelector("form[action='/account/sign-out'] button")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task TheLanguageMenu_IgnoresAnUnsupportedCulture()
    {
        using var client = await SignedInAsync(portal.Portal, PortalCultures.English);
        var page = await client.GetDocumentAsync(Prod);

        var response = await client.SubmitAsync(page, "form[action='/account/language']", new Dictionary<string, string> { ["culture"] = "fr-FR" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
                     && cookies.Any(c => c.StartsWith(CultureCookie, StringComparison.Ordinal)));
        Assert.Equal("en", (await client.GetDocumentAsync(Prod)).DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("en", "3/14/2026")]
    [InlineData("zh-Hans", "2026/3/14")]
    [InlineData("pt-BR", "14/03/2026")]
    public async Task Dates_FollowTheCulture(string culture, string expectedDate)
    {
        using var client = await SignedInAsync(portal.Portal, culture);

        var list = await client.GetDocumentAsync(Prod + "?q=" + LocalizedPortal.DatedCredentialName);

        var row = Assert.Single(list.QuerySelectorAll("[data-testid=credentials-table] tbody tr"));
        var modifiedAt = row.QuerySelectorAll("td")[5].TextContent.Trim();
        var expected = LocalizedPortal.DatedModifiedAtUtc.ToString("g", CultureInfo.GetCultureInfo(culture)) + " UTC";
        Assert.Equal(expected, modifiedAt);
        Assert.StartsWith(expectedDate + " ", modifiedAt, StringComparison.Ordinal);
    }
}
