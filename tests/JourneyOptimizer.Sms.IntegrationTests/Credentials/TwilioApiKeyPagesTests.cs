using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Webhooks.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Credentials;

/// <summary>
/// Twilio credentials that sign in with an API key, through the pages, against the fake Twilio on 127.0.0.1 (which,
/// like Twilio, refuses a Standard key the account itself), and their webhooks, signed with the Auth Token.
/// </summary>
public sealed class TwilioApiKeyPagesTests : IAsyncLifetime
{
    private static readonly string Prod = TestData.CredentialsUrl("prod");
    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private sealed record Keyed(TwilioCredentialInput Input, string KeySid, string KeySecret);

    /// <summary>An account of the fake Twilio with its Auth Token, one service, one number and one Standard API key.</summary>
    private Keyed RegisteredAccount()
    {
        var input = TestData.Twilio();
        var keySid = "SK" + TestData.Hex32();
        var keySecret = TestData.Hex32()[..16] + TestData.Hex32()[..16].ToUpperInvariant();
        _factory.Twilio.Accounts[input.AccountSid!] = new FakeTwilioAccount
        {
            Token = input.AuthToken,
            Services = { input.MessagingServiceSid! },
            Numbers = { input.InboundNumber! },
            ApiKeys = { [keySid] = keySecret },
        };
        return new Keyed(input, keySid, keySecret);
    }

