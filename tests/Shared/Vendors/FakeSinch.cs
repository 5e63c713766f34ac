using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace JourneyOptimizer.Sms.Testing;

/// <summary>A Conversation app the fake knows: its project and its channels (and the SMS channel's service plan).</summary>
internal sealed record FakeSinchApp(string ProjectId, string AppId, IReadOnlyList<string> Channels, string? SmsServicePlanId = null);

/// <summary>
/// Sinch on one local server: the SMS REST API (<c>/xms/v1/{service_plan_id}/...</c>, Bearer token per service plan),
/// the OAuth token endpoint (<c>/oauth2/token</c>, Basic with an access key) and the Conversation API
/// (<c>/v1/projects/{project}/...</c>, Bearer access token). It answers with Sinch's status codes and error bodies as
/// documented (see the provider notes in the issue): 401 without a body on the SMS API, <c>{code,text}</c> for 400/403,
/// <c>{"error":{code,message,status,details}}</c> on the Conversation API, <c>{error,error_description}</c> on the
/// token endpoint. Point <c>Sinch:SmsBaseUrlTemplate</c> and <c>Sinch:ConversationBaseUrl</c> at <see cref="FakeVendorServer.BaseUrl"/>
/// and <c>Sinch:AuthUrl</c> at <see cref="AuthUrl"/>.
/// </summary>
internal sealed class FakeSinch : FakeVendorServer
{
    private readonly ConcurrentDictionary<string, (string KeyId, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<string>> _batches = new(StringComparer.Ordinal);

    private FakeSinch()
    {
    }

    public string AuthUrl => BaseUrl + "/oauth2/token";

    /// <summary>Service plan id → its API token.</summary>
    public ConcurrentDictionary<string, string> ServicePlans { get; } = new(StringComparer.Ordinal);

    /// <summary>Key id → (key secret, the project the key belongs to).</summary>
    public ConcurrentDictionary<string, (string Secret, string ProjectId)> AccessKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Apps by app id.</summary>
    public ConcurrentDictionary<string, FakeSinchApp> Apps { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>expires_in</c> of issued access tokens, in seconds.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    public int TokensIssued { get; private set; }

    public static async Task<FakeSinch> StartAsync()
    {
        var fake = new FakeSinch();
        await fake.StartAsync(https: false);
        return fake;
    }

    /// <summary>Every access token issued so far is expired from now on (answered 401 with an "expired" challenge).</summary>
    public void ExpireTokens()
    {
        foreach (var (token, entry) in _tokens)
        {
            _tokens[token] = (entry.KeyId, DateTimeOffset.MinValue);
        }
    }

    protected override Task<FakeAnswer> Handle(FakeRequest request)
    {
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var answer = segments switch
        {
            ["xms", "v1", var plan, .. var rest] => Sms(request, plan, rest),
            ["oauth2", "token"] => Token(request),
            ["v1", "projects", var project, .. var rest] => Conversation(request, project, rest),
            _ => new FakeAnswer(404),
        };
        return Task.FromResult(answer);
    }

    private FakeAnswer Sms(FakeRequest request, string plan, string[] rest)
    {
        if (!ServicePlans.TryGetValue(plan, out var token) || request.Header("Authorization") != "Bearer " + token)
        {
            return new FakeAnswer(401);
        }

        switch (request.Method, rest)
        {
            case ("GET", ["batches"]):
                {
                    var size = QueryValue(request.Query, "page_size") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 30;
                    if (size is < 1 or > 100)
                    {
                        return SmsError(400, "syntax_constraint_violation", "page_size must be between 1 and 100");
                    }

                    var ids = _batches.GetValueOrDefault(plan) ?? [];
                    var page = ids.TakeLast(size).Select(id => $$"""{"id":"{{id}}","type":"mt_text","canceled":false}""");
                    return new FakeAnswer(200, $$"""{"count":{{ids.Count}},"page":0,"batches":[{{string.Join(",", page)}}],"page_size":{{Math.Min(size, ids.Count)}}}""");
                }

            case ("POST", ["batches"]):
                {
                    if (request.Header("Content-Type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
                    {
                        return new FakeAnswer(415);
                    }

                    JsonElement body;
                    try
                    {
                        body = request.Json();
                    }
                    catch (JsonException)
                    {
                        return SmsError(400, "syntax_invalid_json", "The JSON structure is not valid");
                    }

                    if (!body.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.Array || to.GetArrayLength() == 0
                        || !body.TryGetProperty("body", out var text) || string.IsNullOrEmpty(text.GetString()))
                    {
                        return SmsError(400, "syntax_constraint_violation", "to and body are required");
                    }

                    foreach (var recipient in to.EnumerateArray())
                    {
                        var number = recipient.GetString() ?? "";
                        if (number.TrimStart('+').Length < 5 || number.TrimStart('+').Any(c => !char.IsAsciiDigit(c)))
                        {
                            return SmsError(400, "syntax_invalid_parameter_format", $"'{number}' is not a valid phone number");
                        }
                    }

                    var id = Ulid();
                    _batches.GetOrAdd(plan, _ => []).Add(id);
                    var echo = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(request.Body)!;
                    var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                    var fields = echo.Select(kv => $"{JsonSerializer.Serialize(kv.Key)}:{kv.Value.GetRawText()}");
                    return new FakeAnswer(201, $$"""{"id":"{{id}}",{{string.Join(",", fields)}},"created_at":"{{now}}","modified_at":"{{now}}","canceled":false}""");
                }

            default:
                return new FakeAnswer(404);
        }
    }

    private FakeAnswer Token(FakeRequest request)
    {
        if (request.Method != "POST")
        {
            return new FakeAnswer(405);
        }

        var (keyId, secret) = Basic(request.Header("Authorization"));
        if (keyId is null || !AccessKeys.TryGetValue(keyId, out var key) || key.Secret != secret)
        {
            return new FakeAnswer(401, """{"error":"invalid_client","error_description":"Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method)."}""");
        }

        if (!request.Body.Split('&').Contains("grant_type=client_credentials"))
        {
            return new FakeAnswer(400, """{"error":"unsupported_grant_type","error_description":"The authorization grant type is not supported by the authorization server."}""");
        }

        var token = "eyJhbGciOiJSUzI1NiJ9." + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=') + ".sig";
        // A token announced without a lifetime stays good here: the client must simply not keep it.
        _tokens[token] = (keyId, TokenLifetimeSeconds > 0 ? DateTimeOffset.UtcNow.AddSeconds(TokenLifetimeSeconds) : DateTimeOffset.MaxValue);
        TokensIssued++;
        return new FakeAnswer(200, $$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":{{TokenLifetimeSeconds}},"scope":""}""");
    }

    private FakeAnswer Conversation(FakeRequest request, string project, string[] rest)
    {
        var header = request.Header("Authorization") ?? "";
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.TryGetValue(header[7..], out var token))
        {
            return ConversationError(401, "Request had invalid credentials.", "UNAUTHENTICATED");
        }

        if (token.Expires < DateTimeOffset.UtcNow)
        {
            return ConversationError(401, "Request had invalid credentials.", "UNAUTHENTICATED",
                ("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"expired\""));
        }

        if (AccessKeys[token.KeyId].ProjectId != project)
        {
            return ConversationError(403, "The caller does not have permission", "PERMISSION_DENIED");
        }

        switch (request.Method, rest)
        {
            case ("GET", ["apps", var appId]):
                if (!Apps.TryGetValue(appId, out var app) || app.ProjectId != project)
                {
                    return ConversationError(404, $"App {appId} not found", "NOT_FOUND");
                }

                // As Sinch does, the app carries its channels' secrets: the client must not keep or log them.
                var credentials = app.Channels.Select(c => c == "SMS"
                    ? $$"""{"channel":"SMS","static_bearer":{"claimed_identity":"{{app.SmsServicePlanId}}","token":"sms-channel-secret-token"},"callback_secret":"channel-callback-secret","state":{"status":"ACTIVE"} }"""
                    : $$"""{"channel":"{{c}}","static_token":{"token":"{{c.ToLowerInvariant()}}-channel-secret-token"},"callback_secret":"channel-callback-secret","state":{"status":"ACTIVE"} }""");
                return new FakeAnswer(200, $$"""{"id":"{{appId}}","display_name":"Fake app","channel_credentials":[{{string.Join(",", credentials)}}],"processing_mode":"DISPATCH","callback_settings":{"secret_for_overridden_callback_urls":"override-secret"} }""");

            case ("POST", ["messages:send"]):
                {
                    JsonElement body;
                    try
                    {
                        body = request.Json();
                    }
                    catch (JsonException)
                    {
                        return ConversationError(400, "Invalid JSON payload received.", "INVALID_ARGUMENT");
                    }

                    if (!body.TryGetProperty("app_id", out var appIdElement) || !Apps.TryGetValue(appIdElement.GetString() ?? "", out var sendApp)
                        || sendApp.ProjectId != project)
                    {
                        return ConversationError(404, "App not found", "NOT_FOUND");
                    }

                    if (!body.TryGetProperty("recipient", out var recipient)
                        || !recipient.TryGetProperty("identified_by", out var identified)
                        || !identified.TryGetProperty("channel_identities", out var identities) || identities.GetArrayLength() == 0
                        || !body.TryGetProperty("message", out _))
                    {
                        return ConversationError(400, "recipient and message are required", "INVALID_ARGUMENT");
                    }

                    foreach (var identity in identities.EnumerateArray())
                    {
                        var channel = identity.GetProperty("channel").GetString();
                        if (!sendApp.Channels.Contains(channel ?? ""))
                        {
                            return ConversationError(400, $"Channel {channel} is not configured for the app", "INVALID_ARGUMENT");
                        }
                    }

                    var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                    return new FakeAnswer(200, $$"""{"message_id":"{{Ulid()}}","accepted_time":"{{now}}"}""");
                }

            default:
                return ConversationError(404, "Not found", "NOT_FOUND");
        }
    }

    public static FakeAnswer SmsError(int status, string code, string text) =>
        new(status, JsonSerializer.Serialize(new { code, text }));

    public static FakeAnswer ConversationError(int status, string message, string grpcStatus, params (string, string)[] headers) =>
        new(status, $$"""{"error":{"code":{{status}},"message":{{JsonSerializer.Serialize(message)}},"status":"{{grpcStatus}}","details":[]} }""", "application/json", headers);

    private static (string? User, string? Password) Basic(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return (null, null);
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (null, null) : (decoded[..colon], decoded[(colon + 1)..]);
    }

    private static string? QueryValue(string query, string name) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p[0] == name)
            .Select(p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "")
            .FirstOrDefault();
}
