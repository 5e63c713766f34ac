using System.Reflection;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// The credentials list and the channel configurations list, read through prepared statements on open SQLite
/// connections, give exactly what EF's compiled queries give (the path SQL Server takes), page after page, forwards,
/// backwards, searched and filtered; the reads see every write at once and cannot write themselves.
/// </summary>
public sealed class SqliteReadConnectionsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int PageSize = 7;

    /// <summary><c>SQLITE_STMTSTATUS_REPREPARE</c> and <c>SQLITE_STMTSTATUS_RUN</c>, which SQLitePCLRaw does not name.</summary>
    private const int StatementReprepares = 5, StatementRuns = 6;

    private static readonly DateTime Start = new(2026, 3, 1, 9, 30, 15, DateTimeKind.Utc);

    /// <summary>Mixed vendors, cases, scripts, trial accounts and verification times, in a sandbox of their own.</summary>
    private async Task<int> SeedAsync(string sandboxName)
    {
        var sandbox = await TestData.SandboxAsync(factory, sandboxName);
        string[] names =
        [
            "alpha", "Alpha 2", "ALPHA 3", "beta", "Beta-1", "gamma", "Ärger", "ärger 2", "zeta", "Zeta 9", "中文 名称", "中文 2",
            "delta", "Delta 7", "epsilon", "omega", "omega 1", "Omega 10", "x", "Y", "alpha 10", "alpha 11", "beta 2",
        ];
        await factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < names.Length; i++)
            {
                var time = Start.AddMinutes(i * 17).AddTicks(i * 1234567);
                ApiCredential credential = i % 3 == 2
                    ? new CustomCredential
                    {
                        Name = names[i],
                        CreatedBy = "seed@example.com",
                        ModifiedBy = $"user{i}@example.com",
                        ProviderName = "Acme",
                        ProviderUrl = "https://sms.example.com/send",
                        ChannelType = CustomChannelType.Sms,
                        ConfigurationJson = "{}",
                        SecretsProtected = "x",
                    }
                    : new TwilioCredential
                    {
                        Name = names[i],
                        CreatedBy = "seed@example.com",
                        ModifiedBy = $"user{i}@example.com",
                        AccountSid = TestData.AccountSid(),
                        AuthTokenProtected = "x",
                        AuthTokenHint = "1234",
                        MessagingServiceSid = TestData.ServiceSid(),
                        InboundNumber = TestData.Number(),
                        AccountType = i % 4 == 0 ? "Trial" : i % 4 == 1 ? "Full" : null,
                    };
                credential.SandboxId = sandbox.Id;
                credential.NormalizedName = ApiCredential.NormalizeName(names[i]);
                credential.Address = credential is TwilioCredential twilio ? twilio.InboundNumber : "SMS";
                credential.VerificationStatus = (VerificationStatus)(i % 3);
                credential.LastVerifiedAtUtc = i % 2 == 0 ? time.AddHours(1) : null;
                credential.CreatedAtUtc = time;
                credential.ModifiedAtUtc = time.AddSeconds(i);
                db.Add(credential);
            }

            return await db.SaveChangesAsync();
        });
        return sandbox.Id;
    }

    /// <summary>The service as the portal builds it, with prepared reads on or off.</summary>
    private static ApiCredentialService Service(AsyncServiceScope scope, bool preparedReads) =>
        ActivatorUtilities.CreateInstance<ApiCredentialService>(scope.ServiceProvider, ReadsOf(scope, preparedReads));

    /// <summary>The portal's prepared reads, or (off) the same database read through EF, as on SQL Server.</summary>
    private static SqliteReadConnections ReadsOf(AsyncServiceScope scope, bool preparedReads)
    {
        var database = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var reads = preparedReads
            ? scope.ServiceProvider.GetRequiredService<SqliteReadConnections>()
            : new SqliteReadConnections(Options.Create(new DatabaseOptions
            {
                Provider = database.Provider,
                ConnectionString = database.ConnectionString,
                PreparedReads = false,
            }));
        Assert.Equal(preparedReads, reads.IsAvailable);
        return reads;
    }

    private static async Task<Page<ApiCredentialListItem>> PageAsync(ApiCredentialService service, int sandboxId, string? search, string? cursor) =>
        await service.ListAsync(sandboxId, search, cursor, PageSize, CancellationToken.None);

    private static void AssertSame(Page<ApiCredentialListItem> expected, Page<ApiCredentialListItem> actual, string step)
    {
        Assert.True(expected.Items.SequenceEqual(actual.Items),
            $"{step}:\nEF:       {string.Join(" | ", expected.Items)}\nprepared: {string.Join(" | ", actual.Items)}");
        Assert.True(expected.Items.Zip(actual.Items).All(p => p.First.ModifiedAtUtc.Kind == p.Second.ModifiedAtUtc.Kind
            && p.First.LastVerifiedAtUtc?.Kind == p.Second.LastVerifiedAtUtc?.Kind), step + ": date kinds differ");
        Assert.Equal(expected.NextCursor, actual.NextCursor);
        Assert.Equal(expected.PreviousCursor, actual.PreviousCursor);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("alpha")]
    [InlineData("OMEGA")]
    [InlineData("中文")]
    [InlineData("no such name")]
    public async Task ListAsync_PreparedReads_GiveWhatEfGives_ForwardsAndBackwards(string? search)
    {
        var sandboxId = await SeedAsync("prepared-" + (search is null ? "all" : Math.Abs(search.GetHashCode(StringComparison.Ordinal)) % 100000));
        await using var scope = factory.CreateScope();
        var ef = Service(scope, preparedReads: false);
        var prepared = Service(scope, preparedReads: true);

        // Forwards to the last page, then backwards to the first, comparing every page and every cursor.
        var pages = 0;
        var expected = await PageAsync(ef, sandboxId, search, null);
        AssertSame(expected, await PageAsync(prepared, sandboxId, search, null), "first page");
        var seen = expected.Items.Count;
        while (expected.NextCursor is { } next)
        {
            expected = await PageAsync(ef, sandboxId, search, next);
            AssertSame(expected, await PageAsync(prepared, sandboxId, search, next), $"page {++pages + 1}");
            seen += expected.Items.Count;
        }

        var forwardPages = pages + 1;
        while (expected.PreviousCursor is { } previous)
        {
            expected = await PageAsync(ef, sandboxId, search, previous);
            AssertSame(expected, await PageAsync(prepared, sandboxId, search, previous), $"back from page {pages-- + 1}");
        }

        var total = await factory.WithDbAsync(db => Task.FromResult(db.ApiCredentials.Count(c => c.SandboxId == sandboxId
            && (search == null || c.NormalizedName.StartsWith(ApiCredential.NormalizeName(search))))));
        Assert.Equal(total, seen);
        if (search is null)
        {
            Assert.True(forwardPages >= 3, $"the sandbox has several pages ({forwardPages})");
        }
    }

    /// <summary>Configurations of every status and type, half of them on a credential, in a sandbox of their own.</summary>
    private async Task<int> SeedChannelsAsync(string sandboxName)
    {
        var sandboxId = await SeedAsync(sandboxName);
        await factory.WithDbAsync(async db =>
        {
            var credentialIds = await db.ApiCredentials.Where(c => c.SandboxId == sandboxId).Select(c => c.Id).ToListAsync();
            var statuses = Enum.GetValues<ChannelConfigurationStatus>();
            for (var i = 0; i < 40; i++)
            {
                var name = (i % 5) switch { 0 => $"alerts {i}", 1 => $"Alerts-{i}", 2 => $"promo {i}", 3 => $"Ärger {i}", _ => $"通知 {i}" };
                db.Add(new ChannelConfiguration
                {
                    SandboxId = sandboxId,
                    Name = name,
                    NormalizedName = ChannelConfiguration.NormalizeName(name),
                    Status = statuses[i % statuses.Length],
                    Channel = (MobileChannel)(i % 3 + 1),
                    SmsType = i % 3 == 0 ? null : (SmsType)(i % 2 + 1),
                    ApiCredentialId = i % 2 == 0 ? credentialIds[i % credentialIds.Count] : null,
                    SenderNumber = i % 4 == 0 ? null : TestData.Number(),
                    PendingCheck = i % 7 == 0 ? ChangeCheckStatus.Processing : i % 7 == 1 ? ChangeCheckStatus.Failed : null,
                    CreatedBy = "seed@example.com",
                    ModifiedBy = $"user{i}@example.com",
                    ModifiedAtUtc = Start.AddMinutes(i).AddTicks(i * 7654321),
                });
            }

            return await db.SaveChangesAsync();
        });
        return sandboxId;
    }

    private static ChannelConfigurationService ChannelService(AsyncServiceScope scope, bool preparedReads) =>
        ActivatorUtilities.CreateInstance<ChannelConfigurationService>(scope.ServiceProvider, Service(scope, preparedReads),
            ReadsOf(scope, preparedReads));

    public static TheoryData<ChannelConfigurationStatus?, SmsType?, string?> ChannelFilters() => new()
    {
        { null, null, null },
        { ChannelConfigurationStatus.Active, null, null },
        { null, SmsType.Marketing, null },
        { null, null, "alerts" },
        { ChannelConfigurationStatus.Draft, SmsType.Transactional, null },
        { ChannelConfigurationStatus.Failed, null, "ärger" },
        { null, SmsType.Marketing, "通知" },
        { ChannelConfigurationStatus.Deactivated, SmsType.Marketing, "promo" },
        { null, null, "nothing like it" },
    };

    [Theory]
    [MemberData(nameof(ChannelFilters))]
    public async Task ChannelListAsync_PreparedReads_GiveWhatEfGives_ForwardsAndBackwards(ChannelConfigurationStatus? status, SmsType? type,
        string? search)
    {
        var sandboxId = await SeedChannelsAsync($"prepared-ch-{status}-{type}-{(search is null ? 0 : search.Length)}".ToLowerInvariant());
        var filter = new ChannelConfigurationFilter(status, type, search);
        await using var scope = factory.CreateScope();
        var ef = ChannelService(scope, preparedReads: false);
        var prepared = ChannelService(scope, preparedReads: true);

        async Task<Page<ChannelConfigurationListItem>> Both(string? cursor, string step)
        {
            var expected = await ef.ListAsync(sandboxId, filter, cursor, 4, CancellationToken.None);
            var actual = await prepared.ListAsync(sandboxId, filter, cursor, 4, CancellationToken.None);
            Assert.True(expected.Items.SequenceEqual(actual.Items),
                $"{step}:\nEF:       {string.Join(" | ", expected.Items)}\nprepared: {string.Join(" | ", actual.Items)}");
            Assert.True(expected.Items.Zip(actual.Items).All(p => p.First.ModifiedAtUtc.Kind == p.Second.ModifiedAtUtc.Kind), step);
            Assert.Equal(expected.NextCursor, actual.NextCursor);
            Assert.Equal(expected.PreviousCursor, actual.PreviousCursor);
            return expected;
        }

        var page = await Both(null, "first page");
        var seen = page.Items.Count;
        var pages = 1;
        while (page.NextCursor is { } next)
        {
            page = await Both(next, $"page {++pages}");
            seen += page.Items.Count;
        }

        while (page.PreviousCursor is { } previous)
        {
            page = await Both(previous, "backwards");
        }

        var matching = await factory.WithDbAsync(db => db.Set<ChannelConfiguration>().CountAsync(c => c.SandboxId == sandboxId
            && (status == null || c.Status == status) && (type == null || c.SmsType == type)));
        if (search is null)
        {
            Assert.Equal(matching, seen);
        }

        if (status is null && type is null && search is null)
        {
            Assert.True(pages >= 5, $"several pages ({pages})");
            Assert.Contains(await prepared.ListAsync(sandboxId, filter, null, 200, CancellationToken.None) is var all ? all.Items : [],
                item => item.CredentialName is not null && item.PendingCheck is not null && item.SmsType is null);
        }
    }

    [Fact]
    public async Task FindAsync_PreparedReads_GiveWhatEfGives_EveryProperty()
    {
        var sandboxId = await SeedAsync("prepared-find");
        var otherSandbox = await SeedAsync("prepared-find-other");
        await factory.WithDbAsync(async db =>
        {
            // Optional values set on some rows, so that both "set" and "not set" are compared.
            foreach (var credential in await db.ApiCredentials.Where(c => c.SandboxId == sandboxId).ToListAsync())
            {
                credential.LastVerificationError = credential.Id % 2 == 0 ? "Twilio answered 401" : null;
                credential.Version = credential.Id % 5;
                if (credential is CustomCredential custom)
                {
                    custom.ChannelType = credential.Id % 3 == 0 ? null : CustomChannelType.Rcs;
                    custom.AuthType = CustomAuthType.Basic;
                }
            }

            return await db.SaveChangesAsync();
        });
        var ids = await factory.WithDbAsync(db => db.ApiCredentials.Where(c => c.SandboxId == sandboxId).Select(c => c.Id).ToListAsync());
        await using var scope = factory.CreateScope();
        var ef = Service(scope, preparedReads: false);
        var prepared = Service(scope, preparedReads: true);

        var vendors = new HashSet<Type>();
        foreach (var id in ids)
        {
            var expected = await ef.FindAsync(sandboxId, id, CancellationToken.None);
            var actual = await prepared.FindAsync(sandboxId, id, CancellationToken.None);
            Assert.NotNull(expected);
            Assert.NotNull(actual);
            Assert.Equal(expected.GetType(), actual.GetType());
            vendors.Add(actual.GetType());
            foreach (var property in expected.GetType().GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
            {
                var (want, got) = (property.GetValue(expected), property.GetValue(actual));
                Assert.True(Equals(want, got), $"credential {id}, {property.Name}: EF {want ?? "null"}, prepared {got ?? "null"}");
                if (want is DateTime time)
                {
                    Assert.Equal(time.Kind, ((DateTime)got!).Kind);
                }
            }
        }

        Assert.Equal([typeof(CustomCredential), typeof(TwilioCredential)], vendors.OrderBy(t => t.Name));
        Assert.Null(await prepared.FindAsync(otherSandbox, ids[0], CancellationToken.None));
        Assert.Null(await prepared.FindAsync(sandboxId, -1, CancellationToken.None));
    }

    [Fact]
    public async Task PreparedStatements_RunAgain_AreNotPreparedAgain()
    {
        var credentialSandbox = await SeedAsync("prepared-once");
        var channelSandbox = await SeedChannelsAsync("prepared-once-ch");
        var database = factory.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        using var reads = new SqliteReadConnections(Options.Create(database));
        await using var scope = factory.CreateScope();
        var credentials = ActivatorUtilities.CreateInstance<ApiCredentialService>(scope.ServiceProvider, reads);
        var channels = ActivatorUtilities.CreateInstance<ChannelConfigurationService>(scope.ServiceProvider, reads);

        // Every statement of both lists runs several times with other values bound: other sandboxes, cursors, searches,
        // page sizes (LIMIT $take), filters. One request at a time, so all of it runs on one connection.
        string?[] searches = [null, "alpha", "beta", "zzz"];
        int[] sizes = [3, PageSize, 50];
        for (var round = 0; round < 2; round++)
        {
            foreach (var size in sizes)
            {
                foreach (var search in searches)
                {
                    foreach (var sandboxId in new[] { credentialSandbox, channelSandbox })
                    {
                        var page = await credentials.ListAsync(sandboxId, search, null, size, CancellationToken.None);
                        if (page.NextCursor is { } next && (await credentials.ListAsync(sandboxId, search, next, size, CancellationToken.None))
                            .PreviousCursor is { } previous)
                        {
                            await credentials.ListAsync(sandboxId, search, previous, size, CancellationToken.None);
                        }
                    }

                    var filter = new ChannelConfigurationFilter(round == 0 ? null : ChannelConfigurationStatus.Draft, null, search);
                    var channelPage = await channels.ListAsync(channelSandbox, filter, null, size, CancellationToken.None);
                    if (channelPage.NextCursor is { } channelNext)
                    {
                        await channels.ListAsync(channelSandbox, filter, channelNext, size, CancellationToken.None);
                    }
                }
            }

            _ = await credentials.FindAsync(credentialSandbox, round + 1, CancellationToken.None);
        }

        using var lease = reads.Rent();
        var statements = lease.PreparedCommands.SelectMany(command => StatementsOf(command).Select(statement => (command.CommandText, statement)))
            .Concat(lease.PreparedStatements.Select(statement => (statement.Sql, statement.Handle)))
            .ToList();
        Assert.True(statements.Count >= 8, $"the lists prepared {statements.Count} statements on the connection");
        Assert.True(lease.PreparedStatements.Count >= 8, $"the lists prepared {lease.PreparedStatements.Count} row statements on the connection");
        foreach (var (sql, statement) in statements)
        {
            var runs = raw.sqlite3_stmt_status(statement, StatementRuns, 0);
            var reprepared = raw.sqlite3_stmt_status(statement, StatementReprepares, 0);
            Assert.True(runs >= 2 || sql.Contains("\"Id\" = $id", StringComparison.Ordinal), $"ran {runs} times: {sql}");
            Assert.True(reprepared == 0, $"prepared again {reprepared} times in {runs} runs: {sql}");
        }
    }

    /// <summary>The SQLite statements behind a prepared command (Microsoft.Data.Sqlite keeps them in a private field).</summary>
    private static IEnumerable<sqlite3_stmt> StatementsOf(SqliteCommand command)
    {
        var field = typeof(SqliteCommand).GetField("_preparedStatements", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("Microsoft.Data.Sqlite no longer keeps its statements in _preparedStatements.");
        foreach (var item in (System.Collections.IEnumerable)field.GetValue(command)!)
        {
            yield return (sqlite3_stmt)item.GetType().GetField("Item1")!.GetValue(item)!;
        }
    }

    [Fact]
    public async Task ListAsync_PreparedReads_SeeAWriteAtOnce()
    {
        var sandboxId = await SeedAsync("prepared-fresh");
        await using var scope = factory.CreateScope();
        var prepared = Service(scope, preparedReads: true);
        var before = await PageAsync(prepared, sandboxId, "aaa", null);
        Assert.Empty(before.Items);

        // Written through EF, on another connection, after the prepared statement ran on its own.
        await factory.WithDbAsync(async db =>
        {
            var credential = await db.ApiCredentials.SingleAsync(c => c.SandboxId == sandboxId && c.NormalizedName == "ALPHA");
            credential.Name = "aaa first";
            credential.NormalizedName = "AAA FIRST";
            return await db.SaveChangesAsync();
        });

        var after = await PageAsync(prepared, sandboxId, "aaa", null);
        Assert.Equal("aaa first", Assert.Single(after.Items).Name);
        Assert.DoesNotContain((await PageAsync(prepared, sandboxId, "alpha", null)).Items, c => c.Name == "alpha");
    }

    [Fact]
    public async Task ListAsync_PreparedReads_ManyAtOnce_AllRight()
    {
        var sandboxId = await SeedAsync("prepared-parallel");
        await using var scope = factory.CreateScope();
        var expected = await PageAsync(Service(scope, preparedReads: false), sandboxId, null, null);
        var reads = scope.ServiceProvider.GetRequiredService<SqliteReadConnections>();

        // More readers at once than connections are kept idle: the extra ones are opened, used and closed.
        var pages = await Task.WhenAll(Enumerable.Range(0, SqliteReadConnections.MaxIdle + 8).Select(_ => Task.Run(async () =>
        {
            await using var own = factory.CreateScope();
            var service = ActivatorUtilities.CreateInstance<ApiCredentialService>(own.ServiceProvider, reads);
            return await PageAsync(service, sandboxId, null, null);
        }, TestContext.Current.CancellationToken)));

        Assert.All(pages, page => AssertSame(expected, page, "parallel"));
    }

    [Fact]
    public async Task Connections_closed_beyond_the_idle_limit_leave_EF_no_read_only_connection()
    {
        var sandboxId = await SeedAsync("prepared-burst");
        var reads = factory.Services.GetRequiredService<SqliteReadConnections>();

        // A burst of readers: all but MaxIdle of their connections are closed when given back.
        var leases = Enumerable.Range(0, SqliteReadConnections.MaxIdle + 8).Select(_ => reads.Rent()).ToList();
        foreach (var lease in leases)
        {
            lease.Dispose();
        }

        // EF opens its connections afterwards, from the same connection string: none may be one of them, query-only.
        for (var i = 0; i < 10; i++)
        {
            var modifiedBy = $"burst{i}@example.com";
            var saved = await factory.WithDbAsync(async db =>
            {
                var credential = await db.ApiCredentials.FirstAsync(c => c.SandboxId == sandboxId);
                credential.ModifiedBy = modifiedBy;
                return await db.SaveChangesAsync();
            });
            Assert.Equal(1, saved);
        }
    }

    [Fact]
    public void Lease_CannotWrite()
    {
        using var scope = factory.Services.CreateScope();
        using var lease = scope.ServiceProvider.GetRequiredService<SqliteReadConnections>().Rent();
        var delete = lease.Command("""DELETE FROM "ApiCredentials" """);

        var error = Assert.Throws<SqliteException>(() => delete.ExecuteNonQuery());

        Assert.Equal(8, error.SqliteErrorCode); // SQLITE_READONLY
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=portal;Mode=Memory;Cache=Shared")]
    [InlineData("")]
    public void An_in_memory_database_IsNotAvailable(string connectionString)
    {
        using var reads = new SqliteReadConnections(Options.Create(new DatabaseOptions { ConnectionString = connectionString }));

        Assert.False(reads.IsAvailable);
        Assert.True(new SqliteReadConnections(Options.Create(new DatabaseOptions { ConnectionString = "Data Source=portal.db" })).IsAvailable);
    }

    [Fact]
    public void SqlServer_IsNotAvailable_AndRentRefuses()
    {
        using var reads = new SqliteReadConnections(Options.Create(new DatabaseOptions
        {
            Provider = DatabaseProvider.SqlServer,
            ConnectionString = "Server=nowhere;Database=portal",
        }));

        Assert.False(reads.IsAvailable);
        Assert.Throws<InvalidOperationException>(() => reads.Rent());
    }
}
