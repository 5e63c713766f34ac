using System.Net;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Localization;

/// <summary>
/// The portal with data that makes every part of the pages render: Twilio credentials in each verification status, a
/// Custom credential with stored secrets, an empty sandbox, a sandbox with more than one page of credentials. Names are
/// single words or digits, so that no test data looks like English text in a zh-Hans page.
/// </summary>
public sealed class LocalizedPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();

    public const string EmptySandbox = "empty1";
    public const string PagingSandbox = "paging1";

    /// <summary>The time shown as "Modified at" of <see cref="DatedCredentialName"/>.</summary>
    public static readonly DateTime DatedModifiedAtUtc = new(2026, 3, 14, 15, 9, 0, DateTimeKind.Utc);

    public const string DatedCredentialName = "dated0001";

    /// <summary>The API token of the Custom credential: its hint (the last four characters) is markup, to be shown as text.</summary>
    public const string CustomApiToken = "token0001<b>&";

    public int ProdId { get; private set; }

    public int VerifiedId { get; private set; }

    public int NotVerifiedId { get; private set; }

    public int CustomId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var prod = await TestData.SandboxAsync(Portal, "prod");
        ProdId = prod.Id;
        VerifiedId = await TestData.CreateTwilioAsync(Portal, prod.Id, TestData.Twilio("loc0001"));
        var failedId = await TestData.CreateTwilioAsync(Portal, prod.Id, TestData.Twilio("loc0002"));
        await TestData.CreateTwilioAsync(Portal, prod.Id, TestData.Twilio("loc0003"));
        var datedId = await TestData.CreateTwilioAsync(Portal, prod.Id, TestData.Twilio(DatedCredentialName));
        await Portal.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            await db.ApiCredentials.Where(c => c.Id == VerifiedId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.VerificationStatus, VerificationStatus.Verified).SetProperty(c => c.LastVerifiedAtUtc, now));
            await db.ApiCredentials.Where(c => c.Id == failedId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.VerificationStatus, VerificationStatus.Failed).SetProperty(c => c.LastVerifiedAtUtc, now));
            return await db.ApiCredentials.Where(c => c.Id == datedId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ModifiedAtUtc, DatedModifiedAtUtc));
        });

        // "Not verified": saved without verification while Twilio could not be reached.
        Portal.Twilio.Down = true;
        try
        {
            NotVerifiedId = await TestData.CreateTwilioAsync(Portal, prod.Id, TestData.Twilio("loc0004"), saveWithoutVerification: true);
        }
        finally
        {
            Portal.Twilio.Down = false;
        }

        CustomId = await CreateCustomAsync(prod.Id);

        await TestData.SandboxAsync(Portal, EmptySandbox);
        var paging = await TestData.SandboxAsync(Portal, PagingSandbox);
        for (var i = 0; i <= ApiCredentialService.DefaultPageSize; i++)
        {
            await TestData.CreateTwilioAsync(Portal, paging.Id, TestData.Twilio($"page{i:0000}"));
        }
    }

    /// <summary>A Custom credential with an API key, a secret header and a message-ID extractor (created Not verified).</summary>
    private async Task<int> CreateCustomAsync(int sandboxId)
    {
        var input = new CustomCredentialInput
        {
            Name = "cust0001",
            ProviderName = "acme0001",
            ProviderUrl = "https://sms.example.com/send",
            ChannelType = CustomChannelType.Sms,
            AuthType = CustomAuthType.ApiKey,
            ApiToken = CustomApiToken,
            ApiKeyHeaderName = "X-Key",
            Headers =
            [
                new() { Name = CustomCredentialInput.ContentTypeHeaderName, Value = CustomCredentialInput.DefaultContentType },
                new() { Name = CustomCredentialInput.CharsetHeaderName, Value = CustomCredentialInput.DefaultCharset },
                new() { Name = "X-Tenant", Value = "tenant0001", IsSecret = true },
            ],
            ProviderPayload = CustomCredentialInput.ExampleProviderPayload,
            MessageIdExtractor = "messages.0.id",
        };
        await using var scope = Portal.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApiCredentialService>()
            .CreateAsync(sandboxId, SmsVendor.Custom, input, new Actor("test", "seed@example.com"), saveWithoutVerification: false, CancellationToken.None);
        Assert.True(result.Outcome == CredentialOutcome.Created,
            $"{input.Name}: {result.Outcome} {string.Join("; ", result.FieldErrors.Select(e => e.Field + ": " + e.Message))}");
        return result.Id!.Value;
    }

    public ValueTask DisposeAsync() => Portal.DisposeAsync();
}
