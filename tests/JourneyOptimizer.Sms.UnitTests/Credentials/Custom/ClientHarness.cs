using System.Collections.Concurrent;
using System.Net;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Custom;

/// <summary>
/// The client as the portal wires it (<see cref="CustomProviderServiceCollectionExtensions.AddCustomProviders"/>,
/// configuration, options), plus the test hooks: the test server's certificate as an extra trusted root, the
/// loopback endpoints a test allows, and an optional DNS stand-in. Logs are captured.
/// </summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ClientHarness(IEnumerable<IPEndPoint>? allowedEndpoints = null, bool allowPrivateNetworks = false,
        Func<string, CancellationToken, Task<IPAddress[]>>? resolveHost = null, bool trustTestServer = true)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CustomProviders:AllowPrivateNetworks"] = allowPrivateNetworks ? "true" : "false",
                ["CustomProviders:TimeoutSeconds"] = "15",
            })
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(new CustomProviderTestHooks
        {
            TrustedRoot = trustTestServer ? TestCertificates.Server : null,
            AllowedEndpoints = [.. allowedEndpoints ?? []],
            ResolveHost = resolveHost,
        });
        // The vendor (CustomVendor) protects secrets with the portal's protector, which AddSmsCore registers.
        services.AddSingleton<JourneyOptimizer.Sms.Core.Security.ISecretProtector>(new JourneyOptimizer.Sms.Core.Security.DataProtectionSecretProtector(
            new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()));
        services.AddCustomProviders();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Client = _services.GetRequiredService<ICustomProviderClient>();
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public CapturingLoggerProvider Logs { get; } = new();

    public ICustomProviderClient Client { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public Task<CustomSendResult> SendAsync(CustomProviderConfiguration config, CustomProviderSecrets secrets,
        string message = "Hello") =>
        Client.SendAsync(config, secrets, "+14155550100", "+5511912345678", message, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}

/// <summary>Every log entry, formatted, with its exception and structured values.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}

/// <summary>A valid configuration pointing at a test server, for the client tests to vary with <c>with</c>.</summary>
internal static class TestConfigurations
{
    public static CustomProviderConfiguration For(TestProviderServer server, CustomAuthType authType = CustomAuthType.None,
        string path = "/send") => new()
        {
            ProviderName = "Test provider",
            ProviderUrl = server.Url(path),
            AuthType = authType,
            ContentType = "application/json",
            Charset = "utf-8",
            ProviderPayload = """{"from": "{{fromNumber}}", "to": "{{toNumber}}", "text": "{{message}}", "authOption": "x"}""",
            MessageIdExtractor = "id",
        };
}
