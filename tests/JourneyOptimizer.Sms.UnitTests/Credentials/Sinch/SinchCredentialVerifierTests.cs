using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Sinch;

/// <summary>The check on save and the test send of a Sinch (SMS) credential, against the fake Sinch.</summary>
public sealed class SinchCredentialVerifierTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAsync_PlanAndToken_AreVerified()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Get<SinchCredentialVerifier>().VerifyAsync(SinchHarness.ServicePlanId, SinchHarness.ApiToken, Ct);

        Assert.Equal(ProviderVerification.Verified, result);
    }

    [Fact]
    public async Task VerifyAsync_WrongToken_IsAnErrorOnTheApiToken()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Get<SinchCredentialVerifier>().VerifyAsync(SinchHarness.ServicePlanId, "ffffffffffffffffffffffffffffffff", Ct);

        Assert.Equal(ProviderVerificationOutcome.Rejected, result.Outcome);
        Assert.Equal([new FieldError(nameof(SinchCredentialInput.ApiToken), SinchErrorText.SmsWrongCredentials)], result.Errors);
    }

    [Fact]
    public async Task VerifyAsync_404_IsAnErrorOnTheServiceId()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, _) => new FakeAnswer(404);

        var result = await sinch.Get<SinchCredentialVerifier>().VerifyAsync(SinchHarness.ServicePlanId, SinchHarness.ApiToken, Ct);

        Assert.Equal(nameof(SinchCredentialInput.ServiceId), Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task VerifyAsync_SinchBusyOrDown_IsUnreachable_SoItMaySaveWithoutVerification(int status)
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, _) => new FakeAnswer(status, "", "application/json", ("Retry-After", "600"));

        var result = await sinch.Get<SinchCredentialVerifier>().VerifyAsync(SinchHarness.ServicePlanId, SinchHarness.ApiToken, Ct);

        Assert.Equal(ProviderVerificationOutcome.Unreachable, result.Outcome);
        Assert.Equal(FieldError.FormLevel, Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task SendTestAsync_ReturnsSinchsBatchId()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Get<SinchCredentialVerifier>().SendTestAsync(SinchHarness.ServicePlanId, SinchHarness.ApiToken,
            "+14155550100", "+14155550123", "Test", null, Ct);

        Assert.True(result.Sent);
        Assert.Equal($"/xms/v1/{SinchHarness.ServicePlanId}/batches", sinch.Fake.RequestList.Single().Path);
        Assert.Equal(26, result.MessageId!.Length);
    }

    [Fact]
    public async Task SendTestAsync_Refused_GivesSinchsCodeAndTheSentence()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Get<SinchCredentialVerifier>().SendTestAsync(SinchHarness.ServicePlanId, SinchHarness.ApiToken,
            "+14155550100", "+1abc", "Test", null, Ct);

        Assert.False(result.Sent);
        Assert.Equal(("syntax_invalid_parameter_format", SinchErrorText.Rejected), (result.ErrorCode, result.MessageKey));
        Assert.Equal(["syntax_invalid_parameter_format", "'+1abc' is not a valid phone number"], result.MessageArguments);
    }
}
