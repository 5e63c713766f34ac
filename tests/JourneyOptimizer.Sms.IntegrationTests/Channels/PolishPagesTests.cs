using System.Globalization;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Channels;

/// <summary>
/// What an administrator sees around the forms: every missing field at once, the confirmation dialogs' markup, and
/// read-only pages for a user who may only view.
/// </summary>
public sealed class PolishPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly string Prod = ChannelTestData.Url("prod");

    [Fact]
    public async Task AnEmptySubmit_ListsEveryMissingField_AndTheFormMarksThem()
    {
        using var client = await PortalClient.SignedInAsync(portal);
        var form = await client.GetDocumentAsync($"{Prod}/create");
        Assert.Equal(4, form.QuerySelectorAll("[data-testid=channel-form] label .text-danger").Length);
        Assert.Equal(3, form.QuerySelectorAll("[data-required-on-submit]").Length);

        var response = await client.SubmitAsync(form, "[data-testid=channel-form]", new Dictionary<string, string> { ["Intent"] = "submit" });

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        foreach (var field in new[] { "Input.Name", "Input.SmsType", "Input.ApiCredentialId", "Input.SenderNumber" })
        {
            Assert.NotEqual("", PortalClient.FieldError(page, field));
        }
    }

    [Fact]
    public async Task AnEmptyDraft_AsksOnlyForTheName()
    {
        using var client = await PortalClient.SignedInAsync(portal);
        var form = await client.GetDocumentAsync($"{Prod}/create");

        var response = await client.SubmitAsync(form, "[data-testid=channel-form]", new Dictionary<string, string> { ["Intent"] = "draft" });

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.NotEqual("", PortalClient.FieldError(page, "Input.Name"));
        Assert.Equal("", PortalClient.FieldError(page, "Input.SenderNumber"));
    }

    [Fact]
    public async Task Deactivate_AsksFirst_AndTheDialogHasACancelButtonToFocus()
    {
        var sandbox = await TestData.SandboxAsync(portal, "prod");
        var name = "Deact" + Guid.NewGuid().ToString("N")[..8];
        var (_, id, _) = await portal.ActiveChannelAsync(sandbox.Id, name);
        using var client = await PortalClient.SignedInAsync(portal);

        var list = await client.GetDocumentAsync(Prod);

        var deactivate = list.QuerySelector($"tr[data-id='{id.ToString(CultureInfo.InvariantCulture)}'] [data-testid=deactivate]")!;
        Assert.Contains($"“{name}”", deactivate.GetAttribute("data-confirm"), StringComparison.Ordinal);
        Assert.Equal("row-deactivate-form", deactivate.GetAttribute("form"));
        Assert.NotNull(list.QuerySelector("#confirm-dialog #confirm-dialog-cancel[data-bs-dismiss=modal]"));
        Assert.NotNull(list.QuerySelector("form[data-filter-form]"));
        Assert.NotNull(list.QuerySelector("form[data-filter-form] button[type=submit]"));
    }

    [Fact]
    public async Task AViewUser_SeesViewLinks_AndReadOnlyPagesThatSaySo()
    {
        var sandbox = await TestData.SandboxAsync(portal, "prod");
        var (credential, id, _) = await portal.ActiveChannelAsync(sandbox.Id, "View" + Guid.NewGuid().ToString("N")[..8]);
        var email = TestUsers.Email("viewer");
        await TestUsers.CreateAsync(portal, email, false, (sandbox.Id, SandboxAccess.View));
        using var viewer = await PortalClient.SignedInAsync(portal, email, TestUsers.Password);

        var list = await viewer.GetDocumentAsync(Prod);
        var row = list.QuerySelector($"tr[data-id='{id.ToString(CultureInfo.InvariantCulture)}']")!;
        Assert.NotNull(row.QuerySelector(".row-actions .bi-eye"));
        Assert.Null(row.QuerySelector(".bi-pencil"));
        var edit = await viewer.GetDocumentAsync($"{Prod}/edit/{id}");
        Assert.NotNull(edit.QuerySelector("[data-testid=read-only]"));
        Assert.Null(edit.QuerySelector("[data-testid=submit]"));
        var credentialEdit = await viewer.GetDocumentAsync($"{TestData.CredentialsUrl("prod")}/edit/{credential}");
        Assert.NotNull(credentialEdit.QuerySelector("[data-testid=read-only]"));
        Assert.All(credentialEdit.QuerySelectorAll("main form button[type=submit]"), b => Assert.NotNull(b.Closest("fieldset[disabled]")));
        var verify = await viewer.GetDocumentAsync($"{TestData.CredentialsUrl("prod")}/verifyconnection/{credential}");
        Assert.NotNull(verify.QuerySelector("[data-testid=read-only]"));
        Assert.Null(verify.QuerySelector("main form[method=post]"));
    }

    [Fact]
    public async Task ARefusedTwilioCreate_KeepsTheTypedAuthToken_EncryptedOnly_AndTheBrowserRequiresIt()
    {
        using var client = await PortalClient.SignedInAsync(portal);
        var credentials = TestData.CredentialsUrl("prod");
        var form = await client.GetDocumentAsync($"{credentials}/create");
        var token = form.QuerySelector("#Input_Twilio_AuthToken")!;
        Assert.Equal("AuthToken", token.GetAttribute("data-required-for-auth"));
        Assert.False(string.IsNullOrEmpty(token.GetAttribute("data-required-message")));
        Assert.Equal("ApiKey", form.QuerySelector("#Input_Twilio_ApiKeySecret")!.GetAttribute("data-required-for-auth"));
        Assert.Null(form.QuerySelector("[data-vendor=Twilio] input[placeholder]"));
        var input = TestData.Twilio();
        var fields = TestData.TwilioForm(input);
        fields["Input.Twilio.AccountSid"] = "not a sid";

        var response = await client.SubmitAsync(form, "main form", fields);

        var html = await response.Content.ReadAsStringAsync();
        var page = await PortalClient.ParseAsync(html);
        Assert.NotEqual("", PortalClient.FieldError(page, "Input.Twilio.AccountSid"));
        Assert.NotNull(page.QuerySelector("[data-testid=secret-kept]"));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("input[name=PendingSecret]")?.GetAttribute("value")));
        Assert.DoesNotContain(input.AuthToken!, html, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(page.QuerySelector("#Input_Twilio_AuthToken")!.GetAttribute("data-required-for-auth")));
        Assert.Equal("ApiKey", page.QuerySelector("#Input_Twilio_ApiKeySecret")!.GetAttribute("data-required-for-auth"));
    }

    [Theory]
    [InlineData("AuthToken", "Input.Twilio.AuthToken")]
    [InlineData("ApiKey", "Input.Twilio.ApiKeySecret")]
    public async Task AnEmptyTwilioCreate_FlagsEveryField_TheSecretToo(string method, string secret)
    {
        using var client = await PortalClient.SignedInAsync(portal);
        var form = await client.GetDocumentAsync($"{TestData.CredentialsUrl("prod")}/create");

        var response = await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Vendor"] = "Twilio",
            ["Input.Twilio.AuthMethod"] = method,
        });

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        foreach (var field in new[] { "Input.Twilio.Name", "Input.Twilio.AccountSid", "Input.Twilio.MessagingServiceSid", "Input.Twilio.InboundNumber", secret })
        {
            Assert.NotEqual("", PortalClient.FieldError(page, field));
        }
    }

    [Fact]
    public async Task ARefusedCustomCreate_KeepsItsTypedSecret_AndTheRetrySavesIt()
    {
        using var client = await PortalClient.SignedInAsync(portal);
        var credentials = TestData.CredentialsUrl("prod");
        var name = TestData.Name("kept");
        const string bearer = "bearer-kept-across-a-refusal-42";
        var fields = new Dictionary<string, string>
        {
            ["Input.Vendor"] = "Custom",
            ["Input.Custom.Name"] = name,
            ["Input.Custom.ProviderName"] = "Kept",
            ["Input.Custom.ProviderUrl"] = "http://not-https.example/send",
            ["Input.Custom.ChannelType"] = "Sms",
            ["Input.Custom.AuthType"] = "Bearer",
            ["Input.Custom.BearerToken"] = bearer,
            ["Input.Custom.Headers[0].Name"] = "Content-Type",
            ["Input.Custom.Headers[0].Value"] = "application/json",
            ["Input.Custom.Headers[1].Name"] = "Charset",
            ["Input.Custom.Headers[1].Value"] = "utf-8",
            ["Input.Custom.ProviderPayload"] = """{"from":"{{fromNumber}}","to":"{{toNumber}}","body":"{{message}}","authOption":"header"}""",
        };

        var refused = await client.SubmitAsync(await client.GetDocumentAsync($"{credentials}/create"), "main form", fields);

        var html = await refused.Content.ReadAsStringAsync();
        var page = await PortalClient.ParseAsync(html, $"{credentials}/create");
        Assert.NotEqual("", PortalClient.FieldError(page, "Input.Custom.ProviderUrl"));
        Assert.NotNull(page.QuerySelector("[data-testid=secret-kept]"));
        Assert.DoesNotContain(bearer, html, StringComparison.Ordinal);
        fields["Input.Custom.ProviderUrl"] = portal.Provider.Url;
        fields["Input.Custom.BearerToken"] = "";
        var saved = await client.SubmitAsync(page, "main form", fields);
        var errors = (await PortalClient.ParseAsync(await saved.Content.ReadAsStringAsync())).QuerySelectorAll(".field-validation-error, .validation-summary-errors")
            .Select(e => e.GetAttribute("data-valmsg-for") + ": " + e.TextContent.Trim()).Where(e => !e.EndsWith(": ", StringComparison.Ordinal));
        Assert.True(saved.StatusCode == System.Net.HttpStatusCode.Redirect, string.Join(" | ", errors));
        await using var scope = portal.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<SmsDbContext>().Set<CustomCredential>().SingleAsync(c => c.Name == name);
        var secrets = CustomProviderSecrets.FromJson(scope.ServiceProvider.GetRequiredService<ISecretProtector>().Unprotect(stored.SecretsProtected));
        Assert.Equal(bearer, secrets.BearerToken);
    }
}
