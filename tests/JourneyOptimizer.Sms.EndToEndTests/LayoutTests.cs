using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>
/// One portal and one Chromium for the class, seeded with 100-character names: every list keeps its last column (the
/// row actions) on screen at 1280 px and does not widen the page at 390 px, in each language; every list and form is
/// photographed at both widths; the audit log of the journey reads as sentences in zh-Hans and pt-BR.
/// </summary>
public sealed class LayoutTests(LayoutTests.Portal portal) : IClassFixture<LayoutTests.Portal>
{
    private const string Prod = "/sandboxes/prod/administration/channels";

    /// <summary>Every list of the portal (the pages a 100-character name can widen).</summary>
    private static readonly string[] Lists =
    [
        Prod + "/smssettings/apicredentials", Prod + "/smssettings/webhooks", Prod + "/generalsettings/channelconfigurations",
        Prod + "/smssettings/webhooks/inboundmessages", Prod + "/smssettings/webhooks/feedback", Prod + "/smssettings/webhooks/consent",
        "/administration/auditlog", "/administration/users", "/administration/sandboxes", "/profile/api-keys",
    ];

    private static readonly string[] Forms =
    [
        Prod + "/smssettings/apicredentials/create", Prod + "/smssettings/webhooks/create",
        Prod + "/generalsettings/channelconfigurations/create", "/administration/users/create", "/administration/sandboxes/create",
    ];

    public static TheoryData<string, int> CulturesAndWidths => new()
    {
        { "en", 1280 }, { "en", 390 }, { "zh-Hans", 1280 }, { "zh-Hans", 390 }, { "pt-BR", 1280 }, { "pt-BR", 390 },
    };

    [Theory]
    [MemberData(nameof(CulturesAndWidths))]
    public async Task EveryList_KeepsItsLastColumnOnScreen_AndEveryFormIsPhotographed(string culture, int width)
    {
        var page = await portal.PageAsync(culture, width);
        var rowForms = new List<string>();
        foreach (var url in Lists)
        {
            await page.GotoAsync(portal.Process.BaseUrl + url);
            await Browser.ScreenshotAsync(page, $"layout-{culture}-{width}", "list" + url.Replace('/', '-'));
            // The forms a row opens (edit, verify, send a test): the first of each kind, photographed below.
            rowForms.AddRange(await page.EvaluateAsync<string[]>("""
                () => [...new Set(['edit', 'verifyconnection', 'sendtest']
                    .map(k => [...document.querySelectorAll('main table a[href]')].map(a => a.getAttribute('href'))
                        .find(h => h.split('?')[0].split('/').includes(k)))
                    .filter(h => h))]
                """));
            var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(pageWidth <= width, $"{url} in {culture} is {pageWidth} px wide in a {width} px window.");
            if (width >= 1280)
            {
                // The right edge of every last cell (row actions, or the audit log's sentence) is inside the window.
                var overflowing = await page.EvaluateAsync<string[]>("""
                    w => [...document.querySelectorAll('main table tr')]
                        .map(r => r.cells[r.cells.length - 1])
                        .filter(c => c && c.getBoundingClientRect().right > w)
                        .map(c => c.closest('tr').innerText.slice(0, 60))
                    """, width);
                Assert.True(overflowing.Length == 0, $"{url} in {culture}: last column off screen in {string.Join(" | ", overflowing)}");
            }
        }

        Assert.Contains(rowForms, f => f.Contains("/apicredentials/edit/", StringComparison.Ordinal));
        foreach (var url in Forms.Concat(rowForms))
        {
            await page.GotoAsync(portal.Process.BaseUrl + url);
            await Browser.ScreenshotAsync(page, $"layout-{culture}-{width}", "form" + url.Split('?')[0].Replace('/', '-'));
            await AssertFitsAsync(page, url, culture, width);
        }

        // The credential form's other faces: Twilio with an API key, and the Custom provider.
        await page.GotoAsync(portal.Process.BaseUrl + Forms[0]);
        await page.Locator("[data-vendor=Twilio] [data-auth-select]").SelectOptionAsync("ApiKey");
        await Browser.ScreenshotAsync(page, $"layout-{culture}-{width}", "form-apicredentials-create-twilio-apikey");
        await AssertFitsAsync(page, Forms[0] + " (API key)", culture, width);
        await page.Locator("[data-vendor-select]").SelectOptionAsync("Custom");
        await Browser.ScreenshotAsync(page, $"layout-{culture}-{width}", "form-apicredentials-create-custom");
        await AssertFitsAsync(page, Forms[0] + " (Custom)", culture, width);

        await page.Context.CloseAsync();
    }

