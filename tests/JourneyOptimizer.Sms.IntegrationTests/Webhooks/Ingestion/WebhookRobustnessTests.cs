using System.Net;
using System.Text;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.IntegrationTests.Webhooks.Ingestion;

/// <summary>The 4xx matrix, a fuzz run (never a 5xx, nothing half-stored) and many parallel requests (stored == acknowledged).</summary>
public sealed class WebhookRobustnessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static HttpRequestMessage Raw(string path, byte[] body, string? contentType, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(TwilioSignature.HeaderName, signature);
        }

        return request;
    }

    private async Task<HttpStatusCode> SendAsync(HttpRequestMessage request)
    {
        using var client = factory.CreateClient();
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Matrix_EveryRefusal_HasItsStatusAndStoresNothing()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound);
        var form = WebhookKit.InboundForm(hook, TestData.Number(), "STOP");
        var signedForm = (IReadOnlyList<KeyValuePair<string, string>> f) => WebhookKit.TwilioPost(hook.Path, f, hook.AuthToken);
        var without = (string key) => form.Where(p => p.Key != key && !(key == "MessageSid" && p.Key == "SmsMessageSid")).ToList();
        var huge = new byte[WebhookIngestionLimits.MaxBody + 1];
        Array.Fill(huge, (byte)'a');
        using var chunked = new HttpRequestMessage(HttpMethod.Post, hook.Path)
        {
            Content = new StreamContent(new MemoryStream(huge)),
        };
        chunked.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");

        var cases = new (string Why, HttpRequestMessage Request, HttpStatusCode Expected)[]
        {
            ("unknown token", WebhookKit.TwilioPost("/webhooks/" + WebhookKit.NewToken(), form, hook.AuthToken), HttpStatusCode.NotFound),
            ("token too long", WebhookKit.TwilioPost("/webhooks/" + new string('a', 65), form, hook.AuthToken), HttpStatusCode.NotFound),
            ("token with dots", WebhookKit.TwilioPost("/webhooks/a.b", form, hook.AuthToken), HttpStatusCode.NotFound),
            ("no token", WebhookKit.TwilioPost("/webhooks/", form, hook.AuthToken), HttpStatusCode.NotFound),
            ("GET", new HttpRequestMessage(HttpMethod.Get, hook.Path), HttpStatusCode.MethodNotAllowed),
            ("json to twilio", Raw(hook.Path, "{}"u8.ToArray(), "application/json"), HttpStatusCode.UnsupportedMediaType),
            ("no content type", Raw(hook.Path, "a=b"u8.ToArray(), null), HttpStatusCode.UnsupportedMediaType),
            ("over 64 KB", Raw(hook.Path, huge, "application/x-www-form-urlencoded"), HttpStatusCode.RequestEntityTooLarge),
            ("over 64 KB chunked", chunked, HttpStatusCode.RequestEntityTooLarge),
            ("invalid utf-8", Raw(hook.Path, [0x42, 0x6F, 0x64, 0x79, 0x3D, 0xFF, 0xFE], "application/x-www-form-urlencoded", "x"), HttpStatusCode.BadRequest),
            ("missing From", signedForm(without("From")), HttpStatusCode.BadRequest),
            ("missing To", signedForm(without("To")), HttpStatusCode.BadRequest),
            ("missing MessageSid", signedForm(without("MessageSid")), HttpStatusCode.BadRequest),
            ("missing AccountSid", signedForm(without("AccountSid")), HttpStatusCode.BadRequest),
            ("From too long", signedForm([.. without("From"), new("From", new string('1', 21))]), HttpStatusCode.BadRequest),
            ("Body too long", signedForm([.. without("Body"), new("Body", new string('b', 4001))]), HttpStatusCode.BadRequest),
            ("bad signature", WebhookKit.TwilioPost(hook.Path, form, hook.AuthToken, signatureOverride: "AAAA"), HttpStatusCode.Forbidden),
        };

        foreach (var (why, request, expected) in cases)
        {
            using (request)
            {
                Assert.True(expected == await SendAsync(request), why);
            }
        }

        Assert.Equal(0, await factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ConsentRecords.CountAsync(c => c.WebhookId == hook.Id)));
    }

    [Fact]
    public async Task Fuzz_RandomRequests_OnlyEver2xxOr4xx_AndStoredEqualsAcknowledged()
    {
        var twilio = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound,
            new InboundKeywordSettings { FuzzyLogic = true, DefaultReplyMessage = "ok" });
        var feedback = await WebhookKit.TwilioAsync(factory, WebhookType.Feedback);
        var custom = await WebhookKit.CustomAsync(factory, WebhookType.Inbound, new InboundKeywordSettings { DefaultReplyMessage = "ok" });
        var random = new Random(20261123);
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        var statuses = new Dictionary<int, int>();

        string RandomText(int max)
        {
            var length = random.Next(0, max);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = random.Next(10) switch
                {
                    0 => (char)random.Next(0, 32),
                    1 => (char)random.Next(0x80, 0x3000),
                    2 => "&=%+<>\"'\\{}[]"[random.Next(13)],
                    _ => (char)random.Next('0', 'z'),
                };
            }

            return new string(chars);
        }

        string RandomJson(int depth)
        {
            return (depth > 4 ? random.Next(4) : random.Next(8)) switch
            {
                0 => "null",
                1 => random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                2 => JsonSerializer.Serialize(RandomText(30)),
                3 => random.Next(2) == 0 ? "true" : "1e309",
                4 => "[" + string.Join(",", Enumerable.Range(0, random.Next(3)).Select(_ => RandomJson(depth + 1))) + "]",
                _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ =>
                    JsonSerializer.Serialize(new[] { "id", "message", "from", "text", "to", "x" }[random.Next(6)]) + ":" + RandomJson(depth + 1))) + "}",
            };
        }

        for (var i = 0; i < 300; i++)
        {
            HttpRequestMessage request;
            string? key = null;
            switch (random.Next(7))
            {
                case 0:
                    {
                        var bytes = new byte[random.Next(0, 3000)];
                        random.NextBytes(bytes);
                        request = Raw(new[] { twilio.Path, custom.Path, feedback.Path }[random.Next(3)], bytes,
                            new[] { "application/x-www-form-urlencoded", "application/json", "text/plain", "application/json; charset=utf-16" }[random.Next(4)],
                            signature: RandomText(30));
                        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + custom.Secret);
                        break;
                    }

                case 1:
                case 2:
                    {
                        // Signed (so it passes authentication) but with hostile fields.
                        var sid = random.Next(3) == 0 ? RandomText(250) : WebhookKit.MessageSid();
                        var form = WebhookKit.InboundForm(twilio, random.Next(3) == 0 ? RandomText(40) : TestData.Number(), RandomText(random.Next(2) == 0 ? 50 : 6000), sid);
                        if (random.Next(4) == 0)
                        {
                            form.Add(new(RandomText(10), RandomText(100)));
                            form.Add(new("Body", RandomText(5)));
                        }

                        request = WebhookKit.TwilioPost(twilio.Path, form, twilio.AuthToken);
                        key = "T:" + sid;
                        break;
                    }

                case 3:
                    {
                        var sid = random.Next(5) == 0 ? "" : WebhookKit.MessageSid();
                        var status = new[] { "queued", "sent", "delivered", "", RandomText(40), "READ" }[random.Next(6)];
                        request = WebhookKit.TwilioPost(feedback.Path, WebhookKit.StatusForm(feedback, sid, status, random.Next(2) == 0 ? RandomText(40) : null), feedback.AuthToken);
                        key = "F:" + sid + ":" + status.Trim().ToLowerInvariant();
                        break;
                    }

                default:
                    {
                        var json = random.Next(3) == 0
                            ? JsonSerializer.Serialize(new { id = "r" + random.Next(), message = new { from = TestData.Number(), text = RandomText(30), to = random.Next(2) == 0 ? null : RandomText(25) } })
                            : RandomJson(0);
                        request = WebhookKit.CustomPost(custom, json);
                        using (var doc = TryParse(json))
                        {
                            key = doc?.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                                ? "C:" + id.GetString()
                                : "C:?";
                        }

                        break;
                    }
            }

            using (request)
            {
                var status = (int)await SendAsync(request);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                Assert.True(status is >= 200 and < 300 or >= 400 and < 500, $"request {i} answered {status}");
                if (status is >= 200 and < 300)
                {
                    Assert.NotNull(key);
                    acknowledged.Add(key);
                }
            }
        }

        var stored = await factory.WithDbAsync(async db =>
            (await db.InboundMessages.Where(m => m.WebhookId == twilio.Id).Select(m => "T:" + m.EventKey).ToListAsync())
            .Concat(await db.DeliveryFeedback.Where(f => f.WebhookId == feedback.Id).Select(f => "F:" + f.EventKey).ToListAsync())
            .Concat(await db.InboundMessages.Where(m => m.WebhookId == custom.Id).Select(m => "C:" + m.EventKey).ToListAsync())
            .ToHashSet(StringComparer.Ordinal));
        Assert.True(acknowledged.SetEquals(stored), $"acknowledged {acknowledged.Count}, stored {stored.Count}; statuses {string.Join(", ", statuses)}");
        Assert.True(statuses.Keys.Any(s => s < 300) && statuses.Keys.Count(s => s >= 400) > 1, string.Join(", ", statuses));
        Assert.DoesNotContain(" 500", factory.Logs.All, StringComparison.Ordinal);
    }

    private static JsonDocument? TryParse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [Fact]
    public async Task Concurrency_ManyParallelCallbacks_StoredEqualsAcknowledged()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Feedback);
        var sids = Enumerable.Range(0, 100).Select(_ => WebhookKit.MessageSid()).ToArray();
        var statuses = new[] { "queued", "sent", "delivered" };

        // 100 messages x 3 statuses, each sent twice (a retry racing the original), all at once.
        var requests = sids.SelectMany(sid => statuses.SelectMany(status => new[] { (sid, status), (sid, status) })).ToArray();
        using var client = factory.CreateClient();
        var answers = await Task.WhenAll(requests.Select(async r =>
        {
            using var response = await client.SendAsync(WebhookKit.TwilioPost(hook.Path, WebhookKit.StatusForm(hook, r.sid, r.status), hook.AuthToken));
            return response.StatusCode;
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a));
        Assert.Equal(300, await factory.WithDbAsync(db => db.DeliveryFeedback.CountAsync(f => f.WebhookId == hook.Id)));
        var current = await factory.WithDbAsync(db => db.MessageDeliveryStatuses.Where(s => s.WebhookId == hook.Id).Select(s => s.Status).ToListAsync());
        Assert.Equal(100, current.Count);
        Assert.All(current, s => Assert.Equal("delivered", s));
    }

    [Fact]
    public async Task Concurrency_ParallelOptOutsOfOneProfile_OneConsentRecord()
    {
        var hook = await WebhookKit.TwilioAsync(factory, WebhookType.Inbound);
        var profile = TestData.Number();
        using var client = factory.CreateClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await client.SendAsync(WebhookKit.TwilioPost(hook.Path,
                WebhookKit.InboundForm(hook, profile, i % 2 == 0 ? "STOP" : "START"), hook.AuthToken));
            return response.StatusCode;
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(40, await factory.WithDbAsync(db => db.InboundMessages.CountAsync(m => m.WebhookId == hook.Id)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.ConsentRecords.CountAsync(c => c.ProfileNumber == profile)));
    }
}

internal static class WebhookIngestionLimits
{
    public const int MaxBody = Core.Webhooks.Ingestion.WebhookIngestionOptions.MaxBodyBytes;
}
