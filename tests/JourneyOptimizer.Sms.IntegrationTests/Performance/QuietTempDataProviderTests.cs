using System.Net;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// <see cref="QuietTempDataProvider"/>: no TempData cookie is deleted that the browser never had, and the status
/// message after Post-Redirect-Get still shows once and is then gone.
/// </summary>
public sealed class QuietTempDataProviderTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    // MVC's name for the cookie (CookieTempDataProvider.CookieName, not a constant).
    private const string CookieName = ".AspNetCore.Mvc.CookieTempDataProvider";

    private static IEnumerable<string> TempDataCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith(CookieName, StringComparison.Ordinal))
            : [];

    private static bool Deletes(string setCookie) => setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task A_page_with_a_status_message_sets_no_TempData_cookie_when_there_is_none()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        using var response = await client.Http.GetAsync(new Uri(TestData.CredentialsUrl("prod"), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(TempDataCookies(response));
    }

    [Fact]
    public async Task The_status_message_shows_once_and_its_cookie_is_then_deleted()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var form = await client.GetDocumentAsync("/administration/sandboxes/create");
        using var created = await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = "quiet-tempdata",
            ["Input.Title"] = "TempData",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var set = Assert.Single(TempDataCookies(created));
        Assert.False(Deletes(set));

        // The next page shows the message and deletes the cookie; the one after shows nothing and sets nothing.
        using var shown = await client.Http.GetAsync(new Uri("/administration/sandboxes", UriKind.Relative));
        var page = await PortalClient.ParseAsync(await shown.Content.ReadAsStringAsync());
        Assert.Contains("quiet-tempdata", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.True(Deletes(Assert.Single(TempDataCookies(shown))));

        using var again = await client.Http.GetAsync(new Uri("/administration/sandboxes", UriKind.Relative));
        var second = await PortalClient.ParseAsync(await again.Content.ReadAsStringAsync());
        Assert.Null(second.QuerySelector("[role=status]"));
        Assert.Empty(TempDataCookies(again));
    }

    [Theory]
    [InlineData(CookieName)]
    [InlineData(CookieName + "C1")]
    public void A_cookie_the_browser_sent_is_deleted_when_nothing_is_left_in_it(string sent)
    {
        var provider = factory.Services.GetRequiredService<ITempDataProvider>();
        Assert.IsType<QuietTempDataProvider>(provider);
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = sent + "=x";

        provider.SaveTempData(context, new Dictionary<string, object>());

        Assert.Contains(context.Response.Headers.SetCookie, c => c!.StartsWith(CookieName, StringComparison.Ordinal) && Deletes(c));
    }

    [Fact]
    public void Values_are_kept_and_read_back_as_MVCs_provider_does()
    {
        var provider = factory.Services.GetRequiredService<ITempDataProvider>();
        var saving = new DefaultHttpContext();
        saving.Request.Headers.Cookie = "other=1";
        provider.SaveTempData(saving, new Dictionary<string, object> { ["StatusMessage"] = "Saved “x”." });
        var cookie = Assert.Single(saving.Response.Headers.SetCookie, c => c!.StartsWith(CookieName, StringComparison.Ordinal))!;

        var reading = new DefaultHttpContext();
        reading.Request.Headers.Cookie = cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
        Assert.Equal("Saved “x”.", provider.LoadTempData(reading)["StatusMessage"]);

        var quiet = new DefaultHttpContext();
        quiet.Request.Headers.Cookie = "other=1";
        provider.SaveTempData(quiet, new Dictionary<string, object>());
        Assert.Equal(0, quiet.Response.Headers.SetCookie.Count);
    }
}
