using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>
/// <see cref="ISinchConversationClient"/> on a typed <see cref="HttpClient"/> (registered by
/// <see cref="SinchConversationServiceCollectionExtensions.AddSinchConversation"/>). Access tokens come from
/// <see cref="SinchOptions.AuthUrl"/> (client credentials, HTTP Basic with the key) and are kept in the process's
/// <see cref="OAuthTokenCache"/> (the Custom provider's, keyed by token URL and a hash of the key) until shortly before
/// <c>expires_in</c>. A 401 with a cached token, or one that says the token expired, fetches a new token and sends
/// the request once more.
/// </summary>
internal sealed partial class SinchConversationClient : ISinchConversationClient
{
    /// <summary>The name of the typed client's <see cref="HttpClient"/>.</summary>
    public const string HttpClientName = "Sinch.Conversation";

    private static readonly System.Buffers.SearchValues<char> IdCharacters =
        System.Buffers.SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_");

    private readonly HttpClient _http;
    private readonly IOptions<SinchOptions> _options;
    private readonly OAuthTokenCache _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<SinchConversationClient> _logger;

    public SinchConversationClient(HttpClient http, IOptions<SinchOptions> options, OAuthTokenCache tokens, TimeProvider time,
        ILogger<SinchConversationClient> logger)
    {
        _http = http;
        _options = options;
        _tokens = tokens;
        _time = time;
        _logger = logger;
    }

    public static string ChannelName(SinchConversationChannel channel) => channel switch
    {
        SinchConversationChannel.Mms => "MMS",
        SinchConversationChannel.Rcs => "RCS",
        _ => "SMS",
    };

    public Task<SinchResult<SinchConversationApp>> GetAppAsync(SinchConversationCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (Invalid(credentials) is { } invalid)
        {
            return Task.FromResult(SinchResult.Fail<SinchConversationApp>(invalid));
        }

        var url = $"{BaseUrl}/v1/projects/{credentials.ProjectId.Trim()}/apps/{credentials.AppId.Trim()}";
        return CallAsync(credentials, "GetApp", () => new HttpRequestMessage(HttpMethod.Get, url), ReadApp, cancellationToken);
    }

    public Task<SinchResult<SinchSentMessage>> SendTextAsync(SinchConversationCredentials credentials, SinchConversationMessageRequest message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(message);
        if ((Invalid(credentials) ?? Invalid(message)) is { } invalid)
        {
            return Task.FromResult(SinchResult.Fail<SinchSentMessage>(invalid));
        }

        var url = $"{BaseUrl}/v1/projects/{credentials.ProjectId.Trim()}/messages:send";
        var json = SendBody(credentials.AppId.Trim(), message).ToJsonString();
        return CallAsync(credentials, "SendText",
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") },
            ReadSent, cancellationToken);
    }

    internal static JsonObject SendBody(string appId, SinchConversationMessageRequest message)
    {
        var to = message.To.Trim();
        var identities = new JsonArray { new JsonObject { ["channel"] = ChannelName(message.Channel), ["identity"] = to } };
        var fallback = message.SmsFallback && message.Channel != SinchConversationChannel.Sms;
        if (fallback)
        {
            identities.Add(new JsonObject { ["channel"] = "SMS", ["identity"] = to });
        }

        var body = new JsonObject
        {
            ["app_id"] = appId,
            ["recipient"] = new JsonObject { ["identified_by"] = new JsonObject { ["channel_identities"] = identities } },
            ["message"] = new JsonObject { ["text_message"] = new JsonObject { ["text"] = message.Text } },
        };
        if (fallback)
        {
            body["channel_priority_order"] = new JsonArray(ChannelName(message.Channel), "SMS");
        }

        var properties = new JsonObject();
        if (!string.IsNullOrWhiteSpace(message.SmsSender))
        {
            properties["SMS_SENDER"] = message.SmsSender.Trim();
        }

        if (!string.IsNullOrWhiteSpace(message.MmsSender))
        {
            properties["MMS_SENDER"] = message.MmsSender.Trim();
        }

        if (properties.Count > 0)
        {
            body["channel_properties"] = properties;
        }

        if (message.CallbackUrl is { } callback)
        {
            body["callback_url"] = callback.AbsoluteUri;
        }

        if (!string.IsNullOrEmpty(message.CorrelationId))
        {
            body["correlation_id"] = message.CorrelationId;
        }

        return body;
    }

