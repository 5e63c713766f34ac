using System.Security.Cryptography;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using JourneyOptimizer.Sms.Testing;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>
/// A Sinch (SMS) credential in a real browser, against the portal in its own process and the fake Sinch on 127.0.0.1:
/// created and verified, edited with its token write-only, test-sent ("Verify SMS connection"), shown in zh-Hans, and
/// deleted.
/// </summary>
public sealed class SinchCredentialJourneyTests
{
    // The Create page holds every vendor's fields (the picker shows one): a label may name a hidden field too.
    private static readonly LocatorFilterOptions Visible = new() { Visible = true };

    private static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    [Fact]
    public async Task CreateVerifyEditTestSendAndDeleteASinchCredential_InEnglishAndChinese()
    {
        await using var sinch = await FakeSinch.StartAsync();
        var plan = Hex32();
        var token = Hex32();
        sinch.ServicePlans[plan] = token;
        var (playwright, browser) = await Browser.LaunchAsync();
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = "admin@example.com",
            ["Bootstrap__AdminPassword"] = "Adm1n!Passw0rd",
            ["Sinch__SmsBaseUrlTemplate"] = sinch.BaseUrl,
            ["Sinch__ConversationBaseUrl"] = sinch.BaseUrl,
            ["Sinch__AuthUrl"] = sinch.AuthUrl,
            ["Sinch__TimeoutSeconds"] = "5",
        });
        try
        {
            var page = await (await browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
            const string journey = "sinch-en";
            await page.GotoAsync(portal.BaseUrl + "/account/sign-in");
            await page.GetByLabel("Email").Filter(Visible).FillAsync("admin@example.com");
            await page.GetByLabel("Password").Filter(Visible).FillAsync("Adm1n!Passw0rd");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");

            // Create: the picker shows Sinch's own fields; a malformed Service ID is refused in the browser.
            await page.GetByRole(AriaRole.Link, new() { Name = "Create new API credentials" }).ClickAsync();
            await page.GetByLabel("SMS vendor").Filter(Visible).SelectOptionAsync("Sinch");
            Assert.True(await page.Locator("#Input_Sinch_ServiceId").IsVisibleAsync());
            Assert.False(await page.Locator("#Input_Twilio_AccountSid").IsVisibleAsync());
            await page.Locator("#Input_Sinch_Name").FillAsync("Sinch US");
            await page.Locator("#Input_Sinch_ServiceId").FillAsync("not-a-service-plan");
            // Leaving the field shows its error first, so that the message moving the button cannot swallow the click.
            await page.Locator("#Input_Sinch_ServiceId").BlurAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
            Assert.Contains("32 hexadecimal characters", await page.Locator("[data-valmsg-for='Input.Sinch.ServiceId']").InnerTextAsync(), StringComparison.Ordinal);
            // A new credential needs its API Token: the browser says so too, as for Twilio's Auth Token.
            Assert.Equal("Enter the API token.", (await page.Locator("[data-valmsg-for='Input.Sinch.ApiToken']").InnerTextAsync()).Trim());
            Assert.Empty(sinch.RequestList);

            await page.Locator("#Input_Sinch_ServiceId").FillAsync(plan);
            await page.Locator("#Input_Sinch_ApiToken").FillAsync(token);
            await page.Locator("#Input_Sinch_InboundNumber").FillAsync("+1 (415) 555-0100");
            await page.Locator("#Input_Sinch_OverrideUrl").FillAsync("https://hooks.example.com/sinch");
            await Browser.ScreenshotAsync(page, journey, "01-create-filled");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");

            // Verified against Sinch on save: the portal listed the plan's batches with its token.
            var row = page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = "Sinch US" });
            Assert.Contains("Verified", await row.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("+14155550100", await row.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains(sinch.RequestList, r => r.Method == "GET" && r.Path == $"/xms/v1/{plan}/batches" && r.Header("Authorization") == "Bearer " + token);
            await Browser.ScreenshotAsync(page, journey, "02-listed");

            // Edit: the token shows only as set, with its last 4 characters; a blank token keeps it.
            await row.GetByRole(AriaRole.Link, new() { Name = "Sinch US", Exact = true }).ClickAsync();
            Assert.Equal("••••••••" + token[^4..], await page.Locator("[data-testid=sinch-token-hint]").InnerTextAsync());
            Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
            await page.Locator("#Input_Sinch_Name").FillAsync("Sinch US (main)");
            await Browser.ScreenshotAsync(page, journey, "03-edit");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            row = page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = "Sinch US (main)" });
            Assert.Contains("Verified", await row.InnerTextAsync(), StringComparison.Ordinal);

            // Verify SMS connection: a real batch through the fake Sinch, its id shown.
            await row.GetByRole(AriaRole.Link, new() { Name = "Verify SMS connection Sinch US (main)" }).ClickAsync();
            await page.GetByLabel("Number").Filter(Visible).FillAsync("+14155550142");
            await page.GetByLabel("Message").Filter(Visible).FillAsync("Hello from the portal");
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify connection" }).ClickAsync();
            var result = page.Locator("[data-testid=test-result]");
            await result.WaitForAsync();
            var send = sinch.RequestList.Single(r => r.Method == "POST" && r.Path == $"/xms/v1/{plan}/batches");
            Assert.Equal("+14155550100", send.Json().GetProperty("from").GetString());
            Assert.Equal("https://hooks.example.com/sinch", send.Json().GetProperty("callback_url").GetString());
            Assert.Contains("accepted the message", await result.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Matches("[0-9A-HJKMNP-TV-Z]{26}", await result.Locator("code").First.InnerTextAsync());
            await Browser.ScreenshotAsync(page, journey, "04-test-sent");

            // The same pages in Simplified Chinese.
            await page.Locator("#user-menu").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "简体中文" }).ClickAsync();
            await page.WaitForLoadStateAsync();
            await page.GotoAsync(portal.BaseUrl + "/sandboxes/prod/administration/channels/smssettings/apicredentials");
            row = page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = "Sinch US (main)" });
            await row.GetByRole(AriaRole.Link, new() { Name = "Sinch US (main)", Exact = true }).ClickAsync();
            Assert.Equal("服务ID", (await page.Locator("label[for=Input_Sinch_ServiceId]").InnerTextAsync()).Trim(' ', '*'));
            Assert.Contains("API令牌", await page.Locator("label[for=Input_Sinch_ApiToken]").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("入站编号", await page.Locator("label[for=Input_Sinch_InboundNumber]").InnerTextAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, "sinch-zh-Hans", "01-edit");

            // Delete with the bin icon and its confirmation dialog (in Chinese: 删除).
            await page.GotoAsync(portal.BaseUrl + "/sandboxes/prod/administration/channels/smssettings/apicredentials");
            row = page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = "Sinch US (main)" });
            await row.GetByRole(AriaRole.Link, new() { Name = "删除 Sinch US (main)" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.WaitForAsync();
            await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'confirm-dialog-cancel'");
            await Browser.ScreenshotAsync(page, "sinch-zh-Hans", "02-confirm-delete");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            Assert.Equal(0, await page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = "Sinch US (main)" }).CountAsync());
            await Browser.ScreenshotAsync(page, "sinch-zh-Hans", "03-deleted");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
