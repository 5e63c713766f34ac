using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Npgsql;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>
/// On PostgreSQL an instance runs its start-up tasks (migrations, first start) under an advisory lock, so that
/// instances starting together, or upgrading through several migrations, take turns (docs/configuration.md). Here the
/// test holds that lock as another instance would: the portal waits for it without touching the schema, then starts.
/// </summary>
public sealed class StartupLockTests(PostgreSqlCluster cluster)
{
    [Fact]
    public async Task AnInstance_WaitsForTheStartupLock_ThenMigratesAndStarts()
    {
        cluster.Require();
        var connectionString = cluster.CreateDatabase();
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync();
        await ScalarAsync(other, $"SELECT pg_advisory_lock({StartupTasks.PostgreSqlStartupLockKey})");

        var starting = PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Portal"] = connectionString,
            ["Bootstrap__AdminEmail"] = "admin@example.com",
            ["Bootstrap__AdminPassword"] = "Adm1n!Passw0rd",
        });

        try
        {
            // The portal is waiting for the lock (PostgreSQL lists its request as not granted), and has not migrated.
            const string waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted";
            for (var i = 0; i < 600 && (long)(await ScalarAsync(other, waiting))! == 0; i++)
            {
                Assert.False(starting.IsCompleted, "The portal started while another instance held the start-up lock.");
                await Task.Delay(100);
            }

            Assert.Equal(1L, await ScalarAsync(other, waiting));
            Assert.False(starting.IsCompleted);
            Assert.Equal(DBNull.Value, await ScalarAsync(other, "SELECT to_regclass('\"__EFMigrationsHistory\"')::text"));
        }
        catch
        {
            // No portal process is left behind by a failed assertion.
            await ScalarAsync(other, $"SELECT pg_advisory_unlock({StartupTasks.PostgreSqlStartupLockKey})");
            await (await starting).DisposeAsync();
            throw;
        }

        await ScalarAsync(other, $"SELECT pg_advisory_unlock({StartupTasks.PostgreSqlStartupLockKey})");
        await using var portal = await starting;

        Assert.NotEqual(DBNull.Value, await ScalarAsync(other, "SELECT to_regclass('\"__EFMigrationsHistory\"')::text"));
        Assert.Equal(1L, await ScalarAsync(other, "SELECT count(*) FROM \"AspNetUsers\""));
        // The portal let go of the lock once started: another instance could take it now.
        Assert.Equal(true, await ScalarAsync(other, $"SELECT pg_try_advisory_lock({StartupTasks.PostgreSqlStartupLockKey})"));
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
