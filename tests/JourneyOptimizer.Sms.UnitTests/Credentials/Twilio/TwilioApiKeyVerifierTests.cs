using System.Net;
using System.Text;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

/// <summary>
/// A credential that signs in with an API key, against the stub handler on the real client: the SDK sends Basic
/// SK:secret with the Account SID in the path, and the portal never asks a key for the account (Twilio refuses that to
/// Standard and Restricted keys with 403, error 20403).
/// </summary>
public sealed class TwilioApiKeyVerifierTests
{
    private const string KeySid = "SK0123456789abcdef0123456789abcdef";
    private const string KeySecret = "s3cretS3cretS3cretS3cretS3cret12";

    private static readonly string KeyBasic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{KeySid}:{KeySecret}"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Twilio as it answers a Standard key: the account is forbidden, the rest is allowed.</summary>
    private static FakeTwilio StandardKeyTwilio() => new()
    {
        Account = () => Respond.TwilioError(HttpStatusCode.Forbidden, 20403, "You are not authorized to access this resource."),
    };

    private static Task<TwilioVerification> VerifyAsync(TwilioTestHost host, string? authToken = null, string keySid = KeySid,
        string keySecret = KeySecret) =>
        host.Verifier.VerifyAsync(TwilioTestHost.AccountSid, authToken, keySid, keySecret, TwilioTestHost.ServiceSid, FakeTwilio.InboundNumber, Ct);

    [Fact]
    public async Task VerifyAsync_StandardKey_IsVerifiedWithTheKey_WithoutReadingTheAccount()
    {
        await using var host = StandardKeyTwilio().Host();

        var verification = await VerifyAsync(host);

        Assert.Equal(TwilioVerificationOutcome.Verified, verification.Outcome);
        Assert.Equal(TwilioAccountType.Unknown, verification.AccountType);
        Assert.Equal(
        [
            $"/v1/Services/{TwilioTestHost.ServiceSid}",
            $"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}/IncomingPhoneNumbers.json",
        ], host.Requests.Select(r => r.Path));
        Assert.All(host.Requests, r => Assert.Equal(KeyBasic, r.Authorization));
    }

    [Fact]
    public async Task VerifyAsync_KeyWithAuthToken_ChecksTheTokenOnTheAccount_AndTheKeyOnTheRest()
    {
        var twilio = StandardKeyTwilio();
        twilio.Account = () => Respond.Json(HttpStatusCode.OK, TwilioBodies.Account(type: "Trial"));
        await using var host = twilio.Host();

        var verification = await VerifyAsync(host, authToken: TwilioTestHost.AuthToken);

        Assert.True(verification.IsVerified);
        Assert.Equal(TwilioAccountType.Trial, verification.AccountType);
        Assert.Equal($"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}.json", host.Requests[0].Path);
        Assert.Equal(TwilioTestHost.ExpectedBasic, host.Requests[0].Authorization);
        Assert.Equal(3, host.Requests.Count);
        Assert.All(host.Requests.Skip(1), r => Assert.Equal(KeyBasic, r.Authorization));
    }

    [Fact]
    public async Task VerifyAsync_KeyRefused20003_IsAnErrorOnTheKeySecret()
    {
        var twilio = StandardKeyTwilio();
        twilio.Service = () => Respond.TwilioError(HttpStatusCode.Unauthorized, 20003, "Authenticate");
        await using var host = twilio.Host();

        var verification = await VerifyAsync(host);

        Assert.Equal(TwilioVerificationOutcome.Rejected, verification.Outcome);
        var error = Assert.Single(verification.Errors);
        Assert.Equal(nameof(TwilioCredentialInput.ApiKeySecret), error.Field);
        Assert.Equal(TwilioCredentialVerifier.WrongApiKey, error.Message);
    }

    [Fact]
    public async Task VerifyAsync_KeyWithWrongAuthToken_IsAnErrorOnTheAuthToken()
    {
        var twilio = StandardKeyTwilio();
        twilio.Account = () => Respond.TwilioError(HttpStatusCode.Unauthorized, 20003, "Authenticate");
        await using var host = twilio.Host();

        var verification = await VerifyAsync(host, authToken: TwilioTestHost.AuthToken);

        var error = Assert.Single(verification.Errors);
        Assert.Equal(nameof(TwilioCredentialInput.AuthToken), error.Field);
        Assert.Equal(TwilioErrorText.WrongCredentials, error.Message);
        Assert.Single(host.Requests);
    }

    [Theory]
    [InlineData("SK123", KeySecret, nameof(TwilioCredentialInput.ApiKeySid))]
    [InlineData("AC0123456789abcdef0123456789abcdef", KeySecret, nameof(TwilioCredentialInput.ApiKeySid))]
    [InlineData(KeySid, " ", nameof(TwilioCredentialInput.ApiKeySecret))]
    public async Task VerifyAsync_MalformedKey_IsRefusedWithoutARequest(string keySid, string keySecret, string field)
    {
        await using var host = StandardKeyTwilio().Host();

        var verification = await VerifyAsync(host, keySid: keySid, keySecret: keySecret);

        Assert.Equal(field, Assert.Single(verification.Errors).Field);
        Assert.Empty(host.Requests);
    }

    [Fact]
    public async Task SendTestMessageAsync_WithKey_PostsToTheAccountsMessages_SignedWithTheKey()
    {
        await using var host = StandardKeyTwilio().Host();

        var outcome = await host.Verifier.SendTestMessageAsync(TwilioApiCredentials.WithApiKey(TwilioTestHost.AccountSid, KeySid, KeySecret),
            TwilioTestHost.ServiceSid, FakeTwilio.InboundNumber, "+14155550199", "Test", Ct);

        Assert.True(outcome.Sent);
        var request = Assert.Single(host.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}/Messages.json", request.Path);
        Assert.Equal(KeyBasic, request.Authorization);
        Assert.DoesNotContain(KeySecret, host.Logs.AllText, StringComparison.Ordinal);
    }
}
