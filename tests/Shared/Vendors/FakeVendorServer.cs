using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Testing;

/// <summary>One request as a fake provider received it (headers by lower-case name, the body as text).</summary>
internal sealed record FakeRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public System.Text.Json.JsonElement Json() => System.Text.Json.JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>An answer a test forces (status, body, content type and extra headers).</summary>
internal sealed record FakeAnswer(int Status, string Body = "", string ContentType = "application/json", params (string Name, string Value)[] Headers);

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, port 0) that plays a provider: it records every request and answers
/// through <see cref="Handle"/>, unless <see cref="Override"/> answers first (to play failures: 429, 5xx, HTML).
/// </summary>
internal abstract class FakeVendorServer : IAsyncDisposable
{
    // One certificate per test process: making an RSA key takes most of a fake's start-up.
    private static readonly Lazy<X509Certificate2> SharedCertificate = new(CreateCertificate);

    private WebApplication? _app;

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public IReadOnlyList<FakeRequest> RequestList => [.. Requests];

    /// <summary>Answers before the provider logic when it returns an answer; gets the request's index (0, 1, ...).</summary>
    public Func<FakeRequest, int, FakeAnswer?>? Override { get; set; }

    /// <summary><c>http://127.0.0.1:port</c> or <c>https://127.0.0.1:port</c>, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public int Port { get; private set; }

    /// <summary>The server's certificate when it serves HTTPS (trust it in the client under test); shared by the fakes of a process.</summary>
    public X509Certificate2? Certificate { get; private set; }

    protected async Task StartAsync(bool https)
    {
        if (https)
        {
            Certificate = SharedCertificate.Value;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (Certificate is not null)
            {
                listen.UseHttps(Certificate);
            }
        }));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        Port = new Uri(BaseUrl).Port;
    }

    protected abstract Task<FakeAnswer> Handle(FakeRequest request);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var request = new FakeRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body);
        var index = Requests.Count;
        Requests.Enqueue(request);
        var answer = Override?.Invoke(request, index) ?? await Handle(request);
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body.Length > 0)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.Body);
        }
    }

    /// <summary>A self-signed server certificate for 127.0.0.1, localhost and <c>*.test</c> names the fakes use.</summary>
    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        san.AddDnsName("api.infobip.test");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A 26-character id in Crockford base32, like Sinch's batch, message and app ids.</summary>
    public static string Ulid()
    {
        const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<byte> bytes = stackalloc byte[26];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[26];
        chars[0] = '0';
        chars[1] = '1';
        for (var i = 2; i < 26; i++)
        {
            chars[i] = Alphabet[bytes[i] & 31];
        }

        return new string(chars);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