    private string BaseUrl => _options.Value.ConversationBaseUrl.TrimEnd('/');

    private async Task<SinchResult<T>> CallAsync<T>(SinchConversationCredentials credentials, string operation,
        Func<HttpRequestMessage> build, Func<ProviderAnswer, T?> read, CancellationToken cancellationToken)
        where T : class
    {
        var key = OAuthTokenCache.KeyOf(_options.Value.AuthUrl, credentials.KeyId.Trim() + "\n" + credentials.KeySecret.Trim());
        var cached = _tokens.Find(key);
        var token = cached;
        for (var attempt = 0; ; attempt++)
        {
            if (token is null)
            {
                var fetched = await FetchTokenAsync(credentials, key, cancellationToken);
                if (!fetched.Succeeded)
                {
                    return SinchResult.Fail<T>(fetched.Failure);
                }

                token = fetched.Value;
            }

            using var request = build();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var (answer, _) = await ProviderHttpClient.SendAsync(_http, request, _time, _logger, "Sinch Conversation " + operation, cancellationToken);
            if (answer is null)
            {
                return SinchResult.Fail<T>(new SinchFailure(SinchFailureKind.Unreachable));
            }

            var expired = answer.WwwAuthenticate?.Contains("expired", StringComparison.OrdinalIgnoreCase) == true;
            if (answer.Status == 401 && attempt == 0 && (expired || ReferenceEquals(token, cached)))
            {
                _tokens.Forget(key, token);
                token = null;
                cached = null;
                continue;
            }

            if (!answer.IsSuccess)
            {
                var failure = SinchErrors.FromAnswer(answer);
                LogFailed(_logger, operation, answer.Status, failure.Code, failure.Kind);
                return SinchResult.Fail<T>(failure);
            }

            if (read(answer) is not { } value)
            {
                LogFailed(_logger, operation, answer.Status, null, SinchFailureKind.Unreachable);
                return SinchResult.Fail<T>(new SinchFailure(SinchFailureKind.Unreachable, answer.Status));
            }

            LogAnswered(_logger, operation);
            return SinchResult.Success(value);
        }
    }