    private static Dictionary<string, string> KeyForm(Keyed keyed, string? authToken = null, string? keySecret = null)
    {
        var fields = TestData.TwilioForm(keyed.Input);
        fields["Input.Twilio.AuthMethod"] = nameof(TwilioAuthMethod.ApiKey);
        fields["Input.Twilio.ApiKeySid"] = keyed.KeySid;
        fields["Input.Twilio.ApiKeySecret"] = keySecret ?? keyed.KeySecret;
        fields["Input.Twilio.AuthToken"] = authToken ?? "";
        return fields;
    }

    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> SubmitAsync(PortalClient client, string url,
        Dictionary<string, string> fields)
    {
        var form = await client.GetDocumentAsync(url);
        var response = await client.SubmitAsync(form, "main form", fields);
        return (response, await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(), url));
    }

    private Task<TwilioCredential> StoredAsync(string name) =>
        _factory.WithDbAsync(db => db.Set<TwilioCredential>().AsNoTracking().SingleAsync(c => c.Name == name));

    [Fact]
    public async Task CreatePage_OffersAuthTokenOrApiKey_AndSaysWhyTheAuthTokenStaysForWebhooks()
    {
        using var client = await PortalClient.SignedInAsync(_factory);

        var page = await client.GetDocumentAsync(Prod + "/create");

        var choice = page.QuerySelector<IHtmlSelectElement>("select[name='Input.Twilio.AuthMethod']")!;
        Assert.Equal(["AuthToken", "ApiKey"], choice.Options.Select(o => o.Value));
        Assert.Equal("AuthToken", choice.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("input[name='Input.Twilio.ApiKeySecret']")!.IsDisabled);
        Assert.Equal("password", page.QuerySelector<IHtmlInputElement>("input[name='Input.Twilio.ApiKeySecret']")!.Type);
        Assert.Contains("Twilio signs its webhooks with the Auth Token", page.QuerySelector("[data-testid=token-why]")!.TextContent,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task CanCreate_WithAnApiKey_VerifiedWithoutReadingTheAccount()
    {
        var keyed = RegisteredAccount();
        using var client = await PortalClient.SignedInAsync(_factory);

        var (response, _) = await SubmitAsync(client, Prod + "/create", KeyForm(keyed));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(keyed.Input.Name!);
        Assert.Equal((TwilioAuthMethod.ApiKey, keyed.KeySid, VerificationStatus.Verified), (stored.AuthMethod, stored.ApiKeySid, stored.VerificationStatus));
        Assert.Null(stored.AuthTokenProtected);
        await using var scope = _factory.CreateScope();
        Assert.Equal(keyed.KeySecret, scope.ServiceProvider.GetRequiredService<ISecretProtector>().Unprotect(stored.ApiKeySecretProtected!));
        var requests = _factory.Twilio.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.DoesNotContain($"/2010-04-01/Accounts/{keyed.Input.AccountSid}.json", requests);
        Assert.Contains($"/v1/Services/{keyed.Input.MessagingServiceSid}", requests);
        Assert.DoesNotContain(keyed.KeySecret, _factory.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CannotCreate_WithAWrongKeySecret_TheErrorIsNextToTheSecret()
    {
        var keyed = RegisteredAccount();
        using var client = await PortalClient.SignedInAsync(_factory);

        var (response, page) = await SubmitAsync(client, Prod + "/create", KeyForm(keyed, keySecret: "x" + keyed.KeySecret[1..]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("did not accept this API key", PortalClient.FieldError(page, "Input.Twilio.ApiKeySecret"), StringComparison.Ordinal);
        Assert.Equal("ApiKey", page.QuerySelector<IHtmlSelectElement>("select[name='Input.Twilio.AuthMethod']")!.Value);
        Assert.False(page.QuerySelector<IHtmlInputElement>("input[name='Input.Twilio.ApiKeySid']")!.IsDisabled);
        Assert.False(await _factory.WithDbAsync(db => db.ApiCredentials.AnyAsync(c => c.Name == keyed.Input.Name)));
    }

    [Fact]
    public async Task CannotCreate_WithAMalformedKeySid_TheErrorIsNextToIt_AndTwilioIsNotAsked()
    {
        var keyed = RegisteredAccount() with { KeySid = "SKnot-a-key" };
        using var client = await PortalClient.SignedInAsync(_factory);

        var (response, page) = await SubmitAsync(client, Prod + "/create", KeyForm(keyed));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TwilioCredentialInputValidator.ApiKeySidFormatMessage, PortalClient.FieldError(page, "Input.Twilio.ApiKeySid"));
        Assert.Empty(_factory.Twilio.Requests);
    }

    [Fact]
    public async Task CanEdit_FromAuthTokenToApiKey_KeepingTheAuthToken_AndTheEditPageShowsOnlyHints()
    {
        var keyed = RegisteredAccount();
        var id = await TestData.CreateTwilioAsync(_factory, (await TestData.SandboxAsync(_factory, "prod")).Id, keyed.Input);
        using var client = await PortalClient.SignedInAsync(_factory);

        var (response, _) = await SubmitAsync(client, $"{Prod}/edit/{id}", KeyForm(keyed));
        var edit = await client.GetDocumentAsync($"{Prod}/edit/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(keyed.Input.Name!);
        Assert.Equal(TwilioAuthMethod.ApiKey, stored.AuthMethod);
        Assert.Equal(keyed.Input.AuthToken![^4..], stored.AuthTokenHint);
        Assert.Equal("ApiKey", edit.QuerySelector<IHtmlSelectElement>("select[name='Input.Twilio.AuthMethod']")!.Value);
        Assert.Equal("••••••••" + keyed.KeySecret[^4..], edit.QuerySelector("[data-testid=key-secret-hint]")!.TextContent);
        Assert.DoesNotContain(keyed.KeySecret, edit.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(keyed.Input.AuthToken, edit.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhooks_OfAnApiKeyCredential_AreCheckedWithItsAuthToken_AndNeedOne()
    {
        var keyed = RegisteredAccount();
        var sandbox = (await TestData.SandboxAsync(_factory, "prod")).Id;
        using var client = await PortalClient.SignedInAsync(_factory);
        await SubmitAsync(client, Prod + "/create", KeyForm(keyed, authToken: keyed.Input.AuthToken));
        var credentialId = (await StoredAsync(keyed.Input.Name!)).Id;
        var keyOnly = RegisteredAccount();
        await SubmitAsync(client, Prod + "/create", KeyForm(keyOnly));
        var keyOnlyId = (await StoredAsync(keyOnly.Input.Name!)).Id;

        // The webhook form refuses a credential without the Auth Token Twilio signs with.
        var webhooks = WebhookTestData.WebhooksUrl("prod") + "/create";
        var form = await client.GetDocumentAsync(webhooks);
        var refused = await client.SubmitAsync(form, "form[data-webhook-form]", new Dictionary<string, string>
        {
            ["Input.Name"] = TestData.Name("in"),
            ["Input.Vendor"] = "Twilio",
            ["Input.Type"] = "Inbound",
            ["Input.ApiCredentialId"] = keyOnlyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SenderNumber"] = keyOnly.Input.InboundNumber!,
        });
        var refusedPage = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync(), webhooks);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("has no Auth Token", PortalClient.FieldError(refusedPage, "Input.ApiCredentialId"), StringComparison.Ordinal);

        // A webhook of the credential with its Auth Token: Twilio's signature is checked with that token, not the key.
        var created = await client.SubmitAsync(form, "form[data-webhook-form]", new Dictionary<string, string>
        {
            ["Input.Name"] = TestData.Name("in"),
            ["Input.Vendor"] = "Twilio",
            ["Input.Type"] = "Inbound",
            ["Input.ApiCredentialId"] = credentialId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SenderNumber"] = keyed.Input.InboundNumber!,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var webhook = await _factory.WithDbAsync(db => db.Webhooks.AsNoTracking().SingleAsync(w => w.ApiCredentialId == credentialId));
        var hook = new TwilioHook(webhook.Id, sandbox, webhook.PathToken, keyed.Input.AuthToken!, keyed.Input.AccountSid!,
            keyed.Input.InboundNumber!, webhook.SenderNumber);
        using var http = _factory.CreateClient();

        using var signedWithKey = await http.SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.InboundForm(hook, TestData.Number(), "HELP"), keyed.KeySecret));
        using var signedWithToken = await http.SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.InboundForm(hook, TestData.Number(), "HELP"), hook.AuthToken));

        Assert.Equal(HttpStatusCode.Forbidden, signedWithKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedWithToken.StatusCode);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == webhook.Id)));
    }
}
