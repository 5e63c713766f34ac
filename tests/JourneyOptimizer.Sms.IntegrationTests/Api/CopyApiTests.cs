using System.Net;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.IntegrationTests.Channels;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Users;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.IntegrationTests.Api;

/// <summary>
/// <c>POST /api/v1/sandboxes/{sandbox}/copy</c>: a dry run answers the plan with its clashes, a copy with clashes is a
/// validation problem naming the field, a copy that changes them is created without a secret, and a key without
/// Manage in the target is refused; every answer matches the published document.
/// </summary>
public sealed class CopyApiTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task ADryRun_ShowsTheClash_ACopyNamingANewNumber_IsCreatedWithoutSecrets()
    {
        var dev = await TestData.SandboxAsync(_factory, "dev");
        var prod = await TestData.SandboxAsync(_factory, "prod");
        var (credentialId, channelId, _) = await _factory.ActiveChannelAsync(dev.Id, "Promo");
        var key = CopyPlanItem.KeyOf(CopyItemKind.ApiCredential, credentialId);
        using var api = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory));

        var (planned, plan) = await api.PostAsync("/api/v1/sandboxes/dev/copy",
            new { target = "prod", channelConfigurationIds = new[] { channelId }, dryRun = true });
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        Assert.False((bool)plan!["copied"]!);
        var items = plan["items"]!.AsArray();
        Assert.Equal([key, CopyPlanItem.KeyOf(CopyItemKind.ChannelConfiguration, channelId)], items.Select(i => (string)i!["key"]!));
        var credential = items[0]!;
        Assert.Equal(TwilioVendor.NumberTakenMessage, (string)credential["errors"]![$"items[{key}].fields.inboundNumber"]![0]!);
        Assert.Equal(["authToken"], credential["secretsToEnter"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ApiCredentials.CountAsync(c => c.SandboxId == prod.Id)));

        var (empty, nothing) = await api.PostAsync("/api/v1/sandboxes/dev/copy", new { target = "prod" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(SandboxCopyMessages.NothingPicked, (string)nothing!["errors"]!["credentialIds"]![0]!);

        var (refused, problem) = await api.PostAsync("/api/v1/sandboxes/dev/copy", new { target = "prod", channelConfigurationIds = new[] { channelId } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(TwilioVendor.NumberTakenMessage, (string)problem!["errors"]![$"items[{key}].fields.inboundNumber"]![0]!);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.ApiCredentials.CountAsync(c => c.SandboxId == prod.Id)));

        var number = TestData.Number();
        var (copied, result) = await api.PostAsync("/api/v1/sandboxes/dev/copy", new
        {
            target = "prod",
            channelConfigurationIds = new[] { channelId },
            items = new Dictionary<string, object> { [key] = new { name = "Twilio production", fields = new { inboundNumber = number } } },
        });
        Assert.Equal(HttpStatusCode.Created, copied.StatusCode);
        Assert.True((bool)result!["copied"]!);
        var createdId = (int)result["items"]![0]!["createdId"]!;
        var copy = (TwilioCredential)await _factory.WithDbAsync(db => db.ApiCredentials.AsNoTracking().SingleAsync(c => c.Id == createdId));
        Assert.Equal((prod.Id, "Twilio production", number), (copy.SandboxId, copy.Name, copy.InboundNumber));
        Assert.Null(copy.AuthTokenProtected);
        api.AssertMatchedDocument();
    }

    [Fact]
    public async Task AKeyWithoutManageInTheTarget_IsRefusedBesideTheTarget()
    {
        var dev = await TestData.SandboxAsync(_factory, "dev");
        var prod = await TestData.SandboxAsync(_factory, "prod");
        var credentialId = await TestData.CreateTwilioAsync(_factory, dev.Id, TestData.Twilio());
        var email = TestUsers.Email("copier");
        await TestUsers.CreateAsync(_factory, email, false, (dev.Id, SandboxAccess.Manage), (prod.Id, SandboxAccess.View));
        using var api = await ApiScript.WithKeyAsync(_factory, await ApiScript.CreateKeyOnPageAsync(_factory, email, TestUsers.Password));

        foreach (var target in new[] { "prod", "dev", "nowhere" })
        {
            var (response, problem) = await api.PostAsync("/api/v1/sandboxes/dev/copy",
                new { target, credentialIds = new[] { credentialId } });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(SandboxCopyMessages.TargetNotAllowed, (string)problem!["errors"]!["target"]![0]!);
        }

        Assert.Equal(1, await _factory.WithDbAsync(db => db.ApiCredentials.CountAsync()));
        api.AssertMatchedDocument();
    }
}
