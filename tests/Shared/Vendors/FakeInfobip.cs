using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace JourneyOptimizer.Sms.Testing;

/// <summary>
/// Infobip's SMS API on a local HTTPS server (its own self-signed certificate for 127.0.0.1: trust
/// <see cref="FakeVendorServer.Certificate"/>), with <c>Authorization: App {key}</c>. Errors come in Infobip's two
/// envelopes: <c>requestError.serviceException</c> for authentication and unknown URLs, as in Infobip's own client
/// tests, and <c>{errorCode,description,violations}</c> for a v3 request that breaks a rule.
/// </summary>
internal sealed class FakeInfobip : FakeVendorServer
{
    private readonly ConcurrentQueue<string> _sent = new();

    private FakeInfobip()
    {
    }

    /// <summary>API keys that authenticate.</summary>
    public ConcurrentDictionary<string, bool> ApiKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>API keys that authenticate but lack the SMS scopes (403).</summary>
    public ConcurrentDictionary<string, bool> KeysWithoutSmsScope { get; } = new(StringComparer.Ordinal);

    /// <summary>Destinations Infobip rejects in a 200 answer (REJECTED_DESTINATION).</summary>
    public ConcurrentDictionary<string, bool> RejectedDestinations { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> SentMessageIds => [.. _sent];

    public static async Task<FakeInfobip> StartAsync()
    {
        var fake = new FakeInfobip();
        await fake.StartAsync(https: true);
        return fake;
    }

    protected override Task<FakeAnswer> Handle(FakeRequest request)
    {
        var header = request.Header("Authorization") ?? "";
        if (!header.StartsWith("App ", StringComparison.Ordinal) || !(ApiKeys.ContainsKey(header[4..]) || KeysWithoutSmsScope.ContainsKey(header[4..])))
        {
            return Task.FromResult(RequestError(401, "UNAUTHORIZED", "Invalid login details"));
        }

        if (KeysWithoutSmsScope.ContainsKey(header[4..]))
        {
            return Task.FromResult(RequestError(403, "UNAUTHORIZED", "Unauthorized access"));
        }

        var answer = (request.Method, request.Path) switch
        {
            ("GET", "/sms/3/logs") => Logs(),
            ("POST", "/sms/3/messages") => Send(request),
            _ => RequestError(404, "NOT_FOUND", "Requested URL not found: " + request.Path),
        };
        return Task.FromResult(answer);
    }

    private FakeAnswer Logs()
    {
        var results = _sent.Take(1).Select(id => $$"""{"messageId":"{{id}}","status":{"groupId":3,"groupName":"DELIVERED","id":5,"name":"DELIVERED_TO_HANDSET"} }""");
        return new FakeAnswer(200, $$"""{"results":[{{string.Join(",", results)}}]}""");
    }

    private FakeAnswer Send(FakeRequest request)
    {
        JsonElement body;
        try
        {
            body = request.Json();
        }
        catch (JsonException)
        {
            return Violation("messages", "Invalid JSON.");
        }

        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return Violation("messages", "Must not be empty.");
        }

        var message = messages[0];
        if (!message.TryGetProperty("destinations", out var destinations) || destinations.GetArrayLength() == 0)
        {
            return Violation("messages[0].destinations", "Must not be empty.");
        }

        if (!message.TryGetProperty("content", out var content) || !content.TryGetProperty("text", out _))
        {
            return Violation("messages[0].content.text", "Must not be null.");
        }

        var to = destinations[0].GetProperty("to").GetString() ?? "";
        var id = Guid.NewGuid().ToString();
        var bulk = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        if (RejectedDestinations.ContainsKey(to))
        {
            return new FakeAnswer(200, $$"""{"bulkId":"{{bulk}}","messages":[{"messageId":"{{id}}","status":{"groupId":5,"groupName":"REJECTED","id":51,"name":"REJECTED_DESTINATION","description":"Invalid destination address."},"destination":"{{to}}"}]}""");
        }

        _sent.Enqueue(id);
        return new FakeAnswer(200, $$"""{"bulkId":"{{bulk}}","messages":[{"messageId":"{{id}}","status":{"groupId":1,"groupName":"PENDING","id":26,"name":"PENDING_ACCEPTED","description":"Message sent to next instance"},"destination":"{{to}}","details":{"messageCount":1} }]}""");
    }

    public static FakeAnswer RequestError(int status, string messageId, string text) =>
        new(status, $$"""{"requestError":{"serviceException":{"messageId":"{{messageId}}","text":{{JsonSerializer.Serialize(text)}} } } }""");

    public static FakeAnswer Violation(string property, string violation) =>
        new(400, $$"""{"errorCode":"E400","description":"Request cannot be processed.","action":"Check the syntax, violations and adjust the request.","violations":[{"property":"{{property}}","violation":"{{violation}}"}],"resources":[{"name":"API endpoint documentation","url":"https://www.infobip.com/docs/api/send-sms-messages"}]}""");
}
