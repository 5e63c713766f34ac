using System.Net;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Identity.ApiKeys;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Api;

/// <summary>The API's rules: keys, problem details for anything a client can send, idempotency, the document itself.</summary>
public sealed class ApiRulesTests : IAsyncLifetime
{
    private const string Prod = "/api/v1/sandboxes/prod";
    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"name\": \"\\ud800\", \"smsType\": \"marketing\"}")]
    [InlineData("{\"name\": \"A\", \"apiCredentialId\": 99999999999999999999999999}")]
    [InlineData("{\"name\": 12, \"smsType\": [1]}")]
    [InlineData("{\"name\": \"A\", \"smsType\": \"weekly\"}")]
    [InlineData("{\"name\": \"A\", \"unknown\": 1}")]
    [InlineData("[]")]
    public async Task AnyBodyAClientCanSend_IsA400Problem_NeverA500(string json)
    {
        using var api = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory));

        var (response, problem) = await api.SendAsync(HttpMethod.Post, Prod + "/channel-configurations", rawJson: json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((string?)problem!["type"]);
        api.AssertMatchedDocument();
    }

    [Fact]
    public async Task FieldErrors_AreKeyedByJsonPath_InTheRequestsLanguage()
    {
        using var api = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory));
        api.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hans");

        var (response, problem) = await api.PostAsync(Prod + "/channel-configurations", new { name = "9bad", senderNumber = "+1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem!["errors"]!.AsObject();
        Assert.Contains("name", errors.Select(e => e.Key));
        Assert.All(errors, e => Assert.True(char.IsLower(e.Key[0]), e.Key));
        Assert.Contains(errors, e => e.Value!.AsArray().Any(m => ((string?)m)!.Any(c => c >= 0x4E00 && c <= 0x9FFF)));
        Assert.EndsWith("/problems/validation", (string?)problem["type"], StringComparison.Ordinal);
        api.AssertMatchedDocument();
    }

    [Fact]
    public async Task TheApi_AcceptsOnlyKeys_NotTheSignInCookie_NorARevokedKey_NorADisabledUsersKey()
    {
        using var browser = await PortalClient.SignedInAsync(_factory);
        using var cookieOnly = await browser.Http.GetAsync(new Uri(Prod + "/credentials", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, cookieOnly.StatusCode);
        Assert.Equal("Bearer", cookieOnly.Headers.WwwAuthenticate.Single().Scheme);

        using var wrong = await ApiScript.WithKeyAsync(_factory, "jo_aaaaaaaaaaaa_" + new string('x', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(Prod + "/credentials")).Response.StatusCode);

        var email = TestUsers.Email("keys");
        await TestUsers.CreateAsync(_factory, email, true);
        var key = await ApiScript.CreateKeyOnPageAsync(_factory, email, TestUsers.Password);
        using var api = await ApiScript.WithKeyAsync(_factory, key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Prod + "/credentials")).Response.StatusCode);

        await using (var scope = _factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.IsDisabled = true;
            await users.UpdateAsync(user);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(Prod + "/credentials")).Response.StatusCode);

        // The owner revokes a key on their page: it stops at once.
        var adminKey = await ApiScript.CreateKeyOnPageAsync(_factory, name: "to revoke");
        using var admin = await ApiScript.WithKeyAsync(_factory, adminKey);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Prod + "/credentials")).Response.StatusCode);
        var page = await browser.GetDocumentAsync("/profile/api-keys");
        Assert.DoesNotContain(adminKey, page.Body!.InnerHtml, StringComparison.Ordinal);
        var prefix = adminKey.Split('_')[1];
        var confirmation = await browser.GetDocumentAsync(page.QuerySelector($"a[data-prefix='{prefix}']")!.GetAttribute("href")!);
        using var revoked = await browser.SubmitAsync(confirmation, "main form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync(Prod + "/credentials")).Response.StatusCode);

        // Stored only as a hash; created, first use and revocation audited.
        var stored = await _factory.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Prefix == prefix));
        Assert.Equal(ApiKeyService.Hash(adminKey), stored.KeyHash);
        Assert.NotNull(stored.LastUsedAtUtc);
        var actions = await _factory.WithDbAsync(db => db.AuditEntries
            .Where(e => e.ObjectType == ApiKeyService.ObjectType && e.ObjectId == prefix).Select(e => e.Action).ToListAsync());
        Assert.Equal(["Created", "FirstUsed", "Revoked"], actions.Order().ToArray());
        Assert.DoesNotContain(adminKey, _factory.Logs.All, StringComparison.Ordinal);
        wrong.AssertMatchedDocument();
        admin.AssertMatchedDocument();
    }

    [Fact]
    public async Task AnIdempotencyKey_ReusedForAnotherBody_Is422_AndCreatesNothing()
    {
        using var api = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory));

        var (first, created) = await api.PostAsync(Prod + "/channel-configurations", new { name = "Draft1" }, "k-1");
        var (retry, replayed) = await api.PostAsync(Prod + "/channel-configurations", new { name = "Draft1" }, "k-1");
        var (other, problem) = await api.PostAsync(Prod + "/channel-configurations", new { name = "Draft2" }, "k-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((int)created!["id"]!, (int)replayed!["id"]!);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        Assert.EndsWith("/problems/idempotency-key-reused", (string?)problem!["type"], StringComparison.Ordinal);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Set<Core.Channels.ChannelConfiguration>().CountAsync()));
        api.AssertMatchedDocument();
    }

    [Fact]
    public async Task AnotherSandboxesObject_IsA404_AndDeleteNeedsTheCurrentETag()
    {
        using var api = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory));
        await TestData.SandboxAsync(_factory, "other");
        var (_, draft) = await api.PostAsync(Prod + "/channel-configurations", new { name = "Draft1" });
        var url = $"{Prod}/channel-configurations/{(int)draft!["id"]!}";

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/sandboxes/other/channel-configurations/{(int)draft["id"]!}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/sandboxes/missing/channel-configurations")).Response.StatusCode);
        Assert.Equal((HttpStatusCode)428, (await api.SendAsync(HttpMethod.Delete, url)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await api.SendAsync(HttpMethod.Delete, url, ifMatch: "\"99\"")).Response.StatusCode);
        var (read, _) = await api.GetAsync(url);
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, url, ifMatch: read.Headers.ETag!.ToString())).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(url)).Response.StatusCode);
        api.AssertMatchedDocument();
    }

    [Fact]
    public async Task TheDocument_DescribesEveryApiEndpoint_AndTheBearerScheme()
    {
        using var api = await ApiScript.WithKeyAsync(_factory, null);
        using var anonymous = _factory.CreateClient();
        var contract = await OpenApiContract.LoadAsync(anonymous);
        var paths = contract.Root.GetProperty("paths");
        var routes = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var template = System.Text.RegularExpressions.Regex.Replace(route.RoutePattern.RawText!, @"\{([a-zA-Z]+)(:[a-z]+)?\}", "{$1}").TrimEnd('/');
            var method = route.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant();
            Assert.True(paths.TryGetProperty(template, out var item) && item.TryGetProperty(method, out var operation)
                && operation.TryGetProperty("security", out _), $"{method} {template} is not in /openapi/v1.json");
        }

        Assert.Equal("bearer", contract.Root.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey").GetProperty("scheme").GetString());
        var (unauthorized, _) = await api.GetAsync(Prod + "/credentials");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        using var reference = await anonymous.GetAsync(new Uri("/api/reference", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        api.AssertMatchedDocument();
    }
}

/// <summary>The per-key rate limit, on a portal with a budget of 3 requests a minute.</summary>
public sealed class ApiRateLimitTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new()
    {
        Options = new PortalOptions { Settings = new Dictionary<string, string?> { ["Api:RateLimit:PermitLimit"] = "3" } },
    };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task AKeyOverItsBudget_Gets429WithRetryAfter_WhileAnotherKeyStillWorks()
    {
        using var first = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory, name: "first"));
        using var second = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory, name: "second"));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/sandboxes/prod/webhooks")).Response.StatusCode);
        }

        var (limited, problem) = await first.GetAsync("/api/v1/sandboxes/prod/webhooks");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.EndsWith("/problems/too-many-requests", (string?)problem!["type"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/sandboxes/prod/webhooks")).Response.StatusCode);
        first.AssertMatchedDocument();
    }
}
