using System.Security.Cryptography;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>
/// Users and permissions, and the audit log, in a real browser: the administrator creates a sandbox, a credential in it
/// and a user with a set-password link; the user chooses a password, signs in, sees only that sandbox and no button
/// that writes; the administrator finds the credential's creation in the audit log.
/// </summary>
public sealed class UsersJourneyTests
{
    private const string AdminEmail = "admin@example.com";
    private const string AdminPassword = "Adm1n!Passw0rd";
    private const string UserPassword = "Us3r!Passw0rd";

    private static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static TheoryData<string?, string> Languages => new()
    {
        { null, "users-en" },
        { "简体中文", "users-zh-Hans" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task UsersAndPermissions_AndTheAuditLog(string? language, string journey)
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
            var admin = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
            await SignInAsync(admin, portal, AdminEmail, AdminPassword);
            if (language is not null)
            {
                await admin.Locator("#user-menu").ClickAsync();
                await admin.GetByRole(AriaRole.Button, new() { Name = language }).ClickAsync();
                await admin.WaitForURLAsync("**/apicredentials");
            }

            // A sandbox of its own, with a credential in it.
            var sandbox = "team-" + Hex32()[..6];
            await admin.GotoAsync(portal.BaseUrl + "/administration/sandboxes/create");
            await admin.Locator("#Input_Name").FillAsync(sandbox);
            await admin.Locator("#Input_Title").FillAsync("Team " + sandbox);
            await admin.Locator("main form button[type=submit].btn-primary").ClickAsync();
            await admin.WaitForURLAsync("**/administration/sandboxes");
            var credential = "twilio-" + Hex32()[..6];
            await admin.GotoAsync($"{portal.BaseUrl}/sandboxes/{sandbox}/administration/channels/smssettings/apicredentials/create");
            await admin.Locator("input[name='Input.Twilio.Name']").FillAsync(credential);
            await admin.Locator("input[name='Input.Twilio.AccountSid']").FillAsync("AC" + Hex32());
            await admin.Locator("input[name='Input.Twilio.AuthToken']").FillAsync(Hex32());
            await admin.Locator("input[name='Input.Twilio.MessagingServiceSid']").FillAsync("MG" + Hex32());
            await admin.Locator("input[name='Input.Twilio.InboundNumber']").FillAsync("+14155550100");
            await admin.Locator("main form button[type=submit].btn-primary").Last.ClickAsync();
            await admin.Locator("[data-testid=unreachable] button").ClickAsync();
            await admin.WaitForURLAsync("**/apicredentials");

            // The user, with a one-time link.
            var email = $"user-{Hex32()[..6]}@example.com";
            await admin.GotoAsync(portal.BaseUrl + "/administration/users/create");
            await admin.Locator("#Input_Email").FillAsync(email);
            await admin.Locator("#mode-link").CheckAsync();
            await Browser.ScreenshotAsync(admin, journey, "01-create-user");
            await admin.Locator("main form button[type=submit]").ClickAsync();
            var link = await admin.Locator("[data-testid=set-password-link]").InputValueAsync();
            Assert.Contains("/account/set-password?token=", link, StringComparison.Ordinal);
            await Browser.ScreenshotAsync(admin, journey, "02-link");

            // View messages presets in the new sandbox only.
            await admin.Locator("main a.btn-primary").ClickAsync();
            await admin.Locator($"select[data-sandbox='{sandbox}']").SelectOptionAsync("View");
            await Browser.ScreenshotAsync(admin, journey, "03-permissions");
            await admin.Locator("#user-form button[type=submit]").ClickAsync();
            await admin.WaitForURLAsync("**/administration/users");
            var userRow = admin.Locator($"tr[data-user='{email}']");
            Assert.Contains(sandbox, await userRow.InnerTextAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(admin, journey, "04-users");

            // The user chooses a password with the link, then signs in.
            var user = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
            await user.GotoAsync(link);
            Assert.Equal(email, await user.Locator("#email").InputValueAsync());
            await user.Locator("#Input_Password").FillAsync(UserPassword);
            await user.Locator("#Input_ConfirmPassword").FillAsync(UserPassword);
            await Browser.ScreenshotAsync(user, journey, "05-set-password");
            await user.Locator("main form button[type=submit]").ClickAsync();
            await user.WaitForURLAsync("**/account/sign-in?passwordSet=*");
            await SignInAsync(user, portal, email, UserPassword, navigate: false);
            Assert.EndsWith($"/sandboxes/{sandbox}/administration/channels/smssettings/apicredentials", user.Url, StringComparison.Ordinal);
            await user.Locator("#sandbox-switcher").ClickAsync();
            Assert.Equal(1, await user.Locator("[aria-labelledby=sandbox-switcher] a.dropdown-item").CountAsync());
            await user.Keyboard.PressAsync("Escape");
            var row = user.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = credential });
            await row.WaitForAsync();
            Assert.Equal(0, await user.Locator("main a[href$='/create'], main .bi-trash, main button[type=submit][form^='row-']").CountAsync());
            Assert.Equal(0, await user.Locator("nav#rail a[href*='/administration/users']").CountAsync());
            await Browser.ScreenshotAsync(user, journey, "06-view-user-list");
            await row.Locator("a").First.ClickAsync();
            await user.WaitForURLAsync("**/edit/*");
            Assert.Equal(0, await user.Locator("main button[type=submit]:visible, main .bi-trash:visible").CountAsync());
            await Browser.ScreenshotAsync(user, journey, "07-view-user-details");

            // The audit log: filtered on the sandbox and the object type, it finds the credential's creation.
            await admin.GotoAsync(portal.BaseUrl + "/administration/auditlog");
            await admin.Locator("#f-sandbox").SelectOptionAsync(new SelectOptionValue { Label = sandbox });
            await admin.Locator("#f-type").SelectOptionAsync("ApiCredential");
            await admin.Locator("#audit-filter button[type=submit]").ClickAsync();
            await admin.WaitForURLAsync("**objectType=ApiCredential*");
            var entries = admin.Locator("[data-testid=audit-table] tbody tr");
            Assert.Equal(1, await entries.CountAsync());
            Assert.Contains(credential, await entries.First.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains(AdminEmail, await entries.First.InnerTextAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(admin, journey, "08-audit-log");

            // And from the credential's Edit page, its history.
            await admin.GotoAsync($"{portal.BaseUrl}/sandboxes/{sandbox}/administration/channels/smssettings/apicredentials");
            await admin.Locator("[data-testid=credentials-table] tbody tr a").First.ClickAsync();
            await admin.Locator("[data-testid=credential-history]").ClickAsync();
            await admin.WaitForURLAsync("**objectId=*");
            Assert.Equal(1, await admin.Locator("[data-testid=audit-table] tbody tr[data-action=Created]").CountAsync());
            await Browser.ScreenshotAsync(admin, journey, "09-credential-history");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private static async Task SignInAsync(IPage page, PortalProcess portal, string email, string password, bool navigate = true)
    {
        if (navigate)
        {
            await page.GotoAsync(portal.BaseUrl + "/account/sign-in");
        }

        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        try
        {
            await page.WaitForURLAsync("**/apicredentials");
        }
        catch (TimeoutException e)
        {
            // This wait has timed out twice in CI and never locally: say where the browser stayed, what the page said
            // and what the portal logged, so that the next occurrence can be explained.
            var shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 5000 });
            var log = portal.Output;
            throw new TimeoutException(
                $"Signing in as {email} did not reach the API credentials list: the browser is at {page.Url}.\n" +
                $"The page shows: {shown[..Math.Min(shown.Length, 1500)]}\nThe portal logged (last 4,000 characters): " +
                log[Math.Max(0, log.Length - 4000)..], e);
        }
    }
}
