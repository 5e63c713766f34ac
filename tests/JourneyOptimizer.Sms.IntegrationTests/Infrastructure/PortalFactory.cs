using System.Collections.Concurrent;
using System.Net;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace JourneyOptimizer.Sms.IntegrationTests.Infrastructure;

/// <summary>What a test portal differs in. The defaults suit almost every test.</summary>
public sealed record PortalOptions
{
    /// <summary>The Bootstrap administrator (<see cref="PortalFactory.AdminEmail"/>) exists; false starts as a newcomer would.</summary>
    public bool BootstrapAdministrator { get; init; } = true;

    /// <summary>Configuration over the tests' defaults, e.g. <c>Webhooks:PublicBaseUrl</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Services over the portal's, registered last (a test seam, e.g. a counting password hasher).</summary>
    public Action<IServiceCollection>? Services { get; init; }
}

/// <summary>
/// The real portal in memory, the one test host of the integration tests: real SQLite file (migrated on start), real
/// Identity, real antiforgery, real Data Protection, and real HTTP servers on 127.0.0.1 for Twilio and a Custom
/// provider. Every log event and every SQL statement of a request is captured, so that tests can assert what never
/// reaches a log line and how many statements a page runs. Differences between tests are <see cref="Options"/>;
/// seeded data sets are fixtures that own a portal (<c>LocalizedPortal</c>, <c>MatrixPortal</c>).
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Adm1n!Passw0rd";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "jo-sms-tests", Guid.NewGuid().ToString("N"));
    private readonly Lazy<FakeProvider> _provider = new(() => new FakeProvider());

    public PortalFactory()
    {
        Directory.CreateDirectory(_folder);
    }

    public PortalOptions Options { get; init; } = new();

    public string DatabasePath => Path.Combine(_folder, "portal.db");

    public CapturingSink Logs { get; } = new();

    /// <summary>The SQL statements EF ran for HTTP requests (not those of the background services).</summary>
    public CommandRecorder Commands { get; } = new();

    /// <summary>Twilio for this portal: a real HTTP server on 127.0.0.1.</summary>
    public FakeTwilio Twilio { get; } = new();

    /// <summary>
    /// A Custom provider for this portal: HTTPS on 127.0.0.1 as <see cref="FakeProvider.Host"/>, trusted by the portal's
    /// Custom client. Started when a test first uses it.
    /// </summary>
    public FakeProvider Provider => _provider.Value;

    /// <summary>
    /// The channel configurations' check processor. Its background loop is off in the tests
    /// (<c>ChannelChecks:Enabled</c>): a test runs a round when it wants the checks to decide.
    /// </summary>
    public ChannelCheckProcessor ChannelChecks => Services.GetRequiredService<ChannelCheckProcessor>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Portal"] = $"Data Source={DatabasePath}",
                ["Database:Provider"] = "Sqlite",
                // Off in production (appsettings.json); the tests keep EF's check for concurrent DbContext use.
                ["Database:ThreadSafetyChecks"] = "true",
                ["Bootstrap:AdminEmail"] = Options.BootstrapAdministrator ? AdminEmail : "",
                ["Bootstrap:AdminPassword"] = Options.BootstrapAdministrator ? AdminPassword : "",
                ["ChannelChecks:Enabled"] = "false",
                // Sessions are checked against the database on every request: a disabled user is out at once.
                ["Identity:SecurityStampValidationInterval"] = "00:00:00",
                ["Serilog:MinimumLevel:Default"] = "Debug",
                ["Twilio:ApiBaseUrl"] = Twilio.BaseUrl,
                ["Twilio:MessagingBaseUrl"] = Twilio.BaseUrl,
                ["Twilio:TimeoutSeconds"] = "5",
                ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
                // Tests seed events on fixed past dates: the retention (tested on its own) must not prune them meanwhile.
                ["Retention:Enabled"] = "false",

                // In memory a request has no client address, so every client of a portal is one source: its limit on
                // failed sign-ins is lifted here, so that one test's wrong passwords cannot stop another's sign-in
                // (SignInProtectionTests gives its clients addresses and keeps the default).
                ["SignIn:MaxFailuresPerSource"] = "1000",
            };
            foreach (var (key, value) in Options.Settings)
            {
                settings[key] = value;
            }

            config.AddInMemoryCollection(settings);
        });
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            // The accessor makes the host publish the current request, so that the recorder can tell a page's statements
            // from those of the background services (reply outbox, webhook writer) that poll the database meanwhile.
            services.AddHttpContextAccessor();
            services.ConfigureDbContext<SmsDbContext>(options => options.AddInterceptors(Commands));
            // Every provider host name resolves to 127.0.0.1, which the address guard refuses unless it is the fake
            // provider's own endpoint: nothing a test sends leaves the machine.
            services.AddSingleton(_ => new CustomProviderTestHooks
            {
                TrustedRoot = Provider.Certificate,
                AllowedEndpoints = [new IPEndPoint(IPAddress.Loopback, Provider.Port)],
                ResolveHost = (_, _) => Task.FromResult(new[] { IPAddress.Loopback }),
            });
            Options.Services?.Invoke(services);
        });
    }

    public WebApplicationFactoryClientOptions NoRedirects => new() { AllowAutoRedirect = false, HandleCookies = true };

    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public async Task<T> WithDbAsync<T>(Func<SmsDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<SmsDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Twilio.DisposeAsync();
        if (_provider.IsValueCreated)
        {
            await _provider.Value.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS: the temp folder is cleaned by the system.
        }
    }
}

/// <summary>Keeps every rendered log event (message and properties) in memory.</summary>
public sealed class CapturingSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> _events = new();

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        logEvent.RenderMessage(writer, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in logEvent.Properties)
        {
            writer.Write($" {key}={value}");
        }

        if (logEvent.Exception is not null)
        {
            writer.Write(" " + logEvent.Exception);
        }

        _events.Enqueue(writer.ToString());
    }

    public IReadOnlyCollection<string> Events => _events.ToArray();

    public string All => string.Join("\n", _events);
}
