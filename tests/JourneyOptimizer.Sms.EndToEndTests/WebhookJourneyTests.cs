using System.Security.Cryptography;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>Creating an SMS webhook in a real browser, seeing its URL and copying it, in English and Simplified Chinese.</summary>
public sealed class WebhookJourneyTests
{
    // The Create page holds every vendor's fields (the picker shows one): a label may name a hidden field too.
    private static readonly LocatorFilterOptions Visible = new() { Visible = true };

    private const string PublicBaseUrl = "https://sms.example.com/portal";

    private static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static TheoryData<string?, string, string[]> Languages => new()
    {
        // language menu entry (null: English), journey name, labels: Create new API credentials, Submit, Save without
        // verification, SMS Webhooks, Create Webhook, Copied, View payload editor, created message
        { null, "webhook-en", ["Create new API credentials", "Submit", "Save without verification", "SMS Webhooks", "Create Webhook", "Copied", "View payload editor", "created"] },
        { "简体中文", "webhook-zh-Hans", ["创建新API凭据", "提交", "不验证直接保存", "SMS Webhook", "创建Webhook", "已复制", "查看负载编辑器", "已创建"] },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task CreateAWebhook_SeeAndCopyItsUrl(string? language, string journey, string[] labels)
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = "admin@example.com",
            ["Bootstrap__AdminPassword"] = "Adm1n!Passw0rd",
            ["Twilio__ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Twilio__MessagingBaseUrl"] = "http://127.0.0.1:9",
            ["Twilio__TimeoutSeconds"] = "2",
            ["Webhooks__PublicBaseUrl"] = PublicBaseUrl,
        });
        try
        {
            var context = await browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } });
            await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = portal.BaseUrl });
            var page = await context.NewPageAsync();
            await page.GotoAsync(portal.BaseUrl + "/account/sign-in");
            await page.GetByLabel("Email").Filter(Visible).FillAsync("admin@example.com");
            await page.GetByLabel("Password").Filter(Visible).FillAsync("Adm1n!Passw0rd");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            if (language is not null)
            {
                await page.Locator("#user-menu").ClickAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = language }).ClickAsync();
                await page.WaitForURLAsync("**/apicredentials");
            }

            // A Twilio credential to bind the webhook to (Twilio is out of reach: saved without verification).
            var credential = "tw" + Hex32()[..6];
            await page.GetByRole(AriaRole.Link, new() { Name = labels[0] }).ClickAsync();
            await page.Locator("#Input_Twilio_Name").FillAsync(credential);
            await page.Locator("#Input_Twilio_AccountSid").FillAsync("AC" + Hex32());
            await page.Locator("#Input_Twilio_AuthToken").FillAsync(Hex32());
            await page.Locator("#Input_Twilio_MessagingServiceSid").FillAsync("MG" + Hex32());
            await page.Locator("#Input_Twilio_InboundNumber").FillAsync("+14155550100");
            await page.GetByRole(AriaRole.Button, new() { Name = labels[1], Exact = true }).ClickAsync();
            var unreachable = page.Locator("[data-testid=unreachable]");
            await unreachable.WaitForAsync();
            await unreachable.GetByRole(AriaRole.Button, new() { Name = labels[2] }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");

            // The rail leads to the webhooks; the list is empty.
            await page.GetByRole(AriaRole.Link, new() { Name = labels[3], Exact = true }).First.ClickAsync();
            await page.WaitForURLAsync("**/webhooks");
            await Browser.ScreenshotAsync(page, journey, "01-empty-list");
            await page.GetByRole(AriaRole.Link, new() { Name = labels[4] }).ClickAsync();
            await page.WaitForURLAsync("**/webhooks/create");
            Assert.True(await page.Locator("[data-testid=mapping]").IsHiddenAsync());
            Assert.True(await page.Locator("[data-testid=keywords]").IsVisibleAsync());

            // Custom shows the payload mapping; its editor reads the sample as the user types.
            await page.Locator("#Input_Vendor").SelectOptionAsync("Custom");
            Assert.True(await page.Locator("[data-testid=mapping]").IsVisibleAsync());
            Assert.True(await page.Locator("[data-webhook-apply]").IsHiddenAsync());
            await page.GetByText(labels[6]).ClickAsync();
            await page.Locator("#SamplePayload").FillAsync("""{"msg":{"text":"STOP","from":"+14155550111"}}""");
            await page.Locator("#Input_Mapping_InboundMessage").FillAsync("msg.text");
            await page.Locator("#Input_Mapping_ProfileNumber").FillAsync("msg.to");
            Assert.Equal("STOP", await page.Locator("[data-testid=preview-InboundMessage] .preview-value").InnerTextAsync());
            Assert.Equal(1, await page.Locator("[data-testid=preview-ProfileNumber] .preview-error").CountAsync());
            await Browser.ScreenshotAsync(page, journey, "02-payload-editor");

            // Back to Twilio: the credential of that vendor fills in its number; keywords can be replaced.
            await page.Locator("#Input_Vendor").SelectOptionAsync("Twilio");
            Assert.True(await page.Locator("[data-testid=mapping]").IsHiddenAsync());
            var name = "in" + Hex32()[..6];
            await page.Locator("#Input_Name").FillAsync(name);
            await page.Locator("#Input_ApiCredentialId").SelectOptionAsync(new SelectOptionValue { Label = credential });
            Assert.Equal("+14155550100", await page.Locator("#Input_SenderNumber").InputValueAsync());
            await page.Locator("#Input_Keywords_OptOut_Keywords").FillAsync("STOP, QUIT");
            await page.Locator("#Input_Keywords_OptOut_ReplyMessage").FillAsync("OK");
            await Browser.ScreenshotAsync(page, journey, "03-create-filled");
            await page.GetByRole(AriaRole.Button, new() { Name = labels[1], Exact = true }).ClickAsync();

            // The webhook's page shows its URL, built from the configured public address.
            await page.WaitForURLAsync("**/webhooks/edit/*");
            Assert.Contains(labels[7], await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
            var url = await page.Locator("[data-testid=webhook-url]").InputValueAsync();
            Assert.Matches("^" + PublicBaseUrl.Replace(".", "\\.", StringComparison.Ordinal) + "/webhooks/[A-Za-z0-9_-]{43}$", url);
            var copy = page.Locator("[data-testid=copy-url]");
            await copy.ClickAsync();
            await Assertions.Expect(copy).ToHaveTextAsync(labels[5]);
            Assert.Equal(url, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
            await Browser.ScreenshotAsync(page, journey, "04-url-copied");

            await page.GetByRole(AriaRole.Link, new() { Name = labels[3], Exact = true }).First.ClickAsync();
            await page.WaitForURLAsync("**/webhooks");
            Assert.Equal(1, await page.Locator("[data-testid=webhooks-table] tbody tr", new() { HasText = name }).CountAsync());
            await Browser.ScreenshotAsync(page, journey, "05-listed");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
