using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>
/// <see cref="IInfobipClient"/> on a typed <see cref="HttpClient"/> (registered by
/// <see cref="InfobipServiceCollectionExtensions.AddInfobip"/>): the Custom provider's primary handler (address guard
/// on every connection, no proxy, no redirects), timeouts, read retries, header values never logged.
/// </summary>
internal sealed partial class InfobipClient(HttpClient http, IOptions<CustomProvidersOptions> addressOptions, TimeProvider time,
    ILogger<InfobipClient> logger) : IInfobipClient
{
    public const string HttpClientName = "Infobip";

    public async Task<InfobipResult<InfobipLogsPage>> GetLogsAsync(InfobipApiCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (Invalid(credentials) is { } invalid)
        {
            return InfobipResult.Fail<InfobipLogsPage>(invalid);
        }

        using var request = Request(HttpMethod.Get, credentials, "sms/3/logs?limit=1");
        var (answer, transport) = await ProviderHttpClient.SendAsync(http, request, time, logger, "Infobip GetLogs", cancellationToken);
        if (answer is null || !answer.IsSuccess)
        {
            return InfobipResult.Fail<InfobipLogsPage>(Failed("GetLogs", answer, transport));
        }

        using var document = ProviderJson.TryParse(answer.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            return InfobipResult.Fail<InfobipLogsPage>(NotInfobip("GetLogs", answer.Status));
        }

        LogAnswered(logger, "GetLogs");
        return InfobipResult.Success(new InfobipLogsPage(results.GetArrayLength()));
    }

    public async Task<InfobipResult<InfobipSentMessage>> SendTextAsync(InfobipApiCredentials credentials, InfobipTextMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(message);
        if ((Invalid(credentials) ?? Invalid(message)) is { } invalid)
        {
            return InfobipResult.Fail<InfobipSentMessage>(invalid);
        }

        using var request = Request(HttpMethod.Post, credentials, "sms/3/messages");
        request.Content = new StringContent(SendBody(message).ToJsonString(), Encoding.UTF8, "application/json");
        var (answer, transport) = await ProviderHttpClient.SendAsync(http, request, time, logger, "Infobip SendText", cancellationToken);
        if (answer is null || !answer.IsSuccess)
        {
            return InfobipResult.Fail<InfobipSentMessage>(Failed("SendText", answer, transport));
        }

        using var document = ProviderJson.TryParse(answer.Body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array
            || messages.GetArrayLength() == 0
            || !ProviderJson.TryGetRequiredString(messages[0], "messageId", out var messageId)
            || !ProviderJson.TryGetOptionalString(root, "bulkId", out var bulkId))
        {
            return InfobipResult.Fail<InfobipSentMessage>(NotInfobip("SendText", answer.Status));
        }

        string? group = null;
        string? name = null;
        string? description = null;
        if (messages[0].TryGetProperty("status", out var status)
            && (!ProviderJson.TryGetOptionalString(status, "groupName", out group)
                || !ProviderJson.TryGetOptionalString(status, "name", out name)
                || !ProviderJson.TryGetOptionalString(status, "description", out description)))
        {
            return InfobipResult.Fail<InfobipSentMessage>(NotInfobip("SendText", answer.Status));
        }

        // A 200 can still carry a rejection of the message itself (an unknown destination, a blocked sender).
        if (group is "REJECTED" or "UNDELIVERABLE")
        {
            LogFailed(logger, "SendText", answer.Status, name, InfobipFailureKind.Rejected);
            return InfobipResult.Fail<InfobipSentMessage>(new InfobipFailure(InfobipFailureKind.Rejected, answer.Status, name ?? group, description));
        }

        LogAnswered(logger, "SendText");
        return InfobipResult.Success(new InfobipSentMessage(messageId, bulkId, group, name));
    }

    internal static JsonObject SendBody(InfobipTextMessage message)
    {
        var to = message.To.Trim();
        var entry = new JsonObject
        {
            ["sender"] = message.Sender.Trim(),
            // Infobip writes numbers in international format without '+'.
            ["destinations"] = new JsonArray(new JsonObject { ["to"] = to.StartsWith('+') ? to[1..] : to }),
            ["content"] = new JsonObject { ["text"] = message.Text },
        };

        var options = new JsonObject();
        if (message.ValidityPeriodHours is { } hours)
        {
            options["validityPeriod"] = new JsonObject { ["amount"] = hours, ["timeUnit"] = "HOURS" };
        }

        if (!string.IsNullOrWhiteSpace(message.PrincipalEntityId))
        {
            var dlt = new JsonObject { ["principalEntityId"] = message.PrincipalEntityId.Trim() };
            if (!string.IsNullOrWhiteSpace(message.ContentTemplateId))
            {
                dlt["contentTemplateId"] = message.ContentTemplateId.Trim();
            }

            options["regional"] = new JsonObject { ["indiaDlt"] = dlt };
        }

        if (options.Count > 0)
        {
            entry["options"] = options;
        }

        var webhooks = new JsonObject();
        if (message.DeliveryReportUrl is { } url)
        {
            webhooks["delivery"] = new JsonObject { ["url"] = url.AbsoluteUri };
            webhooks["contentType"] = "application/json";
        }

        if (!string.IsNullOrEmpty(message.CallbackData))
        {
            webhooks["callbackData"] = message.CallbackData;
        }

        if (webhooks.Count > 0)
        {
            entry["webhooks"] = webhooks;
        }

        return new JsonObject { ["messages"] = new JsonArray(entry) };
    }

    private static HttpRequestMessage Request(HttpMethod method, InfobipApiCredentials credentials, string relative)
    {
        var request = new HttpRequestMessage(method, new Uri(credentials.BaseUrl, relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("App", credentials.ApiKey.Trim());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private InfobipFailure Failed(string operation, ProviderAnswer? answer, ProviderTransportFailure? transport)
    {
        if (answer is null)
        {
            return new InfobipFailure(transport == ProviderTransportFailure.RefusedTarget ? InfobipFailureKind.RefusedTarget : InfobipFailureKind.Unreachable);
        }

        var failure = FromAnswer(answer);
        LogFailed(logger, operation, answer.Status, failure.Code, failure.Kind);
        return failure;
    }

    private InfobipFailure NotInfobip(string operation, int status)
    {
        LogFailed(logger, operation, status, null, InfobipFailureKind.Unreachable);
        return new InfobipFailure(InfobipFailureKind.Unreachable, status);
    }

    /// <summary>
    /// The failure for an error answer. The kind follows the status; the code and text come from either of Infobip's
    /// error bodies: <c>{"requestError":{"serviceException":{"messageId","text"}}}</c> or
    /// <c>{"errorCode","description","violations":[...]}</c>.
    /// </summary>
    internal static InfobipFailure FromAnswer(ProviderAnswer answer)
    {
        string? code = null;
        string? text = null;
        using (var document = ProviderJson.TryParse(answer.Body))
        {
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root)
            {
                if (root.TryGetProperty("requestError", out var requestError)
                    && requestError.ValueKind == JsonValueKind.Object
                    && requestError.TryGetProperty("serviceException", out var exception))
                {
                    ProviderJson.TryGetOptionalString(exception, "messageId", out code);
                    ProviderJson.TryGetOptionalString(exception, "text", out text);
                }
                else
                {
                    ProviderJson.TryGetOptionalString(root, "errorCode", out code);
                    ProviderJson.TryGetOptionalString(root, "description", out text);
                    if (root.TryGetProperty("violations", out var violations) && violations.ValueKind == JsonValueKind.Array
                        && violations.GetArrayLength() > 0
                        && ProviderJson.TryGetOptionalString(violations[0], "property", out var property)
                        && ProviderJson.TryGetOptionalString(violations[0], "violation", out var violation)
                        && property is not null && violation is not null)
                    {
                        text = $"{text} {property}: {violation}".Trim();
                    }
                }
            }
        }

        var kind = answer.Status switch
        {
            >= 500 or < 400 => InfobipFailureKind.Unreachable,
            429 => InfobipFailureKind.RateLimited,
            401 => InfobipFailureKind.Unauthorized,
            404 => InfobipFailureKind.NotFound,
            _ => InfobipFailureKind.Rejected,
        };
        return new InfobipFailure(kind, answer.Status, Clip(code), Clip(text), kind == InfobipFailureKind.RateLimited ? answer.RetryAfter : null);
    }

    private static string? Clip(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var line = string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 300 ? line : line[..300];
    }

    private InfobipFailure? Invalid(InfobipApiCredentials credentials)
    {
        var key = credentials.ApiKey?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > 1000 || !key.All(c => c is > ' ' and < '\u007f'))
        {
            return new InfobipFailure(InfobipFailureKind.InvalidRequest, Text: "The API key is empty or has spaces or control characters.");
        }

        // The base URL is checked again here (it may come from the database): https, no path, and no private literal.
        var problem = InfobipBaseUrl.TryNormalize(credentials.BaseUrl?.OriginalString, addressOptions.Value.AllowPrivateNetworks, out _);
        return problem switch
        {
            InfobipBaseUrl.Problem.None => null,
            InfobipBaseUrl.Problem.PrivateAddress => new InfobipFailure(InfobipFailureKind.RefusedTarget),
            _ => new InfobipFailure(InfobipFailureKind.InvalidRequest, Text: "The API base URL must be an https URL without a path."),
        };
    }

    private static InfobipFailure? Invalid(InfobipTextMessage message)
    {
        var ok = !string.IsNullOrWhiteSpace(message.Sender) && message.Sender.Trim().Length <= 64 && ProviderJson.IsValidUtf16(message.Sender)
            && !string.IsNullOrWhiteSpace(message.To) && message.To.Trim().Length <= 64 && ProviderJson.IsValidUtf16(message.To)
            && !string.IsNullOrEmpty(message.Text) && message.Text.Length <= InfobipTextMessage.MaxTextLength && ProviderJson.IsValidUtf16(message.Text)
            && message.ValidityPeriodHours is null or > 0
            && (message.CallbackData is null || (message.CallbackData.Length <= 4000 && ProviderJson.IsValidUtf16(message.CallbackData)))
            && (message.PrincipalEntityId is null || ProviderJson.IsValidUtf16(message.PrincipalEntityId))
            && (message.ContentTemplateId is null || ProviderJson.IsValidUtf16(message.ContentTemplateId))
            && message.DeliveryReportUrl is null or { IsAbsoluteUri: true };
        return ok ? null : new InfobipFailure(InfobipFailureKind.InvalidRequest, Text: "A message needs a sender, a recipient and a text of at most 4000 characters.");
    }

    [LoggerMessage(EventId = 4221, Level = LogLevel.Debug, Message = "Infobip {Operation} answered")]
    private static partial void LogAnswered(ILogger logger, string operation);

    [LoggerMessage(EventId = 4222, Level = LogLevel.Warning,
        Message = "Infobip {Operation} failed with HTTP {StatusCode}, Infobip code {InfobipCode} ({FailureKind})")]
    private static partial void LogFailed(ILogger logger, string operation, int statusCode, string? infobipCode, InfobipFailureKind failureKind);
}
