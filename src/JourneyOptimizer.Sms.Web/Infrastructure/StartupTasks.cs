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
    public static async Task InitializeAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = services.GetRequiredService<SmsDbContext>();
        // Migrate only when a migration is pending: with nothing to apply, MigrateAsync still takes the migration lock
        // and compares the model with the migrations' snapshot, about a tenth of the start-up (docs/performance.md).
        // A model change without its migration is caught by MigrationsTests, not at start-up. Instances starting
        // together on one PostgreSQL database are serialised by that lock (EF Core locks the history table), and the
        // second finds nothing left to apply. SQL Server is migrated with scripts or bundles (docs/configuration.md).
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

        FirstStartResult firstStart;
        try
        {
            firstStart = await FirstStartAsync(services, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Instances started together on one database race to create the default sandbox, the administrator role
            // and the first administrator; the loser's insert hits a unique index. Its second pass finds the winner's.
            db.ChangeTracker.Clear();
            firstStart = await FirstStartAsync(services, cancellationToken);
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
