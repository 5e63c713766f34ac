using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Testing;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Sinch;

/// <summary>The SMS REST API client against a real local Sinch (see <see cref="FakeSinch"/>).</summary>
public sealed class SinchSmsClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SinchTextBatchRequest Batch(string to = "+14155550123") =>
        new("+14155550100", [to], "Hello from the portal ✓") { ClientReference = "portal-test", CallbackUrl = new Uri("https://portal.example/webhooks/sinch") };

    [Fact]
    public async Task ListBatchesAsync_KnownPlanAndToken_SendsBearerToThePlansBatchesAndReadsTheCounts()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Sms.ListBatchesAsync(SinchHarness.SmsCredentials, Ct);

        Assert.True(result.Succeeded, result + sinch.Logs.AllText);
        Assert.Equal(0, result.Value.Count);
        var request = Assert.Single(sinch.Fake.RequestList);
        Assert.Equal("GET", request.Method);
        Assert.Equal($"/xms/v1/{SinchHarness.ServicePlanId}/batches", request.Path);
        Assert.Equal("?page_size=1", request.Query);
        Assert.Equal("Bearer " + SinchHarness.ApiToken, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
    }

    [Fact]
    public async Task ListBatchesAsync_AfterASend_CountsTheBatch()
    {
        await using var sinch = await SinchHarness.StartAsync();
        await sinch.Sms.SendTextAsync(SinchHarness.SmsCredentials, Batch(), Ct);

        var result = await sinch.Sms.ListBatchesAsync(SinchHarness.SmsCredentials, Ct);

        Assert.Equal(new SinchBatchPage(1, 0, 1), result.Value);
    }

    [Theory]
    [InlineData(SinchHarness.ServicePlanId, "ffffffffffffffffffffffffffffffff")]
    [InlineData("0000000000000000000000000000000a", SinchHarness.ApiToken)]
    public async Task ListBatchesAsync_WrongTokenOrUnknownPlan_IsUnauthorized(string plan, string token)
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Sms.ListBatchesAsync(new SinchSmsCredentials(plan, token), Ct);

        Assert.Equal(SinchFailureKind.Unauthorized, result.Failure?.Kind);
        Assert.Equal(401, result.Failure?.HttpStatus);
        Assert.Null(result.Failure?.Code);
        Assert.Single(sinch.Fake.RequestList);   // a 401 is not retried
        Assert.Equal((SinchErrorText.SmsWrongCredentials, Array.Empty<object>()), ErrorText(result.Failure!));
    }

    [Fact]
    public async Task ListBatchesAsync_403WithSinchsErrorBody_IsRejectedWithCodeAndText()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, _) => FakeSinch.SmsError(403, "unknown_group", "Group not found");

        var result = await sinch.Sms.ListBatchesAsync(SinchHarness.SmsCredentials, Ct);

        Assert.Equal(new SinchFailure(SinchFailureKind.Rejected, 403, "unknown_group", "Group not found"), result.Failure);
        var (key, args) = SinchErrorText.ForFailure(result.Failure!, SinchApi.Sms);
        Assert.Equal(SinchErrorText.Rejected, key);
        Assert.Equal(["unknown_group", "Group not found"], args);
    }

    [Fact]
    public async Task ListBatchesAsync_404_IsNotFound()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, _) => new FakeAnswer(404);

        var result = await sinch.Sms.ListBatchesAsync(SinchHarness.SmsCredentials, Ct);

        Assert.Equal(SinchFailureKind.NotFound, result.Failure?.Kind);
        Assert.Equal(SinchErrorText.SmsNotFound, ErrorText(result.Failure!).Key);
    }

    [Fact]
    public async Task ListBatchesAsync_503ThenAnswer_IsRetried()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, index) => index < 2 ? new FakeAnswer(503, "<html>Service Unavailable</html>", "text/html") : null;

        var result = await sinch.Sms.ListBatchesAsync(SinchHarness.SmsCredentials, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(3, sinch.Fake.RequestList.Count);
    }

    [Fact]
    public async Task ListBatchesAsync_Always500_IsUnreachableAfterTwoRetries()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, _) => new FakeAnswer(500, "Internal Server Error", "text/plain");

        var result = await sinch.Sms.ListBatchesAsync(SinchHarness.SmsCredentials, Ct);

        Assert.Equal(SinchFailureKind.Unreachable, result.Failure?.Kind);
        Assert.Equal(500, result.Failure?.HttpStatus);
        Assert.Equal(3, sinch.Fake.RequestList.Count);
        Assert.Equal(SinchErrorText.Unreachable, ErrorText(result.Failure!).Key);
    }

    [Fact]
    public async Task ListBatchesAsync_429WithShortRetryAfter_IsRetriedAfterIt()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, index) => index == 0 ? new FakeAnswer(429, "", "application/json", ("Retry-After", "2")) : null;

        var result = await sinch.Sms.ListBatchesAsync(SinchHarness.SmsCredentials, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, sinch.Fake.RequestList.Count);
    }

    [Fact]
    public async Task ListBatchesAsync_429WithLongRetryAfter_IsRateLimitedWithoutWaiting()
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, _) => new FakeAnswer(429, "", "application/json", ("Retry-After", "120"));

        var result = await sinch.Sms.ListBatchesAsync(SinchHarness.SmsCredentials, Ct);

        Assert.Equal(SinchFailureKind.RateLimited, result.Failure?.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), result.Failure?.RetryAfter);
        Assert.Single(sinch.Fake.RequestList);
        Assert.Equal(SinchErrorText.TooManyRequests, ErrorText(result.Failure!).Key);
    }

    [Theory]
    [InlineData(200, "<html><body>Sign in to the hotel Wi-Fi</body></html>", "text/html")]
    [InlineData(200, """{"batches":"not a list"}""", "application/json")]
    [InlineData(200, """{"count":1e400,"page":0,"batches":[]}""", "application/json")]
    [InlineData(302, "", "text/html")]
    public async Task ListBatchesAsync_AnswerThatIsNotSinchs_IsUnreachable(int status, string body, string contentType)
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, _) => new FakeAnswer(status, body, contentType, ("Location", "https://elsewhere.example/"));

        var result = await sinch.Sms.ListBatchesAsync(SinchHarness.SmsCredentials, Ct);

        Assert.Equal(SinchFailureKind.Unreachable, result.Failure?.Kind);
        Assert.Single(sinch.Fake.RequestList);   // a redirect is an answer, never followed
    }

    [Fact]
    public async Task ListBatchesAsync_NobodyListening_IsUnreachable()
    {
        var fake = await FakeSinch.StartAsync();
        await using var sinch = SinchHarness.Create(fake);
        await fake.DisposeAsync();

        var result = await sinch.Sms.ListBatchesAsync(SinchHarness.SmsCredentials, Ct);

        Assert.Equal(new SinchFailure(SinchFailureKind.Unreachable), result.Failure);
    }

    [Fact]
    public async Task SendTextAsync_PostsAnMtTextBatch_AndReturnsSinchsBatchId()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Sms.SendTextAsync(SinchHarness.SmsCredentials, Batch(), Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(26, result.Value.Id.Length);
        Assert.False(result.Value.Canceled);
        Assert.NotNull(result.Value.CreatedAt);
        var request = Assert.Single(sinch.Fake.RequestList);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/xms/v1/{SinchHarness.ServicePlanId}/batches", request.Path);
        Assert.Equal("Bearer " + SinchHarness.ApiToken, request.Header("Authorization"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var body = request.Json();
        Assert.Equal(["+14155550123"], body.GetProperty("to").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("+14155550100", body.GetProperty("from").GetString());
        Assert.Equal("Hello from the portal ✓", body.GetProperty("body").GetString());
        Assert.Equal("mt_text", body.GetProperty("type").GetString());
        Assert.Equal("per_recipient_final", body.GetProperty("delivery_report").GetString());
        Assert.Equal("https://portal.example/webhooks/sinch", body.GetProperty("callback_url").GetString());
        Assert.Equal("portal-test", body.GetProperty("client_reference").GetString());
    }

    [Fact]
    public async Task SendTextAsync_WithoutOptionalFields_LeavesThemOut()
    {
        await using var sinch = await SinchHarness.StartAsync();

        await sinch.Sms.SendTextAsync(SinchHarness.SmsCredentials,
            new SinchTextBatchRequest("12345", ["+14155550123"], "Hi") { DeliveryReport = SinchDeliveryReportMode.None }, Ct);

        var body = Assert.Single(sinch.Fake.RequestList).Json();
        Assert.False(body.TryGetProperty("callback_url", out _));
        Assert.False(body.TryGetProperty("client_reference", out _));
        Assert.Equal("none", body.GetProperty("delivery_report").GetString());
    }

    [Fact]
    public async Task SendTextAsync_NumberSinchRefuses_IsRejectedWithSinchsCodeAndText()
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Sms.SendTextAsync(SinchHarness.SmsCredentials, Batch("+12ab"), Ct);

        Assert.Equal(SinchFailureKind.Rejected, result.Failure?.Kind);
        Assert.Equal(400, result.Failure?.HttpStatus);
        Assert.Equal("syntax_invalid_parameter_format", result.Failure?.Code);
        Assert.Equal("'+12ab' is not a valid phone number", result.Failure?.Text);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task SendTextAsync_TransientAnswer_IsNeverRetried(int status)
    {
        await using var sinch = await SinchHarness.StartAsync();
        sinch.Fake.Override = (_, _) => new FakeAnswer(status, "", "application/json", ("Retry-After", "1"));

        var result = await sinch.Sms.SendTextAsync(SinchHarness.SmsCredentials, Batch(), Ct);

        Assert.Equal(status == 429 ? SinchFailureKind.RateLimited : SinchFailureKind.Unreachable, result.Failure?.Kind);
        Assert.Single(sinch.Fake.RequestList);
    }

    public static TheoryData<SinchTextBatchRequest> IncompleteBatches => new()
    {
        new SinchTextBatchRequest("+14155550100", [], "Hi"),
        new SinchTextBatchRequest("", ["+14155550123"], "Hi"),
        new SinchTextBatchRequest("+14155550100", ["+14155550123"], ""),
        new SinchTextBatchRequest("+14155550100", ["+14155550123"], "lone \ud800 surrogate"),
        new SinchTextBatchRequest("+14155550100", ["+14155550123"], new string('x', 2001)),
        new SinchTextBatchRequest("+14155550100", [.. Enumerable.Repeat("+14155550123", 1001)], "Hi"),
        new SinchTextBatchRequest("+14155550100", ["+14155550123"], "Hi") { ClientReference = new string('r', 129) },
    };

    [Theory]
    [MemberData(nameof(IncompleteBatches))]
    public async Task SendTextAsync_IncompleteBatch_IsInvalidAndNothingIsSent(SinchTextBatchRequest batch)
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Sms.SendTextAsync(SinchHarness.SmsCredentials, batch, Ct);

        Assert.Equal(SinchFailureKind.InvalidRequest, result.Failure?.Kind);
        Assert.Equal(SinchErrorText.IncompleteRequest, ErrorText(result.Failure!).Key);
        Assert.Empty(sinch.Fake.RequestList);
    }

    [Theory]
    [InlineData("", SinchHarness.ApiToken)]
    [InlineData("../admin", SinchHarness.ApiToken)]
    [InlineData(SinchHarness.ServicePlanId, "")]
    [InlineData(SinchHarness.ServicePlanId, "token with spaces")]
    [InlineData(SinchHarness.ServicePlanId, "token\r\nX-Injected: 1")]
    public async Task ListBatchesAsync_UnusableCredentials_AreInvalidAndNothingIsSent(string plan, string token)
    {
        await using var sinch = await SinchHarness.StartAsync();

        var result = await sinch.Sms.ListBatchesAsync(new SinchSmsCredentials(plan, token), Ct);

        Assert.Equal(SinchFailureKind.InvalidRequest, result.Failure?.Kind);
        Assert.Empty(sinch.Fake.RequestList);
    }

    [Fact]
    public async Task Calls_NeverLogTheToken()
    {
        await using var sinch = await SinchHarness.StartAsync();
        await sinch.Sms.ListBatchesAsync(SinchHarness.SmsCredentials, Ct);
        await sinch.Sms.SendTextAsync(SinchHarness.SmsCredentials, Batch(), Ct);
        await sinch.Sms.ListBatchesAsync(new SinchSmsCredentials(SinchHarness.ServicePlanId, "ffffffffffffffffffffffffffffffff"), Ct);

        Assert.Contains("Authorization", sinch.Logs.AllText, StringComparison.Ordinal);   // the header is logged, redacted
        Assert.DoesNotContain(SinchHarness.ApiToken, sinch.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("ffffffffffffffffffffffffffffffff", sinch.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(SinchHarness.ApiToken, SinchHarness.SmsCredentials.ToString(), StringComparison.Ordinal);
    }

    private static (string Key, object[] Args) ErrorText(SinchFailure failure) => SinchErrorText.ForFailure(failure, SinchApi.Sms);
}
