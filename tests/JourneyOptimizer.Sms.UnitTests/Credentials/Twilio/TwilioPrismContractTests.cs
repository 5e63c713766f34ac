using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using Twilio.Http;
using Twilio.Rest;
using HttpMethod = Twilio.Http.HttpMethod;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

/// <summary>
/// The real <see cref="TwilioClient"/> against <c>prism mock</c> of Twilio's own OpenAPI specs: every request the
/// client makes must pass Prism's request validation (a 2xx), and deliberately wrong ones must not (so the check bites).
/// </summary>
public sealed class TwilioPrismContractTests(PrismFixture prism) : IClassFixture<PrismFixture>
{
    private const string ExampleIncomingNumber = "+18089255327";
    private const string ExampleShortCode = "99990";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TwilioTestHost Host() => TwilioTestHost.CreateReal(prism.ApiBaseUrl, prism.MessagingBaseUrl);

    private void AssertAccepted<T>(TwilioResult<T> result) =>
        Assert.True(result.Succeeded, $"Prism refused the client's request: {result.Failure}\n{prism.RecentOutput}");

    private void AssertRefused<T>(TwilioResult<T> result, int status, TwilioFailureKind kind)
    {
        Assert.False(result.Succeeded, $"Prism accepted a request that breaks the spec.\n{prism.RecentOutput}");
        Assert.Equal(status, result.Failure.HttpStatus);
        Assert.Equal(kind, result.Failure.Kind);
    }

    [Fact]
    public void Specs_ArePatchedAsTheNotesSay()
    {
        Assert.Equal((10, 34), prism.Patches["twilio_api_v2010.json"]);
        Assert.Equal((9, 13), prism.Patches["twilio_messaging_v1.json"]);
    }

    [Fact]
    public async Task FetchAccount_ConformsToTheSpec()
    {
        await using var host = Host();

        var result = await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        AssertAccepted(result);
        Assert.Equal(TwilioAccountStatus.Active, result.Value!.Status);
        Assert.Equal(new DateTimeOffset(2015, 7, 30, 20, 0, 0, TimeSpan.Zero), result.Value.DateCreated);
    }

    [Fact]
    public async Task FetchMessagingService_ConformsToTheSpec()
    {
        await using var host = Host();

        var result = await host.Client.FetchMessagingServiceAsync(TwilioTestHost.Credentials, TwilioTestHost.ServiceSid, Ct);

        AssertAccepted(result);
        Assert.StartsWith("MG", result.Value!.Sid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindIncomingPhoneNumber_ConformsToTheSpec()
    {
        await using var host = Host();

        var result = await host.Client.FindIncomingPhoneNumberAsync(TwilioTestHost.Credentials, ExampleIncomingNumber, Ct);

        AssertAccepted(result);
        Assert.Equal(ExampleIncomingNumber, result.Value?.PhoneNumber);
    }

    [Fact]
    public async Task FindShortCode_ConformsToTheSpec()
    {
        await using var host = Host();

        var result = await host.Client.FindShortCodeAsync(TwilioTestHost.Credentials, ExampleShortCode, Ct);

        AssertAccepted(result);
        Assert.Equal(ExampleShortCode, result.Value?.ShortCode);
    }

    [Fact]
    public async Task CreateMessage_WithMessagingService_ConformsToTheSpec()
    {
        await using var host = Host();

        var result = await host.Client.CreateMessageAsync(TwilioTestHost.Credentials, new TwilioMessageRequest
        {
            To = "+14155550199",
            MessagingServiceSid = TwilioTestHost.ServiceSid,
            Body = "Contract test",
        }, Ct);

        AssertAccepted(result);
        Assert.False(string.IsNullOrEmpty(result.Value!.Sid));
    }

    [Fact]
    public async Task CreateMessage_WithFromAndTwoMediaUrls_ConformsToTheSpec()
    {
        await using var host = Host();

        var result = await host.Client.CreateMessageAsync(TwilioTestHost.Credentials, new TwilioMessageRequest
        {
            To = "+14155550199",
            From = "+14155550100",
            Body = "Contract test",
            MediaUrls = [new Uri("https://cdn.example.com/a.png"), new Uri("https://cdn.example.com/b.png")],
            StatusCallback = new Uri("https://portal.example.com/api/twilio/status"),
        }, Ct);

        AssertAccepted(result);
    }

    [Fact]
    public async Task ServicePhoneNumbers_ConformToTheSpec()
    {
        await using var host = Host();

        var list = await host.Client.ListServicePhoneNumbersAsync(TwilioTestHost.Credentials, TwilioTestHost.ServiceSid, Ct);
        var find = await host.Client.FindServicePhoneNumberAsync(TwilioTestHost.Credentials, TwilioTestHost.ServiceSid, "+987654321", Ct);
        var shortCode = await host.Client.FindServiceShortCodeAsync(TwilioTestHost.Credentials, TwilioTestHost.ServiceSid, "12345", Ct);

        AssertAccepted(list);
        Assert.NotEmpty(list.Value!);
        AssertAccepted(find);
        Assert.NotNull(find.Value);
        AssertAccepted(shortCode);
    }

    [Fact]
    public async Task BadAccountSid_IsRefusedByTheSpec()
    {
        await using var host = Host();

        var (status, _) = await host.SendRawAsync(new Request(HttpMethod.Get, Domain.Api, "/2010-04-01/Accounts/XX0123.json"));

        Assert.True(status == 422, prism.RecentOutput);
    }

    [Fact]
    public async Task BadServiceSid_IsRefusedByTheSpec()
    {
        await using var host = Host();

        var (status, _) = await host.SendRawAsync(new Request(HttpMethod.Get, Domain.Messaging, "/v1/Services/AB123"));

        Assert.True(status == 422, prism.RecentOutput);
    }

    [Theory]
    [InlineData("From", "+14155550100", "Body", "no To")]
    [InlineData("to", "+14155550199", "Body", "lower-case to")]
    [InlineData("To", "+14155550199", "MediaUrl", "not a url")]
    public async Task MalformedMessage_IsRefusedByTheSpec(string firstKey, string firstValue, string secondKey, string secondValue)
    {
        await using var host = Host();
        var request = new Request(HttpMethod.Post, Domain.Api, $"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}/Messages.json");
        request.AddPostParam(firstKey, firstValue);
        request.AddPostParam(secondKey, secondValue);
        request.AddPostParam("MessagingServiceSid", TwilioTestHost.ServiceSid);

        var (status, _) = await host.SendRawAsync(request);

        Assert.True(status == 422, prism.RecentOutput);
    }

    [Fact]
    public async Task EmptyMessageBody_IsRefusedByThePatchedSpec()
    {
        await using var host = Host();

        var (status, _) = await host.SendRawAsync(new Request(HttpMethod.Post, Domain.Api, $"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}/Messages.json"));

        Assert.True(status == 422, prism.RecentOutput);
    }

    [Fact]
    public async Task PathWithoutJsonSuffix_IsUnknownToTheSpec()
    {
        await using var host = Host();

        var (status, _) = await host.SendRawAsync(new Request(HttpMethod.Get, Domain.Api, $"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}"));

        Assert.True(status == 404, prism.RecentOutput);
    }
}
