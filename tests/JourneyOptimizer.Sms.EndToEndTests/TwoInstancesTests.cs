using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Testing;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>
/// Two portal processes on one PostgreSQL database, as behind a load balancer (docs/configuration.md, "Several
/// instances"): one browser's cookies go to both, every request to the instance the test names. Both start together
/// on an empty database (one runs the start-up tasks, the other waits for the start-up lock, then finds them done).
/// </summary>
public sealed class TwoInstancesTests(PostgreSqlCluster cluster) : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.com";
    private const string AdminPassword = "Adm1n!Passw0rd";

    /// <summary>The address providers reach the portal at, behind the load balancer: Twilio signs it.</summary>
    private const string PublicBaseUrl = "https://sms.example.test";

    private readonly FakeTwilio _twilio = new();
    private string _connectionString = "";
    private PortalProcess _a = null!;
    private PortalProcess _b = null!;

    public async ValueTask InitializeAsync()
    {
        cluster.Require();
        _connectionString = cluster.CreateDatabase();
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Portal"] = _connectionString,
            ["Bootstrap__AdminEmail"] = AdminEmail,
            ["Bootstrap__AdminPassword"] = AdminPassword,
            ["Twilio__ApiBaseUrl"] = _twilio.BaseUrl,
            ["Twilio__MessagingBaseUrl"] = _twilio.BaseUrl,
            ["Webhooks__PublicBaseUrl"] = PublicBaseUrl,
            // Both instances look for submitted configurations ten times a second: they compete for every one.
            ["ChannelChecks__PollIntervalSeconds"] = "0.1",
        };
        var a = PortalProcess.StartAsync(environment);
        var b = PortalProcess.StartAsync(environment);
        _a = await a;
        _b = await b;
    }

    public async ValueTask DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        await _twilio.DisposeAsync();
        if (_connectionString.Length > 0)
        {
            cluster.DropDatabase(_connectionString);
        }
    }

    private SmsDbContext Db()
    {
        var options = new DbContextOptionsBuilder<SmsDbContext>();
        DependencyInjection.ConfigureDatabase(options, DatabaseProvider.PostgreSql, _connectionString);
        return new SmsDbContext(options.Options);
    }

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);

    private static string Hex32() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    [Fact]
    public async Task Two_instances_share_sessions_forms_data_checks_and_webhooks()
    {
        using var browser = new FormClient();

        // Signed in through a form served by A and posted to B (the antiforgery token of one, accepted by the other);
        // the session B issued is a session on A: one Data Protection key ring, in the database.
        var signIn = await browser.GetAsync(_a.BaseUrl, "/account/sign-in");
        var signedIn = await browser.SubmitAsync(signIn, "form", _b.BaseUrl, Fields(("Input.Email", AdminEmail), ("Input.Password", AdminPassword)));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("Sandboxes", (await browser.GetAsync(_a.BaseUrl, "/administration/sandboxes")).Title, StringComparison.Ordinal);
        Assert.Contains("Sandboxes", (await browser.GetAsync(_b.BaseUrl, "/administration/sandboxes")).Title, StringComparison.Ordinal);

        // A form opened on B, posted to A.
        var create = await browser.GetAsync(_b.BaseUrl, "/administration/sandboxes/create");
        var created = await browser.SubmitAsync(create, "main form", _a.BaseUrl, Fields(("Input.Name", "shared"), ("Input.Title", "Shared")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        int sandboxId;
        await using (var db = Db())
        {
            sandboxId = await db.Sandboxes.Where(s => s.Name == "shared").Select(s => s.Id).SingleAsync();
        }

        await EditsAreSeenAndStaleSavesRefusedAsync(browser, sandboxId, saveOn: _a, staleOn: _b, "Renamed on A");
        await EditsAreSeenAndStaleSavesRefusedAsync(browser, sandboxId, saveOn: _b, staleOn: _a, "Renamed on B");

        var (credentialId, authToken, accountSid) = await TwilioCredentialAsync(browser);
        await SubmittedConfigurationsAreCheckedOnceAsync(browser, credentialId);
        await WebhooksAreStoredOnceAlsoWhenAnInstanceIsKilledAsync(credentialId, authToken, accountSid);
    }

    /// <summary>Both instances show the form at one version; a save on one is seen by the other, whose stale save is refused.</summary>
    private async Task EditsAreSeenAndStaleSavesRefusedAsync(FormClient browser, int sandboxId, PortalProcess saveOn, PortalProcess staleOn,
        string title)
    {
        var path = $"/administration/sandboxes/edit/{sandboxId}";
        var fresh = await browser.GetAsync(saveOn.BaseUrl, path);
        var stale = await browser.GetAsync(staleOn.BaseUrl, path);

        var saved = await browser.SubmitAsync(fresh, "main form", saveOn.BaseUrl, Fields(("Title", title)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var seen = await browser.GetAsync(staleOn.BaseUrl, path);
        Assert.Equal(title, (seen.QuerySelector("input[name=Title]") as IHtmlInputElement)?.Value);

        var refused = await browser.SubmitAsync(stale, "main form", staleOn.BaseUrl, Fields(("Title", "stale " + title)));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Someone else changed this sandbox after you opened it.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = Db();
        Assert.Equal(title, await db.Sandboxes.Where(s => s.Id == sandboxId).Select(s => s.Title).SingleAsync());
    }

    /// <summary>A Twilio credential, created through a form of A posted to B, verified by the fake Twilio.</summary>
    private async Task<(int Id, string AuthToken, string AccountSid)> TwilioCredentialAsync(FormClient browser)
    {
        const string Credentials = "/sandboxes/prod/administration/channels/smssettings/apicredentials";
        var accountSid = "AC" + Hex32();
        var authToken = Hex32();
        var form = await browser.GetAsync(_a.BaseUrl, Credentials + "/create");
        var created = await browser.SubmitAsync(form, "main form", _b.BaseUrl, Fields(
            ("Input.Vendor", "Twilio"), ("Input.Twilio.Name", "Twilio main"), ("Input.Twilio.AccountSid", accountSid),
            ("Input.Twilio.AuthToken", authToken), ("Input.Twilio.MessagingServiceSid", "MG" + Hex32()),
            ("Input.Twilio.InboundNumber", "+14155550100")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var db = Db();
        var id = await db.Set<TwilioCredential>().Where(c => c.AccountSid == accountSid).Select(c => c.Id).SingleAsync();
        return (id, authToken, accountSid);
    }

    /// <summary>
    /// Configurations submitted through both instances, both of which look for work ten times a second: each is
    /// claimed by one instance (a conditional UPDATE on its version and lease) and checked exactly once.
    /// </summary>
    private async Task SubmittedConfigurationsAreCheckedOnceAsync(FormClient browser, int credentialId)
    {
        const int Count = 12;
        const string Configurations = "/sandboxes/prod/administration/channels/generalsettings/channelconfigurations";
        for (var i = 0; i < Count; i++)
        {
            var (open, post) = i % 2 == 0 ? (_a, _b) : (_b, _a);
            var form = await browser.GetAsync(open.BaseUrl, Configurations + "/create");
            var submitted = await browser.SubmitAsync(form, "main form", post.BaseUrl, Fields(
                ("Input.Name", $"promo-{i:00}"), ("Input.SmsType", nameof(SmsType.Marketing)),
                ("Input.ApiCredentialId", credentialId.ToString(CultureInfo.InvariantCulture)),
                ("Input.SenderNumber", "+14155550100"), ("Intent", "submit")));
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        await using var db = Db();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await db.Set<ChannelConfiguration>().CountAsync(c => c.Status == ChannelConfigurationStatus.Active) < Count)
        {
            Assert.True(DateTime.UtcNow < deadline, "The submitted configurations were not all checked within 90 s.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        var ids = await db.Set<ChannelConfiguration>().Select(c => c.Id.ToString(CultureInfo.InvariantCulture)).ToListAsync();
        var checks = await db.AuditEntries
            .Where(e => e.ObjectType == ChannelConfigurationCommands.AuditObjectType && e.Action == ChannelConfigurationCommands.Actions.CheckPassed)
            .GroupBy(e => e.ObjectId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(ids.Order(StringComparer.Ordinal), checks.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(checks, c => Assert.Equal(1, c.Count));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"channel checks: {Count} configurations submitted through both instances, {checks.Count} checked, each once");
    }

    /// <summary>
    /// Signed Twilio status callbacks sent to both instances by 16 senders, as a provider would: an event whose request
    /// failed (connection refused or cut, any non-2xx answer) is sent again, to the other instance. Instance B is killed
    /// with SIGKILL after a third of the events were acknowledged. In the end every event is acknowledged and stored
    /// exactly once: those B committed but never answered are answered Duplicate by A. Then a provider's retries of
    /// acknowledged events store nothing more.
    /// </summary>
    private async Task WebhooksAreStoredOnceAlsoWhenAnInstanceIsKilledAsync(int credentialId, string authToken, string accountSid)
    {
        const int Events = 2400;
        const int Senders = 16;
        string[] statuses = ["queued", "sent", "delivered"];
        var token = Hex32();
        int webhookId;
        await using (var db = Db())
        {
            var now = DateTime.UtcNow;
            var webhook = new Webhook
            {
                SandboxId = await db.Sandboxes.Where(s => s.Name == "prod").Select(s => s.Id).SingleAsync(),
                Name = "Twilio feedback",
                NormalizedName = "TWILIO FEEDBACK",
                Vendor = SmsVendor.Twilio,
                Type = WebhookType.Feedback,
                ApiCredentialId = credentialId,
                SenderNumber = "+14155550100",
                PathToken = token,
                CreatedAtUtc = now,
                CreatedBy = AdminEmail,
                ModifiedAtUtc = now,
                ModifiedBy = AdminEmail,
                Version = 1,
            };
            db.Webhooks.Add(webhook);
            await db.SaveChangesAsync();
            webhookId = webhook.Id;
        }

        var signedUrl = PublicBaseUrl + WebhookOptions.PathPrefix + token;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Senders }) { Timeout = TimeSpan.FromSeconds(30) };
        List<KeyValuePair<string, string>> Callback(int i) =>
        [
            new("AccountSid", accountSid),
            new("ApiVersion", "2010-04-01"),
            new("MessageSid", "SM" + (i / statuses.Length).ToString("x32", CultureInfo.InvariantCulture)),
            new("MessageStatus", statuses[i % statuses.Length]),
            new("To", "+14155550199"),
        ];

        async Task<bool> SendAsync(PortalProcess instance, int i)
        {
            var form = Callback(i);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance.BaseUrl + WebhookOptions.PathPrefix + token))
            {
                Content = new FormUrlEncodedContent(form),
            };
            request.Headers.TryAddWithoutValidation(TwilioSignature.HeaderName,
                TwilioTestSignature.Sign(authToken, signedUrl, form));
            try
            {
                using var response = await http.SendAsync(request);
                return response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                return false;
            }
        }

        var acknowledged = new ConcurrentDictionary<int, PortalProcess>();
        var next = -1;
        var requests = 0;
        var failed = 0;
        var bKilled = false;
        var acknowledgedAtKill = 0;
        var killer = Task.Run(async () =>
        {
            while (acknowledged.Count < Events / 3)
            {
                await Task.Delay(5);
            }

            await _b.KillAsync();
            acknowledgedAtKill = acknowledged.Count;
            Volatile.Write(ref bKilled, true);
        });

        async Task SenderAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Events)
            {
                // Half the events go to B first; after a failure, the next attempt goes to the other instance.
                var instance = i % 2 == 0 ? _a : _b;
                for (var attempt = 0; ; attempt++)
                {
                    Assert.True(attempt < 50, $"Event {i} was not acknowledged after 50 attempts.");
                    Interlocked.Increment(ref requests);
                    if (await SendAsync(instance, i))
                    {
                        acknowledged[i] = instance;
                        break;
                    }

                    Interlocked.Increment(ref failed);
                    instance = instance == _a ? _b : _a;
                    if (Volatile.Read(ref bKilled))
                    {
                        instance = _a;
                    }

                    await Task.Delay(20);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(SenderAsync)));
        await killer;

        await using (var db = Db())
        {
            var stored = await db.DeliveryFeedback.Where(f => f.WebhookId == webhookId).Select(f => f.EventKey).ToListAsync();
            var expected = Enumerable.Range(0, Events).Select(i => Callback(i)).Select(f => f[2].Value + ":" + f[3].Value);
            Assert.Equal(Events, acknowledged.Count);
            Assert.Equal(expected.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
            Assert.InRange(acknowledgedAtKill, Events / 3, Events - 1);
            Assert.True(acknowledged.Values.Any(p => p == _b), "B acknowledged nothing before it was killed.");
            Assert.True(failed > 0, "No request failed: B was not killed mid-load.");

            // Each message's status is its furthest one, whatever instance and order its receipts came in.
            var furthest = await db.MessageDeliveryStatuses.Where(s => s.WebhookId == webhookId).Select(s => s.Status).ToListAsync();
            Assert.Equal(Events / statuses.Length, furthest.Count);
            Assert.All(furthest, s => Assert.Equal("delivered", s));
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"webhooks: {Events} events, {requests} requests ({failed} failed and sent again), {acknowledged.Count} acknowledged " +
                $"({acknowledged.Values.Count(p => p == _b)} by B, killed at {acknowledgedAtKill}), {stored.Count} stored");
        }

        // A provider's retries of acknowledged events, now to A: answered 2xx, nothing stored twice.
        var retried = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => SendAsync(_a, i * 7)));
        Assert.All(retried, Assert.True);
        await using var after = Db();
        Assert.Equal(Events, await after.DeliveryFeedback.CountAsync(f => f.WebhookId == webhookId));
    }
}