    private async Task<SinchResult<string>> FetchTokenAsync(SinchConversationCredentials credentials, string key, CancellationToken cancellationToken)
    {
        var gate = _tokens.LockFor(key);
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another request may have fetched one while this one waited.
            if (_tokens.Find(key) is { } fresh)
            {
                return SinchResult.Success(fresh);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, _options.Value.AuthUrl)
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.KeyId.Trim() + ":" + credentials.KeySecret.Trim())));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var (answer, _) = await ProviderHttpClient.SendAsync(_http, request, _time, _logger, "Sinch OAuth token", cancellationToken);
            if (answer is null)
            {
                return SinchResult.Fail<string>(new SinchFailure(SinchFailureKind.Unreachable));
            }

            if (!answer.IsSuccess)
            {
                var failure = SinchErrors.FromAnswer(answer);
                // RFC 6749 5.2: a wrong client (the key) may also be answered with 400 invalid_client.
                if (failure.Code == "invalid_client")
                {
                    failure = failure with { Kind = SinchFailureKind.Unauthorized };
                }

                LogFailed(_logger, "Token", answer.Status, failure.Code, failure.Kind);
                return SinchResult.Fail<string>(failure);
            }

            using var document = ProviderJson.TryParse(answer.Body);
            if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
                || !ProviderJson.TryGetRequiredString(root, "access_token", out var token)
                || !SinchSmsClient.IsHeaderSafe(token)
                || !ProviderJson.TryGetOptionalInt(root, "expires_in", out var expiresIn))
            {
                LogFailed(_logger, "Token", answer.Status, null, SinchFailureKind.Unreachable);
                return SinchResult.Fail<string>(new SinchFailure(SinchFailureKind.Unreachable, answer.Status));
            }

            _tokens.Store(key, token, expiresIn is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
            return SinchResult.Success(token);
        }
        finally
        {
            gate.Release();
        }
    }

    private static SinchConversationApp? ReadApp(ProviderAnswer answer)
    {
        // The app carries channel secrets (static tokens, callback secrets): only ids and channel names are read.
        using var document = ProviderJson.TryParse(answer.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !ProviderJson.TryGetRequiredString(root, "id", out var id)
            || !ProviderJson.TryGetOptionalString(root, "display_name", out var name))
        {
            return null;
        }

        var channels = new List<string>();
        string? servicePlan = null;
        if (root.TryGetProperty("channel_credentials", out var credentials) && credentials.ValueKind == JsonValueKind.Array)
        {
            foreach (var credential in credentials.EnumerateArray())
            {
                if (!ProviderJson.TryGetRequiredString(credential, "channel", out var channel) || channel.Length > 64)
                {
                    continue;
                }

                channels.Add(channel);
                if (channel == "SMS" && credential.TryGetProperty("static_bearer", out var bearer)
                    && ProviderJson.TryGetOptionalString(bearer, "claimed_identity", out var claimed) && !string.IsNullOrWhiteSpace(claimed))
                {
                    servicePlan = claimed.Trim();
                }
            }
        }

        return new SinchConversationApp(id, name, channels, servicePlan);
    }

    private static SinchSentMessage? ReadSent(ProviderAnswer answer)
    {
        using var document = ProviderJson.TryParse(answer.Body);
        return document?.RootElement is { ValueKind: JsonValueKind.Object } root
            && ProviderJson.TryGetRequiredString(root, "message_id", out var id)
            && ProviderJson.TryGetOptionalTimestamp(root, "accepted_time", out var accepted)
            ? new SinchSentMessage(id, accepted)
            : null;
    }

    private static SinchFailure? Invalid(SinchConversationCredentials credentials) =>
        IsId(credentials.ProjectId) && IsId(credentials.AppId)
        && SinchConversationApiToken.TryParse(credentials.KeyId?.Trim() + ":" + credentials.KeySecret?.Trim(), out _, out _)
            ? null
            : new SinchFailure(SinchFailureKind.InvalidRequest, Text: "The project id, app id, key id and key secret are required.");

    private static SinchFailure? Invalid(SinchConversationMessageRequest message)
    {
        var ok = Enum.IsDefined(message.Channel)
            && !string.IsNullOrWhiteSpace(message.To) && message.To.Trim().Length <= 64 && ProviderJson.IsValidUtf16(message.To)
            && !string.IsNullOrEmpty(message.Text) && message.Text.Length <= SinchConversationMessageRequest.MaxTextLength
            && ProviderJson.IsValidUtf16(message.Text)
            && (message.SmsSender is null || (message.SmsSender.Length <= 64 && ProviderJson.IsValidUtf16(message.SmsSender)))
            && (message.MmsSender is null || (message.MmsSender.Length <= 64 && ProviderJson.IsValidUtf16(message.MmsSender)))
            && (message.CorrelationId is null || (message.CorrelationId.Length <= 128 && ProviderJson.IsValidUtf16(message.CorrelationId)))
            && message.CallbackUrl is null or { IsAbsoluteUri: true };
        return ok ? null : new SinchFailure(SinchFailureKind.InvalidRequest, Text: "A message needs a recipient and a text of at most 2000 characters.");
    }

    /// <summary>Ids go into the path as they are: letters, digits, '-' and '_' only.</summary>
    private static bool IsId(string? value)
    {
        var trimmed = value?.Trim();
        return !string.IsNullOrEmpty(trimmed) && trimmed.Length <= 64 && trimmed.AsSpan().IndexOfAnyExcept(IdCharacters) < 0;
    }

    [LoggerMessage(EventId = 4211, Level = LogLevel.Debug, Message = "Sinch Conversation {Operation} answered")]
    private static partial void LogAnswered(ILogger logger, string operation);

    [LoggerMessage(EventId = 4212, Level = LogLevel.Warning,
        Message = "Sinch Conversation {Operation} failed with HTTP {StatusCode}, Sinch status {SinchCode} ({FailureKind})")]
    private static partial void LogFailed(ILogger logger, string operation, int statusCode, string? sinchCode, SinchFailureKind failureKind);
}
