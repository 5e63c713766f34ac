using System.Net;
using System.Text;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

/// <summary>The auth token (and the Basic header built from it) never shows in a log line, a result or an exception.</summary>
public sealed class TwilioSecretHygieneTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Secrets =
    [
        TwilioTestHost.AuthToken,
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TwilioTestHost.AccountSid}:{TwilioTestHost.AuthToken}")),
    ];

    private static void AssertClean(string text)
    {
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task EveryBranch_LogsAtTraceLevel_WithoutTheToken()
    {
        var seen = new List<string>();
        var calls = 0;
        // Each request gets a different kind of answer, so the log sees success, errors, retries, bad bodies and exceptions.
        await using var host = TwilioTestHost.Create(async (request, _, ct) =>
        {
            var call = Interlocked.Increment(ref calls);
            if (call % 7 == 6)
            {
                throw new HttpRequestException("Connection refused (api.twilio.test:443)");
            }

            await Task.Yield();
            return (call % 7) switch
            {
                0 => Respond.Json(HttpStatusCode.OK, TwilioBodies.Account()),
                1 => Respond.Json(HttpStatusCode.Unauthorized, """{"code":20003,"message":"Authenticate","status":401}"""),
                2 => Respond.Json(HttpStatusCode.TooManyRequests, """{"code":20429,"status":429}""", ("Retry-After", "1")),
                3 => Respond.Text(HttpStatusCode.ServiceUnavailable, "<html>down</html>"),
                4 => Respond.Text(HttpStatusCode.OK, $"<html>{request.Authorization}</html>"),
                _ => Respond.Json(HttpStatusCode.Created, TwilioBodies.Message()),
            };
        });

        for (var i = 0; i < 5; i++)
        {
            seen.Add((await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct)).ToString());
            seen.Add((await host.Client.FindIncomingPhoneNumberAsync(TwilioTestHost.Credentials, "+14155550100", Ct)).ToString());
            seen.Add((await host.Client.CreateMessageAsync(TwilioTestHost.Credentials,
                new TwilioMessageRequest { To = "+14155550199", MessagingServiceSid = TwilioTestHost.ServiceSid, Body = "Hi" }, Ct)).ToString());
            var verification = await host.Verifier.VerifyAsync(TwilioTestHost.AccountSid, TwilioTestHost.AuthToken, TwilioTestHost.ServiceSid,
                FakeTwilio.InboundNumber, Ct);
            seen.AddRange(verification.Errors.Select(e => $"{e} {string.Join(",", e.Arguments)}"));
            var sent = await host.Verifier.SendTestMessageAsync(TwilioTestHost.AccountSid, TwilioTestHost.AuthToken, TwilioTestHost.ServiceSid,
                FakeTwilio.InboundNumber, "+14155550199", "Hi", Ct);
            seen.Add($"{sent.MessageKey} {sent.MessageSid} {string.Join(",", sent.MessageArguments)}");
        }

        Assert.True(host.Logs.Entries.Count > 50, "the logs were captured at trace level");
        Assert.Contains("Authorization", host.Logs.AllText, StringComparison.Ordinal);
        AssertClean(host.Logs.AllText);
        AssertClean(string.Join('\n', seen));
    }

    [Fact]
    public async Task AccountFetch_TokenInTheBody_IsNotLoggedNorKept()
    {
        const string OtherToken = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.Account(authToken: OtherToken)));

        var result = await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        Assert.True(result.Succeeded);
        Assert.DoesNotContain(OtherToken, result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(OtherToken, host.Logs.AllText, StringComparison.Ordinal);
        AssertClean(host.Logs.AllText);
    }

    [Fact]
    public void Failures_AndCredentials_DoNotPrintTheToken()
    {
        AssertClean(TwilioTestHost.Credentials.ToString());
        AssertClean($"{TwilioTestHost.Credentials}");
    }

    [Fact]
    public async Task MalformedSidThatIsReallyAToken_IsNotEchoed()
    {
        // An administrator who pastes the token into the Account SID field must not find it in a log or an error.
        await using var host = new FakeTwilio().Host();

        var verification = await host.Verifier.VerifyAsync(TwilioTestHost.AuthToken, TwilioTestHost.AuthToken, TwilioTestHost.ServiceSid,
            FakeTwilio.InboundNumber, Ct);
        var fetched = await host.Client.FetchAccountAsync(new TwilioApiCredentials(TwilioTestHost.AuthToken, TwilioTestHost.AuthToken), Ct);

        Assert.Equal(TwilioVerificationOutcome.Rejected, verification.Outcome);
        Assert.Equal(TwilioFailureKind.InvalidRequest, fetched.Failure!.Kind);
        AssertClean(string.Join('\n', verification.Errors.Select(e => $"{e} {string.Join(",", e.Arguments)}")));
        AssertClean(fetched.ToString());
        AssertClean(host.Logs.AllText);
    }
}
