using JourneyOptimizer.Sms.Core.Credentials.Infobip;
using JourneyOptimizer.Sms.Testing;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Infobip;

/// <summary>The Infobip client against a real local Infobip over HTTPS, through the address guard.</summary>
public sealed class InfobipClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static InfobipTextMessage Message(string to = "+41793026727") => new("InfoSMS", to, "Hello from the portal ✓")
    {
        ValidityPeriodHours = 48,
        PrincipalEntityId = "1201159100000012345",
        ContentTemplateId = "1207161900000067890",
        CallbackData = "portal-test",
        DeliveryReportUrl = new Uri("https://portal.example/webhooks/infobip/feedback"),
    };

    [Fact]
    public async Task GetLogsAsync_SendsTheAppKeyToTheLogsOfTheLastMessage()
    {
        await using var infobip = await InfobipHarness.StartAsync();

        var result = await infobip.Client.GetLogsAsync(infobip.Credentials, Ct);

        Assert.True(result.Succeeded, result + infobip.Logs.AllText);
        Assert.Equal(0, result.Value.Count);
        var request = Assert.Single(infobip.Fake.RequestList);
        Assert.Equal(("GET", "/sms/3/logs", "?limit=1"), (request.Method, request.Path, request.Query));
        Assert.Equal("App " + InfobipHarness.ApiKey, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
    }

    [Fact]
    public async Task GetLogsAsync_WrongKey_IsUnauthorizedWithInfobipsText()
    {
        await using var infobip = await InfobipHarness.StartAsync();

        var result = await infobip.Client.GetLogsAsync(infobip.Credentials with { ApiKey = "0000-wrong-key" }, Ct);

        Assert.Equal(new InfobipFailure(InfobipFailureKind.Unauthorized, 401, "UNAUTHORIZED", "Invalid login details"), result.Failure);
        Assert.Single(infobip.Fake.RequestList);
        Assert.Equal(InfobipErrorText.WrongKey, InfobipErrorText.ForFailure(result.Failure!).Key);
    }

    [Fact]
    public async Task GetLogsAsync_KeyWithoutTheSmsScope_IsForbidden()
    {
        await using var infobip = await InfobipHarness.StartAsync();
        infobip.Fake.KeysWithoutSmsScope["scoped-key-0001"] = true;

        var result = await infobip.Client.GetLogsAsync(infobip.Credentials with { ApiKey = "scoped-key-0001" }, Ct);

        Assert.Equal(new InfobipFailure(InfobipFailureKind.Rejected, 403, "UNAUTHORIZED", "Unauthorized access"), result.Failure);
        Assert.Equal(InfobipErrorText.Forbidden, InfobipErrorText.ForFailure(result.Failure!).Key);
    }

    [Fact]
    public async Task GetLogsAsync_404_IsNotFound()
    {
        await using var infobip = await InfobipHarness.StartAsync();
        infobip.Fake.Override = (r, _) => FakeInfobip.RequestError(404, "NOT_FOUND", "Requested URL not found: " + r.Path);

        var result = await infobip.Client.GetLogsAsync(infobip.Credentials, Ct);

        Assert.Equal(new InfobipFailure(InfobipFailureKind.NotFound, 404, "NOT_FOUND", "Requested URL not found: /sms/3/logs"), result.Failure);
        Assert.Equal(InfobipErrorText.NotFound, InfobipErrorText.ForFailure(result.Failure!).Key);
    }

    [Fact]
    public async Task GetLogsAsync_500ThenAnswer_IsRetried()
    {
        await using var infobip = await InfobipHarness.StartAsync();
        infobip.Fake.Override = (_, index) => index == 0 ? FakeInfobip.RequestError(500, "GENERAL_ERROR", "Something went wrong. Please contact support.") : null;

        var result = await infobip.Client.GetLogsAsync(infobip.Credentials, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, infobip.Fake.RequestList.Count);
    }

    [Fact]
    public async Task GetLogsAsync_429WithLongRetryAfter_IsRateLimited()
    {
        await using var infobip = await InfobipHarness.StartAsync();
        infobip.Fake.Override = (_, _) => FakeInfobip.RequestError(429, "TOO_MANY_REQUESTS", "Too many requests") with { Headers = [("Retry-After", "60")] };

        var result = await infobip.Client.GetLogsAsync(infobip.Credentials, Ct);

        Assert.Equal(new InfobipFailure(InfobipFailureKind.RateLimited, 429, "TOO_MANY_REQUESTS", "Too many requests", TimeSpan.FromSeconds(60)), result.Failure);
        Assert.Single(infobip.Fake.RequestList);
        Assert.Equal(InfobipErrorText.TooManyRequests, InfobipErrorText.ForFailure(result.Failure!).Key);
    }

    [Theory]
    [InlineData(200, "<html>Captive portal</html>")]
    [InlineData(200, """{"results":{}}""")]
    [InlineData(502, "<html>Bad gateway</html>")]
    [InlineData(301, "")]
    public async Task GetLogsAsync_AnswerThatIsNotInfobips_IsUnreachable(int status, string body)
    {
        await using var infobip = await InfobipHarness.StartAsync();
        infobip.Fake.Override = (_, _) => new FakeAnswer(status, body, "text/html", ("Location", "https://evil.example/"));

        var result = await infobip.Client.GetLogsAsync(infobip.Credentials, Ct);

        Assert.Equal(InfobipFailureKind.Unreachable, result.Failure?.Kind);
        Assert.Equal(InfobipErrorText.Unreachable, InfobipErrorText.ForFailure(result.Failure!).Key);
    }

    [Fact]
    public async Task GetLogsAsync_UntrustedCertificate_IsUnreachable()
    {
        await using var infobip = await InfobipHarness.StartAsync(trustTheFake: false);

        var result = await infobip.Client.GetLogsAsync(infobip.Credentials, Ct);

        Assert.Equal(InfobipFailureKind.Unreachable, result.Failure?.Kind);
        Assert.Empty(infobip.Fake.RequestList);
    }

    [Fact]
    public async Task GetLogsAsync_HostThatResolvesToLoopback_IsRefusedBeforeConnecting()
    {
        await using var infobip = await InfobipHarness.StartAsync(letTheFakeThrough: false);

        var result = await infobip.Client.GetLogsAsync(infobip.Credentials, Ct);

        Assert.Equal(new InfobipFailure(InfobipFailureKind.RefusedTarget), result.Failure);
        Assert.Empty(infobip.Fake.RequestList);
        Assert.Equal(InfobipErrorText.RefusedTarget, InfobipErrorText.ForFailure(result.Failure!).Key);
    }

    [Theory]
    [InlineData("https://127.0.0.1:{0}")]
    [InlineData("https://10.1.2.3")]
    [InlineData("https://169.254.169.254")]
    [InlineData("https://localhost:{0}")]
    public async Task GetLogsAsync_PrivateLiteral_IsRefusedWithoutAnyConnection(string format)
    {
        await using var infobip = await InfobipHarness.StartAsync();
        var url = new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, infobip.Fake.Port));

        var result = await infobip.Client.GetLogsAsync(new InfobipApiCredentials(url, InfobipHarness.ApiKey), Ct);

        Assert.Equal(InfobipFailureKind.RefusedTarget, result.Failure?.Kind);
        Assert.Empty(infobip.Fake.RequestList);
    }

    [Fact]
    public async Task GetLogsAsync_PrivateNetworksAllowed_ReachesALoopbackProvider()
    {
        await using var infobip = await InfobipHarness.StartAsync(allowPrivateNetworks: true, letTheFakeThrough: false);

        var result = await infobip.Client.GetLogsAsync(new InfobipApiCredentials(new Uri($"https://127.0.0.1:{infobip.Fake.Port}"), InfobipHarness.ApiKey), Ct);

        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public async Task GetLogsAsync_NotHttps_IsInvalidAndNothingIsSent()
    {
        await using var infobip = await InfobipHarness.StartAsync(allowPrivateNetworks: true);

        var result = await infobip.Client.GetLogsAsync(new InfobipApiCredentials(new Uri($"http://127.0.0.1:{infobip.Fake.Port}"), InfobipHarness.ApiKey), Ct);

        Assert.Equal(InfobipFailureKind.InvalidRequest, result.Failure?.Kind);
        Assert.Empty(infobip.Fake.RequestList);
    }

    [Fact]
    public async Task SendTextAsync_PostsOneV3Message_AndReturnsInfobipsMessageId()
    {
        await using var infobip = await InfobipHarness.StartAsync();

        var result = await infobip.Client.SendTextAsync(infobip.Credentials, Message(), Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(infobip.Fake.SentMessageIds.Single(), result.Value.MessageId);
        Assert.Equal(("PENDING", "PENDING_ACCEPTED"), (result.Value.StatusGroup, result.Value.StatusName));
        Assert.NotNull(result.Value.BulkId);
        var request = Assert.Single(infobip.Fake.RequestList);
        Assert.Equal(("POST", "/sms/3/messages"), (request.Method, request.Path));
        Assert.Equal("App " + InfobipHarness.ApiKey, request.Header("Authorization"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var message = Assert.Single(request.Json().GetProperty("messages").EnumerateArray());
        Assert.Equal("InfoSMS", message.GetProperty("sender").GetString());
        Assert.Equal("41793026727", Assert.Single(message.GetProperty("destinations").EnumerateArray()).GetProperty("to").GetString());
        Assert.Equal("Hello from the portal ✓", message.GetProperty("content").GetProperty("text").GetString());
        var options = message.GetProperty("options");
        Assert.Equal(48, options.GetProperty("validityPeriod").GetProperty("amount").GetInt32());
        Assert.Equal("HOURS", options.GetProperty("validityPeriod").GetProperty("timeUnit").GetString());
        var dlt = options.GetProperty("regional").GetProperty("indiaDlt");
        Assert.Equal("1201159100000012345", dlt.GetProperty("principalEntityId").GetString());
        Assert.Equal("1207161900000067890", dlt.GetProperty("contentTemplateId").GetString());
        var webhooks = message.GetProperty("webhooks");
        Assert.Equal("https://portal.example/webhooks/infobip/feedback", webhooks.GetProperty("delivery").GetProperty("url").GetString());
        Assert.Equal("application/json", webhooks.GetProperty("contentType").GetString());
        Assert.Equal("portal-test", webhooks.GetProperty("callbackData").GetString());
    }

    [Fact]
    public async Task SendTextAsync_WithoutOptions_LeavesThemOut()
    {
        await using var infobip = await InfobipHarness.StartAsync();

        var result = await infobip.Client.SendTextAsync(infobip.Credentials, new InfobipTextMessage("12345", "41793026727", "Hi"), Ct);

        Assert.True(result.Succeeded, result.ToString());
        var message = infobip.Fake.RequestList[0].Json().GetProperty("messages")[0];
        Assert.False(message.TryGetProperty("options", out _));
        Assert.False(message.TryGetProperty("webhooks", out _));
    }

    [Fact]
    public async Task SendTextAsync_DestinationInfobipRejects_IsRejectedWithTheStatus()
    {
        await using var infobip = await InfobipHarness.StartAsync();
        infobip.Fake.RejectedDestinations["41790000000"] = true;

        var result = await infobip.Client.SendTextAsync(infobip.Credentials, Message("+41790000000"), Ct);

        Assert.Equal(new InfobipFailure(InfobipFailureKind.Rejected, 200, "REJECTED_DESTINATION", "Invalid destination address."), result.Failure);
        var (key, args) = InfobipErrorText.ForFailure(result.Failure!);
        Assert.Equal(InfobipErrorText.Rejected, key);
        Assert.Equal(["REJECTED_DESTINATION", "Invalid destination address."], args);
    }

    [Fact]
    public async Task SendTextAsync_ViolationEnvelope_IsRejectedWithTheViolation()
    {
        await using var infobip = await InfobipHarness.StartAsync();
        infobip.Fake.Override = (_, _) => FakeInfobip.Violation("messages[0].content.text", "Must not be null.");

        var result = await infobip.Client.SendTextAsync(infobip.Credentials, Message(), Ct);

        Assert.Equal(new InfobipFailure(InfobipFailureKind.Rejected, 400, "E400", "Request cannot be processed. messages[0].content.text: Must not be null."), result.Failure);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task SendTextAsync_TransientAnswer_IsNeverRetried(int status)
    {
        await using var infobip = await InfobipHarness.StartAsync();
        infobip.Fake.Override = (_, _) => FakeInfobip.RequestError(status, "GENERAL_ERROR", "Something went wrong. Please contact support.");

        var result = await infobip.Client.SendTextAsync(infobip.Credentials, Message(), Ct);

        Assert.Equal(status == 429 ? InfobipFailureKind.RateLimited : InfobipFailureKind.Unreachable, result.Failure?.Kind);
        Assert.Single(infobip.Fake.RequestList);
    }

    [Theory]
    [InlineData("""{"messages":[]}""")]
    [InlineData("""{"messages":[{"status":{"groupName":"PENDING"}}]}""")]
    [InlineData("""{"messages":[{"messageId":"m","status":"PENDING"}]}""")]
    [InlineData("""{"bulkId":12,"messages":[{"messageId":"m"}]}""")]
    public async Task SendTextAsync_SuccessWithoutAMessageId_IsUnreachable(string body)
    {
        await using var infobip = await InfobipHarness.StartAsync();
        infobip.Fake.Override = (_, _) => new FakeAnswer(200, body);

        var result = await infobip.Client.SendTextAsync(infobip.Credentials, Message(), Ct);

        Assert.Equal(InfobipFailureKind.Unreachable, result.Failure?.Kind);
    }

    public static TheoryData<InfobipTextMessage> IncompleteMessages => new()
    {
        new InfobipTextMessage("", "41793026727", "Hi"),
        new InfobipTextMessage("InfoSMS", " ", "Hi"),
        new InfobipTextMessage("InfoSMS", "41793026727", ""),
        new InfobipTextMessage("InfoSMS", "41793026727", "\ud800"),
        new InfobipTextMessage("InfoSMS", "41793026727", new string('x', 4001)),
        new InfobipTextMessage("InfoSMS", "41793026727", "Hi") { ValidityPeriodHours = 0 },
        new InfobipTextMessage("InfoSMS", "41793026727", "Hi") { CallbackData = new string('c', 4001) },
    };

    [Theory]
    [MemberData(nameof(IncompleteMessages))]
    public async Task SendTextAsync_IncompleteMessage_IsInvalidAndNothingIsSent(InfobipTextMessage message)
    {
        await using var infobip = await InfobipHarness.StartAsync();

        var result = await infobip.Client.SendTextAsync(infobip.Credentials, message, Ct);

        Assert.Equal(InfobipFailureKind.InvalidRequest, result.Failure?.Kind);
        Assert.Equal(InfobipErrorText.IncompleteRequest, InfobipErrorText.ForFailure(result.Failure!).Key);
        Assert.Empty(infobip.Fake.RequestList);
    }

    [Fact]
    public async Task Calls_NeverLogTheKey()
    {
        await using var infobip = await InfobipHarness.StartAsync();
        await infobip.Client.GetLogsAsync(infobip.Credentials, Ct);
        await infobip.Client.SendTextAsync(infobip.Credentials, Message(), Ct);
        await infobip.Client.GetLogsAsync(infobip.Credentials with { ApiKey = "another-secret-key" }, Ct);

        Assert.Contains("Authorization", infobip.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(InfobipHarness.ApiKey, infobip.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("another-secret-key", infobip.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(InfobipHarness.ApiKey, infobip.Credentials.ToString(), StringComparison.Ordinal);
    }
}
