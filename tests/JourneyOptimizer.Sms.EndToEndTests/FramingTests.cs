using System.Collections.Concurrent;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>
/// Clickjacking, as it was found: a page of the same site on another port frames a signed-in page of the portal (the
/// session cookie is SameSite=Lax, and the site is the same). Chromium must refuse to show the portal in the frame.
/// </summary>
public sealed class FramingTests
{
    private const string AdminEmail = "admin@example.com";
    private const string AdminPassword = "Adm1n!Passw0rd";

    [Fact]
    public async Task ASignedInPage_CannotBeFramed_ByAPageOfTheSameSiteOnAnotherPort()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = AdminEmail,
            ["Bootstrap__AdminPassword"] = AdminPassword,
        });
        var target = portal.BaseUrl + "/administration/users";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var framer = builder.Build();
        framer.MapGet("/", () => Results.Content($"<!DOCTYPE html><title>framer</title><iframe id=\"f\" src=\"{target}\" width=\"800\" height=\"600\"></iframe>", "text/html"));
        await framer.StartAsync();
        try
        {
            var page = await (await browser.NewContextAsync()).NewPageAsync();
            var console = new ConcurrentQueue<string>();
            page.Console += (_, message) => console.Enqueue(message.Text);
            await page.GotoAsync(portal.BaseUrl + "/account/sign-in");
            await page.Locator("#Input_Email").FillAsync(AdminEmail);
            await page.Locator("#Input_Password").FillAsync(AdminPassword);
            await page.Locator("main form button[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");

            // The session works at the top level...
            await page.GotoAsync(target);
            Assert.Equal(1, await page.Locator("h1").CountAsync());

            // ...but not inside another page's frame.
            var framerUrl = framer.Urls.First();
            await page.GotoAsync(framerUrl);
            await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
            var shown = new List<string>();
            foreach (var frame in page.Frames.Where(f => f != page.MainFrame))
            {
                try
                {
                    shown.Add(await frame.EvaluateAsync<string>("() => document.body ? document.body.innerText : ''"));
                }
                catch (PlaywrightException)
                {
                    // Chromium's own error page of a refused frame cannot be evaluated: nothing of the portal is in it.
                }
            }

            Assert.DoesNotContain(shown, text => text.Contains(AdminEmail, StringComparison.Ordinal));
            Assert.Contains(console, m => m.Contains("frame-ancestors 'none'", StringComparison.Ordinal)
                || m.Contains("X-Frame-Options", StringComparison.Ordinal));
        }
        finally
        {
            await framer.StopAsync();
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