    private static async Task AssertFitsAsync(IPage page, string url, string culture, int width)
    {
        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= width, $"{url} in {culture} is {pageWidth} px wide in a {width} px window.");
    }

    [Theory]
    [InlineData("AuthToken", "Input.Twilio.AuthToken")]
    [InlineData("ApiKey", "Input.Twilio.ApiKeySecret")]
    public async Task AnEmptyTwilioForm_FlagsEveryRequiredField_TheSecretToo_InOneClick(string method, string secret)
    {
        var page = await portal.PageAsync("en", 1280);
        await page.GotoAsync(portal.Process.BaseUrl + Forms[0]);
        await page.Locator("[data-vendor=Twilio] [data-auth-select]").SelectOptionAsync(method);

        await page.Locator("main form button[type=submit]:not([formnovalidate])").Last.ClickAsync();

        Assert.EndsWith("/create", page.Url, StringComparison.Ordinal);
        foreach (var field in new[] { "Input.Twilio.Name", "Input.Twilio.AccountSid", "Input.Twilio.MessagingServiceSid", "Input.Twilio.InboundNumber", secret })
        {
            Assert.NotEqual("", (await page.Locator($"[data-valmsg-for='{field}']").InnerTextAsync()).Trim());
        }

        // The Auth Token is optional with an API key (only webhooks need it).
        Assert.Equal(method == "AuthToken", (await page.Locator("[data-valmsg-for='Input.Twilio.AuthToken']").InnerTextAsync()).Trim().Length > 0);
        await Browser.ScreenshotAsync(page, "layout-en-1280", $"form-apicredentials-create-empty-{method}");
        await page.Context.CloseAsync();
    }

    public static TheoryData<string, string[]> AuditSentences => new()
    {
        { "zh-Hans", ["Twilio凭据“{0}”已创建", "渠道配置“{0}”已提交：检查已通过", "SMS Webhook“{0}”已创建", "移动设备配置设置为 "] },
        { "pt-BR", ["Credencial Twilio “{0}” criada", "Configuração de canal “{0}” enviada: verificações aprovadas", "Webhook de SMS “{0}” criado", "Configuração móvel passa a ser "] },
    };

    [Theory]
    [MemberData(nameof(AuditSentences))]
    public async Task TheAuditLogOfTheJourney_ReadsAsSentences(string culture, string[] sentences)
    {
        var page = await portal.PageAsync(culture, 1280);

        await page.GotoAsync(portal.Process.BaseUrl + "/administration/auditlog");

        var table = page.Locator("[data-testid=audit-table]");
        var text = await table.InnerTextAsync();
        await Browser.ScreenshotAsync(page, $"layout-{culture}-1280", "audit-sentences");
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, sentences[0], portal.CredentialName), text, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, sentences[1], portal.ChannelName), text, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, sentences[2], portal.WebhookName), text, StringComparison.Ordinal);
        Assert.Contains(sentences[3] + "“" + portal.CredentialName + "”", text, StringComparison.Ordinal);
        foreach (var code in new[] { "CheckPassed", "PendingChange", "ApiCredentialId", "AuthToken", "AuthMethod", "ApiKey", "ExpiresAtUtc", "->", "{\"" })
        {
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        }

        await page.Context.CloseAsync();
    }

    /// <summary>The portal, the browser and the seeded journey shared by the class.</summary>
    public sealed class Portal : IAsyncLifetime
    {
        private const string AdminEmail = "admin@example.com";
        private const string AdminPassword = "Adm1n!Passw0rd";
        private readonly FakeTwilio _twilio = new();
        private IPlaywright? _playwright;
        private IBrowser? _browser;
        private string? _storageState;

        public PortalProcess Process { get; private set; } = null!;

        public string CredentialName { get; } = Long("Prod US ");

        public string WebhookName { get; } = Long("Inbound ");

        public string ChannelName { get; } = Long("Promo_").Replace(' ', '_');

        public string ApiKeyName { get; } = Long("Key ");

        private static string Long(string prefix) =>
            (prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + string.Concat(Enumerable.Repeat(" abcdefghi", 10)))[..100];

        public async ValueTask InitializeAsync()
        {
            (_playwright, _browser) = await Browser.LaunchAsync();
            Process = await PortalProcess.StartAsync(new Dictionary<string, string>
            {
                ["Bootstrap__AdminEmail"] = AdminEmail,
                ["Bootstrap__AdminPassword"] = AdminPassword,
                ["Twilio__ApiBaseUrl"] = _twilio.BaseUrl,
                ["Twilio__MessagingBaseUrl"] = _twilio.BaseUrl,
                ["Twilio__TimeoutSeconds"] = "5",
                ["ChannelChecks__PollIntervalSeconds"] = "1",
            });
            await SeedAsync();
            var context = await _browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(Process.BaseUrl + "/account/sign-in");
            await page.GetByLabel("Email").FillAsync(AdminEmail);
            await page.GetByLabel("Password").FillAsync(AdminPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            _storageState = await context.StorageStateAsync();
            await context.CloseAsync();
        }

        /// <summary>A signed-in page in <paramref name="culture"/> (the language cookie the menu sets) at that width.</summary>
        public async Task<IPage> PageAsync(string culture, int width)
        {
            var context = await _browser!.NewContextAsync(new()
            {
                StorageState = _storageState,
                Locale = "en-US",
                ViewportSize = new() { Width = width, Height = 900 },
            });
            var host = new Uri(Process.BaseUrl).Host;
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Domain = host, Path = "/" }]);
            return await context.NewPageAsync();
        }

        /// <summary>The journey through the forms: a verified credential, an inbound webhook, a submitted configuration.</summary>
        private async Task SeedAsync()
        {
            using var client = new FormClient();
            var signIn = await client.GetAsync(Process.BaseUrl, "/account/sign-in");
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(signIn, "form", Process.BaseUrl,
                Fields(("Input.Email", AdminEmail), ("Input.Password", AdminPassword)))).StatusCode);
            var credentialForm = await client.GetAsync(Process.BaseUrl, Prod + "/smssettings/apicredentials/create");
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(credentialForm, "main form", Process.BaseUrl, Fields(
                ("Input.Vendor", "Twilio"), ("Input.Twilio.Name", CredentialName), ("Input.Twilio.AccountSid", "AC" + Hex32()),
                ("Input.Twilio.AuthToken", Hex32()), ("Input.Twilio.MessagingServiceSid", "MG" + Hex32()),
                ("Input.Twilio.InboundNumber", "+14155550100")))).StatusCode);
            var channelForm = await client.GetAsync(Process.BaseUrl, Prod + "/generalsettings/channelconfigurations/create");
            var credentialId = channelForm.QuerySelector("#Input_ApiCredentialId option[value]:not([value=''])")!.GetAttribute("value")!;
            var webhookForm = await client.GetAsync(Process.BaseUrl, Prod + "/smssettings/webhooks/create");
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(webhookForm, "form[data-webhook-form]", Process.BaseUrl, Fields(
                ("Input.Name", WebhookName), ("Input.Vendor", "Twilio"), ("Input.Type", "Inbound"), ("Input.ApiCredentialId", credentialId),
                ("Input.SenderNumber", "+14155550100")))).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(channelForm, "main form", Process.BaseUrl, Fields(
                ("Input.Name", ChannelName), ("Input.SmsType", "Marketing"), ("Input.ApiCredentialId", credentialId),
                ("Input.SenderNumber", "+14155550100"), ("Intent", "submit")))).StatusCode);

            var keysPage = await client.GetAsync(Process.BaseUrl, "/profile/api-keys");
            var created = await client.SubmitAsync(keysPage, "main form.form-narrow", Process.BaseUrl, Fields(("Input.Name", ApiKeyName), ("Input.LifetimeDays", "30")));
            Assert.Contains("new-api-key", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // The checks run in the background: wait until the audit log has their verdict.
            for (var attempt = 0; attempt < 60; attempt++)
            {
                var log = await client.GetAsync(Process.BaseUrl, "/administration/auditlog?action=CheckPassed");
                if (log.QuerySelector("[data-testid=audit-table] tbody tr") is not null)
                {
                    return;
                }

                await Task.Delay(500);
            }

            Assert.Fail("The channel configuration's checks did not pass within 30 seconds.");
        }

        private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) =>
            fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);

        private static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

        public async ValueTask DisposeAsync()
        {
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }

            await _twilio.DisposeAsync();
        }
    }
}
