using System.Security.Cryptography;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>A newcomer's first session, in a real browser against the portal in its own process.</summary>
public sealed class CredentialJourneyTests
{
    // The Create page holds every vendor's fields (the picker shows one): a label may name a hidden field too.
    private static readonly LocatorFilterOptions Visible = new() { Visible = true };

    private static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    [Fact]
    public async Task FirstStart_SignIn_CreateEditAndDeleteATwilioCredential_ThenOneWithAnApiKey()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        // Twilio is out of reach here: a local port that accepts connections and never answers, so every check waits
        // for its timeout. The journey takes the "Save without verification" path.
        using var silentTwilio = new SilentServer();
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Twilio__ApiBaseUrl"] = silentTwilio.Url,
            ["Twilio__MessagingBaseUrl"] = silentTwilio.Url,
            ["Twilio__TimeoutSeconds"] = "2",
        });
        try
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            const string journey = "credential-en";

            // First start: the link printed on the console creates the first System administrator.
            await page.GotoAsync(await portal.SetupLinkAsync());
            await Browser.ScreenshotAsync(page, journey, "01-setup");
            await page.GetByLabel("Email").Filter(Visible).FillAsync("admin@example.com");
            await page.GetByLabel("Password", new() { Exact = true }).Filter(Visible).FillAsync("Adm1n!Passw0rd");
            await page.GetByLabel("Confirm password").Filter(Visible).FillAsync("Adm1n!Passw0rd");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
            await page.WaitForURLAsync("**/sandboxes/prod/administration/channels/smssettings/apicredentials");

            // Sign out, sign in again with the new account.
            await page.Locator("#user-menu").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await page.WaitForURLAsync("**/account/sign-in");
            await page.GetByLabel("Email").Filter(Visible).FillAsync("admin@example.com");
            await page.GetByLabel("Password").Filter(Visible).FillAsync("Adm1n!Passw0rd");
            await Browser.ScreenshotAsync(page, journey, "02-sign-in");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            Assert.Equal("prod", (await page.Locator("[data-testid=current-sandbox]").InnerTextAsync()).Trim());
            await Browser.ScreenshotAsync(page, journey, "03-empty-list");

            // Create: client-side validation first, then a valid submit.
            await page.GetByRole(AriaRole.Link, new() { Name = "Create new API credentials" }).ClickAsync();
            await page.GetByLabel("Account SID").Filter(Visible).FillAsync("SM" + Hex32());
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
            await Browser.ScreenshotAsync(page, journey, "04-create-errors");
            Assert.Contains("starts with AC", await page.Locator("[data-valmsg-for='Input.Twilio.AccountSid']").InnerTextAsync(), StringComparison.Ordinal);

            var token = Hex32();
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Twilio US");
            await page.GetByLabel("Account SID").Filter(Visible).FillAsync("AC" + Hex32());
            await page.GetByLabel("Auth Token").Filter(Visible).FillAsync(token);
            await page.GetByLabel("Message SID").Filter(Visible).FillAsync("MG" + Hex32());
            await page.GetByLabel("Inbound Number").Filter(Visible).FillAsync("+1 (415) 555-0100");
            await Browser.ScreenshotAsync(page, journey, "05-create-filled");

            // While Twilio is asked (each check waits for its timeout), the pressed button shows that it is working and
            // the form cannot be sent again. The page reports what it sees on its console: Playwright cannot evaluate
            // in a page whose navigation is under way.
            var posts = 0;
            var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
            page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;
            page.Console += (_, message) => seen.Enqueue(message.Text);
            await page.EvaluateAsync("""
                () => {
                    let submits = 0;
                    window.addEventListener('submit', e => console.log('submit ' + (++submits) + ' prevented=' + e.defaultPrevented));
                    document.addEventListener('submit', () => setTimeout(() => {
                        const form = document.querySelector('form[aria-busy=true]');
                        const button = form && form.querySelector('button.is-busy');
                        console.log('busy disabled=' + !!(button && button.disabled) + ' spinner=' + !!(button && button.querySelector('.spinner-border'))
                            + ' status=' + (button ? button.querySelector('[role=status]').textContent : ''));
                        form.requestSubmit();
                    }, 50), { once: true });
                }
                """);
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();

            // Twilio cannot be reached: the form says so and offers to save anyway; the token is not sent back.
            var unreachable = page.Locator("[data-testid=unreachable]");
            await unreachable.WaitForAsync();
            Assert.Equal(1, posts);
            Assert.Equal(["submit 1 prevented=false", "busy disabled=true spinner=true status=Working…", "submit 2 prevented=true"],
                seen.Where(m => m.StartsWith("submit ", StringComparison.Ordinal) || m.StartsWith("busy ", StringComparison.Ordinal)));
            Assert.Contains("Twilio could not be reached", await page.Locator(".validation-summary-errors").InnerTextAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, journey, "05b-unreachable");

            // "Save without verification" saves at once: Twilio is not asked again.
            var asked = silentTwilio.Connections;
            await unreachable.GetByRole(AriaRole.Button, new() { Name = "Save without verification" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            Assert.Equal(asked, silentTwilio.Connections);
            var row = page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = "Twilio US" });
            Assert.Contains("+14155550100", await row.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Not verified", await row.InnerTextAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, journey, "06-listed");

            // Edit: the token shows only as set, with its last 4 characters.
            await row.GetByRole(AriaRole.Link, new() { Name = "Twilio US", Exact = true }).ClickAsync();
            Assert.Equal("••••••••" + token[^4..], await page.Locator("[data-testid=token-hint]").InnerTextAsync());
            Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Twilio US (main)");
            await Browser.ScreenshotAsync(page, journey, "07-edit");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            Assert.Contains("saved", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);

            // Delete with the bin icon and its confirmation dialog.
            row = page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = "Twilio US (main)" });
            await row.GetByRole(AriaRole.Link, new() { Name = "Delete Twilio US (main)" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.WaitForAsync();
            Assert.Contains("Twilio US (main)", await dialog.InnerTextAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, journey, "08-confirm-delete");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            Assert.Contains("deleted", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("[data-testid=credentials-table]").CountAsync());
            await Browser.ScreenshotAsync(page, journey, "09-deleted");

            // An API key instead of the Auth Token (Twilio's advice for production): the key's fields appear, the Auth
            // Token becomes optional and says why it is still asked for (webhook signatures).
            await page.GetByRole(AriaRole.Link, new() { Name = "Create new API credentials" }).ClickAsync();
            var why = page.Locator("[data-testid=token-why]");
            Assert.True(await why.IsHiddenAsync());
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Twilio keyed");
            await page.GetByLabel("Account SID").Filter(Visible).FillAsync("AC" + Hex32());
            await page.GetByLabel("Authentication").Filter(Visible).SelectOptionAsync("ApiKey");
            Assert.True(await why.IsVisibleAsync());
            Assert.Contains("Twilio signs its webhooks with the Auth Token", await why.InnerTextAsync(), StringComparison.Ordinal);
            var keySecret = Hex32()[..16] + Hex32()[..16].ToUpperInvariant();
            await page.GetByLabel("API key SID").Filter(Visible).FillAsync("SK" + Hex32());
            await page.GetByLabel("API key secret").Filter(Visible).FillAsync(keySecret);
            await page.GetByLabel("Message SID").Filter(Visible).FillAsync("MG" + Hex32());
            await page.GetByLabel("Inbound Number").Filter(Visible).FillAsync("+14155550101");
            await Browser.ScreenshotAsync(page, journey, "11-api-key-filled");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
            await unreachable.WaitForAsync();
            Assert.DoesNotContain(keySecret, await page.ContentAsync(), StringComparison.Ordinal);
            Assert.Equal("ApiKey", await page.GetByLabel("Authentication").Filter(Visible).InputValueAsync());
            await unreachable.GetByRole(AriaRole.Button, new() { Name = "Save without verification" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");
            row = page.Locator("[data-testid=credentials-table] tbody tr", new() { HasText = "Twilio keyed" });
            Assert.Contains("Not verified", await row.InnerTextAsync(), StringComparison.Ordinal);

            // Its edit page: the key secret only as set, the Auth Token still optional.
            await row.GetByRole(AriaRole.Link, new() { Name = "Twilio keyed", Exact = true }).ClickAsync();
            Assert.Equal("••••••••" + keySecret[^4..], await page.Locator("[data-testid=key-secret-hint]").InnerTextAsync());
            Assert.True(await why.IsVisibleAsync());
            Assert.DoesNotContain(keySecret, await page.ContentAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, journey, "12-api-key-edit");
            await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
            await page.WaitForURLAsync("**/apicredentials");

            // API keys: Revoke asks first, in the dialog that deletes use, naming the key; Cancel keeps it.
            await page.GotoAsync(portal.BaseUrl + "/profile/api-keys");
            await page.Locator("#Input_Name").FillAsync("CI deploy");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();
            await page.Locator("#new-api-key").WaitForAsync();
            var keyRow = page.Locator("tbody tr", new() { HasText = "CI deploy" });
            var revokeLink = keyRow.GetByRole(AriaRole.Link, new() { Name = "Revoke CI deploy" });
            await revokeLink.ClickAsync();
            await dialog.WaitForAsync();
            await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'confirm-dialog-cancel'");
            Assert.Contains("Revoke the API key “CI deploy”?", await dialog.InnerTextAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, journey, "13-confirm-revoke");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await dialog.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
            Assert.Equal("Active", (await keyRow.Locator(".badge").InnerTextAsync()).Trim());
            await revokeLink.ClickAsync();
            await dialog.WaitForAsync();
            await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'confirm-dialog-cancel'");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
            await keyRow.Locator(".badge", new() { HasText = "Revoked" }).WaitForAsync();
            Assert.Contains("API key revoked.", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await revokeLink.CountAsync());

            // A phone-sized screen still works: the rail becomes an off-canvas menu.
            await page.SetViewportSizeAsync(390, 844);
            await Browser.ScreenshotAsync(page, journey, "10-phone");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}

/// <summary>A TCP server on 127.0.0.1 that accepts connections and never answers (a provider that does not respond).</summary>
internal sealed class SilentServer : IDisposable
{
    private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
    private readonly List<System.Net.Sockets.Socket> _held = [];
    private int _connections;

    public SilentServer()
    {
        _listener.Start();
        Url = $"http://127.0.0.1:{((System.Net.IPEndPoint)_listener.LocalEndpoint).Port}";
        _ = AcceptAsync();
    }

    public string Url { get; }

    /// <summary>How many connections it has accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync();
                Interlocked.Increment(ref _connections);
                lock (_held)
                {
                    _held.Add(socket);
                }
            }
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(s => s.Dispose());
        }
    }
}
