using System.Net;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.IntegrationTests.Api;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Localization;
using JourneyOptimizer.Sms.IntegrationTests.Users;
using JourneyOptimizer.Sms.Web.Infrastructure;
using JourneyOptimizer.Sms.Web.Pages.Profile;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.IntegrationTests.Profile;

/// <summary>
/// Revoking an API key asks first, naming the key, as deletes do: the layout's dialog with JavaScript (the Revoke link
/// carries the question, OK posts to the link's URL), a confirmation page at that URL without it.
/// </summary>
public sealed class ApiKeyRevokePagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string KeysUrl = "/profile/api-keys";
    private const string ApiProbe = "/api/v1/sandboxes/prod/credentials";

    private static IHtmlAnchorElement RevokeLink(IHtmlDocument list, string key) =>
        (IHtmlAnchorElement)list.QuerySelector($"a[data-prefix='{key.Split('_')[1]}']")!;

    private async Task<HttpStatusCode> ApiStatusAsync(string key)
    {
        using var api = await ApiScript.WithKeyAsync(factory, key);
        return (await api.GetAsync(ApiProbe)).Response.StatusCode;
    }

    [Theory]
    [InlineData(PortalCultures.English)]
    [InlineData(PortalCultures.ChineseSimplified)]
    public async Task TheRevokeLink_AsksNamingTheKey_AndTheDialogsOk_Revokes(string culture)
    {
        var name = "ci-" + Guid.NewGuid().ToString("N")[..6];
        var key = await ApiScript.CreateKeyOnPageAsync(factory, name: name);
        using var client = await LocalizedClient.SignedInAsync(factory, culture);
        var list = await client.GetDocumentAsync(KeysUrl);

        var link = RevokeLink(list, key);
        Assert.Equal(LocalizedClient.T(culture, RevokeApiKeyModel.QuestionMessage, name), link.GetAttribute("data-confirm"));
        Assert.Equal(LocalizedClient.T(culture, "Revoke"), link.GetAttribute("data-confirm-ok"));
        Assert.Null(list.QuerySelector($"form[data-prefix='{key.Split('_')[1]}']"));
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(key));

        // What site.js does on OK: the layout's dialog form (with its antiforgery token) posts to the link's URL.
        list.GetElementById("confirm-dialog-form")!.SetAttribute("action", link.GetAttribute("href"));
        using var revoked = await client.SubmitAsync(list, "#confirm-dialog-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(KeysUrl, revoked.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiStatusAsync(key));
        var after = await client.GetDocumentAsync(KeysUrl);
        Assert.Contains(LocalizedClient.T(culture, "API key revoked."), after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector($"a[data-prefix='{key.Split('_')[1]}']"));
    }

    [Fact]
    public async Task WithoutJavaScript_TheLinkOpensAConfirmationPage_ThatRevokesOnlyWhenConfirmed()
    {
        var name = "ci-" + Guid.NewGuid().ToString("N")[..6];
        var key = await ApiScript.CreateKeyOnPageAsync(factory, name: name);
        using var client = await PortalClient.SignedInAsync(factory);
        var href = RevokeLink(await client.GetDocumentAsync(KeysUrl), key).GetAttribute("href")!;

        var confirmation = await client.GetDocumentAsync(href);

        Assert.Equal(LocalizedClient.T(PortalCultures.English, RevokeApiKeyModel.QuestionMessage, name),
            confirmation.QuerySelector("[data-testid=question]")!.TextContent);
        Assert.Equal(KeysUrl, confirmation.QuerySelector("main form a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(key));
        var prefix = key.Split('_')[1];
        Assert.Null(await factory.WithDbAsync(db => db.ApiKeys.Where(k => k.Prefix == prefix).Select(k => k.RevokedAtUtc).SingleAsync()));

        using var revoked = await client.SubmitAsync(confirmation, "main form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiStatusAsync(key));
        // Asked again (another tab), the page has nothing left to ask.
        using var again = await client.Http.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task AnotherUsersKey_IsNeitherShownNorRevoked()
    {
        var name = "ci-" + Guid.NewGuid().ToString("N")[..6];
        var key = await ApiScript.CreateKeyOnPageAsync(factory, name: name);
        using var owner = await PortalClient.SignedInAsync(factory);
        var href = RevokeLink(await owner.GetDocumentAsync(KeysUrl), key).GetAttribute("href")!;
        var email = TestUsers.Email("other");
        await TestUsers.CreateAsync(factory, email);
        using var other = await PortalClient.SignedInAsync(factory, email, TestUsers.Password);

        // Answered as for a key that does not exist: back to the asker's own list, the name not disclosed.
        using var asked = await other.Http.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal((HttpStatusCode.Redirect, KeysUrl), (asked.StatusCode, asked.Headers.Location?.OriginalString));
        Assert.DoesNotContain(name, await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var ownPage = await other.GetDocumentAsync(KeysUrl);
        ownPage.GetElementById("confirm-dialog-form")!.SetAttribute("action", href);
        using var posted = await other.SubmitAsync(ownPage, "#confirm-dialog-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(key));
        Assert.DoesNotContain("API key revoked.", (await other.GetDocumentAsync(KeysUrl)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
