using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Custom;

/// <summary>What arrived at the test server.</summary>
internal sealed record RecordedRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string? ClientCertificateThumbprint)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A real HTTPS provider on 127.0.0.1 (Kestrel, port 0, self-signed certificate) in the test process. It records every
/// request and answers with <see cref="Respond"/> (default: 200 <c>{"id":"msg-1"}</c>).
/// </summary>
internal sealed class TestProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private TestProviderServer(WebApplication app, Func<RecordedRequest, HttpContext, Task>? respond)
    {
        _app = app;
        Respond = respond ?? ((_, context) => Json(context, 200, """{"id":"msg-1"}"""));
    }

    public Func<RecordedRequest, HttpContext, Task> Respond { get; set; }

    public int Port { get; private set; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public string Url(string pathAndQuery = "/send") => $"https://127.0.0.1:{Port}{pathAndQuery}";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<TestProviderServer> StartAsync(Func<RecordedRequest, HttpContext, Task>? respond = null,
        bool requireClientCertificate = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = TestCertificates.Server;
            if (requireClientCertificate)
            {
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.AllowAnyClientCertificate();
            }
        })));
        var app = builder.Build();
        var server = new TestProviderServer(app, respond);
        app.Run(server.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        server.Port = new Uri(app.Urls.First()).Port;
        return server;
    }

    public static async Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var certificate = context.Connection.ClientCertificate;
        var recorded = new RecordedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            headers,
            body.ToArray(),
            certificate?.GetCertHashString(HashAlgorithmName.SHA256));
        _requests.Enqueue(recorded);
        await Respond(recorded, context);
    }
}
