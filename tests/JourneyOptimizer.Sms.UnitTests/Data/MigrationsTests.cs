using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.UnitTests.Data;

/// <summary>Every model change ships as migrations for all three providers: a change without them fails here.</summary>
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
    public void PostgreSqlMigrations_MatchTheModel()
    {
        using var db = new Migrations.PostgreSql.DesignTimeFactory().CreateDbContext([]);

        Assert.True(db.Database.GetMigrations().Any());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a PostgreSQL migration: run scripts/postgresql-migrations.sh (docs/configuration.md).");
    }

    /// <summary>
    /// PostgreSQL came later: its first migration (Initial) creates the whole model of the day, and every migration
    /// after it must be one of the other providers' latest, under the same name.
    /// </summary>
    [Fact]
    public void PostgreSql_AfterItsInitialMigration_HasTheSameMigrationsAsSqlite()
    {
        using var sqlite = new Migrations.Sqlite.DesignTimeFactory().CreateDbContext([]);
        using var postgreSql = new Migrations.PostgreSql.DesignTimeFactory().CreateDbContext([]);

        var later = Names(postgreSql).ToList();
        Assert.Equal("Initial", later[0]);
        later.RemoveAt(0);
        Assert.Equal(Names(sqlite).TakeLast(later.Count), later);
    }

    private static IEnumerable<string> Names(SmsDbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);

    [Fact]
    public void BothProviders_HaveTheSameMigrations()
    {
        using var sqlite = new Migrations.Sqlite.DesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new Migrations.SqlServer.DesignTimeFactory().CreateDbContext([]);

        Assert.Equal(Names(sqlite), Names(sqlServer));
    }
}
