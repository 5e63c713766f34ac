using System.Security.Cryptography;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>The credential journey in Simplified Chinese and Brazilian Portuguese, chosen with the language menu.</summary>
public sealed class LocalizedJourneyTests
{
    // The Create page holds every vendor's fields (the picker shows one): a label may name a hidden field too.
    private static readonly LocatorFilterOptions Visible = new() { Visible = true };

    private static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static TheoryData<string, string, string[]> Languages => new()
    {
        // language menu entry, journey name, labels: Sign-in, Create, Name, Account SID, Auth Token, Message SID, Inbound Number, Submit, Save without verification, Not verified, Delete
        { "简体中文", "credential-zh-Hans", ["登录", "创建新API凭据", "名称", "帐户SID", "身份验证令牌", "消息SID", "入站编号", "提交", "不验证直接保存", "未验证", "删除"] },
        { "Português (Brasil)", "credential-pt-BR", ["Entrar", "Criar novas credenciais de API", "Nome", "SID da Conta", "Token de Autenticação", "SID da Mensagem", "Número de Entrada", "Enviar", "Salvar sem verificação", "Não verificado", "Excluir"] },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task CredentialJourney_InTheChosenLanguage(string language, string journey, string[] labels)
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = "admin@example.com",
            ["Bootstrap__AdminPassword"] = "Adm1n!Passw0rd",
            ["Twilio__ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Twilio__MessagingBaseUrl"] = "http://127.0.0.1:9",
            ["Twilio__TimeoutSeconds"] = "2",
        });
        try
        {
            var page = await (await browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
            await page.GotoAsync(portal.BaseUrl + "/account/sign-in");
            await page.GetByLabel("Email").Filter(Visible).FillAsync("admin@example.com");
            await page.GetByLabel("Password").Filter(Visible).FillAsync("Adm1n!Passw0rd");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");

            // The language menu: the choice is remembered in a cookie.
            await page.Locator("#user-menu").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = language }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            await Browser.ScreenshotAsync(page, journey, "01-list");

            await page.GetByRole(AriaRole.Link, new() { Name = labels[1] }).ClickAsync();
            var name = "Twilio " + Hex32()[..6];
            await page.GetByRole(AriaRole.Textbox, new() { Name = labels[2], Exact = true }).FillAsync(name);
            await page.GetByLabel(labels[3]).Filter(Visible).FillAsync("AC" + Hex32());
            await page.GetByLabel(labels[4]).Filter(Visible).FillAsync(Hex32());
            await page.GetByLabel(labels[5]).Filter(Visible).FillAsync("MG" + Hex32());
            await page.GetByLabel(labels[6]).Filter(Visible).FillAsync("+14155550100");
            await Browser.ScreenshotAsync(page, journey, "02-create");
            await page.GetByRole(AriaRole.Button, new() { Name = labels[7], Exact = true }).ClickAsync();

            var unreachable = page.Locator("[data-testid=unreachable]");
            await unreachable.WaitForAsync();
            await Browser.ScreenshotAsync(page, journey, "03-unreachable");
            await unreachable.GetByRole(AriaRole.Button, new() { Name = labels[8] }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            var row = page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = name });
            Assert.Contains(labels[9], await row.InnerTextAsync(), StringComparison.Ordinal);

            await row.GetByRole(AriaRole.Link, new() { Name = labels[10] + " " + name }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.WaitForAsync();
            // The table's question in the user's language, with this row's name put in by site.js.
            Assert.Contains("“" + name + "”", await dialog.InnerTextAsync(), StringComparison.Ordinal);
            // Shown (site.js focuses the dialog's button once Bootstrap's fade-in has ended), so the screenshot is not mid-fade.
            await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'confirm-dialog-cancel'");
            await Browser.ScreenshotAsync(page, journey, "04-confirm");
            await dialog.GetByRole(AriaRole.Button, new() { Name = labels[10] }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            Assert.Equal(0, await page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = name }).CountAsync());
            await Browser.ScreenshotAsync(page, journey, "05-deleted");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
