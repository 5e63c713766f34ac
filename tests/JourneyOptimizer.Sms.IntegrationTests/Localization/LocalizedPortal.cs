using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.IntegrationTests.Localization;

/// <summary>
/// The portal with data that makes every part of the pages render: credentials in each verification status, an empty
/// sandbox, a sandbox with more than one page of credentials. Names are single words or digits, so that no test
/// data looks like English text in a zh-Hans page.
/// </summary>
public sealed class LocalizedPortal : PortalFactory, IAsyncLifetime
{
    public const string EmptySandbox = "empty1";
    public const string PagingSandbox = "paging1";

    /// <summary>The time shown as "Modified at" of <see cref="DatedCredentialName"/>.</summary>
    public static readonly DateTime DatedModifiedAtUtc = new(2026, 3, 14, 15, 9, 0, DateTimeKind.Utc);

    public const string DatedCredentialName = "dated0001";

    public int ProdId { get; private set; }

    public int VerifiedId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var prod = await TestData.SandboxAsync(this, "prod");
        ProdId = prod.Id;
        VerifiedId = await TestData.CreateTwilioAsync(this, prod.Id, TestData.Twilio("loc0001"));
        var failedId = await TestData.CreateTwilioAsync(this, prod.Id, TestData.Twilio("loc0002"));
        await TestData.CreateTwilioAsync(this, prod.Id, TestData.Twilio("loc0003"));
        var datedId = await TestData.CreateTwilioAsync(this, prod.Id, TestData.Twilio(DatedCredentialName));
        await WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            await db.ApiCredentials.Where(c => c.Id == VerifiedId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.VerificationStatus, VerificationStatus.Verified).SetProperty(c => c.LastVerifiedAtUtc, now));
            await db.ApiCredentials.Where(c => c.Id == failedId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.VerificationStatus, VerificationStatus.Failed).SetProperty(c => c.LastVerifiedAtUtc, now));
            return await db.ApiCredentials.Where(c => c.Id == datedId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ModifiedAtUtc, DatedModifiedAtUtc));
        });

        await TestData.SandboxAsync(this, EmptySandbox);
        var paging = await TestData.SandboxAsync(this, PagingSandbox);
        for (var i = 0; i <= ApiCredentialService.DefaultPageSize; i++)
        {
            await TestData.CreateTwilioAsync(this, paging.Id, TestData.Twilio($"page{i:0000}"));
        }
    }
}
