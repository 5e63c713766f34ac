using System.Net;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Api;

/// <summary>
/// The credential endpoints take every registered vendor's input (chosen by <c>"vendor"</c>) through the same
/// vendor-agnostic service as the pages, answer each vendor's settings without a secret, and check If-Match in the
/// delete itself.
/// </summary>
public sealed class CredentialApiTests : IAsyncLifetime
{
    private const string Prod = "/api/v1/sandboxes/prod";
    private const string ApiToken = "custom-api-token-9Q7z";
    private const string SecretHeader = "tenant-secret-value-4711";
    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static object CustomBody(string name) => new
    {
        name,
        providerName = "Acme Messaging",
        providerUrl = "https://sms.example.com/send",
        channelType = "sms",
        authType = "apiKey",
        apiToken = ApiToken,
        apiKeyHeaderName = "X-Key",
        headers = new object[]
        {
            new { name = "Content-Type", value = "application/json", isSecret = false },
            new { name = "Charset", value = "utf-8", isSecret = false },
            new { name = "X-Tenant", value = SecretHeader, isSecret = true },
        },
        providerPayload = """{"from": "{{fromNumber}}", "to": "{{toNumber}}", "text": "{{message}}"}""",
        // "vendor" last: the discriminator may come anywhere in the object.
        vendor = "custom",
    };

    [Fact]
    public async Task ACustomCredential_IsCreatedAndReadBack_WithItsSettings_AndNoSecret()
    {
        using var api = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory));

        var (created, credential) = await api.PostAsync(Prod + "/credentials", CustomBody("acme-main"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("custom", (string?)credential!["vendor"]);
        Assert.Equal("custom", (string?)credential["settings"]!["vendor"]);
        Assert.Equal("https://sms.example.com/send", (string?)credential["settings"]!["providerUrl"]);
        Assert.Equal("X-Key", (string?)credential["settings"]!["apiKeyHeaderName"]);
        Assert.True((bool)credential["secrets"]!["apiToken"]!["isSet"]!);
        Assert.Equal(ApiToken[^4..], (string?)credential["secrets"]!["apiToken"]!["hint"]);
        Assert.False((bool)credential["secrets"]!["bearerToken"]!["isSet"]!);
        var (read, body) = await api.GetAsync($"{Prod}/credentials/{(int)credential["id"]!}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        foreach (var text in new[] { ApiScript.Json(credential), ApiScript.Json(body) })
        {
            Assert.DoesNotContain(ApiToken, text, StringComparison.Ordinal);
            Assert.DoesNotContain(SecretHeader, text, StringComparison.Ordinal);
        }

        api.AssertMatchedDocument();
    }

    [Theory]
    [InlineData("""{"name": "no-vendor", "accountSid": "AC00000000000000000000000000000000"}""")]
    [InlineData("""{"vendor": "carrierPigeon", "name": "unknown"}""")]
    [InlineData("""{"vendor": 3, "name": "numeric"}""")]
    [InlineData("""{"vendor": "twilio", "name": "x", "saveWithoutVerification": true}""")]
    public async Task ABodyWithoutAKnownVendor_IsA400Problem_NeverA500(string json)
    {
        using var api = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory));

        var (response, problem) = await api.SendAsync(HttpMethod.Post, Prod + "/credentials", rawJson: json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((string?)problem!["type"]);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ApiCredentials.CountAsync()));
        api.AssertMatchedDocument();
    }

    [Fact]
    public async Task AnUpdate_WithAnotherVendorsBody_IsAFieldErrorOnVendor()
    {
        using var api = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory));
        var (_, credential) = await api.PostAsync(Prod + "/credentials", CustomBody("acme-main"));
        var url = $"{Prod}/credentials/{(int)credential!["id"]!}";
        var (read, _) = await api.GetAsync(url);

        var (response, problem) = await api.SendAsync(HttpMethod.Put, url, new { vendor = "twilio", name = "acme-main" },
            ifMatch: read.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("vendor", problem!["errors"]!.AsObject().Select(e => e.Key));
        api.AssertMatchedDocument();
    }

    [Fact]
    public async Task WithTwilioDown_ACreateIs503_UnlessSavedWithoutVerification()
    {
        using var api = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory));
        var input = TestData.Twilio();
        _factory.Twilio.Down = true;
        var body = new
        {
            vendor = "twilio",
            name = input.Name,
            accountSid = input.AccountSid,
            authToken = input.AuthToken,
            messagingServiceSid = input.MessagingServiceSid,
            inboundNumber = input.InboundNumber,
        };

        var (refused, problem) = await api.PostAsync(Prod + "/credentials", body);
        var (saved, credential) = await api.PostAsync(Prod + "/credentials?saveWithoutVerification=true", body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.EndsWith("/problems/provider-unreachable", (string?)problem!["type"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal("notVerified", (string?)credential!["verificationStatus"]);
        api.AssertMatchedDocument();
    }

    [Fact]
    public async Task ADelete_OnAStaleETag_Is412_AndDeletesNothing()
    {
        using var api = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory));
        var (_, credential) = await api.PostAsync(Prod + "/credentials", CustomBody("acme-main"));
        var url = $"{Prod}/credentials/{(int)credential!["id"]!}";
        var (read, _) = await api.GetAsync(url);
        var stale = read.Headers.ETag!.ToString();
        var rename = CustomBody("acme-renamed");
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Put, url, rename, ifMatch: stale)).Response.StatusCode);

        var (refused, _) = await api.SendAsync(HttpMethod.Delete, url, ifMatch: stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(url)).Response.StatusCode);
        api.AssertMatchedDocument();
    }

    [Fact]
    public async Task TheDocument_OffersEveryRegisteredVendor_AsACredentialBody()
    {
        using var anonymous = _factory.CreateClient();
        var contract = await OpenApiContract.LoadAsync(anonymous);
        var document = contract.Root.GetRawText();
        var vendors = _factory.Services.GetRequiredService<CredentialVendors>();

        Assert.NotEmpty(vendors.All);
        foreach (var vendor in vendors.All)
        {
            Assert.Contains($"\"{Web.Api.CredentialJsonOptionsSetup.Discriminator(vendor.Vendor)}\"", document, StringComparison.Ordinal);
        }

        var created = contract.Root.GetProperty("paths").GetProperty("/api/v1/sandboxes/{sandbox}/credentials").GetProperty("post")
            .GetProperty("responses").GetProperty("201");
        Assert.True(created.GetProperty("headers").GetProperty("ETag").GetProperty("required").GetBoolean());
    }
}
