using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Localization;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Audit;

/// <summary>
/// The audit log reads as sentences in the user's language, rendered when the page is shown from what was stored
/// (object type, action, changes with code field names), so entries stored before the wording existed read well too.
/// </summary>
public sealed class AuditSentencesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> Cultures => [PortalCultures.English, PortalCultures.ChineseSimplified, PortalCultures.PortugueseBrazil];

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task StoredEntries_ReadAsSentences_WithTheFormsLabels_InEachLanguage(string culture)
    {
        var sandbox = await TestData.SandboxAsync(factory, "words");
        var credentialName = TestData.Name("words");
        var credentialId = await TestData.CreateTwilioAsync(factory, sandbox.Id, TestData.Twilio(credentialName));
        var id = credentialId.ToString(CultureInfo.InvariantCulture);
        var marker = "Promo" + Guid.NewGuid().ToString("N")[..8];
        const string unreachable = "The provider could not be reached to check this configuration: submit it again later.";
        await SeedAsync(sandbox.Id, "ApiCredential", id, credentialName, "Verified", [new("VerificationStatus", "NotVerified", "Verified")]);
        await SeedAsync(sandbox.Id, "ApiCredential", id, credentialName, "Updated", [new("AuthToken", null, null, Secret: true)]);
        await SeedAsync(sandbox.Id, "ChannelConfiguration", marker, marker, "Updated", [new("ApiCredentialId", null, id)]);
        await SeedAsync(sandbox.Id, "ChannelConfiguration", marker, marker, "CheckPassed", [new("Status", "Processing", "Active")]);
        await SeedAsync(sandbox.Id, "ChannelConfiguration", marker, marker, "CheckFailed",
            [new("PendingChange", "Processing", "Failed"), new("Reason", null, unreachable),
                new("Reason", null, StoredMessage.Encode(ChannelChecks.TimedOut, [45], 500))]);
        await SeedAsync(sandbox.Id, "Webhook", marker, marker, "Updated", [new("Keywords", "{\"optOut\":[\"STOP\"]}", "{\"optOut\":[\"END\"]}")]);
        await SeedAsync(sandbox.Id, "Webhook", marker, marker + " copy", "CopiedFrom", [new("FromSandbox", null, "dev"), new("Source", null, marker)]);
        await SeedAsync(sandbox.Id, "ApiCredential", id, credentialName, "CopiedTo", [new("ToSandbox", null, "staging"), new("Copy", null, "Twilio EU")]);
        using var admin = await LocalizedClient.SignedInAsync(factory, culture);

        var log = await admin.GetDocumentAsync($"/administration/auditlog?sandbox={sandbox.Id}");

        var text = Collapse(log.QuerySelector("[data-testid=audit-table]")!.TextContent);
        string T(string key, params object[] args) => LocalizedClient.T(culture, key, args);
        Assert.Contains(T("{0} credential “{1}” verified", "Twilio", credentialName), text, StringComparison.Ordinal);
        Assert.Contains(T("{0} changed", T("Auth Token")), text, StringComparison.Ordinal);
        Assert.Contains(T("{0} set to {1}", T("Mobile configuration"), "“" + credentialName + "”"), text, StringComparison.Ordinal);
        Assert.Contains(T("Channel configuration “{0}” submitted: checks passed", marker), text, StringComparison.Ordinal);
        Assert.Contains(T("Change to channel configuration “{0}” checked: refused, the previous version stays in use", marker), text,
            StringComparison.Ordinal);
        Assert.Contains(T("Reason: {0}", T(unreachable)), text, StringComparison.Ordinal);
        Assert.Contains(T("Reason: {0}", T(ChannelChecks.TimedOut, 45)), text, StringComparison.Ordinal);
        Assert.Contains(T("{0} changed", T("Inbound keywords")), text, StringComparison.Ordinal);
        Assert.Contains(T("{0} “{1}” copied from “{2}” in sandbox “{3}”", T("SMS webhook"), marker + " copy", marker, "dev"), text, StringComparison.Ordinal);
        Assert.Contains(T("{0} “{1}” copied to sandbox “{2}” as “{3}”", T("API credential"), credentialName, "staging", "Twilio EU"), text,
            StringComparison.Ordinal);
        foreach (var code in new[] { "{0}", "CheckPassed", "PendingChange", "ApiCredentialId", "AuthToken", "VerificationStatus", "NotVerified", "optOut", "->",
                     "CopiedFrom", "FromSandbox", "ToSandbox" })
        {
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheActionFilter_OffersEveryActionTheChannelConfigurationsRecord_AndTheDatesGetARoomyColumn()
    {
        using var admin = await PortalClient.SignedInAsync(factory);

        var log = await admin.GetDocumentAsync("/administration/auditlog");

        var actions = log.QuerySelectorAll("#f-action option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("Submitted", actions);
        Assert.Contains("Deactivated", actions);
        Assert.Contains("Duplicated", actions);
        // col-lg-1 (81 px at 1280 px) clipped a date; the date columns are as wide as the selects.
        Assert.All(new[] { "f-from", "f-to" }, input => Assert.Contains("col-xl-2", ColumnOf(log.GetElementById(input)!)));
    }

    private static string ColumnOf(IElement input) => input.ParentElement!.ClassName ?? "";

    private async Task SeedAsync(int sandboxId, string type, string objectId, string name, string action, List<AuditChange> changes)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAtUtc = DateTime.UtcNow,
            SandboxId = sandboxId,
            UserId = "seed",
            UserName = "seed@example.com",
            ObjectType = type,
            ObjectId = objectId,
            ObjectName = name,
            Action = action,
            ChangesJson = JsonSerializer.Serialize(changes, Json),
        });
        await db.SaveChangesAsync();
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
