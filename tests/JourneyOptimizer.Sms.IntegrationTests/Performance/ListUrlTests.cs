using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.IntegrationTests.Channels;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// The lists build their own links and form actions from a cached path and their query values (<c>LayoutUrls.Page</c>
/// with a query; docs/performance.md, tenth round): each must be exactly the URL the link generator gives for the same
/// page, handler and values, with markup, spaces, reserved and non-ASCII characters in them.
/// </summary>
public sealed class ListUrlTests(ChannelPortal portal) : IClassFixture<ChannelPortal>
{
    private const string CredentialsPage = "/Administration/Channels/SmsSettings/ApiCredentials/Index";
    private const string ChannelsPage = "/Administration/Channels/GeneralSettings/ChannelConfigurations/Index";
    private const string Odd = "é&=/+ ?#中%\"<";

    private string Expected(string page, string? handler, object values) =>
        portal.Services.GetRequiredService<LinkGenerator>().GetPathByPage(page, handler, values)!;

    private static string Href(IHtmlDocument page, string selector, string attribute = "href") =>
        page.QuerySelector(selector)?.GetAttribute(attribute) ?? throw new InvalidOperationException($"No {selector} on {page.Url}.");

    // The cursor a link carries, as the page will read it back.
    private static string Cursor(string url) =>
        Uri.UnescapeDataString(url.Split('?')[1].Split('&').Single(p => p.StartsWith("cursor=", StringComparison.Ordinal))["cursor=".Length..]);

    [Fact]
    public async Task The_credentials_list_links_its_pages_and_posts_its_rows_actions_to_the_link_generators_URLs()
    {
        const string sandbox = "list-urls";
        var id = (await TestData.SandboxAsync(portal, sandbox)).Id;
        if (await portal.WithDbAsync(db => Task.FromResult(db.ApiCredentials.Count(c => c.SandboxId == id))) == 0)
        {
            for (var i = 0; i <= 50; i++)
            {
                await TestData.CreateTwilioAsync(portal, id, TestData.Twilio($"{Odd} {i:000}"), saveWithoutVerification: true);
            }
        }

        using var client = await PortalClient.SignedInAsync(portal);
        var first = await client.GetDocumentAsync(TestData.CredentialsUrl(sandbox) + "?q=" + Uri.EscapeDataString(Odd));
        Assert.Equal(Expected(CredentialsPage, "Verify", new { sandbox, q = Odd }), Href(first, "#row-actions-form", "action"));
        Assert.Equal(Expected("/Administration/Channels/SmsSettings/ApiCredentials/Create", null, new { sandbox }), Href(first, "a.btn-primary"));
        var next = Href(first, "a[rel=next]");
        var cursor = Cursor(next);
        Assert.Equal(Expected(CredentialsPage, null, new { sandbox, q = Odd, cursor }), next);

        var second = await client.GetDocumentAsync(next);
        Assert.Equal(Expected(CredentialsPage, "Verify", new { sandbox, q = Odd, cursor }), Href(second, "#row-actions-form", "action"));
        var previous = Href(second, "a[rel=prev]");
        Assert.Equal(Expected(CredentialsPage, null, new { sandbox, q = Odd, cursor = Cursor(previous) }), previous);
    }

    [Fact]
    public async Task The_channel_list_links_its_pages_polls_and_posts_its_rows_actions_to_the_link_generators_URLs()
    {
        const string sandbox = "list-urls-channels";
        var id = (await TestData.SandboxAsync(portal, sandbox)).Id;
        if (await portal.WithDbAsync(db => Task.FromResult(db.Set<ChannelConfiguration>().Count(c => c.SandboxId == id))) == 0)
        {
            var credential = await TestData.CreateTwilioAsync(portal, id, TestData.Twilio(), saveWithoutVerification: true);
            for (var i = 0; i <= 50; i++)
            {
                await portal.CreateAsync(id, new ChannelConfigurationInput
                {
                    Name = $"url_page_{i:000}",
                    SmsType = SmsType.Marketing,
                    ApiCredentialId = credential,
                    SenderNumber = TestData.Number(),
                }, submit: false);
            }
        }

        using var client = await PortalClient.SignedInAsync(portal);
        var url = ChannelPortal.Url(sandbox);

        // The credentials list of the same sandbox first: its "Index" and "Create" are other pages than the channel list's.
        var credentials = await client.GetDocumentAsync(TestData.CredentialsUrl(sandbox));
        Assert.Equal(Expected(CredentialsPage, "Verify", new { sandbox }), Href(credentials, "#row-actions-form", "action"));
        var first = await client.GetDocumentAsync(url + "?q=url_page&status=Draft&type=Marketing");
        var next = Href(first, "a[rel=next]");
        var cursor = Cursor(next);
        Assert.Equal(Expected(ChannelsPage, null, new { sandbox, q = "url_page", status = "Draft", type = "Marketing", cursor }), next);
        Assert.Equal(Expected(ChannelsPage, "States", new { sandbox }), Href(first, "[data-states-url]", "data-states-url"));
        Assert.Equal(Expected("/Administration/Channels/GeneralSettings/ChannelConfigurations/Create", null, new { sandbox }), Href(first, "[data-testid=create]"));
        var second = await client.GetDocumentAsync(next);
        var previous = Href(second, "a[rel=prev]");
        Assert.Equal(Expected(ChannelsPage, null, new { sandbox, q = "url_page", status = "Draft", type = "Marketing", cursor = Cursor(previous) }), previous);

        // The row actions keep whatever filters the list was asked for, however odd.
        var odd = await client.GetDocumentAsync(url + "?q=" + Uri.EscapeDataString(Odd) + "&status=" + Uri.EscapeDataString(Odd)
            + "&type=%E4%B8%AD&cursor=" + Uri.EscapeDataString(cursor));
        foreach (var handler in new[] { "Deactivate", "Activate", "Duplicate" })
        {
            Assert.Equal(Expected(ChannelsPage, handler, new { sandbox, q = Odd, status = Odd, type = "中", cursor }),
                Href(odd, $"#row-{handler.ToLowerInvariant()}-form", "action"));
        }

        var plain = await client.GetDocumentAsync(url);
        Assert.Equal(Expected(ChannelsPage, "Duplicate", new { sandbox }), Href(plain, "#row-duplicate-form", "action"));
    }
}
