using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>The Custom provider form in a real browser: the auth type shows exactly its fields, headers grow and shrink.</summary>
public sealed class CustomCredentialJourneyTests
{
    // The Create page holds every vendor's fields (the picker shows one): a label may name a hidden field too.
    private static readonly LocatorFilterOptions Visible = new() { Visible = true };

    [Fact]
    public async Task CreateARcsCredential_TheFormShowsOnlyTheFieldsOfTheChosenAuthType()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = "admin@example.com",
            ["Bootstrap__AdminPassword"] = "Adm1n!Passw0rd",
        });
        try
        {
            var page = await (await browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
            const string journey = "custom-rcs-en";
            await page.GotoAsync(portal.BaseUrl + "/account/sign-in");
            await page.GetByLabel("Email").Filter(Visible).FillAsync("admin@example.com");
            await page.GetByLabel("Password").Filter(Visible).FillAsync("Adm1n!Passw0rd");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");

            await page.GetByRole(AriaRole.Link, new() { Name = "Create new API credentials" }).ClickAsync();
            await page.GetByLabel("SMS vendor").Filter(Visible).SelectOptionAsync("Custom");
            Assert.False(await page.Locator("#Input_Twilio_AccountSid").IsVisibleAsync());
            Assert.True(await page.Locator("#Input_Custom_ProviderUrl").IsVisibleAsync());

            // No Authentication: no secret fields. Bearer: the bearer token only. OAuth: URL and body.
            Assert.False(await page.Locator("#Input_Custom_BearerToken").IsVisibleAsync());
            await page.GetByLabel("Auth Type").Filter(Visible).SelectOptionAsync("Bearer");
            Assert.True(await page.Locator("#Input_Custom_BearerToken").IsVisibleAsync());
            Assert.False(await page.Locator("#Input_Custom_OAuthUrl").IsVisibleAsync());
            await page.GetByLabel("Auth Type").Filter(Visible).SelectOptionAsync("OAuth");
            Assert.True(await page.Locator("#Input_Custom_OAuthUrl").IsVisibleAsync());
            Assert.False(await page.Locator("#Input_Custom_BearerToken").IsVisibleAsync());
            await page.GetByLabel("Auth Type").Filter(Visible).SelectOptionAsync("Bearer");

            await page.Locator("#Input_Custom_Name").FillAsync("Twilio RCS");
            await page.GetByLabel("Provider Name").Filter(Visible).FillAsync("Twilio RCS");
            await page.GetByLabel("Provider URL").Filter(Visible).FillAsync("https://rcs.provider.example/v1/messages");
            await page.GetByLabel("Channel type").Filter(Visible).SelectOptionAsync("Rcs");
            await page.Locator("#Input_Custom_BearerToken").FillAsync("bearer-token-in-the-browser");
            await page.GetByLabel("Provider Payload").Filter(Visible).FillAsync("""{"from":"{{fromNumber}}","to":"{{toNumber}}","text":"{{message}}","authOption":"bearer"}""");

            // "Add new parameter" adds a header row; its bin icon removes it; Content-Type and Charset have none.
            await page.GetByRole(AriaRole.Button, new() { Name = "Add new parameter" }).ClickAsync();
            Assert.Equal(3, await page.Locator("[data-testid=headers] tbody tr").CountAsync());
            Assert.Equal(1, await page.Locator("[data-testid=headers] tbody tr button[title=Remove]").CountAsync());
            await page.Locator("#Input_Custom_Headers_2__Name").FillAsync("X-Tenant");
            await page.Locator("#Input_Custom_Headers_2__Value").FillAsync("acme");
            await Browser.ScreenshotAsync(page, journey, "01-custom-form");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");

            var row = page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = "Twilio RCS" });
            Assert.Contains("RCS", await row.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Custom", await row.InnerTextAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, journey, "02-listed");

            await row.GetByRole(AriaRole.Link, new() { Name = "Twilio RCS", Exact = true }).ClickAsync();
            Assert.Equal("X-Tenant", await page.Locator("#Input_Custom_Headers_2__Name").InputValueAsync());
            Assert.DoesNotContain("bearer-token-in-the-browser", await page.ContentAsync(), StringComparison.Ordinal);
            Assert.True(await page.Locator("#Input_Custom_BearerToken").IsVisibleAsync());
            await Browser.ScreenshotAsync(page, journey, "03-edit");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
