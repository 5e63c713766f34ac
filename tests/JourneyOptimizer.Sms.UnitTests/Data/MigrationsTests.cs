using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.UnitTests.Data;

/// <summary>Every model change ships as migrations for both providers: a change without them fails here.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = new Migrations.Sqlite.DesignTimeFactory().CreateDbContext([]);

        Assert.True(db.Database.GetMigrations().Any());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a SQLite migration: run dotnet ef migrations add in src/JourneyOptimizer.Sms.Migrations.Sqlite.");
    }

    [Fact]
    public void SqlServerMigrations_MatchTheModel()
    {
        using var db = new Migrations.SqlServer.DesignTimeFactory().CreateDbContext([]);

        Assert.True(db.Database.GetMigrations().Any());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a SQL Server migration: run dotnet ef migrations add in src/JourneyOptimizer.Sms.Migrations.SqlServer.");
    }

    [Fact]
    public void BothProviders_HaveTheSameMigrations()
    {
        using var sqlite = new Migrations.Sqlite.DesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new Migrations.SqlServer.DesignTimeFactory().CreateDbContext([]);

        static IEnumerable<string> Names(SmsDbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.Equal(Names(sqlite), Names(sqlServer));
    }
}
