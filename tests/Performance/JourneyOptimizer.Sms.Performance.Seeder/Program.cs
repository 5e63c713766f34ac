using System.Diagnostics;
using System.Globalization;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.Performance.Seeder;

/// <summary>
/// Fills a portal SQLite database with Twilio credentials for the load tests (tests/Performance/README.md):
/// <c>dotnet JourneyOptimizer.Sms.Performance.Seeder.dll --db /tmp/portal.db --sandbox prod:100000 --sandbox small:100
/// [--info seed.txt] [--page 1000] [--batch 2000] [--actor admin@example.com] [--channels 1000] [--events NAME:COUNT ...]</c>.
/// <c>--channels N</c> adds N Active SMS channel configurations to the first sandbox, on its middle credential;
/// <c>--events NAME:COUNT</c> adds two webhooks and COUNT stored events to that sandbox (<see cref="EventSeeder"/>).
/// </summary>
public static class SeederProgram
{
    public static async Task<int> Main(string[] args)
    {
        string? databasePath = null;
        string? infoPath = null;
        var plan = new List<SandboxSeed>();
        var pages = new List<int> { 2 };
        var batchSize = 2000;
        var actorEmail = "admin@example.com";
        var channels = 0;
        var events = new List<SandboxSeed>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--db":
                    databasePath = Next();
                    break;
                case "--sandbox":
                    plan.Add(SandboxSeed.Parse(Next()));
                    break;
                case "--info":
                    infoPath = Next();
                    break;
                case "--page":
                    pages.Add(int.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--batch":
                    batchSize = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--actor":
                    actorEmail = Next();
                    break;
                case "--channels":
                    channels = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--events":
                    events.Add(SandboxSeed.Parse(Next()));
                    break;
                default:
                    await Console.Error.WriteLineAsync(
                        "usage: --db PATH --sandbox NAME:COUNT [--sandbox NAME:COUNT ...] [--info FILE] [--page N ...] [--batch N] [--actor EMAIL] [--channels N] [--events NAME:COUNT ...]");
                    return 2;
            }
        }

        if (databasePath is null)
        {
            await Console.Error.WriteLineAsync("--db PATH is required.");
            return 2;
        }

        if (plan.Count == 0)
        {
            plan.Add(new SandboxSeed("prod", 1000));
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(databasePath) }.ToString();
        await using var services = PortalServices.Build(connectionString);
        var seeder = new CredentialSeeder(services, TimeProvider.System);
        var actor = new Actor("performance-seeder", actorEmail);
        var total = Stopwatch.StartNew();
        await seeder.PrepareDatabaseAsync(CancellationToken.None);

        var info = new List<string>();
        foreach (var (name, count) in plan)
        {
            var sandbox = await seeder.EnsureSandboxAsync(name, actor, CancellationToken.None);
            var elapsed = await seeder.SeedTwilioAsync(sandbox, count, actor, batchSize, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seeded {count,8} Twilio credentials in sandbox {name} (id {sandbox.Id}) in {elapsed.TotalSeconds:0.0} s ({count / Math.Max(elapsed.TotalSeconds, 0.001):0} rows/s)"));

            // What the load script needs: the keyset cursor keys of deep pages (the normalised name of the last row of the page
            // before) and a credential to open on the Edit page.
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
            var ordered = db.ApiCredentials.AsNoTracking().Where(c => c.SandboxId == sandbox.Id).OrderBy(c => c.NormalizedName);
            info.Add($"{name}.id={sandbox.Id}");
            info.Add($"{name}.count={count}");
            var middle = await ordered.Skip(count / 2).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync();
            if (middle is not null)
            {
                info.Add($"{name}.edit_id={middle.Id}");
                info.Add($"{name}.edit_name={middle.Name}");
            }

            if (channels > 0 && name == plan[0].Name && middle is not null)
            {
                var seeded = await SeedChannelConfigurationsAsync(db, sandbox.Id, middle.Id, channels, actor);
                info.Add($"{name}.channels={seeded}");
            }

            foreach (var page in pages.Distinct().Order())
            {
                var lastRowBefore = ((page - 1) * ApiCredentialService.DefaultPageSize) - 1;
                if (page < 2 || lastRowBefore + 1 >= count)
                {
                    continue;
                }

                var keys = await ordered.Skip(lastRowBefore).Take(2).Select(c => new { c.NormalizedName, c.Name }).ToListAsync();
                info.Add($"{name}.page_{page}_after={keys[0].NormalizedName}");
                info.Add($"{name}.page_{page}_first={keys[1].Name}");
            }
        }

        foreach (var (name, count) in events)
        {
            var sandbox = await seeder.EnsureSandboxAsync(name, actor, CancellationToken.None);
            var (messageSid, middleCursor, elapsed) = await new EventSeeder(services, TimeProvider.System)
                .SeedAsync(sandbox, count, batchSize, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seeded {count,8} webhook events in sandbox {name} in {elapsed.TotalSeconds:0.0} s ({count / Math.Max(elapsed.TotalSeconds, 0.001):0} rows/s)"));
            info.Add($"{name}.events={count}");
            info.Add($"{name}.message_sid={messageSid}");
            info.Add($"{name}.inbound_middle_cursor={middleCursor}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database {databasePath} ready in {total.Elapsed.TotalSeconds:0.0} s"));
        if (infoPath is not null)
        {
            await File.WriteAllLinesAsync(infoPath, info);
        }

        return 0;
    }

    /// <summary>
    /// Active SMS channel configurations on one credential, as the service leaves them after a successful check
    /// (names cc_000001..., a sender number each); inserted in batches without change tracking of earlier batches.
    /// </summary>
    private static async Task<int> SeedChannelConfigurationsAsync(SmsDbContext db, int sandboxId, int credentialId, int count, Actor actor)
    {
        if (await db.Set<ChannelConfiguration>().AnyAsync(c => c.SandboxId == sandboxId))
        {
            return await db.Set<ChannelConfiguration>().CountAsync(c => c.SandboxId == sandboxId);
        }

        var now = DateTime.UtcNow;
        for (var start = 0; start < count; start += 2000)
        {
            for (var i = start; i < Math.Min(count, start + 2000); i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"cc_{i:000000}");
                db.Add(new ChannelConfiguration
                {
                    SandboxId = sandboxId,
                    Name = name,
                    NormalizedName = name.ToUpperInvariant(),
                    Channel = MobileChannel.Sms,
                    Status = ChannelConfigurationStatus.Active,
                    SmsType = i % 2 == 0 ? SmsType.Marketing : SmsType.Transactional,
                    ApiCredentialId = credentialId,
                    SenderNumber = string.Create(CultureInfo.InvariantCulture, $"+1415{5550000 + (i % 10000):0000000}"),
                    CheckedAtUtc = now,
                    CreatedAtUtc = now,
                    CreatedBy = actor.UserName,
                    ModifiedAtUtc = now,
                    ModifiedBy = actor.UserName,
                });
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        return count;
    }
}
