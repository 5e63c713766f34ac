using System.Net;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

public sealed class TwilioCredentialVerifierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TwilioVerification> VerifyAsync(TwilioTestHost host, string inboundNumber = FakeTwilio.InboundNumber,
        string accountSid = TwilioTestHost.AccountSid, string authToken = TwilioTestHost.AuthToken, string serviceSid = TwilioTestHost.ServiceSid) =>
        host.Verifier.VerifyAsync(accountSid, authToken, serviceSid, inboundNumber, Ct);

    private static FieldError SingleError(TwilioVerification verification)
    {
        Assert.Equal(TwilioVerificationOutcome.Rejected, verification.Outcome);
        return Assert.Single(verification.Errors);
    }

    [Fact]
    public async Task VerifyAsync_HealthyAccount_IsVerifiedWithTypeAndName()
    {
        var twilio = new FakeTwilio { Account = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.Account(type: "Trial", friendlyName: "Acme Test")) };
        await using var host = twilio.Host();

        var verification = await VerifyAsync(host);

        Assert.Equal(TwilioVerificationOutcome.Verified, verification.Outcome);
        Assert.True(verification.IsVerified);
        Assert.Empty(verification.Errors);
        Assert.Equal(TwilioAccountType.Trial, verification.AccountType);
        Assert.Equal("Acme Test", verification.AccountFriendlyName);
        Assert.Equal(
        [
            $"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}.json",
            $"/v1/Services/{TwilioTestHost.ServiceSid}",
            $"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}/IncomingPhoneNumbers.json",
        ], host.Requests.Select(r => r.Path));
        Assert.All(host.Requests, r => Assert.Equal(TwilioTestHost.ExpectedBasic, r.Authorization));
    }

    [Fact]
    public async Task VerifyAsync_NormalisesTheInputs()
    {
        await using var host = new FakeTwilio().Host();

        var verification = await VerifyAsync(host, inboundNumber: " +1 (415) 555-0100 ",
            accountSid: TwilioTestHost.AccountSid.ToUpperInvariant().Replace("AC", "ac", StringComparison.Ordinal),
            serviceSid: " " + TwilioTestHost.ServiceSid.ToUpperInvariant() + " ");

        Assert.True(verification.IsVerified);
        Assert.Equal($"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}.json", host.Requests[0].Path);
        Assert.Equal("PhoneNumber=%2B14155550100&PageSize=1000", host.Requests[2].RawQuery);
    }

    [Fact]
    public async Task VerifyAsync_WrongToken20003_IsAnErrorOnAuthToken()
    {
        var twilio = new FakeTwilio
        {
            Account = () => Respond.Json(HttpStatusCode.Unauthorized,
                """{"code":20003,"detail":"Your AccountSid or AuthToken was incorrect.","message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}"""),
        };
        await using var host = twilio.Host();

        var error = SingleError(await VerifyAsync(host));

        Assert.Equal(nameof(TwilioCredentialInput.AuthToken), error.Field);
        Assert.Equal(TwilioErrorText.WrongCredentials, error.Message);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task VerifyAsync_UnknownAccount20404_IsAnErrorOnAccountSid()
    {
        var twilio = new FakeTwilio { Account = () => Respond.TwilioError(HttpStatusCode.NotFound, 20404, "not found") };
        await using var host = twilio.Host();

        var error = SingleError(await VerifyAsync(host));

        Assert.Equal(nameof(TwilioCredentialInput.AccountSid), error.Field);
        Assert.Equal(TwilioCredentialVerifier.AccountNotFound, error.Message);
    }

    [Theory]
    [InlineData("suspended", TwilioCredentialVerifier.AccountSuspended)]
    [InlineData("closed", TwilioCredentialVerifier.AccountClosed)]
    public async Task VerifyAsync_InactiveAccount_IsAFormLevelError(string status, string expected)
    {
        var twilio = new FakeTwilio { Account = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.Account(status: status)) };
        await using var host = twilio.Host();

        var error = SingleError(await VerifyAsync(host));

        Assert.Equal(FieldError.FormLevel, error.Field);
        Assert.Equal(expected, error.Message);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task VerifyAsync_UnknownStatus_IsAFormLevelErrorNamingIt()
    {
        var twilio = new FakeTwilio { Account = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.Account(status: "frozen")) };
        await using var host = twilio.Host();

        var error = SingleError(await VerifyAsync(host));

        Assert.Equal(FieldError.FormLevel, error.Field);
        Assert.Equal(TwilioCredentialVerifier.AccountNotActive, error.Message);
        Assert.Equal(["frozen"], error.Arguments);
    }

    [Fact]
    public async Task VerifyAsync_UnknownService20404_IsAnErrorOnMessagingServiceSid()
    {
        var twilio = new FakeTwilio { Service = () => Respond.TwilioError(HttpStatusCode.NotFound, 20404, "not found") };
        await using var host = twilio.Host();

        var error = SingleError(await VerifyAsync(host));

        Assert.Equal(nameof(TwilioCredentialInput.MessagingServiceSid), error.Field);
        Assert.Equal(TwilioCredentialVerifier.ServiceNotInAccount, error.Message);
    }

    [Fact]
    public async Task VerifyAsync_ServiceOfAnotherAccount_IsAnErrorOnMessagingServiceSid()
    {
        var twilio = new FakeTwilio
        {
            Service = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.Service(accountSid: "ACffffffffffffffffffffffffffffffff")),
        };
        await using var host = twilio.Host();

        var error = SingleError(await VerifyAsync(host));

        Assert.Equal(nameof(TwilioCredentialInput.MessagingServiceSid), error.Field);
        Assert.Equal(TwilioCredentialVerifier.ServiceNotInAccount, error.Message);
    }

    [Fact]
    public async Task VerifyAsync_ServiceAndNumberBothWrong_ReportsBoth()
    {
        var twilio = new FakeTwilio
        {
            Service = () => Respond.TwilioError(HttpStatusCode.NotFound, 20404, "not found"),
            IncomingNumbers = _ => Respond.Json(HttpStatusCode.OK, TwilioBodies.IncomingNumbers(null)),
        };
        await using var host = twilio.Host();

        var verification = await VerifyAsync(host);

        Assert.Equal(TwilioVerificationOutcome.Rejected, verification.Outcome);
        Assert.Equal([nameof(TwilioCredentialInput.MessagingServiceSid), nameof(TwilioCredentialInput.InboundNumber)],
            verification.Errors.Select(e => e.Field));
        // With no service, its sender pool is not asked.
        Assert.DoesNotContain(host.Requests, r => r.Path.EndsWith("/PhoneNumbers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_NumberNotInAccountNorPool_IsAnErrorOnInboundNumber()
    {
        var twilio = new FakeTwilio { IncomingNumbers = _ => Respond.Json(HttpStatusCode.OK, TwilioBodies.IncomingNumbers(null)) };
        await using var host = twilio.Host();

        var error = SingleError(await VerifyAsync(host));

        Assert.Equal(nameof(TwilioCredentialInput.InboundNumber), error.Field);
        Assert.Equal(TwilioCredentialVerifier.NumberNotInAccount, error.Message);
        Assert.Contains(host.Requests, r => r.Path == $"/v1/Services/{TwilioTestHost.ServiceSid}/PhoneNumbers");
    }

    [Fact]
    public async Task VerifyAsync_PartialMatchTrap_IsNotAMatch()
    {
        // Twilio's filter matches partially: the account's +141555501001 comes back for +14155550100.
        var twilio = new FakeTwilio
        {
            IncomingNumbers = _ => Respond.Json(HttpStatusCode.OK, TwilioBodies.IncomingNumbers(null, "+141555501001")),
            ServicePhoneNumbers = _ => Respond.Json(HttpStatusCode.OK, TwilioBodies.ServicePhoneNumbers(null, "+141555501001", "+1415555010")),
        };
        await using var host = twilio.Host();

        var error = SingleError(await VerifyAsync(host));

        Assert.Equal(nameof(TwilioCredentialInput.InboundNumber), error.Field);
    }

    [Fact]
    public async Task VerifyAsync_NumberOnlyInTheServicePool_IsVerified()
    {
        const string Next = $"https://messaging.twilio.com/v1/Services/{TwilioTestHost.ServiceSid}/PhoneNumbers?PageSize=1000&Page=1&PageToken=PT1";
        var twilio = new FakeTwilio
        {
            IncomingNumbers = _ => Respond.Json(HttpStatusCode.OK, TwilioBodies.IncomingNumbers(null)),
            ServicePhoneNumbers = request => request.RawQuery.Contains("Page=1", StringComparison.Ordinal)
                ? Respond.Json(HttpStatusCode.OK, TwilioBodies.ServicePhoneNumbers(null, "+15005550006", FakeTwilio.InboundNumber))
                : Respond.Json(HttpStatusCode.OK, TwilioBodies.ServicePhoneNumbers(Next, "+15005550001")),
        };
        await using var host = twilio.Host();

        var verification = await VerifyAsync(host);

        Assert.True(verification.IsVerified);
        Assert.Equal(2, host.Requests.Count(r => r.Path.EndsWith("/PhoneNumbers", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task VerifyAsync_ShortCodeInTheAccount_IsVerified()
    {
        var twilio = new FakeTwilio { ShortCodes = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.ShortCodes("123456", "12345")) };
        await using var host = twilio.Host();

        var verification = await VerifyAsync(host, inboundNumber: "12345");

        Assert.True(verification.IsVerified);
        var lookup = Assert.Single(host.Requests, r => r.Path.EndsWith("/SMS/ShortCodes.json", StringComparison.Ordinal));
        Assert.Equal("ShortCode=12345&PageSize=1000", lookup.RawQuery);
        Assert.DoesNotContain(host.Requests, r => r.Path.EndsWith("/IncomingPhoneNumbers.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_ShortCodeOnlyInTheServicePool_IsVerified()
    {
        var twilio = new FakeTwilio
        {
            ShortCodes = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.ShortCodes("123456")),
            ServiceShortCodes = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.ServiceShortCodes("12345")),
        };
        await using var host = twilio.Host();

        Assert.True((await VerifyAsync(host, inboundNumber: "12345")).IsVerified);
    }

    [Fact]
    public async Task VerifyAsync_ShortCodeNowhere_IsAnErrorOnInboundNumber()
    {
        var twilio = new FakeTwilio { ShortCodes = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.ShortCodes("123456")) };
        await using var host = twilio.Host();

        var error = SingleError(await VerifyAsync(host, inboundNumber: "12345"));

        Assert.Equal(nameof(TwilioCredentialInput.InboundNumber), error.Field);
        Assert.Equal(TwilioCredentialVerifier.ShortCodeNotInAccount, error.Message);
    }

    [Fact]
    public async Task VerifyAsync_TwilioDown_IsUnreachable()
    {
        var twilio = new FakeTwilio { Account = () => Respond.Text(HttpStatusCode.ServiceUnavailable, "<html>503</html>") };
        await using var host = twilio.Host();

        var verification = await VerifyAsync(host);

        Assert.Equal(TwilioVerificationOutcome.Unreachable, verification.Outcome);
        var error = Assert.Single(verification.Errors);
        Assert.Equal(FieldError.FormLevel, error.Field);
        Assert.Equal(TwilioErrorText.Unreachable, error.Message);
    }

    [Fact]
    public async Task VerifyAsync_NumberLookupDown_IsUnreachable()
    {
        var twilio = new FakeTwilio { IncomingNumbers = _ => Respond.Text(HttpStatusCode.BadGateway, "bad gateway") };
        await using var host = twilio.Host();

        Assert.Equal(TwilioVerificationOutcome.Unreachable, (await VerifyAsync(host)).Outcome);
    }

    [Fact]
    public async Task VerifyAsync_Forbidden20403_IsAFormLevelErrorInPlainWords()
    {
        var twilio = new FakeTwilio { Account = () => Respond.TwilioError(HttpStatusCode.Forbidden, 20403, "Forbidden") };
        await using var host = twilio.Host();

        var error = SingleError(await VerifyAsync(host));

        Assert.Equal(FieldError.FormLevel, error.Field);
        Assert.Equal(TwilioErrorText.Forbidden, error.Message);
    }

    [Fact]
    public async Task VerifyAsync_MalformedInput_IsRejectedWithoutCallingTwilio()
    {
        await using var host = new FakeTwilio().Host();

        var verification = await host.Verifier.VerifyAsync("SK0123", " ", "SM0123456789abcdef0123456789abcdef", "hello", Ct);

        Assert.Equal(TwilioVerificationOutcome.Rejected, verification.Outcome);
        Assert.Equal(
        [
            (nameof(TwilioCredentialInput.AccountSid), TwilioCredentialVerifier.AccountSidFormat),
            (nameof(TwilioCredentialInput.AuthToken), TwilioCredentialVerifier.AuthTokenMissing),
            (nameof(TwilioCredentialInput.MessagingServiceSid), TwilioCredentialVerifier.MessagingServiceSidFormat),
            (nameof(TwilioCredentialInput.InboundNumber), TwilioCredentialVerifier.InboundNumberFormat),
        ], verification.Errors.Select(e => (e.Field, e.Message)));
        Assert.Empty(host.Requests);
    }

    [Fact]
    public async Task SendTestMessageAsync_SendsWithServiceAndFrom_ReturnsSidAndStatus()
    {
        await using var host = new FakeTwilio().Host();

        var outcome = await host.Verifier.SendTestMessageAsync(TwilioTestHost.AccountSid, TwilioTestHost.AuthToken,
            TwilioTestHost.ServiceSid, FakeTwilio.InboundNumber, "+1 415 555 0199", "Test from the portal", Ct);

        Assert.True(outcome.Sent);
        Assert.Equal("SM0123456789abcdef0123456789abcdef", outcome.MessageSid);
        Assert.Equal("accepted", outcome.Status);
        Assert.Null(outcome.MessageKey);
        var request = Assert.Single(host.Requests);
        Assert.Equal(
        [
            new("Body", "Test from the portal"),
            new("From", FakeTwilio.InboundNumber),
            new("MessagingServiceSid", TwilioTestHost.ServiceSid),
            new("To", "+14155550199"),
        ], request.Form().OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(21608, TwilioErrorText.ToNotVerified)]
    [InlineData(21610, TwilioErrorText.Unsubscribed)]
    [InlineData(21614, TwilioErrorText.ToNotSmsCapable)]
    public async Task SendTestMessageAsync_TwilioError_IsItsCodeInPlainWords(int code, string expected)
    {
        var twilio = new FakeTwilio { Messages = _ => Respond.TwilioError(HttpStatusCode.BadRequest, code, "message") };
        await using var host = twilio.Host();

        var outcome = await host.Verifier.SendTestMessageAsync(TwilioTestHost.AccountSid, TwilioTestHost.AuthToken,
            TwilioTestHost.ServiceSid, FakeTwilio.InboundNumber, "+14155550199", "Hi", Ct);

        Assert.False(outcome.Sent);
        Assert.Equal(TwilioFailureKind.Rejected, outcome.FailureKind);
        Assert.Equal(code, outcome.ErrorCode);
        Assert.Equal(expected, outcome.MessageKey);
        Assert.Empty(outcome.MessageArguments);
    }

    [Fact]
    public async Task SendTestMessageAsync_UnknownCode_IsTheGenericSentenceWithTheCode()
    {
        var twilio = new FakeTwilio { Messages = _ => Respond.TwilioError(HttpStatusCode.BadRequest, 21999, "message") };
        await using var host = twilio.Host();

        var outcome = await host.Verifier.SendTestMessageAsync(TwilioTestHost.AccountSid, TwilioTestHost.AuthToken,
            TwilioTestHost.ServiceSid, FakeTwilio.InboundNumber, "+14155550199", "Hi", Ct);

        Assert.Equal(TwilioErrorText.Generic, outcome.MessageKey);
        Assert.Equal([21999], outcome.MessageArguments);
    }

    [Theory]
    [InlineData("not a number", "Hi")]
    [InlineData("+14155550199", "")]
    public async Task SendTestMessageAsync_BadInput_IsRefusedWithoutARequest(string to, string body)
    {
        await using var host = new FakeTwilio().Host();

        var outcome = await host.Verifier.SendTestMessageAsync(TwilioTestHost.AccountSid, TwilioTestHost.AuthToken,
            TwilioTestHost.ServiceSid, FakeTwilio.InboundNumber, to, body, Ct);

        Assert.False(outcome.Sent);
        Assert.Equal(TwilioFailureKind.InvalidRequest, outcome.FailureKind);
        Assert.NotNull(outcome.MessageKey);
        Assert.Empty(host.Requests);
    }
}
