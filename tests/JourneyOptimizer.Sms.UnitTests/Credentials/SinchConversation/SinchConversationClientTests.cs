using System.Text;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Credentials.SinchConversation;
using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Credentials.Sinch;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.SinchConversation;

/// <summary>The Conversation API client (Sinch MMS and Sinch RCS) against a real local Sinch with its OAuth endpoint.</summary>
public sealed class SinchConversationClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SinchConversationCredentials Credentials => SinchHarness.ConversationCredentials;

    private static string ExpectedBasic =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(SinchHarness.KeyId + ":" + SinchHarness.KeySecret));

    [Fact]
    public async Task GetAppAsync_FetchesATokenWithTheKey_ThenReadsTheAppWithIt()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Conversation.GetAppAsync(Credentials, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(SinchHarness.AppId, result.Value.Id);
        Assert.Equal("Fake app", result.Value.DisplayName);
        Assert.Equal(["MMS", "RCS", "SMS"], result.Value.Channels);
        Assert.Equal(SinchHarness.ServicePlanId, result.Value.SmsServicePlanId);
        Assert.True(result.Value.HasChannel(SinchConversationChannel.Rcs));
        var requests = sinch.Fake.RequestList;
        Assert.Equal(2, requests.Count);
        Assert.Equal(("POST", "/oauth2/token"), (requests[0].Method, requests[0].Path));
        Assert.Equal(ExpectedBasic, requests[0].Header("Authorization"));
        Assert.StartsWith("application/x-www-form-urlencoded", requests[0].Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("grant_type=client_credentials", requests[0].Body);
        Assert.Equal(("GET", $"/v1/projects/{SinchHarness.ProjectId}/apps/{SinchHarness.AppId}"), (requests[1].Method, requests[1].Path));
        Assert.StartsWith("Bearer eyJ", requests[1].Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAppAsync_KeepsNothingOfTheAppsChannelSecrets()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Conversation.GetAppAsync(Credentials, Ct);

        var everything = result.ToString() + sinch.Logs.AllText;
        Assert.DoesNotContain("channel-secret-token", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("channel-callback-secret", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("override-secret", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(SinchHarness.KeySecret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJhbGciOiJSUzI1NiJ9.", sinch.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_ReuseTheCachedToken()
    {
        await using var sinch = await SinchHarness.StartAsync();

        await sinch.Conversation.GetAppAsync(Credentials, Ct);
        await sinch.Conversation.GetAppAsync(Credentials, Ct);
        var sent = await sinch.Conversation.SendTextAsync(Credentials, new SinchConversationMessageRequest(SinchConversationChannel.Mms, "+14155550123", "Hi"), Ct);

        Assert.True(sent.Succeeded, sent.ToString());
        Assert.Equal(1, sinch.Fake.TokensIssued);
        Assert.Equal(4, sinch.Fake.RequestList.Count);
    }

    [Fact]
    public async Task Calls_TokenWithoutLifetime_IsNotCached()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.TokenLifetimeSeconds = 0;

        await sinch.Conversation.GetAppAsync(Credentials, Ct);
        await sinch.Conversation.GetAppAsync(Credentials, Ct);

        Assert.Equal(2, sinch.Fake.TokensIssued);
    }

    [Fact]
    public async Task GetAppAsync_ExpiredCachedToken_IsRenewedAndTheCallSentOnceMore()
    {
        await using var sinch = await SinchHarness.StartAsync();
        await sinch.Conversation.GetAppAsync(Credentials, Ct);
        sinch.Fake.ExpireTokens();

        var result = await sinch.Conversation.GetAppAsync(Credentials, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, sinch.Fake.TokensIssued);
        Assert.Equal(["/oauth2/token", "/v1/projects/" + SinchHarness.ProjectId + "/apps/" + SinchHarness.AppId, "/v1/projects/" + SinchHarness.ProjectId + "/apps/" + SinchHarness.AppId, "/oauth2/token", "/v1/projects/" + SinchHarness.ProjectId + "/apps/" + SinchHarness.AppId],
            sinch.Fake.RequestList.Select(r => r.Path));
    }

    [Fact]
    public async Task GetAppAsync_401WithAFreshToken_IsUnauthorizedWithoutALoop()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (request, _) => request.Path.StartsWith("/v1/", StringComparison.Ordinal)
            ? FakeSinch.ConversationError(401, "Request had invalid credentials.", "UNAUTHENTICATED")
            : null;

        var result = await sinch.Conversation.GetAppAsync(Credentials, Ct);

        Assert.Equal(new SinchFailure(SinchFailureKind.Unauthorized, 401, "UNAUTHENTICATED", "Request had invalid credentials."), result.Failure);
        Assert.Equal(2, sinch.Fake.RequestList.Count);
    }

    [Fact]
    public async Task GetAppAsync_401WithACachedToken_RenewsOnceThenGivesUp()
    {
        await using var sinch = await SinchHarness.StartAsync();
        await sinch.Conversation.GetAppAsync(Credentials, Ct);
        sinch.Fake.Override = (request, _) => request.Path.StartsWith("/v1/", StringComparison.Ordinal)
            ? FakeSinch.ConversationError(401, "Request had invalid credentials.", "UNAUTHENTICATED")
            : null;

        var result = await sinch.Conversation.GetAppAsync(Credentials, Ct);

        Assert.Equal(SinchFailureKind.Unauthorized, result.Failure?.Kind);
        Assert.Equal(2, sinch.Fake.TokensIssued);
        Assert.Equal(5, sinch.Fake.RequestList.Count);
    }

    [Theory]
    [InlineData(SinchHarness.KeyId, "wrong-secret")]
    [InlineData("00000000-0000-0000-0000-000000000000", SinchHarness.KeySecret)]
    public async Task GetAppAsync_WrongKey_IsUnauthorizedAtTheTokenEndpoint(string keyId, string secret)
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Conversation.GetAppAsync(Credentials with { KeyId = keyId, KeySecret = secret }, Ct);

        Assert.Equal(SinchFailureKind.Unauthorized, result.Failure?.Kind);
        Assert.Equal("invalid_client", result.Failure?.Code);
        Assert.Equal("/oauth2/token", Assert.Single(sinch.Fake.RequestList).Path);
        Assert.Equal(SinchErrorText.ConversationWrongCredentials, SinchErrorText.ForFailure(result.Failure!, SinchApi.Conversation).Key);
    }

    [Fact]
    public async Task GetAppAsync_400InvalidClientFromTheTokenEndpoint_IsUnauthorized()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, _) => new FakeAnswer(400, """{"error":"invalid_client","error_description":"bad client"}""");

        var result = await sinch.Conversation.GetAppAsync(Credentials, Ct);

        Assert.Equal(new SinchFailure(SinchFailureKind.Unauthorized, 400, "invalid_client", "bad client"), result.Failure);
    }

    [Fact]
    public async Task GetAppAsync_KeyOfAnotherProject_IsRejectedWithSinchsStatus()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.AccessKeys[SinchHarness.KeyId] = (SinchHarness.KeySecret, "e2df3a34-a71b-4448-9db5-a8d2baad28e4");

        var result = await sinch.Conversation.GetAppAsync(Credentials, Ct);

        Assert.Equal(new SinchFailure(SinchFailureKind.Rejected, 403, "PERMISSION_DENIED", "The caller does not have permission"), result.Failure);
        var (key, args) = SinchErrorText.ForFailure(result.Failure!, SinchApi.Conversation);
        Assert.Equal(SinchErrorText.Rejected, key);
        Assert.Equal(["PERMISSION_DENIED", "The caller does not have permission"], args);
    }

    [Fact]
    public async Task GetAppAsync_UnknownAppOrWrongRegion_IsNotFound()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Conversation.GetAppAsync(Credentials with { AppId = "01EB37HMH1M6SV18BSNS3G135J" }, Ct);

        Assert.Equal(SinchFailureKind.NotFound, result.Failure?.Kind);
        Assert.Equal("NOT_FOUND", result.Failure?.Code);
        Assert.Equal(SinchErrorText.ConversationNotFound, SinchErrorText.ForFailure(result.Failure!, SinchApi.Conversation).Key);
    }

    [Fact]
    public async Task GetAppAsync_503ThenAnswer_IsRetried()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (request, _) => request.Path.StartsWith("/v1/", StringComparison.Ordinal)
            && sinch.Fake.RequestList.Count(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)) == 1
            ? FakeSinch.ConversationError(503, "The service is currently unavailable.", "UNAVAILABLE")
            : null;

        var result = await sinch.Conversation.GetAppAsync(Credentials, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(3, sinch.Fake.RequestList.Count);
    }

    [Fact]
    public async Task Token_429_IsRateLimited_AndNotRetried()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, _) => new FakeAnswer(429, "", "application/json", ("Retry-After", "30"));

        var result = await sinch.Conversation.GetAppAsync(Credentials, Ct);

        Assert.Equal(SinchFailureKind.RateLimited, result.Failure?.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), result.Failure?.RetryAfter);
        Assert.Single(sinch.Fake.RequestList);
    }

    [Theory]
    [InlineData("<html>proxy</html>")]
    [InlineData("""{"token_type":"Bearer"}""")]
    [InlineData("""{"access_token":"has spaces in it","expires_in":3600}""")]
    [InlineData("""{"access_token":"ok","expires_in":"3600"}""")]
    public async Task Token_AnswerWithoutAUsableToken_IsUnreachable(string body)
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, _) => new FakeAnswer(200, body);

        var result = await sinch.Conversation.GetAppAsync(Credentials, Ct);

        Assert.Equal(SinchFailureKind.Unreachable, result.Failure?.Kind);
        Assert.Single(sinch.Fake.RequestList);
    }

    [Fact]
    public async Task SendTextAsync_RcsWithSmsFallback_SendsBothIdentitiesInOrder()
    {
        await using var sinch = await SinchHarness.StartAsync();
        var message = new SinchConversationMessageRequest(SinchConversationChannel.Rcs, "+14155550123", "Hello ✓")
        {
            SmsFallback = true,
            SmsSender = "+14155550100",
            CallbackUrl = new Uri("https://portal.example/webhooks/sinch-rcs"),
            CorrelationId = "portal-test",
        };

        var result = await sinch.Conversation.SendTextAsync(Credentials, message, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(26, result.Value.MessageId.Length);
        Assert.NotNull(result.Value.AcceptedTime);
        var request = sinch.Fake.RequestList[^1];
        Assert.Equal(("POST", $"/v1/projects/{SinchHarness.ProjectId}/messages:send"), (request.Method, request.Path));
        var body = request.Json();
        Assert.Equal(SinchHarness.AppId, body.GetProperty("app_id").GetString());
        var identities = body.GetProperty("recipient").GetProperty("identified_by").GetProperty("channel_identities").EnumerateArray()
            .Select(i => (i.GetProperty("channel").GetString(), i.GetProperty("identity").GetString())).ToList();
        Assert.Equal([("RCS", "+14155550123"), ("SMS", "+14155550123")], identities);
        Assert.Equal(["RCS", "SMS"], body.GetProperty("channel_priority_order").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("+14155550100", body.GetProperty("channel_properties").GetProperty("SMS_SENDER").GetString());
        Assert.Equal("Hello ✓", body.GetProperty("message").GetProperty("text_message").GetProperty("text").GetString());
        Assert.Equal("https://portal.example/webhooks/sinch-rcs", body.GetProperty("callback_url").GetString());
        Assert.Equal("portal-test", body.GetProperty("correlation_id").GetString());
    }

    [Fact]
    public async Task SendTextAsync_MmsWithoutFallback_SendsOneIdentityAndTheMmsSender()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Conversation.SendTextAsync(Credentials,
            new SinchConversationMessageRequest(SinchConversationChannel.Mms, "+14155550123", "Hi") { MmsSender = "+14155550100" }, Ct);

        Assert.True(result.Succeeded, result.ToString());
        var body = sinch.Fake.RequestList[^1].Json();
        Assert.Single(body.GetProperty("recipient").GetProperty("identified_by").GetProperty("channel_identities").EnumerateArray());
        Assert.False(body.TryGetProperty("channel_priority_order", out _));
        Assert.Equal("+14155550100", body.GetProperty("channel_properties").GetProperty("MMS_SENDER").GetString());
        Assert.False(body.TryGetProperty("callback_url", out _));
    }

    [Fact]
    public async Task SendTextAsync_ChannelTheAppDoesNotHave_IsRejectedWithSinchsText()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Apps[SinchHarness.AppId] = new FakeSinchApp(SinchHarness.ProjectId, SinchHarness.AppId, ["SMS"]);

        var result = await sinch.Conversation.SendTextAsync(Credentials,
            new SinchConversationMessageRequest(SinchConversationChannel.Rcs, "+14155550123", "Hi"), Ct);

        Assert.Equal(new SinchFailure(SinchFailureKind.Rejected, 400, "INVALID_ARGUMENT", "Channel RCS is not configured for the app"), result.Failure);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    public async Task SendTextAsync_ServerError_IsNeverRetried(int status)
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (request, _) => request.Path.EndsWith("messages:send", StringComparison.Ordinal)
            ? FakeSinch.ConversationError(status, "Internal error", "INTERNAL")
            : null;

        var result = await sinch.Conversation.SendTextAsync(Credentials,
            new SinchConversationMessageRequest(SinchConversationChannel.Mms, "+14155550123", "Hi"), Ct);

        Assert.Equal(SinchFailureKind.Unreachable, result.Failure?.Kind);
        Assert.Single(sinch.Fake.RequestList, r => r.Path.EndsWith("messages:send", StringComparison.Ordinal));
    }

    public static TheoryData<SinchConversationMessageRequest> IncompleteMessages => new()
    {
        new SinchConversationMessageRequest(SinchConversationChannel.Rcs, "", "Hi"),
        new SinchConversationMessageRequest(SinchConversationChannel.Rcs, "+14155550123", ""),
        new SinchConversationMessageRequest(SinchConversationChannel.Rcs, "+14155550123", "\udc00"),
        new SinchConversationMessageRequest(SinchConversationChannel.Rcs, "+14155550123", new string('x', 2001)),
        new SinchConversationMessageRequest((SinchConversationChannel)42, "+14155550123", "Hi"),
    };

    [Theory]
    [MemberData(nameof(IncompleteMessages))]
    public async Task SendTextAsync_IncompleteMessage_IsInvalidAndNothingIsSent(SinchConversationMessageRequest message)
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Conversation.SendTextAsync(Credentials, message, Ct);

        Assert.Equal(SinchFailureKind.InvalidRequest, result.Failure?.Kind);
        Assert.Empty(sinch.Fake.RequestList);
    }

    [Theory]
    [InlineData("../x", SinchHarness.AppId, SinchHarness.KeyId, SinchHarness.KeySecret)]
    [InlineData(SinchHarness.ProjectId, "", SinchHarness.KeyId, SinchHarness.KeySecret)]
    [InlineData(SinchHarness.ProjectId, SinchHarness.AppId, "", SinchHarness.KeySecret)]
    [InlineData(SinchHarness.ProjectId, SinchHarness.AppId, SinchHarness.KeyId, "")]
    [InlineData(SinchHarness.ProjectId, SinchHarness.AppId, SinchHarness.KeyId, "secret with spaces")]
    public async Task GetAppAsync_UnusableCredentials_AreInvalidAndNothingIsSent(string project, string app, string keyId, string secret)
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Conversation.GetAppAsync(new SinchConversationCredentials(project, app, keyId, secret), Ct);

        Assert.Equal(SinchFailureKind.InvalidRequest, result.Failure?.Kind);
        Assert.Empty(sinch.Fake.RequestList);
    }

    [Theory]
    [InlineData("key:secret", "key", "secret")]
    [InlineData(" 6e0b1a2c-3d4e:s3cr:et~x ", "6e0b1a2c-3d4e", "s3cr:et~x")]
    public void ApiToken_KeyIdColonSecret_IsSplitAtTheFirstColon(string token, string keyId, string secret)
    {
        Assert.True(SinchConversationApiToken.TryParse(token, out var id, out var parsedSecret));
        Assert.Equal((keyId, secret), (id, parsedSecret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-colon")]
    [InlineData(":secret")]
    [InlineData("key:")]
    [InlineData("key:sec ret")]
    [InlineData("kéy:secret")]
    public void ApiToken_OtherShapes_AreRefused(string? token) =>
        Assert.False(SinchConversationApiToken.TryParse(token, out _, out _));

    [Fact]
    public void Credentials_ToString_HidesTheSecret() =>
        Assert.DoesNotContain(SinchHarness.KeySecret, Credentials.ToString(), StringComparison.Ordinal);
}
