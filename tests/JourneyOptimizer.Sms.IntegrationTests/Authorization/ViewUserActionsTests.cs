using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;

namespace JourneyOptimizer.Sms.IntegrationTests.Authorization;

/// <summary>
/// A View user sees lists and details but nothing that writes: every sandbox page (from the route table) is scanned
/// for submit buttons of POST forms, links to create/delete/verify pages, and confirmation (delete) triggers. Pages
/// marked [RequiresManage] (Create, Delete) answer a View user 403, which the authorization matrix checks.
/// </summary>
public sealed class ViewUserActionsTests(MatrixPortal portal) : IClassFixture<MatrixPortal>
{
    /// <summary>Path endings of pages that exist only to change something.</summary>
    private static readonly string[] ActionPages = ["/create", "/delete/", "/verifyconnection/", "/duplicate/"];

    [Fact]
    public async Task AViewUser_SeesNoButtonThatWrites_OnAnySandboxPage()
    {
        var pages = (await RouteTable.ReadAsync(portal.Portal.Services))
            .Where(r => r.IsPage && r.Method == "GET" && r.Handler is null && r.IsSandboxScoped && !r.RequiresManage).ToList();
        Assert.Contains(pages, p => p.Name.EndsWith("/ApiCredentials/Index", StringComparison.Ordinal));
        var problems = new List<string>();
        var scanned = 0;
        foreach (var page in pages)
        {
            var (url, missing) = RouteTable.Url(page, name => name switch
            {
                "sandbox" => MatrixPortal.SandboxA,
                "id" when page.Name.Contains("/ApiCredentials/", StringComparison.Ordinal) => MatrixPortal.Invariant(portal.CredentialAId),
                "id" when page.Name.Contains("/Webhooks/", StringComparison.Ordinal) => MatrixPortal.Invariant(portal.WebhookAId),
                "id" when page.Name.Contains("/ChannelConfigurations/", StringComparison.Ordinal) => MatrixPortal.Invariant(portal.ChannelConfigurationAId),
                _ => null,
            });
            if (url is null)
            {
                problems.Add($"{page}: no sample value for {string.Join(", ", missing)}: add one in {nameof(ViewUserActionsTests)}.");
                continue;
            }

            using var response = await portal.ViewA.SendAsync(HttpMethod.Get, url);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"GET {url} as View A answered {(int)response.StatusCode}.");
                continue;
            }

            scanned++;
            problems.AddRange(WriteActions(await PortalClient.ParseAsync(html, url)).Select(a => $"GET {url} as View A shows {a}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(scanned >= 4, $"Only {scanned} sandbox pages scanned.");
    }

    [Fact]
    public async Task AManageUser_SeesTheButtons_SoTheScanCanSeeThem()
    {
        var url = TestData.CredentialsUrl(MatrixPortal.SandboxA);
        using var response = await portal.ManageA.SendAsync(HttpMethod.Get, url);
        var actions = WriteActions(await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(), url)).ToList();

        Assert.Contains(actions, a => a.Contains("/create", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.Contains("/delete/", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.Contains("submit", StringComparison.Ordinal));
    }

    /// <summary>What in the page's main content would write: described for a failure message.</summary>
    public static IEnumerable<string> WriteActions(IHtmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var main = document.QuerySelector("main") ?? throw new InvalidOperationException("The page has no <main>.");
        foreach (var control in main.QuerySelectorAll("button, input[type=submit], input[type=image]"))
        {
            var type = (control.GetAttribute("type") ?? "submit").ToLowerInvariant();
            if (type != "submit" && type != "image")
            {
                continue;
            }

            var form = FormOf(control, document);
            var method = (control.GetAttribute("formmethod") ?? form?.GetAttribute("method") ?? "get").ToLowerInvariant();
            if (method == "post" && !IsDisabled(control))
            {
                yield return $"a submit button of a POST form: {Describe(control)}";
            }
        }

        foreach (var link in main.QuerySelectorAll("a[href]"))
        {
            var href = link.GetAttribute("href")!.ToLowerInvariant();
            if (ActionPages.Any(p => href.Contains(p, StringComparison.Ordinal)))
            {
                yield return $"a link to an action page {href}: {Describe(link)}";
            }
        }

        foreach (var confirm in main.QuerySelectorAll("[data-confirm]"))
        {
            yield return $"a confirmation trigger: {Describe(confirm)}";
        }
    }

    private static IElement? FormOf(IElement control, IHtmlDocument document) =>
        control.GetAttribute("form") is { } id ? document.GetElementById(id) : control.Closest("form");

    private static bool IsDisabled(IElement control) =>
        control.HasAttribute("disabled") || control.Closest("fieldset[disabled]") is not null;

    private static string Describe(IElement element) =>
        element.OuterHtml.Length > 200 ? element.OuterHtml[..200] + "…" : element.OuterHtml;
}
