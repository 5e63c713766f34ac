using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace JourneyOptimizer.Sms.UnitTests.Channels;

/// <summary>
/// The channel configuration services and the check processor on a real database (SQLite or PostgreSQL), with Twilio as a
/// Moq double and a fake clock: every step, including lease expiry, runs when the test says.
/// </summary>
public sealed class ChannelHarness : IAsyncDisposable
{
    public static readonly Actor Alice = new("u1", "alice@example.com");

    private readonly ServiceProvider _services;

    public ChannelHarness(TestDatabase database)
    {
        Database = database;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddScoped(_ => Database.CreateContext());
        services.AddScoped(sp => new AuditLog(sp.GetRequiredService<SmsDbContext>(), Time));
        services.AddScoped(sp => Database.CredentialService(sp.GetRequiredService<SmsDbContext>(), Time));
        services.AddScoped(sp => new ChannelConfigurationQueries(sp.GetRequiredService<SmsDbContext>(), Database.Vendors));
        services.AddScoped(sp => new ChannelConfigurationCommands(sp.GetRequiredService<SmsDbContext>(), sp.GetRequiredService<AuditLog>(),
            Time, new ChannelConfigurationInputValidator(), Database.Vendors, NullLogger<ChannelConfigurationCommands>.Instance));
        services.AddScoped(sp => new ChannelTestMessages(sp.GetRequiredService<SmsDbContext>(),
            sp.GetRequiredService<ApiCredentialService>(), sp.GetRequiredService<AuditLog>()));
        _services = services.BuildServiceProvider();
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    public ChannelChecksOptions Options { get; } = new() { CheckTimeoutSeconds = 30, LeaseSeconds = 60 };

    public ChannelCheckProcessor NewProcessor() => new(_services.GetRequiredService<IServiceScopeFactory>(), Time,
        Microsoft.Extensions.Options.Options.Create(Options), NullLogger<ChannelCheckProcessor>.Instance);

    /// <summary>Runs <paramref name="action"/> with a fresh service (its own context), as one request would.</summary>
    public async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary><see cref="WithAsync{TService, T}"/> with the commands, which most tests drive.</summary>
    public Task<T> WithCommandsAsync<T>(Func<ChannelConfigurationCommands, Task<T>> action) => WithAsync(action);

    public async Task<T> WithDbAsync<T>(Func<SmsDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var db = Database.CreateContext();
        return await action(db);
    }

    public async Task<int> CreateTwilioCredentialAsync(string name, int sandbox = SqliteDatabase.Prod)
    {
        await using var db = Database.CreateContext();
        var result = await Database.CredentialService(db, Time).CreateAsync(sandbox, SmsVendor.Twilio, new TwilioCredentialInput
        {
            Name = name,
            AccountSid = "AC" + Guid.NewGuid().ToString("N"),
            AuthToken = Guid.NewGuid().ToString("N"),
            MessagingServiceSid = "MG" + Guid.NewGuid().ToString("N"),
            InboundNumber = "+1415555" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, Alice, saveWithoutVerification: false, CancellationToken.None);
        Assert.Equal(CredentialOutcome.Created, result.Outcome);
        return result.Id!.Value;
    }

    public static ChannelConfigurationInput Input(string name, int credentialId, SmsType type = SmsType.Marketing,
        string sender = "+14155550100") => new()
        {
            Name = name,
            SmsType = type,
            ApiCredentialId = credentialId,
            SenderNumber = sender,
        };

    public Task<ChannelConfigurationResult> CreateAsync(ChannelConfigurationInput input, bool submit, int sandbox = SqliteDatabase.Prod) =>
        WithCommandsAsync(s => s.CreateAsync(sandbox, input, submit, Alice, CancellationToken.None));

    public Task<ChannelConfiguration> LoadAsync(int id) =>
        WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<ChannelConfiguration>(), c => c.Id == id));

    /// <summary>A configuration submitted and checked: Active.</summary>
    public async Task<int> CreateActiveAsync(string name, int credentialId, SmsType type = SmsType.Marketing, string sender = "+14155550100")
    {
        var created = await CreateAsync(Input(name, credentialId, type, sender), submit: true);
        Assert.Equal(ChannelConfigurationOutcome.Submitted, created.Outcome);
        Assert.Equal(1, await NewProcessor().ProcessPendingAsync(CancellationToken.None));
        Assert.Equal(ChannelConfigurationStatus.Active, (await LoadAsync(created.Id!.Value)).Status);
        return created.Id!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
