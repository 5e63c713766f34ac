using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Webhooks;

/// <summary>
/// "Configure in Twilio" over real HTTP: the webhook page reads the Messaging Service from the fake Twilio on
/// 127.0.0.1, the confirmation shows the old and the new value, and the update reaches the fake Twilio (which records
/// it), with an Auth Token and with an API key; refusals and failures are plain words, never a 500.
/// </summary>
public sealed class ConfigureInProviderPagesTests : IAsyncLifetime
{
    private const string OldUrl = "https://old.example.com/twilio/sms";
    private static readonly string Prod = WebhookTestData.WebhooksUrl("prod");
    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private sealed record Setup(int WebhookId, string ServiceSid, string PathToken, TwilioCredentialInput Input);

    /// <summary>A registered account of the fake Twilio (strict: its token, its service), a credential and a webhook of it.</summary>
    private async Task<Setup> TwilioWebhookAsync(WebhookType type, bool apiKey = false)
    {
        var input = TestData.Twilio();
        var account = new FakeTwilioAccount
        {
            Token = input.AuthToken,
            Services = { input.MessagingServiceSid! },
            Numbers = { input.InboundNumber! },
        };
        if (apiKey)
        {
            var keySid = "SK" + TestData.Hex32();
            var keySecret = TestData.Hex32();
            account.ApiKeys[keySid] = keySecret;
            input.AuthMethod = TwilioAuthMethod.ApiKey;
            input.ApiKeySid = keySid;
            input.ApiKeySecret = keySecret;
        }

        _factory.Twilio.Accounts[input.AccountSid!] = account;
        var sandbox = (await TestData.SandboxAsync(_factory, "prod")).Id;
        var credentialId = await TestData.CreateTwilioAsync(_factory, sandbox, input);
        await using var scope = _factory.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<WebhookService>().CreateAsync(sandbox, new WebhookInput
        {
            Name = TestData.Name("hook"),
            Vendor = SmsVendor.Twilio,
            Type = type,
            ApiCredentialId = credentialId,
            SenderNumber = input.InboundNumber,
        }, new Actor("test", "seed@example.com"), CancellationToken.None);
        Assert.True(result.Outcome == WebhookOutcome.Created, result.ToString());
        var token = await _factory.WithDbAsync(db => db.Webhooks.Where(w => w.Id == result.Id).Select(w => w.PathToken).SingleAsync());
        return new Setup(result.Id!.Value, input.MessagingServiceSid!, token, input);
    }

    private static string Edit(int id) => Prod + "/edit/" + id.ToString(CultureInfo.InvariantCulture);

    private static string Configure(int id) => Prod + "/configureinprovider/" + id.ToString(CultureInfo.InvariantCulture);

    private static string State(IHtmlDocument page) =>
        page.QuerySelector("[data-testid=provider-setting-state]")?.GetAttribute("data-state") ?? "(no panel)";

