using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Core.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace JourneyOptimizer.Sms.UnitTests.Infrastructure;

/// <summary>
/// A real database, migrated with the provider's real migrations, with two sandboxes (<see cref="Prod"/> and
/// <see cref="Dev"/>), and the services built on it: <see cref="SqliteDatabase"/> or <see cref="PostgreSqlDatabase"/>.
/// A test class that takes one runs on either provider (docs/architecture.md, "Tests").
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const int Prod = 1;
    public const int Dev = 2;

    public abstract DbContextOptions<SmsDbContext> Options { get; }

    public ISecretProtector Protector { get; } = new DataProtectionSecretProtector(new EphemeralDataProtectionProvider());

    /// <summary>Twilio as the services see it: by default every account, service and number checks out.</summary>
    public Mock<ITwilioClient> Twilio { get; } = AcceptingTwilio();

    /// <summary>The Custom provider sender: tests set up what it answers.</summary>
    public Mock<ICustomProviderClient> CustomClient { get; } = new(MockBehavior.Strict);

    public SmsDbContext CreateContext() => new(Options);

    /// <summary>The registered vendors, on <see cref="Protector"/>, <see cref="Twilio"/> and <see cref="CustomClient"/>.</summary>
    public CredentialVendors Vendors => field ??= TestVendors.Create(Protector, Twilio.Object, CustomClient.Object);

    public ApiCredentialService CredentialService(SmsDbContext db, TimeProvider? time = null) => new(
        db, Vendors, new AuditLog(db, time ?? TimeProvider.System), time ?? TimeProvider.System,
        NullLogger<ApiCredentialService>.Instance);

    public static Mock<ITwilioClient> AcceptingTwilio()
    {
        var twilio = new Mock<ITwilioClient>(MockBehavior.Strict);
        twilio.Setup(t => t.FetchAccountAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TwilioApiCredentials c, CancellationToken _) => TwilioResult.Success(
                new TwilioAccount(c.AccountSid, "Test", TwilioAccountStatus.Active, "active", TwilioAccountType.Full, null, null, null)));
        twilio.Setup(t => t.FetchMessagingServiceAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TwilioApiCredentials c, string sid, CancellationToken _) => TwilioResult.Success(
                new TwilioMessagingService(sid, c.AccountSid, "Service", null, null)));
        twilio.Setup(t => t.FindIncomingPhoneNumberAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TwilioApiCredentials c, string number, CancellationToken _) => TwilioResult.Success<TwilioIncomingPhoneNumber?>(
                new TwilioIncomingPhoneNumber("PN" + new string('0', 32), c.AccountSid, number, null, true, true, null)));
        twilio.Setup(t => t.FindShortCodeAsync(It.IsAny<TwilioApiCredentials>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TwilioApiCredentials c, string code, CancellationToken _) => TwilioResult.Success<TwilioShortCode?>(
                new TwilioShortCode("SC" + new string('0', 32), c.AccountSid, code, null, null)));
        return twilio;
    }

    /// <summary>Migrates a new database and adds the two sandboxes, <see cref="Prod"/> then <see cref="Dev"/>.</summary>
    protected static void MigrateAndSeed(SmsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Database.Migrate();
        db.Sandboxes.Add(new Sandbox { Name = "prod", Title = "Production", Version = 1 });
        db.SaveChanges();
        db.Sandboxes.Add(new Sandbox { Name = "dev", Title = "Development", Version = 1 });
        db.SaveChanges();
    }

    public abstract ValueTask DisposeAsync();
}
