using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using Moq;

namespace JourneyOptimizer.Sms.UnitTests.Infrastructure;

/// <summary>A Twilio credential and its two webhooks (Inbound, Feedback) in <see cref="TestDatabase.Prod"/>, as the ingestion path resolves them.</summary>
public sealed record WebhookRows(ResolvedWebhook Inbound, ResolvedWebhook Feedback)
{
    public const string SenderNumber = "+14155550100";

    public static async Task<WebhookRows> CreateAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.CreateContext();
        var credential = new TwilioCredential
        {
            SandboxId = TestDatabase.Prod,
            Name = "Twilio main",
            NormalizedName = "TWILIO MAIN",
            AccountSid = "AC" + Guid.NewGuid().ToString("N"),
            AuthTokenProtected = "x",
            AuthTokenHint = "abcd",
            MessagingServiceSid = "MG" + new string('b', 32),
            InboundNumber = SenderNumber,
            Address = SenderNumber,
            CreatedBy = "seed",
            ModifiedBy = "seed",
            Version = 1,
        };
        db.ApiCredentials.Add(credential);
        await db.SaveChangesAsync();
        var now = DateTime.UtcNow;
        Webhook Row(string name, WebhookType type) => new()
        {
            SandboxId = TestDatabase.Prod,
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            Vendor = SmsVendor.Twilio,
            Type = type,
            ApiCredentialId = credential.Id,
            SenderNumber = SenderNumber,
            PathToken = Guid.NewGuid().ToString("N"),
            CreatedAtUtc = now,
            CreatedBy = "seed",
            ModifiedAtUtc = now,
            ModifiedBy = "seed",
            Version = 1,
        };
        var inbound = Row("Inbound", WebhookType.Inbound);
        var feedback = Row("Feedback", WebhookType.Feedback);
        db.Webhooks.AddRange(inbound, feedback);
        await db.SaveChangesAsync();
        return new WebhookRows(Resolved(inbound), Resolved(feedback));
    }

    private static ResolvedWebhook Resolved(Webhook w) => new()
    {
        Id = w.Id,
        SandboxId = w.SandboxId,
        Type = w.Type,
        Vendor = w.Vendor,
        SenderNumber = w.SenderNumber,
        Reader = new Mock<IWebhookRequestReader>(MockBehavior.Strict).Object,
    };
}
