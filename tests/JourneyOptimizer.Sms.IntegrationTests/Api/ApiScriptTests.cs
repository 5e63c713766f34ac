using System.Net;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Users;

namespace JourneyOptimizer.Sms.IntegrationTests.Api;

/// <summary>
/// Issue 26's "done when": a script with only an API key sets up a new sandbox (a verified Twilio credential, an
/// inbound webhook, an active channel configuration), reads them back without a secret, is refused on a stale update
/// and with a View user's key, and every answer matches the published OpenAPI document.
/// </summary>
public sealed class ApiScriptTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task AScriptWithOnlyAKey_SetsUpASandbox_AndEveryAnswerMatchesTheDocument()
    {
        var key = await ApiScript.CreateKeyOnPageAsync(_factory);
        using var api = await ApiScript.WithKeyAsync(_factory, key);
        var input = TestData.Twilio();
        _factory.Twilio.Accounts[input.AccountSid!] = new FakeTwilioAccount
        {
            Token = input.AuthToken,
            Services = { input.MessagingServiceSid! },
            Numbers = { input.InboundNumber! },
        };

        // A new sandbox (System administrator), created once even when the script retries.
        var (created, sandbox) = await api.PostAsync("/api/v1/sandboxes", new { name = "automation", title = "Automation" }, "sandbox-1");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (retried, again) = await api.PostAsync("/api/v1/sandboxes", new { name = "automation", title = "Automation" }, "sandbox-1");
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal((int)sandbox!["id"]!, (int)again!["id"]!);
        const string Root = "/api/v1/sandboxes/automation";

        // A Twilio credential, verified against Twilio (the fake on 127.0.0.1) on create.
        var (credentialCreated, credential) = await api.PostAsync(Root + "/credentials", new
        {
            vendor = "twilio",
            name = input.Name,
            accountSid = input.AccountSid!.ToUpperInvariant(),
            authToken = input.AuthToken,
            messagingServiceSid = input.MessagingServiceSid,
            inboundNumber = input.InboundNumber,
        }, "credential-1");
        Assert.Equal(HttpStatusCode.Created, credentialCreated.StatusCode);
        Assert.Equal("verified", (string?)credential!["verificationStatus"]);
        Assert.True((bool)credential["secrets"]!["authToken"]!["isSet"]!);
        Assert.Equal(input.AuthToken![^4..], (string?)credential["secrets"]!["authToken"]!["hint"]);
        Assert.False((bool)credential["secrets"]!["apiKeySecret"]!["isSet"]!);
        Assert.Equal(input.AccountSid, (string?)credential["settings"]!["accountSid"]);
        Assert.Null(credential["settings"]!["authToken"]);
        var credentialId = (int)credential["id"]!;
        Assert.Equal($"{Root}/credentials/{credentialId}", credentialCreated.Headers.Location!.OriginalString);

        // An inbound webhook on that credential, with its Webhook URL.
        var (webhookCreated, webhook) = await api.PostAsync(Root + "/webhooks", new
        {
            name = "inbound-main",
            vendor = "twilio",
            type = "inbound",
            apiCredentialId = credentialId,
            senderNumber = input.InboundNumber,
        });
        Assert.Equal(HttpStatusCode.Created, webhookCreated.StatusCode);
        Assert.StartsWith("http://localhost/webhooks/", (string?)webhook!["webhookUrl"], StringComparison.Ordinal);

        // A channel configuration, submitted: Processing until the checks run, then Active.
        var (configurationCreated, configuration) = await api.SendAsync(HttpMethod.Post, Root + "/channel-configurations?submit=true", new
        {
            name = "MainSms",
            smsType = "marketing",
            apiCredentialId = credentialId,
            senderNumber = input.InboundNumber,
        });
        Assert.Equal(HttpStatusCode.Created, configurationCreated.StatusCode);
        Assert.Equal("processing", (string?)configuration!["status"]);
        Assert.True(await _factory.ChannelChecks.ProcessPendingAsync(CancellationToken.None) >= 1);
        var configurationUrl = $"{Root}/channel-configurations/{(int)configuration["id"]!}";
        var (_, active) = await api.GetAsync(configurationUrl);
        Assert.Equal("active", (string?)active!["status"]);

        // Read back: every object, never the Auth Token.
        foreach (var url in new[] { $"{Root}/credentials/{credentialId}", $"{Root}/credentials", $"{Root}/webhooks",
                     $"{Root}/webhooks/{(int)webhook["id"]!}", $"{Root}/channel-configurations", configurationUrl })
        {
            var (response, body) = await api.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(input.AuthToken!, ApiScript.Json(body), StringComparison.OrdinalIgnoreCase);
        }

        // A stale update is refused (412); one without If-Match too (428).
        var (read, _) = await api.GetAsync($"{Root}/credentials/{credentialId}");
        var etag = read.Headers.ETag!.ToString();
        var rename = new { vendor = "twilio", name = "renamed", accountSid = input.AccountSid, messagingServiceSid = input.MessagingServiceSid, inboundNumber = input.InboundNumber };
        var (renamed, _) = await api.SendAsync(HttpMethod.Put, $"{Root}/credentials/{credentialId}", rename, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.NotEqual(etag, renamed.Headers.ETag!.ToString());
        var (stale, staleProblem) = await api.SendAsync(HttpMethod.Put, $"{Root}/credentials/{credentialId}", rename with { name = "again" }, ifMatch: etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.EndsWith("/problems/precondition-failed", (string?)staleProblem!["type"], StringComparison.Ordinal);
        var (noIfMatch, _) = await api.SendAsync(HttpMethod.Put, $"{Root}/credentials/{credentialId}", rename);
        Assert.Equal((HttpStatusCode)428, noIfMatch.StatusCode);

        // A View user's key reads, and is refused every change (403); another sandbox does not exist for it (404).
        var sandboxId = (int)sandbox["id"]!;
        var viewer = TestUsers.Email("viewer");
        await TestUsers.CreateAsync(_factory, viewer, false, (sandboxId, SandboxAccess.View));
        using var viewerApi = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory, viewer, TestUsers.Password));
        Assert.Equal(HttpStatusCode.OK, (await viewerApi.GetAsync(configurationUrl)).Response.StatusCode);
        var (refused, forbidden) = await viewerApi.PostAsync(Root + "/webhooks", new { name = "x", vendor = "twilio", type = "inbound", apiCredentialId = credentialId, senderNumber = input.InboundNumber });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.EndsWith("/problems/forbidden", (string?)forbidden!["type"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerApi.PostAsync($"{Root}/credentials/{credentialId}/verify", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewerApi.GetAsync("/api/v1/sandboxes/prod/credentials")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerApi.GetAsync("/api/v1/sandboxes")).Response.StatusCode);

        api.AssertMatchedDocument();
        viewerApi.AssertMatchedDocument();
        Assert.DoesNotContain(input.AuthToken!, _factory.Logs.All, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, _factory.Logs.All, StringComparison.Ordinal);
    }
}
