using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// The HTTP sender of Custom provider credentials. Wire format per auth type:
/// <list type="bullet">
/// <item>API key: <c>&lt;API key header name&gt;: &lt;API Token&gt;</c>.</item>
/// <item>Basic: <c>Authorization: Basic base64(UTF-8 "user:password")</c>.</item>
/// <item>Bearer: <c>Authorization: Bearer &lt;token&gt;</c>.</item>
/// <item>OAuth: a client-credentials token request (RFC 6749 4.4): <c>POST</c> to the OAuth URL, body
/// <c>application/x-www-form-urlencoded</c> made of the OAuth Body's properties, <c>Accept: application/json</c>;
/// the answer's <c>access_token</c> is sent as <c>Authorization: Bearer</c>, cached until shortly before
/// <c>expires_in</c> (5 minutes without it) and fetched again once when the provider answers 401.</item>
/// <item>JWT: see <see cref="JwtSigner"/>. MAC: see <see cref="MacSigner"/>.</item>
/// <item>mTLS: the client certificate in the TLS handshake, with any auth type.</item>
/// </list>
/// The body is the rendered Provider Payload with <c>Content-Type: &lt;Content-Type&gt;; charset=&lt;Charset&gt;</c>;
/// the extra headers follow as configured. Redirects (301, 302, 303, 307, 308) are followed by the client itself, at
/// most <see cref="MaxRedirects"/>, only to https: the request is sent again with its method and body (after 303 as
/// a GET without body), and with its credentials only while the target keeps the Provider URL's scheme, host and
/// port. Every connection goes through <see cref="SsrfGuard"/>.
/// </summary>
internal sealed partial class CustomProviderClient : ICustomProviderClient
{
    public const string HttpClientName = "JourneyOptimizer.Sms.CustomProvider";
    public const int MaxRedirects = 3;

    /// <summary>The largest answer read to find the message id or an access token.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    private const int ExcerptReadBytes = 64 * 1024;
    private const string UserAgent = "JourneyOptimizer.Sms";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ClientCertificateRegistry _certificates;
    private readonly OAuthTokenCache _tokens;
    private readonly IOptions<CustomProvidersOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CustomProviderClient> _logger;

