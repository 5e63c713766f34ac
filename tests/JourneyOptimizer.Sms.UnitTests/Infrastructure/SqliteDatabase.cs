using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.UnitTests.Infrastructure;

/// <summary>
/// A real SQLite database (in memory, on one open connection) migrated with the real SQLite migrations, and the
/// services built on it. Not EF's InMemory provider: constraints, indexes and SQL translation are SQLite's own.
/// </summary>
public sealed class SqliteDatabase : TestDatabase
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteDatabase()
    {
        _connection.Open();
        Options = new DbContextOptionsBuilder<SmsDbContext>()
            .UseSqlite(_connection, o => o.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly))
            .Options;
        using var db = CreateContext();
        MigrateAndSeed(db);
    }

    public override DbContextOptions<SmsDbContext> Options { get; }

    public override async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
