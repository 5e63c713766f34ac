using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>Turns Sinch's error answers into <see cref="SinchFailure"/> values.</summary>
internal static class SinchErrors
{
    /// <summary>
    /// The failure for an answer that is not a success. The kind follows the status (Sinch documents the status, and
    /// its 401 body is not settled); the code and text come from whichever of Sinch's error bodies is there: the SMS
    /// API's <c>{"code","text"}</c>, the Conversation API's <c>{"error":{"code","message","status"}}</c> or the OAuth
    /// endpoint's <c>{"error","error_description"}</c>.
    /// </summary>
    public static SinchFailure FromAnswer(ProviderAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var (code, text) = ReadBody(answer.Body);
        var kind = answer.Status switch
        {
            >= 500 or < 400 => SinchFailureKind.Unreachable,
            429 => SinchFailureKind.RateLimited,
            401 => SinchFailureKind.Unauthorized,
            404 => SinchFailureKind.NotFound,
            _ => SinchFailureKind.Rejected,
        };
        return new SinchFailure(kind, answer.Status, code, text, kind == SinchFailureKind.RateLimited ? answer.RetryAfter : null);
    }

    private static (string? Code, string? Text) ReadBody(byte[] body)
    {
        using var document = ProviderJson.TryParse(body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return (null, null);
        }

        // Conversation API: {"error":{"code":404,"message":"...","status":"NOT_FOUND"}}
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            ProviderJson.TryGetOptionalString(error, "status", out var status);
            ProviderJson.TryGetOptionalString(error, "message", out var message);
            return (Clip(status), Clip(message));
        }

        // OAuth endpoint: {"error":"invalid_client","error_description":"..."}
        if (ProviderJson.TryGetOptionalString(root, "error", out var oauthError) && oauthError is not null)
        {
            ProviderJson.TryGetOptionalString(root, "error_description", out var description);
            return (Clip(oauthError), Clip(description));
        }

        // SMS REST API: {"code":"syntax_invalid_parameter_format","text":"..."}
        ProviderJson.TryGetOptionalString(root, "code", out var code);
        ProviderJson.TryGetOptionalString(root, "text", out var text);
        return (Clip(code), Clip(text));
    }

    /// <summary>Sinch's texts are shown to administrators: one line, at most 300 characters.</summary>
    private static string? Clip(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var line = string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 300 ? line : line[..300];
    }
}