    private Task<List<Core.Audit.AuditEntry>> ConfiguredEntriesAsync(int webhookId) => _factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
        .Where(a => a.ObjectType == "Webhook" && a.ObjectId == webhookId.ToString(CultureInfo.InvariantCulture) && a.Action == "ConfiguredInProvider")
        .ToListAsync());

    [Fact]
    public async Task Inbound_ShowsWhatTwilioHasNow_ConfirmsOldAndNew_ThenTheServicePointsHere_AndItIsAudited()
    {
        var setup = await TwilioWebhookAsync(WebhookType.Inbound);
        _factory.Twilio.ServiceSettings[setup.ServiceSid] = new FakeTwilioService { InboundRequestUrl = OldUrl, StatusCallback = "https://keep.example.com/status" };
        using var client = await PortalClient.SignedInAsync(_factory);

        // The webhook page reads Twilio on view: another URL is set there now.
        var edit = await client.GetDocumentAsync(Edit(setup.WebhookId));
        Assert.Equal(nameof(ProviderSettingState.PointsElsewhere), State(edit));
        Assert.Contains(OldUrl, edit.QuerySelector("[data-testid=provider-setting]")!.TextContent, StringComparison.Ordinal);
        var link = edit.QuerySelector("a[data-testid=configure-in-provider]")!.GetAttribute("href")!;
        Assert.Equal(Configure(setup.WebhookId), PortalClient.Resolve(edit, link));

        // The confirmation shows the old and the new value; nothing is changed by looking.
        var confirm = await client.GetDocumentAsync(Configure(setup.WebhookId));
        var url = "http://localhost/webhooks/" + setup.PathToken;
        Assert.Equal(OldUrl, confirm.QuerySelector("[data-testid=old-value]")!.TextContent.Trim());
        Assert.Equal(url, confirm.QuerySelector("[data-testid=new-value]")!.TextContent.Trim());
        Assert.Contains("Replace in Twilio", confirm.QuerySelector("[data-testid=confirm-configure]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(OldUrl, _factory.Twilio.ServiceSettings[setup.ServiceSid].InboundRequestUrl);

        var response = await client.SubmitAsync(confirm, "form[data-testid=configure-form]", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Edit(setup.WebhookId), response.Headers.Location!.OriginalString);
        // The fake Twilio recorded the update: the inbound request URL only, the status callback kept.
        Assert.Equal(url, _factory.Twilio.ServiceSettings[setup.ServiceSid].InboundRequestUrl);
        Assert.Equal("https://keep.example.com/status", _factory.Twilio.ServiceSettings[setup.ServiceSid].StatusCallback);
        var post = Assert.Single(_factory.Twilio.Requests, r => r.Method == "POST" && r.PathAndQuery == "/v1/Services/" + setup.ServiceSid);
        Assert.DoesNotContain("StatusCallback", post.Body, StringComparison.Ordinal);

        var after = await client.GetDocumentAsync(Edit(setup.WebhookId));
        Assert.Contains("Twilio now sends incoming messages to", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(nameof(ProviderSettingState.PointsHere), State(after));

        var entry = Assert.Single(await ConfiguredEntriesAsync(setup.WebhookId));
        Assert.Equal(PortalFactory.AdminEmail, entry.UserName);
        Assert.Contains("InboundRequestUrl", entry.ChangesJson, StringComparison.Ordinal);
        Assert.Contains(OldUrl, entry.ChangesJson, StringComparison.Ordinal);
        // The path token is a secret: neither the audit log nor any log event holds it.
        Assert.DoesNotContain(setup.PathToken, entry.ChangesJson, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.PathToken, _factory.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_OfAnApiKeyCredential_SetsOnlyTheStatusCallback_SigningInWithTheKey()
    {
        var setup = await TwilioWebhookAsync(WebhookType.Feedback, apiKey: true);
        using var client = await PortalClient.SignedInAsync(_factory);

        var edit = await client.GetDocumentAsync(Edit(setup.WebhookId));
        Assert.Equal(nameof(ProviderSettingState.NotSet), State(edit));
        var confirm = await client.GetDocumentAsync(Configure(setup.WebhookId));
        Assert.Equal("Not set", confirm.QuerySelector("[data-testid=old-value]")!.TextContent.Trim());
        var response = await client.SubmitAsync(confirm, "form[data-testid=configure-form]", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var settings = _factory.Twilio.ServiceSettings[setup.ServiceSid];
        Assert.Equal("http://localhost/webhooks/" + setup.PathToken, settings.StatusCallback);
        Assert.Null(settings.InboundRequestUrl);
        Assert.Equal(nameof(ProviderSettingState.PointsHere), State(await client.GetDocumentAsync(Edit(setup.WebhookId))));
        var entry = Assert.Single(await ConfiguredEntriesAsync(setup.WebhookId));
        Assert.Contains("StatusCallback", entry.ChangesJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValueChangedInTwilioAfterTheConfirmationWasShown_IsNotReplaced_TheNewValueIsShown()
    {
        var setup = await TwilioWebhookAsync(WebhookType.Inbound);
        _factory.Twilio.ServiceSettings[setup.ServiceSid] = new FakeTwilioService { InboundRequestUrl = OldUrl };
        using var client = await PortalClient.SignedInAsync(_factory);
        var confirm = await client.GetDocumentAsync(Configure(setup.WebhookId));
        _factory.Twilio.ServiceSettings[setup.ServiceSid].InboundRequestUrl = "https://someone-else.example.com/in";

        var response = await client.SubmitAsync(confirm, "form[data-testid=configure-form]", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(), Configure(setup.WebhookId));
        Assert.Contains("changed since you opened this page", PortalClient.FormError(page), StringComparison.Ordinal);
        Assert.Equal("https://someone-else.example.com/in", page.QuerySelector("[data-testid=old-value]")!.TextContent.Trim());
        Assert.Equal("https://someone-else.example.com/in", _factory.Twilio.ServiceSettings[setup.ServiceSid].InboundRequestUrl);
        Assert.Empty(await ConfiguredEntriesAsync(setup.WebhookId));

        // Confirming the value now shown replaces it.
        var again = await client.SubmitAsync(page, "form[data-testid=configure-form]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("http://localhost/webhooks/" + setup.PathToken, _factory.Twilio.ServiceSettings[setup.ServiceSid].InboundRequestUrl);
    }

    [Fact]
    public async Task TwilioRefusingOrOutOfReach_IsShownInPlainWords_NothingIsChangedOrAudited()
    {
        var setup = await TwilioWebhookAsync(WebhookType.Inbound);
        using var client = await PortalClient.SignedInAsync(_factory);
        var confirm = await client.GetDocumentAsync(Configure(setup.WebhookId));

        _factory.Twilio.ServiceUpdateError = 21_999;
        var refused = await client.SubmitAsync(confirm, "form[data-testid=configure-form]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync(), Configure(setup.WebhookId));
        Assert.Equal("Nothing was changed in Twilio: Twilio refused the request (error 21999).", PortalClient.FormError(refusedPage));

        _factory.Twilio.Down = true;
        try
        {
            var edit = await client.GetDocumentAsync(Edit(setup.WebhookId));
            Assert.Equal(nameof(ProviderSettingState.Unreadable), State(edit));
            Assert.Contains("Twilio could not be reached", edit.QuerySelector("[data-testid=provider-setting]")!.TextContent, StringComparison.Ordinal);
            var unreadable = await client.GetDocumentAsync(Configure(setup.WebhookId));
            Assert.NotNull(unreadable.QuerySelector("[data-testid=provider-unreadable]"));
            Assert.Null(unreadable.QuerySelector("[data-testid=confirm-configure]"));

            var down = await client.SubmitAsync(confirm, "form[data-testid=configure-form]", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.OK, down.StatusCode);
            var downPage = await PortalClient.ParseAsync(await down.Content.ReadAsStringAsync(), Configure(setup.WebhookId));
            Assert.Equal("Nothing was changed in Twilio: Twilio could not be reached. Try again later.", PortalClient.FormError(downPage));
        }
        finally
        {
            _factory.Twilio.Down = false;
        }

        Assert.False(_factory.Twilio.ServiceSettings.TryGetValue(setup.ServiceSid, out var settings) && settings.InboundRequestUrl is not null);
        Assert.Empty(await ConfiguredEntriesAsync(setup.WebhookId));
    }

    [Fact]
    public async Task ViewUsers_SeeTheSetting_ButCannotConfigure_AndOtherVendorsOfferNothing()
    {
        var setup = await TwilioWebhookAsync(WebhookType.Inbound);
        var sandbox = (await TestData.SandboxAsync(_factory, "prod")).Id;
        var (email, password) = await WebhookTestData.UserAsync(_factory, sandbox, SandboxAccess.View);
        using var viewer = await PortalClient.SignedInAsync(_factory, email, password);

        var edit = await viewer.GetDocumentAsync(Edit(setup.WebhookId));
        Assert.Equal(nameof(ProviderSettingState.NotSet), State(edit));
        Assert.Null(edit.QuerySelector("[data-testid=configure-in-provider]"));
        using var get = await viewer.Http.GetAsync(new Uri(Configure(setup.WebhookId), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);

        // A View user's post is refused before anything reaches Twilio (with the antiforgery token of a page they can see).
        var asIfConfigure = await PortalClient.ParseAsync(edit.DocumentElement.OuterHtml, Configure(setup.WebhookId));
        var refused = await viewer.SubmitAsync(asIfConfigure, "form[data-webhook-form]", new Dictionary<string, string> { ["Fingerprint"] = "" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(_factory.Twilio.Requests, r => r.Method == "POST" && r.PathAndQuery.StartsWith("/v1/Services", StringComparison.Ordinal));

        var customCredential = await WebhookTestData.CustomCredentialAsync(_factory, sandbox, TestData.Name("custom"));
        await using var scope = _factory.CreateScope();
        var input = new WebhookInput
        {
            Name = TestData.Name("hook"),
            Vendor = SmsVendor.Custom,
            Type = WebhookType.Feedback,
            ApiCredentialId = customCredential,
            SenderNumber = "12345",
        };
        input.Mapping.ClientReference = "data.id";
        input.Mapping.Status = "data.status";
        var custom = await scope.ServiceProvider.GetRequiredService<WebhookService>().CreateAsync(sandbox, input,
            new Actor("test", "seed@example.com"), CancellationToken.None);
        using var admin = await PortalClient.SignedInAsync(_factory);
        var customEdit = await admin.GetDocumentAsync(Edit(custom.Id!.Value));
        Assert.Null(customEdit.QuerySelector("[data-testid=provider-setting]"));
        using var customConfigure = await admin.Http.GetAsync(new Uri(Configure(custom.Id!.Value), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, customConfigure.StatusCode);
    }
}
