using System.Security.Cryptography;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>
/// "Copy to another sandbox" in a real browser, in English at 1280 px and in Chinese at phone width: a verified Twilio
/// credential and its webhook are copied from "prod" to a new sandbox; the preview shows the inbound number clashing,
/// a new number lets the copy through, and the copy arrives Not verified with no secret on any page.
/// </summary>
public sealed class CopyToSandboxJourneyTests
{
    private static readonly LocatorFilterOptions Visible = new() { Visible = true };

    private static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static TheoryData<string, string, int, string> Languages => new()
    {
        { "English", "copy-to-sandbox-en", 1280, "Not verified" },
        { "简体中文", "copy-to-sandbox-zh-Hans", 390, "未验证" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ASandboxSetup_IsCopied_WithoutASecretTravelling(string language, string journey, int width, string notVerified)
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        await using var twilio = new FakeTwilio();
        var accountSid = "AC" + Hex32();
        var token = Hex32();
        var service = "MG" + Hex32();
        twilio.Accounts[accountSid] = new FakeTwilioAccount { Token = token, Services = { service }, Numbers = { "+14155550100", "+14155550199" } };
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = "admin@example.com",
            ["Bootstrap__AdminPassword"] = "Adm1n!Passw0rd",
            ["Twilio__ApiBaseUrl"] = twilio.BaseUrl,
            ["Twilio__MessagingBaseUrl"] = twilio.BaseUrl,
            ["Twilio__TimeoutSeconds"] = "5",
        });
        try
        {
            var page = await (await browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
            await page.GotoAsync(portal.BaseUrl + "/account/sign-in");
            await page.GetByLabel("Email").Filter(Visible).FillAsync("admin@example.com");
            await page.GetByLabel("Password").Filter(Visible).FillAsync("Adm1n!Passw0rd");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            await page.Locator("#user-menu").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = language }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");

            // In "prod": a credential the fake Twilio verifies, and an Inbound webhook of it. A new sandbox "staging".
            var credentials = portal.BaseUrl + "/sandboxes/prod/administration/channels/smssettings/apicredentials";
            await page.GotoAsync(credentials + "/create");
            await page.Locator("#Input_Twilio_Name").FillAsync("Twilio US");
            await page.Locator("#Input_Twilio_AccountSid").FillAsync(accountSid);
            await page.Locator("#Input_Twilio_AuthToken").FillAsync(token);
            await page.Locator("#Input_Twilio_MessagingServiceSid").FillAsync(service);
            await page.Locator("#Input_Twilio_InboundNumber").FillAsync("+14155550100");
            await page.Locator("main form button.btn-primary[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            await page.GotoAsync(portal.BaseUrl + "/sandboxes/prod/administration/channels/smssettings/webhooks/create");
            await page.Locator("#Input_Name").FillAsync("Inbound US");
            await page.Locator("#Input_ApiCredentialId").SelectOptionAsync(new SelectOptionValue { Label = "Twilio US" });
            await page.Locator("main form button.btn-primary[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**/webhooks/edit/*");
            await page.GotoAsync(portal.BaseUrl + "/administration/sandboxes/create");
            await page.Locator("#Input_Name").FillAsync("staging");
            await page.Locator("#Input_Title").FillAsync("Staging");
            await page.Locator("main form button.btn-primary[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**/administration/sandboxes");

            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync(portal.BaseUrl + "/sandboxes/prod/administration/channels/smssettings/webhooks");
            await page.Locator("[data-testid=copy-to-sandbox]").ClickAsync();
            await page.WaitForURLAsync("**/copytosandbox");
            await page.Locator("[data-testid=pick-webhooks] input[type=checkbox]").CheckAsync();
            await page.Locator("select[name=Target]").SelectOptionAsync("staging");
            await Browser.ScreenshotAsync(page, journey, "01-pick");
            await page.Locator("[data-testid=copy-preview]").ClickAsync();

            // The webhook brought its credential, whose number clashes: the field to change is beside the reason.
            await Assertions.Expect(page.Locator("[data-testid=copy-item]")).ToHaveCountAsync(2);
            var clashing = page.Locator("[data-testid=copy-item]", new() { Has = page.Locator("[data-testid=clash]") });
            await Assertions.Expect(clashing).ToHaveCountAsync(1);
            var number = clashing.Locator("input[name$='.Fields[InboundNumber]']");
            await Assertions.Expect(number).ToHaveValueAsync("+14155550100");
            await Browser.ScreenshotAsync(page, journey, "02-clash");
            await number.FillAsync("+14155550199");
            await page.Locator("[data-testid=copy-recheck]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=clash]")).ToHaveCountAsync(0);
            await Browser.ScreenshotAsync(page, journey, "03-ready");
            await page.Locator("[data-testid=copy-confirm]").ClickAsync();

            // The target's list: the copy, Not verified; no page shows the token.
            await page.WaitForURLAsync("**/sandboxes/staging/administration/channels/smssettings/apicredentials");
            var row = page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = "Twilio US" });
            Assert.Contains(notVerified, await row.InnerTextAsync(), StringComparison.Ordinal);
            await Assertions.Expect(row.Locator("[data-testid=not-verified-reason]")).ToBeVisibleAsync();
            await Browser.ScreenshotAsync(page, journey, "04-copied");
            Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(token[^4..], await row.InnerTextAsync(), StringComparison.Ordinal);
            await row.Locator("a").First.ClickAsync();
            await page.WaitForURLAsync("**/apicredentials/edit/*");
            await Assertions.Expect(page.Locator("#Input_Twilio_AuthToken")).ToHaveValueAsync("");
            Assert.DoesNotContain(token[^4..], await page.ContentAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, journey, "05-complete-the-copy");

            // The webhook came along with a URL of its own.
            await page.GotoAsync(portal.BaseUrl + "/sandboxes/staging/administration/channels/smssettings/webhooks");
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Inbound US");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
