using System.Security.Cryptography;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using JourneyOptimizer.Sms.Testing;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>
/// An Infobip credential in a real browser, against the portal as its own process and a fake Infobip over real HTTPS
/// on 127.0.0.1: created (checked by Infobip), edited, test-sent and deleted, the last steps in Simplified Chinese.
/// </summary>
public sealed class InfobipCredentialJourneyTests
{
    // The Create page holds every vendor's fields (the picker shows one): a label may name a hidden field too.
    private static readonly LocatorFilterOptions Visible = new() { Visible = true };

    [Fact]
    public async Task CreateVerifyEditTestSendAndDelete_AnInfobipCredential()
    {
        await using var infobip = await FakeInfobip.StartAsync();
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "-" + Guid.NewGuid();
        infobip.ApiKeys[key] = true;
        // The portal process trusts the fake's self-signed certificate through OpenSSL's SSL_CERT_FILE, as an operator
        // would trust a private CA; private addresses are allowed so that the API base URL can be 127.0.0.1.
        var trust = Path.Combine(Path.GetTempPath(), "jo-sms-e2e-infobip-" + Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(trust, infobip.Certificate!.ExportCertificatePem());
        var (playwright, browser) = await Browser.LaunchAsync();
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = "admin@example.com",
            ["Bootstrap__AdminPassword"] = "Adm1n!Passw0rd",
            ["CustomProviders__AllowPrivateNetworks"] = "true",
            ["SSL_CERT_FILE"] = trust,
        });
        try
        {
            var page = await (await browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
            const string journey = "infobip";
            await page.GotoAsync(portal.BaseUrl + "/account/sign-in");
            await page.GetByLabel("Email").Filter(Visible).FillAsync("admin@example.com");
            await page.GetByLabel("Password").Filter(Visible).FillAsync("Adm1n!Passw0rd");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");

            // Create: Infobip checks the key on save.
            await page.GetByRole(AriaRole.Link, new() { Name = "Create new API credentials" }).ClickAsync();
            await page.GetByLabel("SMS vendor").Filter(Visible).SelectOptionAsync("Infobip");
            Assert.False(await page.Locator("#Input_Twilio_AccountSid").IsVisibleAsync());
            var name = "Infobip " + Guid.NewGuid().ToString("N")[..6];
            await page.Locator("#Input_Infobip_Name").FillAsync(name);
            await page.GetByLabel("API base URL").Filter(Visible).FillAsync($"127.0.0.1:{infobip.Port}");
            await page.Locator("#Input_Infobip_ApiKey").FillAsync(key);
            await page.Locator("#Input_Infobip_InboundNumber").FillAsync("+41793026727");
            Assert.Equal("48", await page.GetByLabel("Validity Period").Filter(Visible).InputValueAsync());
            await page.GetByLabel("Callback Data").Filter(Visible).FillAsync("campaign=winter");
            await Browser.ScreenshotAsync(page, journey, "01-create");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            var row = page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = name });
            var text = await row.InnerTextAsync();
            Assert.Contains("Infobip", text, StringComparison.Ordinal);
            Assert.Contains("+41793026727", text, StringComparison.Ordinal);
            Assert.Contains("Verified", text, StringComparison.Ordinal);
            Assert.Contains(infobip.RequestList, r => r.Path == "/sms/3/logs" && r.Header("Authorization") == "App " + key);
            await Browser.ScreenshotAsync(page, journey, "02-listed");

            // Edit: the key is not shown, only its last four characters; a blank key keeps it.
            await row.GetByRole(AriaRole.Link, new() { Name = "Edit " + name }).ClickAsync();
            Assert.Equal("", await page.Locator("#Input_Infobip_ApiKey").InputValueAsync());
            Assert.Contains(key[^4..], await page.Locator("[data-testid=infobip-key-hint]").InnerTextAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
            await page.GetByLabel("Validity Period").Filter(Visible).FillAsync("12");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            Assert.Equal(2, infobip.RequestList.Count(r => r.Path == "/sms/3/logs"));

            // Verify SMS connection: a real send through the SMS API; the page shows Infobip's message id.
            await row.GetByRole(AriaRole.Link, new() { Name = "Verify SMS connection " + name }).ClickAsync();
            await page.Locator("#Input_Number").FillAsync("+41 79 111 22 33");
            await page.Locator("#Input_Message").FillAsync("Hello from the portal");
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify connection" }).ClickAsync();
            var result = page.Locator("[data-testid=test-result]");
            await result.WaitForAsync();
            Assert.Contains(Assert.Single(infobip.SentMessageIds), await result.InnerTextAsync(), StringComparison.Ordinal);
            var sent = infobip.RequestList.Single(r => r.Method == "POST").Json().GetProperty("messages")[0];
            Assert.Equal(12, sent.GetProperty("options").GetProperty("validityPeriod").GetProperty("amount").GetInt32());
            await Browser.ScreenshotAsync(page, journey, "03-test-sent");

            // In Simplified Chinese: the edit form's labels, then the deletion.
            await page.GotoAsync(portal.BaseUrl + "/sandboxes/prod/administration/channels/smssettings/apicredentials");
            await page.Locator("#user-menu").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "简体中文" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            row = page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = name });
            await row.GetByRole(AriaRole.Link, new() { Name = "编辑 " + name }).ClickAsync();
            Assert.Equal("12", await page.GetByLabel("有效期").Filter(Visible).InputValueAsync());
            Assert.True(await page.GetByLabel("API 基本 URL").Filter(Visible).IsVisibleAsync());
            Assert.True(await page.GetByLabel("模糊退订").Filter(Visible).IsVisibleAsync());
            await Browser.ScreenshotAsync(page, journey, "04-edit-zh-Hans");
            await page.GoBackAsync();
            await row.GetByRole(AriaRole.Link, new() { Name = "删除 " + name }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.WaitForAsync();
            await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'confirm-dialog-cancel'");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            Assert.Equal(0, await page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = name }).CountAsync());
            await Browser.ScreenshotAsync(page, journey, "05-deleted-zh-Hans");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
            File.Delete(trust);
        }
    }
}
