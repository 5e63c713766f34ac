using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>
/// <see cref="ISinchSmsClient"/> on a typed <see cref="HttpClient"/> (registered by
/// <see cref="SinchServiceCollectionExtensions.AddSinch"/>: timeouts, read retries, headers never logged).
/// </summary>
public sealed partial class SinchSmsClient(HttpClient http, IOptions<SinchOptions> options, TimeProvider time,
    ILogger<SinchSmsClient> logger) : ISinchSmsClient
{
    /// <summary>The name of the typed client's <see cref="HttpClient"/>.</summary>
    public const string HttpClientName = "Sinch.Sms";

    private static readonly System.Buffers.SearchValues<char> SearchValuesAlphanumeric =
        System.Buffers.SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    public async Task<SinchResult<SinchBatchPage>> ListBatchesAsync(SinchSmsCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (Invalid(credentials) is { } invalid)
        {
            return SinchResult.Fail<SinchBatchPage>(invalid);
        }

        using var request = Request(HttpMethod.Get, credentials, "batches?page_size=1");
        var (answer, failure) = await ProviderHttpClient.SendAsync(http, request, time, logger, "Sinch ListBatches", cancellationToken);
        if (answer is null || !answer.IsSuccess)
        {
            return SinchResult.Fail<SinchBatchPage>(Failed("ListBatches", answer, failure));
        }

        using var document = ProviderJson.TryParse(answer.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !ProviderJson.TryGetOptionalInt(root, "count", out var count) || count is null
            || !ProviderJson.TryGetOptionalInt(root, "page", out var page)
            || !ProviderJson.TryGetOptionalInt(root, "page_size", out var pageSize)
            || !root.TryGetProperty("batches", out var batches) || batches.ValueKind != JsonValueKind.Array)
        {
            return SinchResult.Fail<SinchBatchPage>(NotSinch("ListBatches", answer.Status));
        }

        LogAnswered(logger, "ListBatches");
        return SinchResult.Success(new SinchBatchPage(count.Value, page ?? 0, pageSize ?? 0));
    }

    public async Task<SinchResult<SinchBatch>> SendTextAsync(SinchSmsCredentials credentials, SinchTextBatchRequest batch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(batch);
        if ((Invalid(credentials) ?? Invalid(batch)) is { } invalid)
        {
            return SinchResult.Fail<SinchBatch>(invalid);
        }

        using var request = Request(HttpMethod.Post, credentials, "batches");
        request.Content = new StringContent(Body(batch).ToJsonString(), Encoding.UTF8, "application/json");
        var (answer, failure) = await ProviderHttpClient.SendAsync(http, request, time, logger, "Sinch SendText", cancellationToken);
        if (answer is null || !answer.IsSuccess)
        {
            return SinchResult.Fail<SinchBatch>(Failed("SendText", answer, failure));
        }

        using var document = ProviderJson.TryParse(answer.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !ProviderJson.TryGetRequiredString(root, "id", out var id)
            || !ProviderJson.TryGetOptionalTimestamp(root, "created_at", out var createdAt)
            || !ProviderJson.TryGetOptionalBool(root, "canceled", out var canceled))
        {
            return SinchResult.Fail<SinchBatch>(NotSinch("SendText", answer.Status));
        }

        LogAnswered(logger, "SendText");
        return SinchResult.Success(new SinchBatch(id, createdAt, canceled ?? false));
    }

    private HttpRequestMessage Request(HttpMethod method, SinchSmsCredentials credentials, string relative)
    {
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{options.Value.SmsBaseUrl}/xms/v1/{Uri.EscapeDataString(credentials.ServicePlanId.Trim())}/{relative}");
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.ApiToken.Trim());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static JsonObject Body(SinchTextBatchRequest batch)
    {
        var body = new JsonObject
        {
            ["to"] = new JsonArray([.. batch.To.Select(to => JsonValue.Create(to.Trim()))]),
            ["from"] = batch.From.Trim(),
            ["body"] = batch.Body,
            ["type"] = "mt_text",
            ["delivery_report"] = batch.DeliveryReport switch
            {
                SinchDeliveryReportMode.Summary => "summary",
                SinchDeliveryReportMode.Full => "full",
                SinchDeliveryReportMode.PerRecipient => "per_recipient",
                SinchDeliveryReportMode.PerRecipientFinal => "per_recipient_final",
                _ => "none",
            },
        };
        if (batch.CallbackUrl is { } callback)
        {
            body["callback_url"] = callback.AbsoluteUri;
        }

        if (!string.IsNullOrEmpty(batch.ClientReference))
        {
            body["client_reference"] = batch.ClientReference;
        }

        return body;
    }

    private SinchFailure Failed(string operation, ProviderAnswer? answer, ProviderTransportFailure? transport)
    {
        if (answer is null)
        {
            return new SinchFailure(SinchFailureKind.Unreachable);
        }

        var failure = SinchErrors.FromAnswer(answer);
        LogFailed(logger, operation, answer.Status, failure.Code, failure.Kind);
        return failure;
    }

    private SinchFailure NotSinch(string operation, int status)
    {
        LogFailed(logger, operation, status, null, SinchFailureKind.Unreachable);
        return new SinchFailure(SinchFailureKind.Unreachable, status);
    }

    internal static SinchFailure? Invalid(SinchSmsCredentials credentials)
    {
        var plan = credentials.ServicePlanId?.Trim();
        if (string.IsNullOrEmpty(plan) || plan.Length > 64 || plan.AsSpan().IndexOfAnyExcept(SearchValuesAlphanumeric) >= 0)
        {
            return new SinchFailure(SinchFailureKind.InvalidRequest, Text: "The service plan id must be letters and digits.");
        }

        return IsHeaderSafe(credentials.ApiToken) ? null : new SinchFailure(SinchFailureKind.InvalidRequest, Text: "The API token is empty or has spaces or control characters.");
    }

    internal static bool IsHeaderSafe(string? token)
    {
        var trimmed = token?.Trim();
        return !string.IsNullOrEmpty(trimmed) && trimmed.Length <= 1000 && trimmed.All(c => c is > ' ' and < '\u007f');
    }

    private static SinchFailure? Invalid(SinchTextBatchRequest batch)
    {
        var ok = batch.To is { Count: > 0 and <= SinchTextBatchRequest.MaxRecipients }
            && batch.To.All(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= 64 && ProviderJson.IsValidUtf16(t))
            && !string.IsNullOrWhiteSpace(batch.From) && batch.From.Trim().Length <= 64 && ProviderJson.IsValidUtf16(batch.From)
            && !string.IsNullOrEmpty(batch.Body) && batch.Body.Length <= SinchTextBatchRequest.MaxBodyLength && ProviderJson.IsValidUtf16(batch.Body)
            && (batch.ClientReference is null || (batch.ClientReference.Length <= 128 && ProviderJson.IsValidUtf16(batch.ClientReference)))
            && batch.CallbackUrl is null or { IsAbsoluteUri: true };
        return ok ? null : new SinchFailure(SinchFailureKind.InvalidRequest, Text: "A batch needs 1 to 1000 recipients, a sender and a text of at most 2000 characters.");
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Sinch SMS {Operation} answered")]
    private static partial void LogAnswered(ILogger logger, string operation);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning,
        Message = "Sinch SMS {Operation} failed with HTTP {StatusCode}, Sinch code {SinchCode} ({FailureKind})")]
    private static partial void LogFailed(ILogger logger, string operation, int statusCode, string? sinchCode, SinchFailureKind failureKind);
}