    public CustomProviderClient(IHttpClientFactory httpClientFactory, ClientCertificateRegistry certificates,
        OAuthTokenCache tokens, IOptions<CustomProvidersOptions> options, TimeProvider time, ILogger<CustomProviderClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _certificates = certificates;
        _tokens = tokens;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task<CustomSendResult> SendAsync(CustomProviderConfiguration config, CustomProviderSecrets secrets,
        string fromNumber, string toNumber, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(fromNumber);
        ArgumentNullException.ThrowIfNull(toNumber);
        ArgumentNullException.ThrowIfNull(message);

        var timeoutSeconds = _options.Value.TimeoutSeconds;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var host = Uri.TryCreate(config.ProviderUrl, UriKind.Absolute, out var providerUri) ? providerUri.Host : "";
        var exchange = new Exchange(config, secrets);

        CustomSendResult result;
        try
        {
            result = IsSendable(config, secrets)
                ? await SendCoreAsync(exchange, fromNumber, toNumber, message, linked.Token)
                : CustomSendResult.Fail(CustomSendFailure.InvalidConfiguration, CustomSendMessages.StoredJsonNotUnicode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own deadline, or the handler's connect timeout: either way the provider did not answer in time.
            result = CustomSendResult.Fail(CustomSendFailure.Timeout, CustomSendMessages.Timeout, arguments: timeoutSeconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or AuthenticationException or SocketException)
        {
            result = Classify(ex);
            _logger.LogDebug("Custom provider request to {ProviderHost} failed with {ExceptionType} ({HttpRequestError})",
                host, ex.GetType().Name, (ex as HttpRequestException)?.HttpRequestError);
        }

        if (result.Succeeded)
        {
            _logger.LogInformation("Custom provider {ProviderHost} accepted a message with status {StatusCode}, message id found: {HasMessageId}",
                host, result.StatusCode, result.MessageId is not null);
        }
        else
        {
            _logger.LogWarning("Custom provider {ProviderHost} send failed: {Failure}, status {StatusCode}",
                host, result.Failure, result.StatusCode);
        }

        return result;
    }

    /// <summary>
    /// The stored JSON fields can be rendered: one saved before the validator refused escaped lone surrogates would
    /// otherwise throw while rendering, on every send.
    /// </summary>
    private static bool IsSendable(CustomProviderConfiguration config, CustomProviderSecrets secrets) =>
        JsonStrings.AreUnicode(config.ProviderPayload)
        && (config.JwtPayload is null || JsonStrings.AreUnicode(config.JwtPayload))
        && (secrets.OAuthBody is null || JsonStrings.AreUnicode(secrets.OAuthBody));

    private async Task<CustomSendResult> SendCoreAsync(Exchange exchange, string fromNumber, string toNumber, string message,
        CancellationToken cancellationToken)
    {
        var config = exchange.Config;
        var http = CreateHttpClient(config, exchange.Secrets);
        CustomCharsets.TryGetEncoding(config.Charset ?? "utf-8", out var encoding);
        var body = CustomPayloadTemplate.Render(config.ProviderPayload, fromNumber, toNumber, message, encoding);

        if (config.AuthType == CustomAuthType.OAuth)
        {
            var failure = await FetchAccessTokenAsync(http, exchange, forget: null, cancellationToken);
            if (failure is not null)
            {
                return failure;
            }
        }

        var origin = new Uri(config.ProviderUrl);
        var target = origin;
        var method = HttpMethod.Post;
        var redirects = 0;
        var retriedWithNewToken = false;
        while (true)
        {
            var sameOrigin = Uri.Compare(origin, target, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
            using var request = BuildRequest(exchange, method, target, method == HttpMethod.Get ? null : body, sameOrigin);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;

            if (status is 301 or 302 or 303 or 307 or 308)
            {
                if (++redirects > MaxRedirects)
                {
                    return CustomSendResult.Fail(CustomSendFailure.InvalidResponse, CustomSendMessages.TooManyRedirects, status);
                }

                if (response.Headers.Location is not { } location
                    || !Uri.TryCreate(target, location, out var next) || string.IsNullOrEmpty(next.Host))
                {
                    return CustomSendResult.Fail(CustomSendFailure.InvalidResponse, CustomSendMessages.RedirectWithoutLocation, status);
                }

                if (next.Scheme != Uri.UriSchemeHttps || next.UserInfo.Length > 0)
                {
                    return CustomSendResult.Fail(CustomSendFailure.RefusedTarget, CustomSendMessages.RedirectNotHttps, status);
                }

                if (status == 303)
                {
                    method = HttpMethod.Get;
                }

                target = next;
                continue;
            }

            if (status == 401 && config.AuthType == CustomAuthType.OAuth && sameOrigin && !retriedWithNewToken)
            {
                retriedWithNewToken = true;
                var failure = await FetchAccessTokenAsync(http, exchange, forget: exchange.AccessToken, cancellationToken);
                if (failure is not null)
                {
                    return failure;
                }

                continue;
            }

            if (status is >= 200 and < 300)
            {
                return await SuccessAsync(response, config, status, cancellationToken);
            }

            var excerpt = await ExcerptAsync(response.Content, exchange.Redactor, cancellationToken);
            return CustomSendResult.Fail(CustomSendFailure.HttpError, CustomSendMessages.HttpError, status, excerpt, status);
        }
    }

    private HttpClient CreateHttpClient(CustomProviderConfiguration config, CustomProviderSecrets secrets)
    {
        if (!config.MtlsEnabled)
        {
            return _httpClientFactory.CreateClient(HttpClientName);
        }

        var certificatePem = config.ClientCertificatePem
            ?? throw new InvalidOperationException("The Custom provider credential has mTLS enabled but no client certificate.");
        var keyPem = secrets.ClientPrivateKeyPem
            ?? throw new InvalidOperationException("The Custom provider credential has mTLS enabled but no private key.");
        var thumbprint = config.ClientCertificateThumbprint ?? "";
        var name = _certificates.Register(thumbprint, () =>
        {
            var certificate = ClientCertificatePem.TryCombine(certificatePem, keyPem)
                ?? throw new InvalidOperationException("The stored private key does not belong to the stored client certificate.");
            var chain = ClientCertificatePem.TryReadCertificates(certificatePem) ?? [];
            return SslStreamCertificateContext.Create(certificate, new X509Certificate2Collection(chain.Skip(1).ToArray()), offline: true);
        });
        return _httpClientFactory.CreateClient(name);
    }

    private HttpRequestMessage BuildRequest(Exchange exchange, HttpMethod method, Uri target, byte[]? body, bool sameOrigin)
    {
        var config = exchange.Config;
        var secrets = exchange.Secrets;
        var request = new HttpRequestMessage(method, target);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", config.ContentTypeHeaderValue);
        }

        foreach (var header in config.Headers)
        {
            if (header.IsSecret && !sameOrigin)
            {
                continue;   // a secret header never follows a redirect to another host
            }

            var value = header.IsSecret ? secrets.HeaderValues.GetValueOrDefault(header.Name) ?? "" : header.Value ?? "";
            if (!request.Headers.TryAddWithoutValidation(header.Name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(header.Name, value);
            }
        }

        if (!request.Headers.Contains("User-Agent"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }

        if (!sameOrigin)
        {
            return request;   // credentials stay with the Provider URL's origin
        }

        switch (config.AuthType)
        {
            case CustomAuthType.ApiKey:
                request.Headers.TryAddWithoutValidation(config.ApiKeyHeaderName!, Required(secrets.ApiToken));
                break;
            case CustomAuthType.Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", exchange.BasicCredentials);
                break;
            case CustomAuthType.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Required(secrets.BearerToken));
                break;
            case CustomAuthType.OAuth:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", exchange.AccessToken);
                break;
            case CustomAuthType.Jwt:
                var jwt = JwtSigner.Create(Required(secrets.ApiToken), config.JwtPayload ?? "{}", _time.GetUtcNow());
                exchange.Redactor.Add(jwt);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
                break;
            case CustomAuthType.Mac:
                var algorithm = config.MacHashFormat ?? MacHashAlgorithm.HmacSha256;
                var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
                var signature = MacSigner.Sign(algorithm, Required(secrets.ApiSecretKey), method.Method,
                    target.PathAndQuery, timestamp, body ?? []);
                exchange.Redactor.Add(signature);
                request.Headers.TryAddWithoutValidation(HttpSyntax.AuthorizationHeader,
                    MacSigner.AuthorizationValue(Required(secrets.ApiToken), timestamp, algorithm, signature));
                request.Headers.TryAddWithoutValidation(HttpSyntax.MacTimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                break;
        }

        return request;
    }

    private static async Task<CustomSendResult> SuccessAsync(HttpResponseMessage response, CustomProviderConfiguration config,
        int status, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(config.MessageIdExtractor))
        {
            return CustomSendResult.Success(status, null, idExpected: false);
        }

        var (data, complete) = await ReadBoundedAsync(response.Content, MaxResponseBytes, cancellationToken);
        if (!complete)
        {
            return CustomSendResult.Fail(CustomSendFailure.InvalidResponse, CustomSendMessages.InvalidJson, status);
        }

        if (data.Length == 0)
        {
            return CustomSendResult.Success(status, null, idExpected: true);   // e.g. 204 No Content: accepted, no id to read
        }

        try
        {
            using var json = JsonDocument.Parse(data, CustomPayloadTemplate.ParseOptions);
            if (!JsonStrings.AreUnicode(data))
            {
                // A string that cannot be read (an escaped lone surrogate): as unreadable as an answer that is not JSON.
                return CustomSendResult.Fail(CustomSendFailure.InvalidResponse, CustomSendMessages.InvalidJson, status);
            }

            return CustomSendResult.Success(status, MessageIdExtractor.Extract(json.RootElement, config.MessageIdExtractor), idExpected: true);
        }
        catch (JsonException)
        {
            return CustomSendResult.Fail(CustomSendFailure.InvalidResponse, CustomSendMessages.InvalidJson, status);
        }
    }

    /// <summary>The start of an error answer: secrets redacted, whitespace collapsed, at most 300 characters.</summary>
    private static async Task<string?> ExcerptAsync(HttpContent content, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var (data, complete) = await ReadBoundedAsync(content, ExcerptReadBytes, cancellationToken);
        var text = Encoding.UTF8.GetString(data);
        if (!complete)
        {
            // A secret may be cut at the end of what was read: drop that tail before redacting.
            text = text[..Math.Max(0, text.Length - redactor.LongestSecret)];
        }

        text = redactor.Redact(text);
        var builder = new StringBuilder(Math.Min(text.Length, CustomSendResult.MaxExcerptLength));
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c) || char.IsControl(c);
            if (space && (lastWasSpace || builder.Length == 0))
            {
                continue;
            }

            builder.Append(space ? ' ' : c);
            lastWasSpace = space;
            if (builder.Length == CustomSendResult.MaxExcerptLength)
            {
                break;
            }
        }

        var excerpt = builder.ToString().TrimEnd();
        if (excerpt.Length > 0 && char.IsHighSurrogate(excerpt[^1]))
        {
            excerpt = excerpt[..^1];
        }

        return excerpt.Length == 0 ? null : excerpt;
    }

    private static async Task<(byte[] Data, bool Complete)> ReadBoundedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Min(limit, 16 * 1024)];
        using var data = new MemoryStream();
        while (data.Length < limit)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - data.Length)), cancellationToken);
            if (read == 0)
            {
                return (data.ToArray(), true);
            }

            data.Write(buffer, 0, read);
        }

        var more = await stream.ReadAsync(buffer.AsMemory(0, 1), cancellationToken);
        return (data.ToArray(), more == 0);
    }

    private static CustomSendResult Classify(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case RefusedTargetException:
                    return CustomSendResult.Fail(CustomSendFailure.RefusedTarget, CustomSendMessages.RefusedTarget);
                case AuthenticationException:
                    return CustomSendResult.Fail(CustomSendFailure.TlsError, CustomSendMessages.TlsError);
                default:
                    break;
            }
        }

        return exception is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }
            ? CustomSendResult.Fail(CustomSendFailure.TlsError, CustomSendMessages.TlsError)
            : CustomSendResult.Fail(CustomSendFailure.ConnectionFailed, CustomSendMessages.ConnectionFailed);
    }

    private static string Required(string? secret) =>
        string.IsNullOrEmpty(secret)
            ? throw new InvalidOperationException("A secret that the Custom provider credential's auth type needs is not stored.")
            : secret;

    /// <summary>The state of one send: its credential, the access token in use and everything to redact.</summary>
    private sealed class Exchange
    {
        public Exchange(CustomProviderConfiguration config, CustomProviderSecrets secrets)
        {
            Config = config;
            Secrets = secrets;
            var values = secrets.ByField().Values.ToList();
            if (config.AuthType == CustomAuthType.Basic)
            {
                BasicCredentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config.BasicUserName}:{secrets.BasicPassword}"));
                values.Add(BasicCredentials);
            }

            if (config.AuthType == CustomAuthType.OAuth && secrets.OAuthBody is { } body
                && CustomCredentialInputValidator.ParseObject(body) is { } json)
            {
                values.AddRange(json.EnumerateObject()
                    .Where(p => p.Name != "grant_type")
                    .Select(p => p.Value.ToString()));
            }

            Redactor = new SecretRedactor(values);
        }

        public CustomProviderConfiguration Config { get; }

        public CustomProviderSecrets Secrets { get; }

        public string BasicCredentials { get; } = "";

        public string? AccessToken { get; private set; }

        public SecretRedactor Redactor { get; }

        public void SetAccessToken(string token)
        {
            AccessToken = token;
            Redactor.Add(token);
        }
    }
}
