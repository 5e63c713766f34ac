using System.Globalization;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Users;

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
        var verify = await viewer.GetDocumentAsync($"{TestData.CredentialsUrl("prod")}/verifyconnection/{credential}");
        Assert.NotNull(verify.QuerySelector("[data-testid=read-only]"));
        Assert.Null(verify.QuerySelector("main form[method=post]"));
    }

    [Fact]
    public async Task ARefusedTwilioCreate_KeepsTheTypedAuthToken_EncryptedOnly()
    {
        using var client = await PortalClient.SignedInAsync(portal);
        var credentials = TestData.CredentialsUrl("prod");
        var form = await client.GetDocumentAsync($"{credentials}/create");
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
    }
}
