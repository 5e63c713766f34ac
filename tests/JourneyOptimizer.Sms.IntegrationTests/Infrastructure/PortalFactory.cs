using System.Collections.Concurrent;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace JourneyOptimizer.Sms.IntegrationTests.Infrastructure;

/// <summary>
/// The real portal in memory: real SQLite file (migrated on start), real Identity, real antiforgery, real Data
/// Protection. Every log event is captured so that tests can assert what never reaches a log line.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Adm1n!Passw0rd";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "jo-sms-tests", Guid.NewGuid().ToString("N"));

    public PortalFactory()
    {
        Directory.CreateDirectory(_folder);
    }

    public string DatabasePath => Path.Combine(_folder, "portal.db");

    public CapturingSink Logs { get; } = new();

    /// <summary>Twilio for this portal: a real HTTP server on 127.0.0.1.</summary>
    public FakeTwilio Twilio { get; } = new();

    /// <summary>Set before first use to start without the Bootstrap administrator (first-start link flow).</summary>
    public bool WithBootstrapAdministrator { get; init; } = true;

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraConfiguration() => [];

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
                ["Bootstrap:AdminEmail"] = WithBootstrapAdministrator ? AdminEmail : "",
                ["Bootstrap:AdminPassword"] = WithBootstrapAdministrator ? AdminPassword : "",
                ["Serilog:MinimumLevel:Default"] = "Debug",
                ["Twilio:ApiBaseUrl"] = Twilio.BaseUrl,
                ["Twilio:MessagingBaseUrl"] = Twilio.BaseUrl,
                ["Twilio:TimeoutSeconds"] = "5",
                ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
                // Tests seed events on fixed past dates: the retention (tested on its own) must not prune them meanwhile.
                ["Retention:Enabled"] = "false",
            };
            foreach (var (key, value) in ExtraConfiguration())
            {
                settings[key] = value;
            }

            config.AddInMemoryCollection(settings);
        });
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            ConfigureTestServices(services);
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
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS: the temp folder is cleaned by the system.
        }

        GC.SuppressFinalize(this);
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
