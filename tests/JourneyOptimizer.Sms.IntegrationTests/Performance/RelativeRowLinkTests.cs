using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.IntegrationTests.Channels;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// The lists' row links are relative to the list (a tenth of a list page's bytes; docs/performance.md, sixth round), and
/// still lead to the right page however the list's URL was typed.
/// </summary>
public sealed class RelativeRowLinkTests(ChannelPortal portal) : IClassFixture<ChannelPortal>
{
    [Theory]
    [InlineData("/sandboxes/prod/x/apicredentials", "/sandboxes/prod/x/apicredentials/edit/", "apicredentials/edit/")]
    [InlineData("/sandboxes/prod/x/apicredentials/", "/sandboxes/prod/x/apicredentials/edit/", "edit/")]
    [InlineData("/base/sandboxes/prod/x/list", "/base/sandboxes/prod/x/list/edit/", "list/edit/")]
    [InlineData("/Sandboxes/Prod/x/list", "/sandboxes/prod/x/list/edit/", "/sandboxes/prod/x/list/edit/")]
    [InlineData("/sandboxes/prod/x/list", "/administration/users/edit/", "/administration/users/edit/")]
    [InlineData("/sandboxes/prod/x/list", "/sandboxes/prod/x/a:b/edit/", "/sandboxes/prod/x/a:b/edit/")]
    [InlineData("/sandboxes/prod/x/list", "/sandboxes/prod/x/", "/sandboxes/prod/x/")]
    [InlineData("/sandboxes/prod/x/list", "/sandboxes/prod/x/?q=1", "/sandboxes/prod/x/?q=1")]
    [InlineData("/sandboxes/prod/x/list", "/sandboxes/prod/x/../edit", "/sandboxes/prod/x/../edit")]
    [InlineData("", "/sandboxes/prod/x/edit/", "/sandboxes/prod/x/edit/")]
    public void A_path_below_the_document_folder_becomes_relative_anything_else_stays(string document, string target, string expected) =>
        Assert.Equal(expected, RelativeUrl.From(document, target));

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task Credential_rows_link_relatively_to_their_pages_with_or_without_a_trailing_slash(string slash)
    {
        var sandbox = await TestData.SandboxAsync(portal, "relative-links");
        var name = TestData.Name("relative");
        var id = await TestData.CreateTwilioAsync(portal, sandbox.Id, TestData.Twilio(name), saveWithoutVerification: true);
        using var client = await PortalClient.SignedInAsync(portal);
        var list = TestData.CredentialsUrl(sandbox.Name);

        var page = await client.GetDocumentAsync(list + slash + "?q=" + name);

        foreach (var (selector, target) in new[]
                 {
                     ("td:first-child a", "edit"), ("a.btn[href*='edit/']", "edit"), ("a[href*='verifyconnection/']", "verifyconnection"),
                     ("a[data-confirm]", "delete"),
                 })
        {
            var href = page.QuerySelector("[data-testid=credentials-table] tbody tr " + selector)!.GetAttribute("href")!;
            Assert.False(href.StartsWith('/'), $"{target}: {href} is not relative");
            var resolved = PortalClient.Resolve(page, href);
            Assert.Equal($"{list}/{target}/{id}", resolved);
            using var response = await client.Http.GetAsync(new Uri(resolved, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Row_links_lead_into_each_lists_own_sandbox_when_two_sandboxes_lists_are_shown_in_turn()
    {
        // The row URL prefixes are generated once per sandbox and kept: a list must never get another sandbox's.
        using var client = await PortalClient.SignedInAsync(portal);
        for (var round = 0; round < 2; round++)
        {
            foreach (var sandboxName in new[] { "row-links-a", "row-links-b" })
            {
                var sandbox = await TestData.SandboxAsync(portal, sandboxName);
                var name = TestData.Name("rows");
                var id = await TestData.CreateTwilioAsync(portal, sandbox.Id, TestData.Twilio(name), saveWithoutVerification: true);
                var list = TestData.CredentialsUrl(sandbox.Name);

                var page = await client.GetDocumentAsync(list + "?q=" + name);

                var row = page.QuerySelector("[data-testid=credentials-table] tbody tr")!;
                Assert.Equal($"{list}/edit/{id}", PortalClient.Resolve(page, row.QuerySelector("td:first-child a")!.GetAttribute("href")!));
                Assert.Equal($"{list}/delete/{id}", PortalClient.Resolve(page, row.QuerySelector("a[data-confirm]")!.GetAttribute("href")!));
                Assert.Equal($"{list}/verifyconnection/{id}",
                    PortalClient.Resolve(page, row.QuerySelector("a[href*='verifyconnection/']")!.GetAttribute("href")!));
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task Channel_configuration_rows_link_relatively_with_or_without_a_trailing_slash(string slash)
    {
        var sandbox = await TestData.SandboxAsync(portal, "relative-links");
        var name = "relative" + Guid.NewGuid().ToString("N")[..10];
        var (_, id, _) = await portal.ActiveAsync(sandbox.Id, name);
        using var client = await PortalClient.SignedInAsync(portal);
        var list = ChannelPortal.Url(sandbox.Name);

        var page = await client.GetDocumentAsync(list + slash + "?q=" + name);

        var row = page.QuerySelector($"[data-testid=configurations-table] tr[data-id='{id}']")!;

        // The "More actions" menu is the page's template; site.js appends the row's id to its links.
        var menu = ((IHtmlTemplateElement)page.GetElementById("row-menu")!).Content;
        var sendTest = menu.QuerySelector("a[data-append-id]")!.GetAttribute("href") + id.ToString(CultureInfo.InvariantCulture);
        foreach (var (href, target) in new[]
                 {
                     (row.QuerySelector("td:first-child a")!.GetAttribute("href")!, "edit"),
                     (row.QuerySelector("a[data-confirm]")!.GetAttribute("href")!, "delete"),
                     (sendTest, "sendtest"),
                 })
        {
            Assert.False(href.StartsWith('/'), $"{target}: {href} is not relative");
            var resolved = PortalClient.Resolve(page, href);
            Assert.Equal($"{list}/{target}/{id}", resolved);
            using var response = await client.Http.GetAsync(new Uri(resolved, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
