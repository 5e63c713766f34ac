using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

/// <summary>What the endpoint passes on from one webhook request (the body already read, at most 64 KB).</summary>
/// <param name="Headers">The request's headers: each vendor's reader takes those it authenticates and identifies events by.</param>
/// <param name="RequestUrl">The URL as this server received it (scheme, host, port, path, query).</param>
/// <param name="QueryString">The raw query string including its <c>?</c>, or empty.</param>
public sealed record WebhookRequest(
    string PathToken,
    string? ContentType,
    IHeaderDictionary Headers,
    string RequestUrl,
    string QueryString,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}

/// <summary>The answer to a webhook request. <see cref="Body"/> of a refusal is a fixed English reason (never input).</summary>
public sealed record WebhookResponse(int StatusCode, string ContentType, string Body)
{
    public const string TextPlain = "text/plain; charset=utf-8";
    public const string TextXml = "text/xml; charset=utf-8";

    public static WebhookResponse Refused(int statusCode, string reason) => new(statusCode, TextPlain, reason);
}

/// <summary>
/// The provider-facing half of PRODUCT.md section 4: the vendor's reader (<see cref="VendorWebhooks"/>)
/// authenticates and reads a webhook request; this checks what it found the same way for every vendor, matches
/// keywords, and hands the event to the <see cref="IngestionWriter"/>; answers only once the event is committed. Every problem a request can carry is a 4xx with a reason; nothing of a refused
/// request is stored, and the log says why without a secret or the body.
/// </summary>
public sealed partial class WebhookIngestion(
    WebhookDirectory directory,
    IngestionWriter writer,
    IOptions<WebhookOptions> webhookOptions,
    TimeProvider time,
    ILogger<WebhookIngestion> logger)
{
    /// <summary>The webhook of a path token (cached), or null: the endpoint answers 404 before reading the body.</summary>
    public ValueTask<ResolvedWebhook?> FindAsync(string? pathToken, CancellationToken cancellationToken) =>
        WebhookDirectory.IsWellFormed(pathToken) ? directory.FindAsync(pathToken!, cancellationToken) : ValueTask.FromResult<ResolvedWebhook?>(null);

    /// <summary>Logs a request for a token that names no webhook (the token itself is not logged).</summary>
    public void ReportUnknown()
    {
        using (IngestionLogScope.Begin(logger))
        {
            LogUnknown(logger);
        }
    }

    /// <summary>Logs a body refused before it was read (413).</summary>
    public WebhookResponse Refuse(ResolvedWebhook webhook, int statusCode, string reason)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        using (IngestionLogScope.Begin(logger))
        {
            LogRefused(logger, webhook.Id, statusCode, reason);
        }

        return WebhookResponse.Refused(statusCode, reason);
    }

    /// <summary>
    /// Authenticates and reads a request into its events (usually one; a push of several is stored all or answered
    /// 4xx as a whole), or refuses it (logged). Synchronous and independent of the body's buffer afterwards: the
    /// endpoint returns its buffer before waiting for the commit.
    /// </summary>
    public (IReadOnlyList<IngestionEvent> Events, WebhookResponse? Refusal) Read(ResolvedWebhook webhook, WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(request);
        var read = webhook.Reader.Read(webhook, request, PublicUrl(request));
        if (read.Ignored)
        {
            using (IngestionLogScope.Begin(logger))
            {
                LogIgnored(logger, webhook.Id, read.Reason ?? "");
            }

            return ([], new WebhookResponse(204, WebhookResponse.TextPlain, ""));
        }

        if (read.IsRefusal)
        {
            return ([], Refuse(webhook, read.Status, read.Reason!));
        }

        var events = new List<IngestionEvent>(read.InboundEvents.Count + read.FeedbackEvents.Count);
        foreach (var i in read.InboundEvents)
        {
            var (inbound, refusal) = Inbound(webhook, i.EventKey, i.ProviderMessageId, i.From, i.To, i.Body, i.OriginAtUtc, i.FromField, i.ToField, i.BodyField);
            if (refusal is { } r)
            {
                return ([], Refuse(webhook, r.Status, r.Reason));
            }

            events.Add(inbound!);
        }

        foreach (var f in read.FeedbackEvents)
        {
            var (feedback, refusal) = Feedback(webhook, f.EventKey, f.Reference, f.Status, f.Code, f.ReferenceField, f.StatusField, f.CodeField);
            if (refusal is { } r)
            {
                return ([], Refuse(webhook, r.Status, r.Reason));
            }

            events.Add(feedback!);
        }

        return (events, null);
    }

    /// <summary>
    /// Hands the events to the writer and answers once all are committed (or 503 when one could not be: the provider
    /// retries the request, and what was stored comes back as duplicates). The reply is the first inbound event's.
    /// </summary>
    public async Task<WebhookResponse> StoreAsync(ResolvedWebhook webhook, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(events);
        IngestResult[] results = events.Count == 1
            ? [await writer.SubmitAsync(events[0], cancellationToken)]
            : await Task.WhenAll(events.Select(e => writer.SubmitAsync(e, cancellationToken)));
        if (results.Any(r => r.Status == IngestStatus.Failed))
        {
            using (IngestionLogScope.Begin(logger))
            {
                LogNotStored(logger, webhook.Id);
            }

            return WebhookResponse.Refused(503, "The event could not be stored; retry later.");
        }

        return webhook.Reader.Answer(webhook, results.Length > 0 ? results[0].Reply : null);
    }

    /// <summary><see cref="Read"/> then <see cref="StoreAsync"/>.</summary>
    public async Task<WebhookResponse> HandleAsync(ResolvedWebhook webhook, WebhookRequest request, CancellationToken cancellationToken)
    {
        var (events, refusal) = Read(webhook, request);
        return refusal ?? await StoreAsync(webhook, events, cancellationToken);
    }

    private (IngestionEvent? Event, (int Status, string Reason)? Refusal) Inbound(ResolvedWebhook webhook, string eventKey,
        string? providerMessageId, string? from, string? to, string body, DateTime? origin, string fromName, string toName, string bodyName)
    {
        if (TooLong(eventKey, InboundMessage.EventKeyMaxLength, "event key (idempotency token or message id)") is { } r1)
        {
            return (null, r1);
        }

        if (string.IsNullOrWhiteSpace(from))
        {
            return (null, (400, $"Missing field {fromName}."));
        }

        if (string.IsNullOrWhiteSpace(to))
        {
            return (null, (400, $"Missing field {toName}."));
        }

        var r2 = TooLong(from, Consent.ConsentRecord.NumberMaxLength, fromName) ?? TooLong(to, Consent.ConsentRecord.NumberMaxLength, toName)
            ?? TooLong(body, InboundMessage.BodyMaxLength, bodyName) ?? TooLong(providerMessageId, InboundMessage.ProviderMessageIdMaxLength, "message id");
        if (r2 is not null)
        {
            return (null, r2);
        }

        return (new InboundEvent
        {
            Webhook = webhook,
            EventKey = eventKey,
            ProviderMessageId = providerMessageId,
            ProfileNumber = from.Trim(),
            InboundNumber = to.Trim(),
            Body = body,
            OriginAtUtc = origin,
            Match = KeywordMatcher.Match(webhook.Keywords, body),
            ReceivedAtUtc = time.GetUtcNow().UtcDateTime,
        }, null);
    }

    private (IngestionEvent? Event, (int Status, string Reason)? Refusal) Feedback(ResolvedWebhook webhook, string? eventKey,
        string? reference, string? status, string? code, string referenceName, string statusName, string codeName)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return (null, (400, $"Missing field {referenceName}."));
        }

        if (string.IsNullOrWhiteSpace(status))
        {
            return (null, (400, $"Missing field {statusName}."));
        }

        var normalizedStatus = status.Trim().ToLowerInvariant();
        var key = eventKey ?? reference + ":" + normalizedStatus;
        code = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        var refusal = TooLong(reference, DeliveryFeedback.ClientReferenceMaxLength, referenceName) ?? TooLong(normalizedStatus, DeliveryFeedback.StatusMaxLength, statusName)
            ?? TooLong(code, DeliveryFeedback.CodeMaxLength, codeName) ?? TooLong(key, DeliveryFeedback.EventKeyMaxLength, "event key (idempotency token or message id and status)");
        if (refusal is not null)
        {
            return (null, refusal);
        }

        return (new FeedbackEvent
        {
            Webhook = webhook,
            EventKey = key,
            ClientReference = reference.Trim(),
            Status = normalizedStatus,
            Code = code,
            ReceivedAtUtc = time.GetUtcNow().UtcDateTime,
        }, null);
    }

    /// <summary>
    /// The string or number at a mapped path (<see cref="PayloadPath.Read"/>), but not a boolean: a phone number, an id
    /// or a status that arrives as <c>true</c> is a wrong type, refused like a missing field.
    /// </summary>
    internal static string? ReadScalar(JsonElement root, string path)
    {
        var segments = PayloadPath.Parse(path);
        if (segments is null)
        {
            return null;
        }

        var current = root;
        foreach (var segment in segments)
        {
            if (segment is string name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }
            else if (current.ValueKind != JsonValueKind.Array || (int)segment >= current.GetArrayLength())
            {
                return null;
            }
            else
            {
                current = current[(int)segment];
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            _ => null,
        };
    }

    private static (int, string)? TooLong(string? value, int max, string name) =>
        value is not null && value.Length > max ? (400, $"Field {name} is longer than {max.ToString(CultureInfo.InvariantCulture)} characters.") : null;

    /// <summary>The URL Twilio signed: <c>Webhooks:PublicBaseUrl</c> + <c>/webhooks/{token}</c> + query when configured, else the request's URL.</summary>
    internal string PublicUrl(WebhookRequest request)
    {
        var baseUrl = webhookOptions.Value.PublicBaseUrl;
        return string.IsNullOrWhiteSpace(baseUrl)
            ? request.RequestUrl
            : WebhookOptions.BuildUrl(baseUrl, request.PathToken) + request.QueryString;
    }

    /// <summary>The content type is <paramref name="expected"/>, with no charset or charset utf-8.</summary>
    internal static bool IsMediaType(string? contentType, string expected)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !parsed.MediaType.Equals(expected, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = parsed.Charset;
        return !charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><c>Bearer &lt;secret&gt;</c> whose SHA-256 equals the stored hash, compared in constant time.</summary>
    internal static bool BearerMatches(byte[]? expectedHash, string? authorization)
    {
        const string scheme = "Bearer ";
        if (expectedHash is null || authorization is null || authorization.Length <= scheme.Length
            || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length > 4096)
        {
            return false;
        }

        var secret = authorization.AsSpan(scheme.Length).Trim();
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(secret.Length)];
        var length = Encoding.UTF8.GetBytes(secret, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        return CryptographicOperations.FixedTimeEquals(hash, expectedHash);
    }

    /// <summary>ISO 8601 (with an offset, or taken as UTC) or Unix seconds/milliseconds; anything else is ignored (the field is optional).</summary>
    internal static DateTime? ParseTimestamp(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            try
            {
                return number > 100_000_000_000
                    ? DateTimeOffset.FromUnixTimeMilliseconds(number).UtcDateTime
                    : DateTimeOffset.FromUnixTimeSeconds(number).UtcDateTime;
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.UtcDateTime
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A webhook request for an unknown webhook was refused (404)")]
    private static partial void LogUnknown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} refused a request with {StatusCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int webhookId, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} acknowledged a request it does not store: {Reason}")]
    private static partial void LogIgnored(ILogger logger, int webhookId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {WebhookId} could not store an event; answered 503 so that the provider retries")]
    private static partial void LogNotStored(ILogger logger, int webhookId);
}
