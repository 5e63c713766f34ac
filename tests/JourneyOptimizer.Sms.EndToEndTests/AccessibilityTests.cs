using System.Security.Cryptography;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>
/// axe-core on every main page, in Chromium: no serious or critical violation (labels, names, contrast, ARIA...).
/// Plus what axe cannot see: the bin icon's accessible name and the confirmation dialog keeping the focus inside, and
/// that the Content-Security-Policy refuses nothing the pages use (Chromium reports every refusal on the console).
/// </summary>
public sealed class AccessibilityTests
{
    private const string AdminEmail = "admin@example.com";
    private const string AdminPassword = "Adm1n!Passw0rd";

    /// <summary>
    /// The pages checked, signed in as a System administrator. <c>{credentials}</c> is the API credentials list of
    /// <c>prod</c>, <c>{sandboxes}</c> the sandbox's root (<c>/sandboxes/prod/administration/channels</c>), <c>{id}</c>
    /// a credential and <c>{user}</c> the administrator's user id. Add new pages (webhooks, channel configurations) here.
    /// </summary>
    public static readonly string[] Pages =
    [
        "{credentials}",
        "{credentials}/create",
        "{credentials}/edit/{id}",
        "{credentials}/verifyconnection/{id}",
        "{channels}/smssettings/webhooks",
        "{channels}/smssettings/webhooks/create",
        "{channels}/smssettings/webhooks/inboundmessages",
        "{channels}/smssettings/webhooks/feedback",
        "{channels}/smssettings/webhooks/consent",
        "{channels}/generalsettings/channelconfigurations",
        "{channels}/generalsettings/channelconfigurations/create",
        "/administration/sandboxes",
        "/administration/sandboxes/create",
        "/administration/users",
        "/administration/users/create",
        "/administration/users/edit/{user}",
        "/administration/auditlog",
    ];

    private static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    [Fact]
    public async Task EveryMainPage_HasNoSeriousOrCriticalViolation_AndTheDialogKeepsTheFocus()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = AdminEmail,
            ["Bootstrap__AdminPassword"] = AdminPassword,
            ["Twilio__ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Twilio__MessagingBaseUrl"] = "http://127.0.0.1:9",
            ["Twilio__TimeoutSeconds"] = "2",
        });
        try
        {
            var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
            var problems = new List<string>();
            var refusals = new System.Collections.Concurrent.ConcurrentQueue<string>();
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                {
                    refusals.Enqueue(page.Url + ": " + message.Text);
                }
            };

            await page.GotoAsync(portal.BaseUrl + "/account/sign-in");
            problems.AddRange(await ViolationsAsync(page, "/account/sign-in"));
            await page.Locator("#Input_Email").FillAsync(AdminEmail);
            await page.Locator("#Input_Password").FillAsync(AdminPassword);
            await page.Locator("main form button[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");

            // A credential to show.
            var credentials = portal.BaseUrl + "/sandboxes/prod/administration/channels/smssettings/apicredentials";
            var name = "a11y-" + Hex32()[..6];
            await page.GotoAsync(credentials + "/create");
            await page.Locator("input[name='Input.Twilio.Name']").FillAsync(name);
            await page.Locator("input[name='Input.Twilio.AccountSid']").FillAsync("AC" + Hex32());
            await page.Locator("input[name='Input.Twilio.AuthToken']").FillAsync(Hex32());
            await page.Locator("input[name='Input.Twilio.MessagingServiceSid']").FillAsync("MG" + Hex32());
            await page.Locator("input[name='Input.Twilio.InboundNumber']").FillAsync("+14155550100");
            await page.Locator("main form button[type=submit].btn-primary").Last.ClickAsync();
            await page.Locator("[data-testid=unreachable] button").ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            var edit = await page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = name }).Locator("a").First.GetAttributeAsync("href");
            var id = edit!.Split('/')[^1];
            await page.GotoAsync(portal.BaseUrl + "/administration/users");
            var userEdit = await page.Locator($"tr[data-user='{AdminEmail}'] a").First.GetAttributeAsync("href");
            var user = userEdit!.Split('/')[^1];

            foreach (var template in Pages)
            {
                var url = template.Replace("{credentials}", credentials, StringComparison.Ordinal)
                    .Replace("{channels}", portal.BaseUrl + "/sandboxes/prod/administration/channels", StringComparison.Ordinal)
                    .Replace("{id}", id, StringComparison.Ordinal).Replace("{user}", user, StringComparison.Ordinal);
                var response = await page.GotoAsync(url.StartsWith('/') ? portal.BaseUrl + url : url);
                Assert.True(response!.Ok, $"{url} answered {response.Status}");
                problems.AddRange(await ViolationsAsync(page, template));
            }

            // The bin icon has an accessible name, and the confirmation dialog traps the focus.
            await page.GotoAsync(credentials);
            var bin = page.GetByRole(AriaRole.Link, new() { Name = "Delete " + name, Exact = true });
            Assert.Equal(1, await bin.CountAsync());
            await bin.ClickAsync();
            var dialog = page.Locator("#confirm-dialog");
            await page.GetByRole(AriaRole.Dialog).WaitForAsync();
            await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.closest('#confirm-dialog') !== null");
            problems.AddRange(await ViolationsAsync(page, "confirmation dialog"));
            foreach (var key in Enumerable.Repeat("Tab", 7).Concat(Enumerable.Repeat("Shift+Tab", 7)))
            {
                await page.Keyboard.PressAsync(key);
                var inside = await page.EvaluateAsync<bool>("() => document.activeElement.closest('#confirm-dialog') !== null");
                Assert.True(inside, $"After {key} the focus left the dialog: {await page.EvaluateAsync<string>("() => document.activeElement.outerHTML")}");
            }

            await page.Keyboard.PressAsync("Escape");
            await dialog.WaitForAsync(new() { State = WaitForSelectorState.Hidden });

            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.True(refusals.IsEmpty, string.Join("\n", refusals));
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        Assert.True(result.Passes.Length > 10, $"{where}: axe ran only {result.Passes.Length} passing rules: did it run at all?");
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: [{v.Impact}] {v.Id} {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html).Take(3))}");
    }
}
