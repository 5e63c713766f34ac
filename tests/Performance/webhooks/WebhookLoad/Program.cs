using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using JourneyOptimizer.Sms.Core;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Performance.WebhookLoad;

/// <summary>
/// The webhook benchmarks' helper (tests/Performance/webhooks/README.md):
/// <list type="bullet">
/// <item><c>seed --db PATH --info FILE</c>: a Twilio credential and a Feedback webhook in sandbox prod, through the
/// portal's own services (the Auth Token protected with the portal's key ring).</item>
/// <item><c>generate --info FILE --base URL --count N --tag X --out FILE</c>: N distinct signed status callbacks, one per
/// line: <c>signature TAB body</c> (MessageSids start with <c>SM</c> + tag, so each set can be counted).</item>
/// <item><c>crash-load --info FILE --base URL --acked FILE [--concurrency N]</c>: sends distinct signed callbacks until
/// the portal stops answering, and appends each acknowledged (2xx) event key to the file at once.</item>
/// </list>
/// </summary>
public static class WebhookLoadProgram
{
    private static readonly string[] Statuses = ["queued", "sent", "delivered"];

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            return Usage();
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        string Get(string name) => options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required.");
        return args[0] switch
        {
            "seed" => await SeedAsync(Get("--db"), Get("--info")),
            "generate" => await GenerateAsync(ReadInfo(Get("--info")), Get("--base"), int.Parse(Get("--count"), CultureInfo.InvariantCulture),
                Get("--tag"), Get("--out")),
            "crash-load" => await CrashLoadAsync(ReadInfo(Get("--info")), Get("--base"), Get("--acked"),
                options.TryGetValue("--concurrency", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : 32),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: seed --db PATH --info FILE | generate --info FILE --base URL --count N --tag X --out FILE | crash-load --info FILE --base URL --acked FILE [--concurrency N]");
        return 2;
    }

    private static async Task<int> SeedAsync(string databasePath, string infoPath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(databasePath) }.ToString();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = connectionString,
            [$"{DatabaseOptions.SectionName}:Provider"] = nameof(DatabaseProvider.Sqlite),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Critical));
        services.AddSmsCore(AppContext.BaseDirectory);
        services.AddPortalDataProtection();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var sandboxes = scope.ServiceProvider.GetRequiredService<SandboxService>();
        await sandboxes.EnsureDefaultAsync(CancellationToken.None);
        var sandbox = await sandboxes.FindByNameAsync("prod", CancellationToken.None) ?? throw new InvalidOperationException("no sandbox prod");

        var authToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var input = new TwilioCredentialInput
        {
            Name = "webhook-load",
            AccountSid = "AC" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            AuthToken = authToken,
            MessagingServiceSid = "MG" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            InboundNumber = "+14155550142",
        };
        var actor = new Actor("webhook-load", "admin@example.com");
        var created = await scope.ServiceProvider.GetRequiredService<ApiCredentialService>()
            .CreateAsync(sandbox.Id, SmsVendor.Twilio, input, actor, saveWithoutVerification: true, CancellationToken.None);
        if (created.Outcome != CredentialOutcome.Created)
        {
            throw new InvalidOperationException($"credential: {created.Outcome} {string.Join("; ", created.FieldErrors.Select(e => e.Message))}");
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTime.UtcNow;
        db.Webhooks.Add(new Webhook
        {
            SandboxId = sandbox.Id,
            Name = "Twilio feedback (load)",
            NormalizedName = "TWILIO FEEDBACK (LOAD)",
            Vendor = SmsVendor.Twilio,
            Type = WebhookType.Feedback,
            ApiCredentialId = created.Id!.Value,
            SenderNumber = input.InboundNumber,
            PathToken = token,
            CreatedAtUtc = now,
            CreatedBy = "admin@example.com",
            ModifiedAtUtc = now,
            ModifiedBy = "admin@example.com",
            Version = 1,
        });
        await db.SaveChangesAsync();
        await File.WriteAllLinesAsync(infoPath, [$"token={token}", $"auth_token={authToken}", $"account_sid={input.AccountSid}"]);
        Console.WriteLine($"seeded a Twilio Feedback webhook in sandbox prod (credential {created.Id})");
        return 0;
    }

    private static Dictionary<string, string> ReadInfo(string path) => File.ReadAllLines(path)
        .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static List<KeyValuePair<string, string>> Callback(Dictionary<string, string> info, string messageSid, string status) =>
    [
        new("AccountSid", info["account_sid"]),
        new("ApiVersion", "2010-04-01"),
        new("From", "+14155550142"),
        new("MessageSid", messageSid),
        new("MessageStatus", status),
        new("MessagingServiceSid", "MG00000000000000000000000000000001"),
        new("SmsSid", messageSid),
        new("SmsStatus", status),
        new("To", "+14155550199"),
    ];

    private static string Encode(List<KeyValuePair<string, string>> form) =>
        string.Join("&", form.Select(p => WebUtility.UrlEncode(p.Key) + "=" + WebUtility.UrlEncode(p.Value)));

    private static string MessageSid(string tag, long n) =>
        "SM" + tag + n.ToString("x", CultureInfo.InvariantCulture).PadLeft(32 - tag.Length, '0');

    private static async Task<int> GenerateAsync(Dictionary<string, string> info, string baseUrl, int count, string tag, string outPath)
    {
        var url = baseUrl.TrimEnd('/') + WebhookOptions.PathPrefix + info["token"];
        var watch = Stopwatch.StartNew();
        await using var writer = new StreamWriter(outPath);
        for (var i = 0; i < count; i++)
        {
            var form = Callback(info, MessageSid(tag, i / Statuses.Length), Statuses[i % Statuses.Length]);
            var signature = TwilioTestSignature.Sign(info["auth_token"], url, form);
            await writer.WriteLineAsync(signature + "\t" + Encode(form));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {count} signed callbacks (tag {tag}) in {watch.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static async Task<int> CrashLoadAsync(Dictionary<string, string> info, string baseUrl, string ackedPath, int concurrency)
    {
        var url = baseUrl.TrimEnd('/') + WebhookOptions.PathPrefix + info["token"];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { Timeout = TimeSpan.FromSeconds(10) };
        await using var acked = new StreamWriter(ackedPath, append: true) { AutoFlush = true };
        var gate = new object();
        long next = -1;
        long sent = 0;
        long ok = 0;
        var failures = new ConcurrentQueue<string>();
        var stop = new CancellationTokenSource();

        async Task WorkerAsync()
        {
            var consecutiveErrors = 0;
            while (!stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                var sid = MessageSid("c", i / Statuses.Length);
                var status = Statuses[i % Statuses.Length];
                var form = Callback(info, sid, status);
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
                request.Headers.TryAddWithoutValidation(TwilioSignature.HeaderName,
                    TwilioTestSignature.Sign(info["auth_token"], url, form));
                Interlocked.Increment(ref sent);
                try
                {
                    using var response = await http.SendAsync(request, stop.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref ok);
                        lock (gate)
                        {
                            // Written before the next request: the file never misses an acknowledged event.
                            acked.WriteLine(sid + ":" + status);
                        }

                        consecutiveErrors = 0;
                    }
                    else
                    {
                        failures.Enqueue(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    // The portal is down (killed): stop after a few failures in a row.
                    if (++consecutiveErrors >= 3)
                    {
                        await stop.CancelAsync();
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"crash-load: sent {sent}, acknowledged {ok}, non-2xx answers {failures.Count} ({string.Join(",", failures.Distinct())})"));
        return 0;
    }
}
