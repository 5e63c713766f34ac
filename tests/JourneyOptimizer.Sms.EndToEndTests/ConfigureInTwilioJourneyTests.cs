using System.Security.Cryptography;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>
/// "Configure in Twilio" in a real browser: a Twilio webhook's page shows what the fake Twilio (a real HTTP server on
/// 127.0.0.1) has configured, the button asks to replace it, and the fake Twilio shows the update; then "Verify now"
/// on the credentials list finds the token revoked.
/// </summary>
public sealed class ConfigureInTwilioJourneyTests
{
    // The Create page holds every vendor's fields (the picker shows one): a label may name a hidden field too.
    private static readonly LocatorFilterOptions Visible = new() { Visible = true };

    private const string PublicBaseUrl = "https://sms.example.com/portal";

    private static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    [Fact]
    public async Task OneButton_PointsTheMessagingServiceAtTheWebhook()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        await using var twilio = new FakeTwilio();
        var accountSid = "AC" + Hex32();
        var token = Hex32();
        var service = "MG" + Hex32();
        twilio.Accounts[accountSid] = new FakeTwilioAccount { Token = token, Services = { service }, Numbers = { "+14155550100" } };
        twilio.ServiceSettings[service] = new FakeTwilioService { InboundRequestUrl = "https://old.example.com/sms" };
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = "admin@example.com",
            ["Bootstrap__AdminPassword"] = "Adm1n!Passw0rd",
            ["Twilio__ApiBaseUrl"] = twilio.BaseUrl,
            ["Twilio__MessagingBaseUrl"] = twilio.BaseUrl,
            ["Twilio__TimeoutSeconds"] = "5",
            ["Webhooks__PublicBaseUrl"] = PublicBaseUrl,
        });
        try
        {
            const string journey = "configure-in-twilio";
            var context = await browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(portal.BaseUrl + "/account/sign-in");
            await page.GetByLabel("Email").Filter(Visible).FillAsync("admin@example.com");
            await page.GetByLabel("Password").Filter(Visible).FillAsync("Adm1n!Passw0rd");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");

            // A credential verified against the fake Twilio, and an Inbound webhook of it.
            await page.GetByRole(AriaRole.Link, new() { Name = "Create new API credentials" }).ClickAsync();
            await page.Locator("#Input_Twilio_Name").FillAsync("Twilio US");
            await page.Locator("#Input_Twilio_AccountSid").FillAsync(accountSid);
            await page.Locator("#Input_Twilio_AuthToken").FillAsync(token);
            await page.Locator("#Input_Twilio_MessagingServiceSid").FillAsync(service);
            await page.Locator("#Input_Twilio_InboundNumber").FillAsync("+14155550100");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            await page.GotoAsync(portal.BaseUrl + "/sandboxes/prod/administration/channels/smssettings/webhooks/create");
            await page.Locator("#Input_Name").FillAsync("Inbound US");
            await page.Locator("#Input_ApiCredentialId").SelectOptionAsync(new SelectOptionValue { Label = "Twilio US" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/webhooks/edit/*");
            var url = await page.Locator("[data-testid=webhook-url]").InputValueAsync();

            // The page says what Twilio has now: another URL.
            var state = page.Locator("[data-testid=provider-setting-state]");
            await Assertions.Expect(state).ToContainTextAsync("Twilio sends incoming messages to another URL:");
            await Assertions.Expect(state).ToContainTextAsync("https://old.example.com/sms");
            await Browser.ScreenshotAsync(page, journey, "01-points-elsewhere");

            // The button asks first, showing the old and the new value.
            await page.GetByRole(AriaRole.Link, new() { Name = "Configure in Twilio" }).ClickAsync();
            await page.WaitForURLAsync("**/configureinprovider/*");
            await Assertions.Expect(page.Locator("[data-testid=old-value]")).ToHaveTextAsync("https://old.example.com/sms");
            await Assertions.Expect(page.Locator("[data-testid=new-value]")).ToHaveTextAsync(url);
            Assert.Equal("https://old.example.com/sms", twilio.ServiceSettings[service].InboundRequestUrl);
            await Browser.ScreenshotAsync(page, journey, "02-confirm");

            await page.GetByRole(AriaRole.Button, new() { Name = "Replace in Twilio" }).ClickAsync();
            await page.WaitForURLAsync("**/webhooks/edit/*");
            await Assertions.Expect(page.Locator("[role=status]").First).ToContainTextAsync("Twilio now sends incoming messages to “Inbound US”.");
            await Assertions.Expect(state).ToContainTextAsync("Twilio sends incoming messages to this webhook.");
            await Browser.ScreenshotAsync(page, journey, "03-configured");

            // The fake Twilio shows the update.
            Assert.Equal(url, twilio.ServiceSettings[service].InboundRequestUrl);
            Assert.StartsWith(PublicBaseUrl + "/webhooks/", url, StringComparison.Ordinal);

            // The token is revoked in Twilio: "Verify now" on the credentials list finds out, and says why.
            twilio.Accounts[accountSid].Token = Hex32();
            await page.GotoAsync(portal.BaseUrl + "/sandboxes/prod/administration/channels/smssettings/apicredentials");
            await page.Locator("[data-testid=verify-now]").ClickAsync();
            await page.WaitForURLAsync("**/apicredentials**");
            await Assertions.Expect(page.Locator("[data-testid=failure-reason]")).ToHaveTextAsync(
                "Twilio did not accept the Account SID and Auth Token. Check both, and check that the account is not suspended or closed.");
            await Assertions.Expect(page.Locator("[data-testid=last-check]")).ToContainTextAsync("Checked ");
            await Browser.ScreenshotAsync(page, journey, "04-verify-now-failed");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
