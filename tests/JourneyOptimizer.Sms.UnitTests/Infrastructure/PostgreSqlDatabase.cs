using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Testing;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.UnitTests.Infrastructure;

/// <summary>
/// A database of its own on the run's PostgreSQL cluster, a copy of a template migrated with the real PostgreSQL
/// migrations and seeded once (a copy takes about a tenth of a second, migrating about two), dropped at the end.
/// Skips the test where PostgreSQL is not installed (fails it under CI).
/// </summary>
public sealed class PostgreSqlDatabase : TestDatabase
{
    private const string TemplateName = "portal_template";
    private static readonly Lock TemplateGate = new();
    private static bool s_templateReady;

    private readonly PostgreSqlCluster _cluster;

    public PostgreSqlDatabase(PostgreSqlCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _cluster = cluster;
        cluster.Require();
        EnsureTemplate(cluster);
        ConnectionString = cluster.CreateDatabase(TemplateName);
        Options = OptionsFor(ConnectionString);
    }

    public string ConnectionString { get; }

    public override DbContextOptions<SmsDbContext> Options { get; }

    private static DbContextOptions<SmsDbContext> OptionsFor(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<SmsDbContext>();
        DependencyInjection.ConfigureDatabase(builder, DatabaseProvider.PostgreSql, connectionString);
        return builder.Options;
    }

    private static void EnsureTemplate(PostgreSqlCluster cluster)
    {
        lock (TemplateGate)
        {
            if (s_templateReady)
            {
                return;
            }

            // Unpooled, so that no connection to it outlives the seeding.
            var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(cluster.CreateDatabase()) { Pooling = false }.ConnectionString;
            using (var db = new SmsDbContext(OptionsFor(connectionString)))
            {
                MigrateAndSeed(db);
            }

            using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString("postgres"));
            connection.Open();
            using var command = connection.CreateCommand();
            var name = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;
            command.CommandText = $"ALTER DATABASE \"{name}\" RENAME TO \"{TemplateName}\"";
            command.ExecuteNonQuery();
            s_templateReady = true;
        }
    }

    public override ValueTask DisposeAsync()
    {
        _cluster.DropDatabase(ConnectionString);
        return ValueTask.CompletedTask;
    }
}
