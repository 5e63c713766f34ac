using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Sandboxes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// What runs once before the portal takes requests: migrations (SQLite, PostgreSQL), the default sandbox, the first
/// administrator.
/// </summary>
public static class StartupTasks
{
    /// <summary>
    /// The key of the PostgreSQL advisory lock that instances starting together on one database take around their
    /// start-up tasks ("JOSMS" in ASCII): any fixed number works, as long as every version of the portal uses the same.
    /// </summary>
    public const long PostgreSqlStartupLockKey = 0x4A4F534D53;

    public static async Task InitializeAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = services.GetRequiredService<SmsDbContext>();
        var locked = database.Provider == DatabaseProvider.PostgreSql;
        if (locked)
        {
            // One instance at a time runs the start-up tasks: EF Core's migration lock kept two instances apart for one
            // pending migration but not for several (TwoInstancesTests), and the first start's inserts raced. A session
            // lock on a connection held open until the end; a crashed instance's connection closes and releases it.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgreSqlStartupLockKey})", cancellationToken);
        }

        try
        {
            await RunAsync(app, services, database, db, cancellationToken);
        }
        finally
        {
            if (locked)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgreSqlStartupLockKey})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static async Task RunAsync(WebApplication app, IServiceProvider services, DatabaseOptions database, SmsDbContext db,
        CancellationToken cancellationToken)
    {
        // Migrate only when a migration is pending: with nothing to apply, MigrateAsync still takes the migration lock
        // and compares the model with the migrations' snapshot, about a tenth of the start-up (docs/performance.md).
        // A model change without its migration is caught by MigrationsTests, not at start-up. Instances starting
        // together on one PostgreSQL database wait for the start-up lock, and the next finds nothing left to apply.
        // SQL Server is migrated with scripts or bundles (docs/configuration.md).
        if (database.Provider is DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql && database.MigrateOnStart
            && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging: readers never wait for the writer. The setting is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Instances started together on one SQL Server database (PostgreSQL's take turns) race to create the default
        // sandbox, the administrator role and the first administrator: a loser's insert hits a unique index, and its
        // next pass finds the winner's row. Three inserts, so at most three lost races.
        FirstStartResult? firstStart = null;
        for (var attempt = 1; firstStart is null; attempt++)
        {
            try
            {
                firstStart = await FirstStartAsync(services, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 4)
            {
                db.ChangeTracker.Clear();
            }
        }

        if (firstStart is { State: FirstStartState.SetupTokenIssued, SetupToken: { } token })
        {
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            var server = app.Services.GetRequiredService<IServer>();
            lifetime.ApplicationStarted.Register(() => PrintSetupLink(server, token));
        }
    }

    private static async Task<FirstStartResult> FirstStartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<SandboxService>().EnsureDefaultAsync(cancellationToken);
        return await services.GetRequiredService<FirstStartService>().EnsureAsync(cancellationToken);
    }

    /// <summary>
    /// The one-time link goes to the console only, not through the logging pipeline, so it never lands in a log store.
    /// </summary>
    private static void PrintSetupLink(IServer server, string token)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        address = address.Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal);
        Console.Out.WriteLine();
        Console.Out.WriteLine("  No administrator exists yet. Open this one-time link to create the first System administrator:");
        Console.Out.WriteLine($"  {address.TrimEnd('/')}/account/setup?token={token}");
        Console.Out.WriteLine();
        Console.Out.Flush();
    }
}
