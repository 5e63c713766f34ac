using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Infobip;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;
using JourneyOptimizer.Sms.Testing;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Infobip;

/// <summary>The check on save and the test send of an Infobip credential, against the fake Infobip.</summary>
public sealed class InfobipCredentialVerifierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAsync_KeyThatAuthenticates_IsVerified()
    {
        await using var infobip = await InfobipHarness.StartAsync();

        Assert.Equal(ProviderVerification.Verified, await infobip.Verifier.VerifyAsync(infobip.BaseUrl, InfobipHarness.ApiKey, Ct));
    }

    [Theory]
    [InlineData("wrong-key-0001", InfobipErrorText.WrongKey)]
    [InlineData("scoped-key-0001", InfobipErrorText.Forbidden)]
    public async Task VerifyAsync_KeyRefused_IsAnErrorOnTheApiKey(string key, string expected)
    {
        await using var infobip = await InfobipHarness.StartAsync();
        infobip.Fake.KeysWithoutSmsScope["scoped-key-0001"] = true;

        var result = await infobip.Verifier.VerifyAsync(infobip.BaseUrl, key, Ct);

        Assert.Equal([new FieldError(nameof(InfobipCredentialInput.ApiKey), expected)], result.Errors);
    }

    [Fact]
    public async Task VerifyAsync_RefusedAddress_IsAnErrorOnTheBaseUrl()
    {
        await using var infobip = await InfobipHarness.StartAsync(letTheFakeThrough: false);

        var result = await infobip.Verifier.VerifyAsync(infobip.BaseUrl, InfobipHarness.ApiKey, Ct);

        Assert.Equal([new FieldError(nameof(InfobipCredentialInput.ApiBaseUrl), InfobipErrorText.RefusedTarget)], result.Errors);
    }

    [Fact]
    public async Task VerifyAsync_InfobipDown_IsUnreachable()
    {
        await using var infobip = await InfobipHarness.StartAsync();
        infobip.Fake.Override = (_, _) => FakeInfobip.RequestError(503, "GENERAL_ERROR", "Service unavailable");

        var result = await infobip.Verifier.VerifyAsync(infobip.BaseUrl, InfobipHarness.ApiKey, Ct);

        Assert.Equal(ProviderVerificationOutcome.Unreachable, result.Outcome);
        Assert.Equal(InfobipErrorText.Unreachable, Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task SendTestAsync_ReturnsInfobipsMessageIdAndStatus()
    {
        await using var infobip = await InfobipHarness.StartAsync();

        var result = await infobip.Verifier.SendTestAsync(infobip.BaseUrl, InfobipHarness.ApiKey,
            new InfobipTextMessage("+447911123456", "+41793026727", "Test") { ValidityPeriodHours = 48 }, Ct);

        Assert.True(result.Sent, result.MessageKey);
        Assert.Equal((infobip.Fake.SentMessageIds.Single(), "PENDING_ACCEPTED"), (result.MessageId, result.Status));
    }
}
