using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Channels;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Sandboxes;

/// <summary>
/// "Copy to another sandbox" through the real pages (antiforgery, Identity sign-in, SQLite): a channel configuration
/// brings its credential and webhooks, clashes are shown next to the field that clashes and nothing is half-copied,
/// not a single secret travels, copies arrive Not verified / as drafts, Manage is needed in both sandboxes, and the
/// copy is audited in both.
/// </summary>
public sealed class CopyToSandboxPagesTests : IAsyncLifetime
{
    private static readonly Actor Seed = new("test", "seed@example.com");
    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static string CopyUrl(string sandbox) => $"/sandboxes/{sandbox}/administration/channels/copytosandbox";

    private async Task<int> WebhookAsync(int sandboxId, int credentialId, SmsVendor vendor, WebhookType type, string? sender = null)
    {
        await using var scope = _factory.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<WebhookService>().CreateAsync(sandboxId, new WebhookInput
        {
            Name = TestData.Name("hook"),
            Vendor = vendor,
            Type = type,
            ApiCredentialId = credentialId,
            SenderNumber = sender,
        }, Seed, CancellationToken.None);
        Assert.True(result.Outcome == WebhookOutcome.Created, result.ToString());
        return result.Id!.Value;
    }

    /// <summary>Step 1 posted: the picker with <paramref name="fields"/> ticked, answered by the preview.</summary>
    private async Task<IHtmlDocument> PreviewAsync(PortalClient client, string sandbox, Dictionary<string, string> fields)
    {
        var picker = await client.GetDocumentAsync(CopyUrl(sandbox));
        var response = await client.SubmitAsync(picker, "form[data-testid=copy-picker]", fields, "[data-testid=copy-preview]");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, string.Join("\n", _factory.Logs.All.Split("\n").Where(l => l.Contains("Exception", StringComparison.Ordinal)).Take(5)));
        return await PortalClient.ParseAsync(html, "http://localhost" + CopyUrl(sandbox));
    }

    private static IHtmlDocument Parse(string html, string sandbox) =>
        PortalClient.ParseAsync(html, "http://localhost" + CopyUrl(sandbox)).GetAwaiter().GetResult();

    [Fact]
    public async Task AChannelConfiguration_BringsItsCredentialAndWebhooks_AClashingNumberIsChangedInThePreview_AndNoSecretTravels()
    {
        var dev = await TestData.SandboxAsync(_factory, "dev");
        var prod = await TestData.SandboxAsync(_factory, "prod");
        var (credentialId, channelId, sender) = await _factory.ActiveChannelAsync(dev.Id, "Promo");
        var inbound = await WebhookAsync(dev.Id, credentialId, SmsVendor.Twilio, WebhookType.Inbound, sender);
        var source = (TwilioCredential)await _factory.WithDbAsync(db => db.ApiCredentials.AsNoTracking().SingleAsync(c => c.Id == credentialId));
        using var client = await PortalClient.SignedInAsync(_factory);

        // The list offers the copy; the picker lists this sandbox's items and the other sandboxes.
        var list = await client.GetDocumentAsync(ChannelTestData.Url("dev"));
        Assert.Equal(CopyUrl("dev"), PortalClient.Resolve(list, list.QuerySelector("a[data-testid=copy-to-sandbox]")!.GetAttribute("href")!));
        var picker = await client.GetDocumentAsync(CopyUrl("dev"));
        Assert.Contains("Promo", picker.QuerySelector("[data-testid=pick-channels]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["", "prod"], picker.QuerySelectorAll("select[name=Target] option").Select(o => o.GetAttribute("value")));

        var preview = await PreviewAsync(client, "dev", new() { ["ChannelIds"] = Invariant(channelId), ["Target"] = "prod" });

        // The channel configuration brought its credential and the credential's webhook; the Twilio number clashes
        // (an Account SID and inbound number belong to one sandbox), shown next to the number, which the preview offers.
        var items = preview.QuerySelectorAll("[data-testid=copy-item]").Select(i => i.GetAttribute("data-key")).ToList();
        var credentialKey = CopyPlanItem.KeyOf(CopyItemKind.ApiCredential, credentialId);
        Assert.Equal([credentialKey, CopyPlanItem.KeyOf(CopyItemKind.Webhook, inbound), CopyPlanItem.KeyOf(CopyItemKind.ChannelConfiguration, channelId)], items);
        var numberField = $"Items[{credentialKey}].Fields[InboundNumber]";
        Assert.Equal(TwilioVendor.NumberTakenMessage, PortalClient.FieldError(preview, numberField));
        Assert.Equal(source.InboundNumber, ((IHtmlInputElement)preview.QuerySelector($"input[name='{numberField}']")!).Value);
        Assert.Single(preview.QuerySelectorAll("[data-testid=clash]"));
        Assert.Contains("Arrives Not verified without its secrets (Auth Token)", preview.QuerySelector($"[data-key='{credentialKey}']")!.TextContent,
            StringComparison.Ordinal);

        // Copying anyway copies nothing; nor do fields the form does not have (a secret, an unknown or a foreign item's).
        var refused = await client.SubmitAsync(preview, "form[data-testid=copy-plan]", new Dictionary<string, string>
        {
            [$"Items[{credentialKey}].Fields[AuthToken]"] = "typed-in-token-0123456789",
            [$"Items[{credentialKey}].Fields[NoSuchField]"] = "x",
            [$"Items[{credentialKey}].Fields[AuthMethod]"] = "ApiKey",
            ["Items[ApiCredential-999999].Name"] = "elsewhere",
        }, "[data-testid=copy-confirm]");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = Parse(await refused.Content.ReadAsStringAsync(), "dev");
        Assert.Contains("Nothing was copied", PortalClient.FormError(again), StringComparison.Ordinal);
        Assert.DoesNotContain("typed-in-token-0123456789", again.Source.Text, StringComparison.Ordinal);
        Assert.Equal([numberField], again.QuerySelectorAll("input[name*='.Fields[']").Select(i => i.GetAttribute("name")));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ApiCredentials.CountAsync(c => c.SandboxId == prod.Id)));

        // A number of its own for production: the copy goes through, to the target's list.
        var prodNumber = TestData.Number();
        var copied = await client.SubmitAsync(again, "form[data-testid=copy-plan]", new Dictionary<string, string> { [numberField] = prodNumber },
            "[data-testid=copy-confirm]");
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        Assert.Equal(TestData.CredentialsUrl("prod"), copied.Headers.Location!.OriginalString);
        var prodList = await client.GetDocumentAsync(TestData.CredentialsUrl("prod"));
        Assert.Contains("Copied from sandbox “dev”: API credentials 1, SMS webhooks 1, channel configurations 1.", prodList.QuerySelector("[role=status], .alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(SandboxCopyMessages.CopiedWithoutSecrets, prodList.QuerySelector("[data-testid=not-verified-reason]")!.TextContent.Trim());

        var copy = (TwilioCredential)await _factory.WithDbAsync(db => db.ApiCredentials.AsNoTracking().SingleAsync(c => c.SandboxId == prod.Id));
        Assert.Equal((source.Name, source.AccountSid, source.MessagingServiceSid, prodNumber), (copy.Name, copy.AccountSid, copy.MessagingServiceSid, copy.InboundNumber));
        Assert.Equal(VerificationStatus.NotVerified, copy.VerificationStatus);
        Assert.Equal((null, null, null, null), (copy.AuthTokenProtected, copy.AuthTokenHint, copy.ApiKeySecretProtected, copy.ApiKeySecretHint));
        Assert.NotNull(source.AuthTokenProtected);

        var webhook = await _factory.WithDbAsync(db => db.Webhooks.AsNoTracking().SingleAsync(w => w.SandboxId == prod.Id));
        var sourceWebhook = await _factory.WithDbAsync(db => db.Webhooks.AsNoTracking().SingleAsync(w => w.Id == inbound));
        Assert.Equal((copy.Id, WebhookType.Inbound, sender), (webhook.ApiCredentialId, webhook.Type, webhook.SenderNumber));
        Assert.NotEqual(sourceWebhook.PathToken, webhook.PathToken);

        var channel = await _factory.WithDbAsync(db => db.Set<ChannelConfiguration>().AsNoTracking().SingleAsync(c => c.SandboxId == prod.Id));
        Assert.Equal(("Promo", ChannelConfigurationStatus.Draft, copy.Id, sender), (channel.Name, channel.Status, channel.ApiCredentialId, channel.SenderNumber));
        Assert.Equal(ChannelConfigurationStatus.Active, (await _factory.LoadChannelAsync(channelId)).Status);

        // Audited in both sandboxes: three "copied from" in production, three "copied to" in development.
        var entries = await _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == SandboxCopyService.CopiedFromAction || a.Action == SandboxCopyService.CopiedToAction).ToListAsync());
        Assert.Equal(3, entries.Count(e => e.SandboxId == prod.Id && e.Action == SandboxCopyService.CopiedFromAction));
        Assert.Equal(3, entries.Count(e => e.SandboxId == dev.Id && e.Action == SandboxCopyService.CopiedToAction));
        Assert.All(entries, e => Assert.Equal(PortalFactory.AdminEmail, e.UserName));

        // No secret in any answer or log line: not the Auth Token, not the source webhook's URL token.
        var tokenPlain = _factory.Services.GetRequiredService<Core.Security.ISecretProtector>().Unprotect(source.AuthTokenProtected!);
        Assert.DoesNotContain(tokenPlain, prodList.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(tokenPlain, _factory.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(sourceWebhook.PathToken, _factory.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACopiedCredential_IsNotCheckedOrUsedWithoutSecrets_UntilItsEditPageCompletesIt()
    {
        var dev = await TestData.SandboxAsync(_factory, "dev");
        var prod = await TestData.SandboxAsync(_factory, "prod");
        var input = TestData.Twilio();
        var credentialId = await TestData.CreateTwilioAsync(_factory, dev.Id, input);
        var result = await CopyAsync(dev, prod, new CopySelection([credentialId], [], []), new Dictionary<string, CopyChoice>
        {
            [CopyPlanItem.KeyOf(CopyItemKind.ApiCredential, credentialId)] = new(null, new Dictionary<string, string> { ["InboundNumber"] = TestData.Number() }),
        });
        Assert.Equal(CopyOutcome.Copied, result.Outcome);
        var copyId = result.CreatedIds.Values.Single();
        var requests = _factory.Twilio.Requests.Count;

        await using (var scope = _factory.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<ApiCredentialService>();
            // "Verify now", the scheduled re-check and a test message answer in words without asking Twilio.
            var verify = await service.VerifyAsync(prod.Id, copyId, Seed, CancellationToken.None);
            Assert.Equal(ICredentialVendor.SecretsMissingMessage, Assert.Single(verify.FieldErrors).Message);
            Assert.Equal(RecheckOutcome.NotChecked, await service.RecheckAsync(copyId, DateTime.UtcNow.AddHours(6), DateTime.UtcNow.AddMinutes(5), CancellationToken.None));
            var test = await service.SendTestAsync(prod.Id, copyId, null, TestData.Number(), "hi", Seed, CancellationToken.None);
            Assert.Equal((false, ICredentialVendor.SecretsMissingMessage), (test.Sent, test.ErrorKey));
        }

        Assert.Equal(requests, _factory.Twilio.Requests.Count);
        Assert.Equal(VerificationStatus.NotVerified, (await _factory.WithDbAsync(db => db.ApiCredentials.AsNoTracking().SingleAsync(c => c.Id == copyId))).VerificationStatus);

        // The edit page asks for the Auth Token (no hint: nothing is set); with it the copy is verified.
        using var client = await PortalClient.SignedInAsync(_factory);
        var editUrl = TestData.CredentialsUrl("prod") + "/edit/" + Invariant(copyId);
        var edit = await client.GetDocumentAsync(editUrl);
        Assert.Null(edit.QuerySelector("[data-testid=secret-hint-AuthToken]"));
        var blank = await client.SubmitAsync(edit, "main form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.NotEqual("", PortalClient.FieldError(Parse(await blank.Content.ReadAsStringAsync(), "prod"), "Input.Twilio.AuthToken"));

        var completed = await client.SubmitAsync(edit, "main form", new Dictionary<string, string> { ["Input.Twilio.AuthToken"] = input.AuthToken! });
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        var stored = await _factory.WithDbAsync(db => db.ApiCredentials.AsNoTracking().SingleAsync(c => c.Id == copyId));
        Assert.Equal((VerificationStatus.Verified, null), (stored.VerificationStatus, stored.LastVerificationError));
        Assert.Empty((await client.GetDocumentAsync(TestData.CredentialsUrl("prod"))).QuerySelectorAll("[data-testid=not-verified-reason]"));
    }

    [Fact]
    public async Task NameClashes_AreShownNextToTheName_ARenameCopies_WithoutTheCustomSecrets()
    {
        var dev = await TestData.SandboxAsync(_factory, "dev");
        var prod = await TestData.SandboxAsync(_factory, "prod");
        var credential = await CustomAsync(dev.Id, "Acme");
        await CustomAsync(prod.Id, "acme");
        using var client = await PortalClient.SignedInAsync(_factory);

        var preview = await PreviewAsync(client, "dev", new() { ["CredentialIds"] = Invariant(credential), ["Target"] = "prod" });
        var nameField = $"Items[{CopyPlanItem.KeyOf(CopyItemKind.ApiCredential, credential)}].Name";
        Assert.Equal(SandboxCopyMessages.CredentialNameTaken, PortalClient.FieldError(preview, nameField));

        var recheck = await client.SubmitAsync(preview, "form[data-testid=copy-plan]", new Dictionary<string, string>
        {
            [nameField] = "Acme production",
        }, "[data-testid=copy-recheck]");
        var checkedAgain = Parse(await recheck.Content.ReadAsStringAsync(), "dev");
        Assert.Equal("", PortalClient.FieldError(checkedAgain, nameField));
        Assert.Empty(checkedAgain.QuerySelectorAll("[data-testid=clash]"));

        var copied = await client.SubmitAsync(checkedAgain, "form[data-testid=copy-plan]", new Dictionary<string, string>(), "[data-testid=copy-confirm]");
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        var copy = (CustomCredential)await _factory.WithDbAsync(db => db.ApiCredentials.AsNoTracking()
            .SingleAsync(c => c.SandboxId == prod.Id && c.Name == "Acme production"));
        var vendor = _factory.Services.GetRequiredService<CredentialVendors>()[SmsVendor.Custom];
        Assert.Empty(vendor.SecretHints(copy));
        Assert.Equal([nameof(CustomCredentialInput.BearerToken)], vendor.MissingSecrets(copy));
        Assert.NotEqual((await _factory.WithDbAsync(db => db.ApiCredentials.OfType<CustomCredential>().AsNoTracking()
            .SingleAsync(c => c.Id == credential))).SecretsProtected, copy.SecretsProtected);
    }

    [Fact]
    public async Task ManageIsNeededInBothSandboxes()
    {
        var dev = await TestData.SandboxAsync(_factory, "dev");
        var prod = await TestData.SandboxAsync(_factory, "prod");
        await TestData.SandboxAsync(_factory, "other");
        var credential = await CustomAsync(dev.Id, "Acme");
        var email = TestUsers.Email("copier");
        await TestUsers.CreateAsync(_factory, email, false, (dev.Id, SandboxAccess.Manage), (prod.Id, SandboxAccess.View));
        using var client = await PortalClient.SignedInAsync(_factory, email, TestUsers.Password);

        // Only sandboxes the user manages are offered; another one posted anyway is refused beside the field. A link
        // can tick items.
        var picker = await client.GetDocumentAsync(CopyUrl("dev") + "?CredentialIds=" + Invariant(credential));
        Assert.True(((IHtmlInputElement)picker.QuerySelector($"#CredentialIds-{credential}")!).IsChecked);
        Assert.Equal([""], picker.QuerySelectorAll("select[name=Target] option").Select(o => o.GetAttribute("value")));
        foreach (var target in new[] { "prod", "other", "dev", "missing" })
        {
            var response = await client.SubmitAsync(picker, "form[data-testid=copy-picker]",
                new Dictionary<string, string> { ["CredentialIds"] = Invariant(credential), ["Target"] = target }, "[data-testid=copy-preview]");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(SandboxCopyMessages.TargetNotAllowed, PortalClient.FieldError(Parse(await response.Content.ReadAsStringAsync(), "dev"), "Target"));
        }

        Assert.Equal(1, await _factory.WithDbAsync(db => db.ApiCredentials.CountAsync()));

        // A user who may only view the source does not get the page.
        using var viewer = await PortalClient.SignedInAsync(_factory, await ViewerAsync(dev.Id, prod.Id), TestUsers.Password);
        var denied = await viewer.Http.GetAsync(new Uri(CopyUrl("dev"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    private async Task<string> ViewerAsync(int source, int target)
    {
        var email = TestUsers.Email("viewer");
        await TestUsers.CreateAsync(_factory, email, false, (source, SandboxAccess.View), (target, SandboxAccess.Manage));
        return email;
    }

    private async Task<CopyResult> CopyAsync(SandboxRef source, SandboxRef target, CopySelection selection, Dictionary<string, CopyChoice> choices)
    {
        await using var scope = _factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SandboxCopyService>()
            .CopyAsync(source, target, selection, choices, Seed, CancellationToken.None);
    }

    private async Task<int> CustomAsync(int sandboxId, string name)
    {
        await using var scope = _factory.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApiCredentialService>().CreateAsync(sandboxId, SmsVendor.Custom, new CustomCredentialInput
        {
            Name = name,
            ProviderName = "acme",
            ProviderUrl = "https://sms.acme.test/v1/messages",
            ChannelType = CustomChannelType.Sms,
            AuthType = CustomAuthType.Bearer,
            BearerToken = "bearer-token-abcdef9876",
            Headers =
            [
                new() { Name = CustomCredentialInput.ContentTypeHeaderName, Value = CustomCredentialInput.DefaultContentType },
                new() { Name = CustomCredentialInput.CharsetHeaderName, Value = CustomCredentialInput.DefaultCharset },
            ],
            ProviderPayload = """{"from":"{{fromNumber}}","to":"{{toNumber}}","body":"{{message}}","authOption":"header"}""",
        }, Seed, saveWithoutVerification: false, CancellationToken.None);
        Assert.True(result.Outcome == CredentialOutcome.Created, string.Join("; ", result.FieldErrors.Select(e => e.Field + " " + e.Message)));
        return result.Id!.Value;
    }

    private static string Invariant(int id) => id.ToString(CultureInfo.InvariantCulture);
}
