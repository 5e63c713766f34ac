using System.Net;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

/// <summary>How the Twilio client talks HTTP: its own Basic header per request, retries of reads only, timeouts, connection
/// errors, cancellation and answers that are not JSON.</summary>
public sealed class TwilioClientTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachRequest_CarriesItsOwnBasicHeader()
    {
        const string OtherSid = "ACffffffffffffffffffffffffffffffff";
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.Account()));

        await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);
        await host.Client.FetchAccountAsync(new TwilioApiCredentials(OtherSid, "00000000000000000000000000000000"), Ct);
        await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        Assert.Equal(TwilioTestHost.ExpectedBasic, host.Requests[0].Authorization);
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{OtherSid}:00000000000000000000000000000000")),
            host.Requests[1].Authorization);
        Assert.Equal(TwilioTestHost.ExpectedBasic, host.Requests[2].Authorization);
    }

    [Fact]
    public async Task Get429WithRetryAfter_IsRetriedAfterTheRequestedWait()
    {
        await using var host = TwilioTestHost.Create((_, call, _) => Respond.Async(call == 0
            ? Respond.Json(HttpStatusCode.TooManyRequests, """{"code":20429,"message":"Too Many Requests","status":429}""", ("Retry-After", "3"))
            : Respond.Json(HttpStatusCode.OK, TwilioBodies.Account())));

        var result = await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(2, host.Requests.Count);
        Assert.Contains(TimeSpan.FromSeconds(3), host.Time.RequestedDueTimes);
    }

    [Fact]
    public async Task Get429_RetryAfterLongerThanTheCap_IsNotWaitedFor()
    {
        await using var host = TwilioTestHost.Create(_ =>
            Respond.Json(HttpStatusCode.TooManyRequests, """{"code":20429,"message":"Too Many Requests","status":429}""", ("Retry-After", "3600")));

        var result = await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        Assert.Equal(TwilioFailureKind.Unreachable, result.Failure!.Kind);
        Assert.Equal(20429, result.Failure.Code);
        Assert.Single(host.Requests);
        Assert.DoesNotContain(TimeSpan.FromSeconds(3600), host.Time.RequestedDueTimes);
    }

    [Fact]
    public async Task Get429_StillThereAfterTheRetries_IsUnreachable()
    {
        await using var host = TwilioTestHost.Create(_ =>
            Respond.Json(HttpStatusCode.TooManyRequests, """{"code":20429,"message":"Too Many Requests","status":429}""", ("Retry-After", "1")));

        var result = await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        Assert.Equal(TwilioFailureKind.Unreachable, result.Failure!.Kind);
        Assert.Equal(1 + TwilioClient.MaxRetryAttempts, host.Requests.Count);
    }

    [Fact]
    public async Task Get503_IsRetriedThenUnreachable()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Text(HttpStatusCode.ServiceUnavailable, "<html>Service Unavailable</html>"));

        var result = await host.Client.FetchMessagingServiceAsync(TwilioTestHost.Credentials, TwilioTestHost.ServiceSid, Ct);

        Assert.Equal(TwilioFailureKind.Unreachable, result.Failure!.Kind);
        Assert.Equal(503, result.Failure.HttpStatus);
        Assert.Null(result.Failure.Code);
        Assert.Equal(1 + TwilioClient.MaxRetryAttempts, host.Requests.Count);
    }

    [Fact]
    public async Task Get503ThenSuccess_Succeeds()
    {
        await using var host = TwilioTestHost.Create((_, call, _) => Respond.Async(call == 0
            ? Respond.Text(HttpStatusCode.ServiceUnavailable, "busy")
            : Respond.Json(HttpStatusCode.OK, TwilioBodies.Service())));

        var result = await host.Client.FetchMessagingServiceAsync(TwilioTestHost.Credentials, TwilioTestHost.ServiceSid, Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(2, host.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, TwilioFailureKind.RateLimited)]
    [InlineData(HttpStatusCode.ServiceUnavailable, TwilioFailureKind.Unreachable)]
    [InlineData(HttpStatusCode.InternalServerError, TwilioFailureKind.Unreachable)]
    public async Task Post_IsNeverRetried(HttpStatusCode status, TwilioFailureKind expected)
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(status, $$"""{"code":{{(status == HttpStatusCode.TooManyRequests ? 20429 : 20500)}},"status":{{(int)status}}}""", ("Retry-After", "1")));

        var result = await host.Client.CreateMessageAsync(TwilioTestHost.Credentials, new TwilioMessageRequest
        {
            To = "+14155550199",
            MessagingServiceSid = TwilioTestHost.ServiceSid,
            Body = "Hi",
        }, Ct);

        Assert.Equal(expected, result.Failure!.Kind);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task Get_Timeout_IsUnreachable()
    {
        // TimeoutSeconds = 1: the test clock fires the attempt timeout at once; the stub never answers.
        await using var host = TwilioTestHost.Create(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return Respond.Json(HttpStatusCode.OK, TwilioBodies.Account());
        }, timeoutSeconds: 1);

        var result = await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        Assert.Equal(TwilioFailureKind.Unreachable, result.Failure!.Kind);
        Assert.Null(result.Failure.HttpStatus);
        Assert.Equal(1 + TwilioClient.MaxRetryAttempts, host.Requests.Count);
        Assert.Contains(TimeSpan.FromSeconds(1), host.Time.RequestedDueTimes);
    }

    [Fact]
    public async Task Post_Timeout_IsUnreachableAndNotRetried()
    {
        await using var host = TwilioTestHost.Create(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return Respond.Json(HttpStatusCode.Created, TwilioBodies.Message());
        }, timeoutSeconds: 1);

        var result = await host.Client.CreateMessageAsync(TwilioTestHost.Credentials,
            new TwilioMessageRequest { To = "+14155550199", From = "+14155550100", Body = "Hi" }, Ct);

        Assert.Equal(TwilioFailureKind.Unreachable, result.Failure!.Kind);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task ConnectionError_IsUnreachable()
    {
        await using var host = TwilioTestHost.Create((_, _, _) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException("Name or service not known (api.twilio.test:443)")));

        var result = await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        Assert.Equal(TwilioFailureKind.Unreachable, result.Failure!.Kind);
        Assert.Equal(1 + TwilioClient.MaxRetryAttempts, host.Requests.Count);
    }

    [Fact]
    public async Task CallerCancellation_IsNotSwallowed()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var host = TwilioTestHost.Create(async (_, _, ct) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return Respond.Json(HttpStatusCode.OK, TwilioBodies.Account());
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            host.Client.FetchAccountAsync(TwilioTestHost.Credentials, cancellation.Token));
    }

    [Fact]
    public async Task NonJsonErrorBody_On4xx_IsRejectedWithoutCode()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Text(HttpStatusCode.BadRequest, "<html><body>Bad Request</body></html>"));

        var result = await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        Assert.Equal(TwilioFailureKind.Rejected, result.Failure!.Kind);
        Assert.Equal(400, result.Failure.HttpStatus);
        Assert.Null(result.Failure.Code);
        var (key, args) = TwilioErrorText.ForFailure(result.Failure);
        Assert.Equal(TwilioErrorText.GenericHttpStatus, key);
        Assert.Equal([400], args);
    }

    [Fact]
    public async Task NonJsonErrorBody_On502_IsUnreachable()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Text(HttpStatusCode.BadGateway, "upstream connect error"));

        var result = await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        Assert.Equal(TwilioFailureKind.Unreachable, result.Failure!.Kind);
        Assert.Equal(502, result.Failure.HttpStatus);
    }

    [Fact]
    public async Task SuccessWithNonJsonBody_IsUnreachable()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Text(HttpStatusCode.OK, "<html>captive portal</html>"));

        var result = await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        Assert.Equal(TwilioFailureKind.Unreachable, result.Failure!.Kind);
    }
}
