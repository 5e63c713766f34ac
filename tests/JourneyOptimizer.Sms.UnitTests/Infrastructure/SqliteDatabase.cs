using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Core.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

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

    public SmsDbContext CreateContext() => new(Options);

    public ApiCredentialService CredentialService(SmsDbContext db, TimeProvider? time = null) => new(
        db, Protector, new AuditLog(db, time ?? TimeProvider.System), time ?? TimeProvider.System,
        new TwilioCredentialInputValidator(), NullLogger<ApiCredentialService>.Instance);

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
