using System.Security.Cryptography;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>
/// An administrator connects Twilio (the fake Twilio, a real local HTTP server), creates a channel configuration on it,
/// submits it, watches it turn Active in the list without reloading the page, deactivates it from the row's "More
/// actions" menu (by mouse, then opened by keyboard), duplicates it and deletes the draft copy after the confirmation
/// dialog's question; in English and in Simplified Chinese.
/// </summary>
public sealed class ChannelConfigurationJourneyTests
{
    // The Create page holds every vendor's fields (the picker shows one): a label may name a hidden field too.
    private static readonly LocatorFilterOptions Visible = new() { Visible = true };

    private static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static TheoryData<string?, string, string[]> Languages => new()
    {
        // language menu entry (null: English), journey name, labels: Create new API credentials, Name, Account SID, Auth Token,
        // Message SID, Inbound Number, Submit, Channel configurations, Create channel configuration, SMS Type, Marketing,
        // Mobile configuration, Sender number, Processing, Active, More actions, Deactivate, Activate, Deactivated, Duplicate,
        // Delete, the delete question
        {
            null, "channel-en",
            ["Create new API credentials", "Name", "Account SID", "Auth Token", "Message SID", "Inbound Number", "Submit",
                "Channel configurations", "Create channel configuration", "SMS Type", "Marketing", "Mobile configuration", "Sender number", "Processing", "Active",
                "More actions", "Deactivate", "Activate", "Deactivated",
                "Duplicate", "Delete", "Delete the channel configuration “{0}”? This cannot be undone."]
        },
        {
            "简体中文", "channel-zh-Hans",
            ["创建新API凭据", "名称", "帐户SID", "身份验证令牌", "消息SID", "入站编号", "提交", "渠道配置", "创建渠道配置", "短信类型", "营销", "移动设备配置", "发件人号码", "正在处理", "活动", "更多操作", "停用", "激活", "已停用",
                "复制", "删除", "删除渠道配置“{0}”？此操作无法撤消。"]
        },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task CreateAndSubmitAChannelConfiguration_ItBecomesActiveWithoutAReload(string? language, string journey, string[] labels)
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        await using var twilio = new FakeTwilio();
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = "admin@example.com",
            ["Bootstrap__AdminPassword"] = "Adm1n!Passw0rd",
            ["Twilio__ApiBaseUrl"] = twilio.BaseUrl,
            ["Twilio__MessagingBaseUrl"] = twilio.BaseUrl,
            ["Twilio__TimeoutSeconds"] = "5",
            ["ChannelChecks__PollIntervalSeconds"] = "3",
        });
        try
        {
            var page = await (await browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
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

            // A Twilio credential, verified by the fake Twilio.
            await page.GetByRole(AriaRole.Link, new() { Name = labels[0] }).ClickAsync();
            var credentialName = "twilio" + Hex32()[..6];
            await page.GetByRole(AriaRole.Textbox, new() { Name = labels[1], Exact = true }).FillAsync(credentialName);
            await page.GetByLabel(labels[2]).Filter(Visible).FillAsync("AC" + Hex32());
            await page.GetByLabel(labels[3]).Filter(Visible).FillAsync(Hex32());
            await page.GetByLabel(labels[4]).Filter(Visible).FillAsync("MG" + Hex32());
            await page.GetByLabel(labels[5]).Filter(Visible).FillAsync("+14155550100");
            await page.GetByRole(AriaRole.Button, new() { Name = labels[6], Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            await Browser.ScreenshotAsync(page, journey, "01-credential");

            // The channel configuration, through the rail link and the primary button.
            await page.GetByRole(AriaRole.Link, new() { Name = labels[7], Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/channelconfigurations");
            await Browser.ScreenshotAsync(page, journey, "02-empty-list");
            await page.GetByRole(AriaRole.Link, new() { Name = labels[8] }).ClickAsync();
            var name = "promo" + Hex32()[..6];
            await page.GetByRole(AriaRole.Textbox, new() { Name = labels[1], Exact = true }).FillAsync(name);
            await page.GetByLabel(labels[9]).Filter(Visible).SelectOptionAsync(new SelectOptionValue { Label = labels[10] });
            await page.GetByLabel(labels[11]).Filter(Visible).SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.GetByLabel(labels[12]).Filter(Visible).FillAsync("+1 415 555 0100");
            await Browser.ScreenshotAsync(page, journey, "03-create");

            // The checks run in the background (a round every 3 s): the list shows Processing first, almost always.
            await page.GetByTestId("submit").ClickAsync();
            await page.WaitForURLAsync("**/channelconfigurations");
            var badge = page.Locator("[data-testid=configurations-table] tr", new() { HasText = name }).Locator("[data-status-badge]");
            var firstText = (await badge.InnerTextAsync()).Trim();
            Assert.Contains(firstText, new[] { labels[13], labels[14] });
            await Browser.ScreenshotAsync(page, journey, "04-submitted");

            // No reload: the list's polling turns the badge Active.
            var navigations = 0;
            page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
            await Assertions.Expect(badge).ToHaveTextAsync(labels[14], new() { Timeout = 30_000 });
            Assert.Equal(0, navigations);
            Assert.Contains("badge-status-Active", await badge.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, journey, "05-active");

            // "More actions" on the Active row: the page's one menu, copied into the row by site.js, offers what an Active
            // configuration allows; Deactivate posts this row's id.
            var row = page.Locator("[data-testid=configurations-table] tr", new() { HasText = name });
            await row.GetByRole(AriaRole.Button, new() { Name = labels[15] + " " + name, Exact = true }).ClickAsync();
            var menu = row.Locator(".dropdown-menu.show");
            await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = labels[16], Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = labels[17], Exact = true })).ToBeHiddenAsync();
            await Browser.ScreenshotAsync(page, journey, "06-more-actions");
            await menu.GetByRole(AriaRole.Button, new() { Name = labels[16], Exact = true }).ClickAsync();
            // Deactivate asks first, on Cancel; the dialog's own button posts this row's id.
            await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'confirm-dialog-cancel'");
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = labels[16], Exact = true }).ClickAsync();
            await Assertions.Expect(badge).ToHaveTextAsync(labels[18], new() { Timeout = 10_000 });

            // After the reload, by keyboard: the menu now offers Activate and not Deactivate.
            await row.GetByRole(AriaRole.Button, new() { Name = labels[15] + " " + name, Exact = true }).FocusAsync();
            await page.Keyboard.PressAsync("ArrowDown");
            await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = labels[17], Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = labels[16], Exact = true })).ToBeHiddenAsync();
            await Browser.ScreenshotAsync(page, journey, "07-deactivated");

            // Duplicate from the same menu: a Draft copy, which the bin deletes after the table's question, with the
            // copy's name in it (the rows share one question; site.js puts the name in).
            await menu.GetByRole(AriaRole.Button, new() { Name = labels[19], Exact = true }).ClickAsync();
            var copy = page.Locator("[data-testid=configurations-table] tr[data-status=Draft]");
            await Assertions.Expect(copy).ToHaveCountAsync(1);
            var copyName = (await copy.Locator("td a").First.InnerTextAsync()).Trim();
            Assert.StartsWith(name, copyName, StringComparison.Ordinal);
            Assert.NotEqual(name, copyName);
            await Assertions.Expect(copy.GetByRole(AriaRole.Button, new() { Name = labels[15] + " " + copyName, Exact = true })).ToBeVisibleAsync();
            await copy.GetByRole(AriaRole.Link, new() { Name = labels[20] + " " + copyName, Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(dialog).ToContainTextAsync(labels[21].Replace("{0}", copyName, StringComparison.Ordinal));
            // Shown (site.js focuses the dialog's button once Bootstrap's fade-in has ended), so the screenshot is not mid-fade.
            await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'confirm-dialog-cancel'");
            await Browser.ScreenshotAsync(page, journey, "08-delete-copy");
            await dialog.GetByRole(AriaRole.Button, new() { Name = labels[20], Exact = true }).ClickAsync();
            await Assertions.Expect(copy).ToHaveCountAsync(0);
            await Assertions.Expect(row.Locator("[data-status-badge]")).ToHaveTextAsync(labels[18]);
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
