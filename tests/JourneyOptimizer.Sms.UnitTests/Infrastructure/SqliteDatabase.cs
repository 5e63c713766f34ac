using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Core.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace JourneyOptimizer.Sms.UnitTests.Infrastructure;

/// <summary>
/// A real SQLite database (in memory, on one open connection) migrated with the real SQLite migrations, and the
/// services built on it. Not EF's InMemory provider: constraints, indexes and SQL translation are SQLite's own.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteDatabase()
    {
        _connection.Open();
        Options = new DbContextOptionsBuilder<SmsDbContext>()
            .UseSqlite(_connection, o => o.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly))
            .Options;
        using var db = CreateContext();
        db.Database.Migrate();
        db.Sandboxes.AddRange(
            new Sandbox { Name = "prod", Title = "Production", Version = 1 },
            new Sandbox { Name = "dev", Title = "Development", Version = 1 });
        db.SaveChanges();
    }

    public DbContextOptions<SmsDbContext> Options { get; }

    public const int Prod = 1;
    public const int Dev = 2;

    public ISecretProtector Protector { get; } = new DataProtectionSecretProtector(new EphemeralDataProtectionProvider());

    /// <summary>Twilio as the services see it: by default every account, service and number checks out.</summary>
    public Mock<ITwilioClient> Twilio { get; } = AcceptingTwilio();

    public SmsDbContext CreateContext() => new(Options);

    public ApiCredentialService CredentialService(SmsDbContext db, TimeProvider? time = null) => new(
        db, Protector, new AuditLog(db, time ?? TimeProvider.System), time ?? TimeProvider.System,
        new TwilioCredentialInputValidator(),
        new TwilioCredentialVerifier(Twilio.Object, NullLogger<TwilioCredentialVerifier>.Instance),
        new CustomCredentialInputValidator(Microsoft.Extensions.Options.Options.Create(new CustomProvidersOptions())),
        CustomClient.Object,
        NullLogger<ApiCredentialService>.Instance);

    /// <summary>The Custom provider sender: tests set up what it answers.</summary>
    public Mock<ICustomProviderClient> CustomClient { get; } = new(MockBehavior.Strict);

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

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
