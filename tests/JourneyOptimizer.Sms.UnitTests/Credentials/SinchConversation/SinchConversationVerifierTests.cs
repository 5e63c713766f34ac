using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.ProviderHttp;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Credentials.SinchConversation;
using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Credentials.Sinch;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.SinchConversation;

/// <summary>The checks on save and the test sends of Sinch MMS and Sinch RCS, against the fake Sinch.</summary>
public sealed class SinchConversationVerifierTests
{
    private const string AccessKey = SinchHarness.KeyId + ":" + SinchHarness.KeySecret;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyMmsAsync_AppWithMms_IsVerified()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Get<SinchConversationVerifier>().VerifyMmsAsync(SinchHarness.ProjectId, SinchHarness.AppId, AccessKey, Ct);

        Assert.Equal(ProviderVerification.Verified, result);
    }

    [Fact]
    public async Task VerifyRcsAsync_WithTheFallbacksPlanAndToken_IsVerified()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Get<SinchConversationVerifier>().VerifyRcsAsync(SinchHarness.ProjectId, SinchHarness.AppId, AccessKey,
            SinchHarness.ServicePlanId, SinchHarness.ApiToken, Ct);

        Assert.Equal(ProviderVerification.Verified, result);
        Assert.Contains(sinch.Fake.RequestList, r => r.Path == $"/xms/v1/{SinchHarness.ServicePlanId}/batches");
    }

    [Fact]
    public async Task VerifyAsync_AppWithoutTheChannel_IsAnErrorOnTheAppId()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Apps[SinchHarness.AppId] = new FakeSinchApp(SinchHarness.ProjectId, SinchHarness.AppId, ["SMS"], SinchHarness.ServicePlanId);
        var verifier = sinch.Get<SinchConversationVerifier>();

        var mms = await verifier.VerifyMmsAsync(SinchHarness.ProjectId, SinchHarness.AppId, AccessKey, Ct);
        var rcs = await verifier.VerifyRcsAsync(SinchHarness.ProjectId, SinchHarness.AppId, AccessKey, null, null, Ct);

        Assert.Equal([new FieldError(nameof(SinchMmsCredentialInput.AppId), SinchConversationVerifier.NoMmsChannel)], mms.Errors);
        Assert.Equal([new FieldError(nameof(SinchRcsCredentialInput.AppId), SinchConversationVerifier.NoRcsChannel)], rcs.Errors);
    }

    [Fact]
    public async Task VerifyRcsAsync_PlanTheAppDoesNotUse_AndAWrongSmsToken_AreBothReported()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.ServicePlans["0000000000000000000000000000000a"] = "another-plan-token";

        var result = await sinch.Get<SinchConversationVerifier>().VerifyRcsAsync(SinchHarness.ProjectId, SinchHarness.AppId, AccessKey,
            "0000000000000000000000000000000a", "not-this-plans-token", Ct);

        Assert.Equal(
            [new FieldError(nameof(SinchRcsCredentialInput.ServicePlanId), SinchConversationVerifier.NoSmsChannelForPlan),
             new FieldError(nameof(SinchRcsCredentialInput.SmsApiToken), SinchConversationVerifier.SmsTokenNotForPlan)],
            result.Errors);
    }

    [Fact]
    public async Task VerifyAsync_WrongKey_IsAnErrorOnTheApiToken()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Get<SinchConversationVerifier>().VerifyMmsAsync(SinchHarness.ProjectId, SinchHarness.AppId,
            SinchHarness.KeyId + ":wrong", Ct);

        Assert.Equal([new FieldError(nameof(SinchMmsCredentialInput.ApiToken), SinchErrorText.ConversationWrongCredentials)], result.Errors);
    }

    [Fact]
    public async Task VerifyAsync_TokenNotInKeyIdColonSecretShape_IsAnErrorWithoutACall()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Get<SinchConversationVerifier>().VerifyMmsAsync(SinchHarness.ProjectId, SinchHarness.AppId, "just-a-token", Ct);

        Assert.Equal([new FieldError(nameof(SinchMmsCredentialInput.ApiToken), SinchConversationMessages.ApiTokenFormat)], result.Errors);
        Assert.Empty(sinch.Fake.RequestList);
    }

    [Fact]
    public async Task VerifyAsync_UnknownApp_IsAnErrorOnTheAppId_AndOtherProject_OnTheProjectId()
    {
        await using var sinch = await SinchHarness.StartAsync();
        var verifier = sinch.Get<SinchConversationVerifier>();

        var unknownApp = await verifier.VerifyMmsAsync(SinchHarness.ProjectId, "01EB37HMH1M6SV18BSNS3G135J", AccessKey, Ct);
        sinch.Fake.AccessKeys[SinchHarness.KeyId] = (SinchHarness.KeySecret, "e2df3a34-a71b-4448-9db5-a8d2baad28e4");
        var otherProject = await verifier.VerifyMmsAsync(SinchHarness.ProjectId, SinchHarness.AppId, AccessKey, Ct);

        Assert.Equal([new FieldError(nameof(SinchMmsCredentialInput.AppId), SinchErrorText.ConversationNotFound)], unknownApp.Errors);
        Assert.Equal(nameof(SinchMmsCredentialInput.ProjectId), Assert.Single(otherProject.Errors).Field);
    }

    [Fact]
    public async Task VerifyAsync_SinchDown_IsUnreachable()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, _) => new FakeAnswer(502, "<html>Bad gateway</html>", "text/html");

        var result = await sinch.Get<SinchConversationVerifier>().VerifyMmsAsync(SinchHarness.ProjectId, SinchHarness.AppId, AccessKey, Ct);

        Assert.Equal(ProviderVerificationOutcome.Unreachable, result.Outcome);
    }

    [Fact]
    public async Task SendTestAsync_RcsWithFallback_ReturnsTheMessageId()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Get<SinchConversationVerifier>().SendTestAsync(SinchConversationChannel.Rcs, SinchHarness.ProjectId,
            SinchHarness.AppId, AccessKey, "+14155550123", "Test", smsFallback: true, Ct);

        Assert.True(result.Sent, result.MessageKey);
        Assert.Equal(26, result.MessageId!.Length);
        Assert.Equal(2, sinch.Fake.RequestList[^1].Json().GetProperty("recipient").GetProperty("identified_by").GetProperty("channel_identities").GetArrayLength());
    }

    [Fact]
    public async Task SendTestAsync_Refused_GivesSinchsStatusAndText()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Apps[SinchHarness.AppId] = new FakeSinchApp(SinchHarness.ProjectId, SinchHarness.AppId, ["RCS"]);

        var result = await sinch.Get<SinchConversationVerifier>().SendTestAsync(SinchConversationChannel.Mms, SinchHarness.ProjectId,
            SinchHarness.AppId, AccessKey, "+14155550123", "Test", smsFallback: false, Ct);

        Assert.False(result.Sent);
        Assert.Equal(("INVALID_ARGUMENT", SinchErrorText.Rejected), (result.ErrorCode, result.MessageKey));
        Assert.Equal(["INVALID_ARGUMENT", "Channel MMS is not configured for the app"], result.MessageArguments);
    }
}
