using System.Collections.Concurrent;
using System.Net;
using System.Text;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

/// <summary>One request as the stub saw it (the body is read before the client disposes the request).</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, string? Authorization, string Accept, string? ContentType, string? Body)
{
    public string Path => Uri.AbsolutePath;

    /// <summary>The raw (still percent-encoded) query, without the leading '?'.</summary>
    public string RawQuery => Uri.Query.TrimStart('?');

    /// <summary>The decoded form fields of the body, in order, repeated keys kept.</summary>
    public List<KeyValuePair<string, string>> Form() =>
        (Body ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => new KeyValuePair<string, string>(Decode(kv[0]), kv.Length > 1 ? Decode(kv[1]) : string.Empty))
            .ToList();

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}

/// <summary>An <see cref="HttpMessageHandler"/> that answers from a function and records every request.</summary>
internal sealed class StubHttpHandler(Func<CapturedRequest, int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private int calls;

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    public IReadOnlyList<CapturedRequest> RequestList => [.. Requests];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Read without the token: a request whose attempt is already timing out is still recorded.
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(CancellationToken.None);
        var captured = new CapturedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(),
            request.Headers.Accept.ToString(), request.Content?.Headers.ContentType?.MediaType, body);
        Requests.Enqueue(captured);
        var response = await respond(captured, Interlocked.Increment(ref calls) - 1, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}

/// <summary>Builds answers.</summary>
internal static class Respond
{
    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Text(HttpStatusCode status, string text, string mediaType = "text/html") =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, mediaType) };

    /// <summary>Twilio's REST error body.</summary>
    public static HttpResponseMessage TwilioError(HttpStatusCode status, int code, string message) =>
        Json(status, $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{(int)status}}}""");

    public static Task<HttpResponseMessage> Async(HttpResponseMessage response) => Task.FromResult(response);
}

/// <summary>
/// Real time, except that timers due within <see cref="InstantUpTo"/> fire at once, and every requested due time
/// is recorded (so a test can see that Retry-After was honoured without waiting for it).
/// </summary>
internal sealed class InstantDelayTimeProvider(TimeSpan instantUpTo) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> requested = new();

    public TimeSpan InstantUpTo => instantUpTo;

    public IReadOnlyList<TimeSpan> RequestedDueTimes => [.. requested];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new Timer(System.CreateTimer(callback, state, Map(dueTime), period), this);

    private TimeSpan Map(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return dueTime;
        }

        requested.Enqueue(dueTime);
        return dueTime > TimeSpan.Zero && dueTime <= instantUpTo ? TimeSpan.Zero : dueTime;
    }

    private sealed class Timer(ITimer inner, InstantDelayTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Map(dueTime), period);

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

/// <summary>Every log entry at every level, with its message, its structured values, its scopes and its exception.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public string AllText => string.Join('\n', Entries);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Entries.Enqueue($"{category} scope: {state} {Values(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {Values(state)} {exception}");

        private static string Values<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
    }
}

/// <summary>The Twilio services as AddTwilio registers them, with a stub (or a real) primary handler.</summary>
internal sealed class TwilioTestHost : IAsyncDisposable
{
    public const string ApiBase = "https://api.twilio.test";
    public const string MessagingBase = "https://messaging.twilio.test";
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "f00dfeedbeefcafe0123456789abcdef";
    public const string ServiceSid = "MG0123456789abcdef0123456789abcdef";

    private TwilioTestHost(ServiceProvider services, StubHttpHandler? handler, CapturingLoggerProvider logs, InstantDelayTimeProvider time)
    {
        Services = services;
        Handler = handler!;
        Logs = logs;
        Time = time;
    }

    public ServiceProvider Services { get; }

    public StubHttpHandler Handler { get; }

    public CapturingLoggerProvider Logs { get; }

    public InstantDelayTimeProvider Time { get; }

    public IReadOnlyList<CapturedRequest> Requests => Handler.RequestList;

    public ITwilioClient Client => Services.GetRequiredService<ITwilioClient>();

    public TwilioCredentialVerifier Verifier => Services.GetRequiredService<TwilioCredentialVerifier>();

    public static TwilioApiCredentials Credentials => new(AccountSid, AuthToken);

    /// <summary>
    /// Sends a request built by hand through the Twilio SDK on the client's own <see cref="HttpClient"/> (so that the
    /// contract tests can send deliberately wrong requests): the HTTP status and Twilio code of a refusal, or (200, 0).
    /// </summary>
    public async Task<(int Status, int Code)> SendRawAsync(global::Twilio.Http.Request request)
    {
        var http = Services.GetRequiredService<IHttpClientFactory>().CreateClient(TwilioClient.HttpClientName);
        var client = new global::Twilio.Clients.TwilioRestClient(AccountSid, AuthToken, httpClient: new global::Twilio.Http.SystemNetHttpClient(http));
        try
        {
            await client.RequestAsync(request);
            return (200, 0);
        }
        catch (global::Twilio.Exceptions.ApiException exception)
        {
            return (exception.Status, exception.Code);
        }
    }

    /// <summary>The Basic header value the client must send for <see cref="AccountSid"/>/<see cref="AuthToken"/>.</summary>
    public static string ExpectedBasic => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));

    public static TwilioTestHost Create(Func<CapturedRequest, int, CancellationToken, Task<HttpResponseMessage>> respond, int timeoutSeconds = 30) =>
        Build(new StubHttpHandler(respond), ApiBase, MessagingBase, timeoutSeconds);

    public static TwilioTestHost Create(Func<CapturedRequest, HttpResponseMessage> respond, int timeoutSeconds = 30) =>
        Create((request, _, _) => Task.FromResult(respond(request)), timeoutSeconds);

    /// <summary>The real primary handler, against real endpoints (the Prism contract tests).</summary>
    public static TwilioTestHost CreateReal(string apiBase, string messagingBase) => Build(null, apiBase, messagingBase, 10);

    private static TwilioTestHost Build(StubHttpHandler? handler, string apiBase, string messagingBase, int timeoutSeconds)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Twilio:ApiBaseUrl"] = apiBase,
            ["Twilio:MessagingBaseUrl"] = messagingBase,
            ["Twilio:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();

        var logs = new CapturingLoggerProvider();
        // Retry waits (at most 5 s) and 1-second attempt timeouts fire at once; longer timers run in real time.
        var time = new InstantDelayTimeProvider(TimeSpan.FromSeconds(5));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddTwilio();
        if (handler is not null)
        {
            services.AddHttpClient(TwilioClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        }

        return new TwilioTestHost(services.BuildServiceProvider(validateScopes: true), handler, logs, time);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
