using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for Twilio's REST API on 127.0.0.1: real HTTP, Basic auth (Account SID and Auth Token, or a registered
/// account's API key), Twilio's JSON shapes and error bodies.
/// By default it accepts any well-formed account (active, Full) with any service and number, so that tests about
/// other things need no set-up; a test registers an account to make the checks strict for it.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    private readonly WebApplication _app;

    public FakeTwilio()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public string BaseUrl { get; }

    /// <summary>When set, every request answers 503 without a JSON body (Twilio unreachable).</summary>
    public bool Down { get; set; }

    public ConcurrentDictionary<string, FakeTwilioAccount> Accounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<(string Method, string PathAndQuery, string Body)> Requests { get; } = new();

    /// <summary>Recipient numbers that make a message creation fail with this Twilio error code.</summary>
    public ConcurrentDictionary<string, int> RecipientErrors { get; } = new();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = request.HasFormContentType ? await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync() : "";
        Requests.Enqueue((request.Method, request.Path + request.QueryString, body));
        if (Down)
        {
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("Service Unavailable");
            return;
        }

        var (sid, token) = BasicAuth(request);
        var path = request.Path.Value ?? "";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // An API key (Basic SK:secret) signs in as the registered account it belongs to.
        var keyOwner = sid is not null && sid.StartsWith("SK", StringComparison.Ordinal)
            ? Accounts.FirstOrDefault(a => a.Value.ApiKeys.TryGetValue(sid, out var secret) && secret == token).Key
            : null;
        var signedInAs = sid is not null && sid.StartsWith("SK", StringComparison.Ordinal) ? keyOwner : sid;
        var accountSid = segments.Length >= 3 && segments[0] == "2010-04-01" ? segments[2].Replace(".json", "", StringComparison.Ordinal) : signedInAs;
        var account = Account(accountSid);
        if (signedInAs is null || !string.Equals(signedInAs, accountSid, StringComparison.OrdinalIgnoreCase) || account is null
            || (keyOwner is null && account.Token is not null && account.Token != token))
        {
            await ErrorAsync(context, 401, 20003, "Authenticate");
            return;
        }

        if (keyOwner is not null && segments.Length == 3 && segments[0] == "2010-04-01")
        {
            // A Standard or Restricted key may not read (or change) the account itself.
            await ErrorAsync(context, 403, 20403, "You are not authorized to access this resource.");
            return;
        }

        if (account.Status != "active")
        {
            // Twilio answers a suspended or closed account's own requests with 20003, except the account fetch.
            if (!(segments.Length == 3 && request.Method == "GET"))
            {
                await ErrorAsync(context, 401, 20003, "Authenticate");
                return;
            }
        }

        switch (request.Method, segments)
        {
            case ("GET", ["2010-04-01", "Accounts", _]):
                await JsonAsync(context, 200, $$"""{"sid":"{{accountSid}}","friendly_name":"Fake","status":"{{account.Status}}","type":"{{account.Type}}","auth_token":"{{token}}","date_created":"Thu, 30 Jul 2015 20:00:00 +0000"}""");
                return;
            case ("GET", ["v1", "Services", var service]):
                if (!account.HasService(service))
                {
                    await ErrorAsync(context, 404, 20404, "The requested resource was not found");
                    return;
                }

                await JsonAsync(context, 200, $$"""{"sid":"{{service}}","account_sid":"{{accountSid}}","friendly_name":"Fake service","date_created":"2015-07-30T20:12:31Z"}""");
                return;
            case ("GET", ["2010-04-01", "Accounts", _, "IncomingPhoneNumbers.json"]):
                {
                    var wanted = request.Query["PhoneNumber"].ToString();
                    var items = account.NumbersMatching(wanted).Select(n => $$"""{"sid":"PN{{Hex(n)}}","account_sid":"{{accountSid}}","phone_number":"{{n}}","capabilities":{"sms":true,"mms":true} }""");
                    await JsonAsync(context, 200, $$"""{"incoming_phone_numbers":[{{string.Join(",", items)}}],"next_page_uri":null,"previous_page_uri":null,"first_page_uri":"{{request.Path}}","uri":"{{request.Path}}","page":0,"page_size":50}""");
                    return;
                }

            case ("GET", ["2010-04-01", "Accounts", _, "SMS", "ShortCodes.json"]):
                {
                    var wanted = request.Query["ShortCode"].ToString();
                    var items = account.ShortCodesMatching(wanted).Select(n => $$"""{"sid":"SC{{Hex(n)}}","account_sid":"{{accountSid}}","short_code":"{{n}}"}""");
                    await JsonAsync(context, 200, $$"""{"short_codes":[{{string.Join(",", items)}}],"next_page_uri":null,"previous_page_uri":null,"first_page_uri":"{{request.Path}}","uri":"{{request.Path}}","page":0,"page_size":50}""");
                    return;
                }

            case ("GET", ["v1", "Services", _, "PhoneNumbers"]):
            case ("GET", ["v1", "Services", _, "ShortCodes"]):
                {
                    var key = segments[3] == "PhoneNumbers" ? "phone_numbers" : "short_codes";
                    var field = segments[3] == "PhoneNumbers" ? "phone_number" : "short_code";
                    var items = account.Pool.Select(n => $$"""{"sid":"PN{{Hex(n)}}","account_sid":"{{accountSid}}","service_sid":"{{segments[2]}}","{{field}}":"{{n}}"}""");
                    var url = $"https://messaging.twilio.com{request.Path}";
                    await JsonAsync(context, 200, $$"""{"{{key}}":[{{string.Join(",", items)}}],"meta":{"page":0,"page_size":50,"first_page_url":"{{url}}","previous_page_url":null,"url":"{{url}}","next_page_url":null,"key":"{{key}}"} }""");
                    return;
                }

            case ("POST", ["2010-04-01", "Accounts", _, "Messages.json"]):
                {
                    var form = System.Web.HttpUtility.ParseQueryString(body);
                    var to = form["To"] ?? "";
                    if (RecipientErrors.TryGetValue(to, out var code))
                    {
                        await ErrorAsync(context, 400, code, "The message could not be sent");
                        return;
                    }

                    var messageSid = "SM" + Hex(to + DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    await JsonAsync(context, 201, $$"""{"sid":"{{messageSid}}","account_sid":"{{accountSid}}","to":"{{to}}","status":"accepted","num_segments":"1","date_created":"Thu, 30 Jul 2015 20:00:00 +0000"}""");
                    return;
                }

            default:
                await ErrorAsync(context, 404, 20404, "The requested resource " + path + " was not found");
                return;
        }
    }

    private FakeTwilioAccount? Account(string? sid)
    {
        if (sid is null)
        {
            return null;
        }

        if (Accounts.TryGetValue(sid, out var account))
        {
            return account;
        }

        return sid.StartsWith("AC", StringComparison.Ordinal) && sid.Length == 34 ? FakeTwilioAccount.Lenient : null;
    }

    private static (string? Sid, string? Token) BasicAuth(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return (null, null);
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (null, null) : (decoded[..colon], decoded[(colon + 1)..]);
    }

    private static string Hex(string seed) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..32].ToLowerInvariant();

    private static async Task JsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    private static Task ErrorAsync(HttpContext context, int status, int code, string message) =>
        JsonAsync(context, status, $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A registered account: its token, status, type, services and numbers (exact sets).</summary>
public sealed class FakeTwilioAccount
{
    /// <summary>Any account SID not registered: any token, every service, every number.</summary>
    internal static readonly FakeTwilioAccount Lenient = new() { Token = null, AnyService = true, AnyNumber = true };

    public string? Token { get; init; }

    /// <summary>The account's API keys (SK SID to secret), Standard keys: everything but the account itself.</summary>
    public Dictionary<string, string> ApiKeys { get; init; } = new(StringComparer.Ordinal);

    public string Status { get; init; } = "active";

    public string Type { get; init; } = "Full";

    public HashSet<string> Services { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Numbers { get; init; } = [];

    public HashSet<string> ShortCodes { get; init; } = [];

    public HashSet<string> Pool { get; init; } = [];

    internal bool AnyService { get; init; }

    internal bool AnyNumber { get; init; }

    internal bool HasService(string sid) => AnyService || Services.Contains(sid);

    /// <summary>Twilio's PhoneNumber filter is a partial match: so is this one.</summary>
    internal IEnumerable<string> NumbersMatching(string filter) =>
        AnyNumber ? [filter] : Numbers.Where(n => n.Contains(filter, StringComparison.Ordinal));

    internal IEnumerable<string> ShortCodesMatching(string filter) =>
        AnyNumber ? [filter] : ShortCodes.Where(n => n.Contains(filter, StringComparison.Ordinal));
}
