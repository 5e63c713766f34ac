using System.Net;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

public sealed class TwilioClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FetchAccount_Active_ReadsAccountWithoutTheToken()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.Account(type: "Trial")));

        var result = await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        Assert.True(result.Succeeded);
        var account = result.Value!;
        Assert.Equal(TwilioTestHost.AccountSid, account.Sid);
        Assert.Equal(TwilioAccountStatus.Active, account.Status);
        Assert.Equal(TwilioAccountType.Trial, account.Type);
        Assert.Equal("Acme Prod", account.FriendlyName);
        Assert.DoesNotContain(TwilioTestHost.AuthToken, account.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TwilioTestHost.AuthToken, result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(TwilioAccount).GetProperties(), p => p.Name.Contains("Token", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task FetchAccount_SendsBasicAuthAcceptJsonAndTheJsonSuffix()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.Account()));

        await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        var request = Assert.Single(host.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal($"{TwilioTestHost.ApiBase}/2010-04-01/Accounts/{TwilioTestHost.AccountSid}.json", request.Uri.AbsoluteUri);
        Assert.Equal(TwilioTestHost.ExpectedBasic, request.Authorization);
        Assert.Equal("application/json", request.Accept);
    }

    [Fact]
    public async Task FetchAccount_ParsesRfc2822Dates()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.Account()));

        var account = (await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct)).Value!;

        Assert.Equal(new DateTimeOffset(2015, 7, 30, 20, 0, 0, TimeSpan.Zero), account.DateCreated);
        Assert.Equal(new DateTimeOffset(2015, 7, 31, 21, 30, 15, TimeSpan.FromHours(-7)), account.DateUpdated);
    }

    [Fact]
    public async Task FetchAccount_20003_IsUnauthorizedWithTwilioCode()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.Unauthorized,
            """{"code":20003,"detail":"Your AccountSid or AuthToken was incorrect.","message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}"""));

        var result = await host.Client.FetchAccountAsync(TwilioTestHost.Credentials, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(TwilioFailureKind.Unauthorized, result.Failure.Kind);
        Assert.Equal(20003, result.Failure.Code);
        Assert.Equal(401, result.Failure.HttpStatus);
        Assert.Equal("Authenticate", result.Failure.Message);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task FetchMessagingService_20404_IsNotFound()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.TwilioError(HttpStatusCode.NotFound, 20404,
            "The requested resource /Services/MG0123 was not found"));

        var result = await host.Client.FetchMessagingServiceAsync(TwilioTestHost.Credentials, TwilioTestHost.ServiceSid, Ct);

        Assert.Equal(TwilioFailureKind.NotFound, result.Failure!.Kind);
        Assert.Equal(20404, result.Failure.Code);
        Assert.Equal($"{TwilioTestHost.MessagingBase}/v1/Services/{TwilioTestHost.ServiceSid}", Assert.Single(host.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task FetchMessagingService_ReadsIsoDatesAndOwner()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.Service()));

        var service = (await host.Client.FetchMessagingServiceAsync(TwilioTestHost.Credentials, TwilioTestHost.ServiceSid, Ct)).Value!;

        Assert.Equal(TwilioTestHost.AccountSid, service.AccountSid);
        Assert.Equal(new DateTimeOffset(2015, 7, 30, 20, 12, 31, TimeSpan.Zero), service.DateCreated);
    }

    [Fact]
    public async Task FindIncomingPhoneNumber_PercentEncodesThePlusInTheQuery()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.IncomingNumbers(null, "+14155550100")));

        var result = await host.Client.FindIncomingPhoneNumberAsync(TwilioTestHost.Credentials, "+14155550100", Ct);

        Assert.Equal("+14155550100", result.Value!.PhoneNumber);
        var request = Assert.Single(host.Requests);
        Assert.Equal("PhoneNumber=%2B14155550100&PageSize=1000", request.RawQuery);
        Assert.Equal($"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}/IncomingPhoneNumbers.json", request.Path);
    }

    [Fact]
    public async Task FindIncomingPhoneNumber_PartialMatchOnly_IsNotAMatch()
    {
        // Twilio's PhoneNumber filter is a partial match: +1415555010 also finds +14155550100.
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.IncomingNumbers(null, "+14155550100", "+14155550101")));

        var result = await host.Client.FindIncomingPhoneNumberAsync(TwilioTestHost.Credentials, "+1415555010", Ct);

        Assert.True(result.Succeeded);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task FindIncomingPhoneNumber_WalksRelativeNextPageUris()
    {
        var next = $"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}/IncomingPhoneNumbers.json?PhoneNumber=%2B14155550100&PageSize=50&Page=1&PageToken=PAabc";
        await using var host = TwilioTestHost.Create(request => request.RawQuery.Contains("Page=1", StringComparison.Ordinal)
            ? Respond.Json(HttpStatusCode.OK, TwilioBodies.IncomingNumbers(null, "+14155550100"))
            : Respond.Json(HttpStatusCode.OK, TwilioBodies.IncomingNumbers(next, "+141555501001", "+141555501002")));

        var result = await host.Client.FindIncomingPhoneNumberAsync(TwilioTestHost.Credentials, "+14155550100", Ct);

        Assert.Equal("+14155550100", result.Value!.PhoneNumber);
        Assert.True(result.Value.SmsCapable);
        Assert.Equal(2, host.Requests.Count);
        Assert.Equal(TwilioTestHost.ApiBase + next, host.Requests[1].Uri.AbsoluteUri);
        Assert.All(host.Requests, r => Assert.Equal(TwilioTestHost.ExpectedBasic, r.Authorization));
    }

    [Fact]
    public async Task FindShortCode_ComparesExactly()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.ShortCodes("123456", "12345")));

        var found = await host.Client.FindShortCodeAsync(TwilioTestHost.Credentials, "12345", Ct);
        var missing = await host.Client.FindShortCodeAsync(TwilioTestHost.Credentials, "1234", Ct);

        Assert.Equal("12345", found.Value!.ShortCode);
        Assert.Equal("SC" + 1.ToString("D32", System.Globalization.CultureInfo.InvariantCulture), found.Value.Sid);
        Assert.True(missing.Succeeded);
        Assert.Null(missing.Value);
        Assert.Equal("ShortCode=12345&PageSize=1000", host.Requests[0].RawQuery);
        Assert.Equal($"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}/SMS/ShortCodes.json", host.Requests[0].Path);
    }

    [Fact]
    public async Task ListServicePhoneNumbers_FollowsNextPageUrlOnTheConfiguredHost()
    {
        // v1 next_page_url is absolute on messaging.twilio.com: it is sent to the configured messaging host.
        const string Page1 = $"https://messaging.twilio.com/v1/Services/{TwilioTestHost.ServiceSid}/PhoneNumbers?PageSize=1000&Page=1&PageToken=PT1";
        await using var host = TwilioTestHost.Create(request => request.RawQuery switch
        {
            var q when q.Contains("Page=1", StringComparison.Ordinal) => Respond.Json(HttpStatusCode.OK, TwilioBodies.ServicePhoneNumbers(null, "+15005550002")),
            _ => Respond.Json(HttpStatusCode.OK, TwilioBodies.ServicePhoneNumbers(Page1, "+15005550001", "+15005550011")),
        });

        var result = await host.Client.ListServicePhoneNumbersAsync(TwilioTestHost.Credentials, TwilioTestHost.ServiceSid, Ct);

        Assert.Equal(["+15005550001", "+15005550011", "+15005550002"], result.Value!.Select(n => n.PhoneNumber));
        Assert.Equal(["SMS", "MMS"], result.Value![0].Capabilities);
        Assert.Equal(2, host.Requests.Count);
        Assert.All(host.Requests, r => Assert.Equal("messaging.twilio.test", r.Uri.Host));
        Assert.All(host.Requests, r => Assert.Equal(TwilioTestHost.ExpectedBasic, r.Authorization));
        Assert.EndsWith("/PhoneNumbers?PageSize=1000&Page=1&PageToken=PT1", host.Requests[1].Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListServicePhoneNumbers_NextPageOnAnotherHost_IsNotFollowed()
    {
        // The credentials never go to a host nobody configured: such a page is an answer the portal cannot use.
        const string Elsewhere = $"https://elsewhere.example/v1/Services/{TwilioTestHost.ServiceSid}/PhoneNumbers?PageSize=1000&Page=2&PageToken=PT2";
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.ServicePhoneNumbers(Elsewhere, "+15005550001")));

        var result = await host.Client.ListServicePhoneNumbersAsync(TwilioTestHost.Credentials, TwilioTestHost.ServiceSid, Ct);

        Assert.Equal(TwilioFailureKind.Unreachable, result.Failure!.Kind);
        Assert.All(host.Requests, r => Assert.Equal("messaging.twilio.test", r.Uri.Host));
    }

    [Fact]
    public async Task Paging_IsBoundedWhenTwilioRepeatsAPage()
    {
        // The SDK reads at most Limit / page_size pages: 100,000 / 1,000 here.
        const string Same = $"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}/IncomingPhoneNumbers.json?PhoneNumber=%2B14155550100";
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.IncomingNumbers(Same, "+141555501009").Replace("\"page_size\":50", "\"page_size\":1000", StringComparison.Ordinal)));

        var result = await host.Client.FindIncomingPhoneNumberAsync(TwilioTestHost.Credentials, "+14155550100", Ct);

        Assert.True(result.Succeeded);
        Assert.Null(result.Value);
        Assert.Equal(TwilioClient.MaxPages, host.Requests.Count);
    }

    [Fact]
    public async Task CreateMessage_PostsFormWithRepeatedMediaUrl()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.Created, TwilioBodies.Message("MM0123456789abcdef0123456789abcdef", "queued")));

        var result = await host.Client.CreateMessageAsync(TwilioTestHost.Credentials, new TwilioMessageRequest
        {
            To = "+14155550199",
            From = "+14155550100",
            MessagingServiceSid = TwilioTestHost.ServiceSid,
            Body = "Héllo & 👋 1+1=2",
            MediaUrls = [new Uri("https://cdn.example.com/a.png"), new Uri("https://cdn.example.com/b.png?x=1&y=2")],
            StatusCallback = new Uri("https://portal.example.com/api/twilio/status"),
        }, Ct);

        Assert.True(result.Succeeded);
        Assert.Equal("MM0123456789abcdef0123456789abcdef", result.Value!.Sid);
        Assert.Equal("queued", result.Value.Status);
        Assert.Equal(1, result.Value.NumSegments);
        var request = Assert.Single(host.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{TwilioTestHost.AccountSid}/Messages.json", request.Path);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(TwilioTestHost.ExpectedBasic, request.Authorization);
        Assert.Contains("To=%2B14155550199", request.Body, StringComparison.Ordinal);
        Assert.Equal(
        [
            new("Body", "Héllo & 👋 1+1=2"),
            new("From", "+14155550100"),
            new("MediaUrl", "https://cdn.example.com/a.png"),
            new("MediaUrl", "https://cdn.example.com/b.png?x=1&y=2"),
            new("MessagingServiceSid", TwilioTestHost.ServiceSid),
            new("StatusCallback", "https://portal.example.com/api/twilio/status"),
            new("To", "+14155550199"),
        ], request.Form().OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateMessage_TwilioError_IsRejectedWithItsCode()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.TwilioError(HttpStatusCode.BadRequest, 21211, "The 'To' number +1asd is not a valid phone number."));

        var result = await host.Client.CreateMessageAsync(TwilioTestHost.Credentials,
            new TwilioMessageRequest { To = "+1asd", MessagingServiceSid = TwilioTestHost.ServiceSid, Body = "Hi" }, Ct);

        Assert.Equal(TwilioFailureKind.Rejected, result.Failure!.Kind);
        Assert.Equal(21211, result.Failure.Code);
        Assert.Equal("https://www.twilio.com/docs/errors/21211", result.Failure.MoreInfo);
        var (key, args) = TwilioErrorText.ForFailure(result.Failure);
        Assert.Equal(TwilioErrorText.InvalidTo, key);
        Assert.Empty(args);
    }

    public static TheoryData<string, string?, string?, string?, bool> IncompleteMessages => new()
    {
        { "", null, TwilioTestHost.ServiceSid, "Hi", false },
        { "+14155550199", null, null, "Hi", false },
        { "+14155550199", "  ", "", "Hi", false },
        { "+14155550199", "+14155550100", null, null, false },
        { "+14155550199", "+14155550100", null, "", false },
        { "+14155550199", null, "SM0123456789abcdef0123456789abcdef", "Hi", false },
        { "+14155550199", "+14155550100", null, null, true },
    };

    [Theory]
    [MemberData(nameof(IncompleteMessages))]
    public async Task CreateMessage_Incomplete_IsRefusedWithoutARequest(string to, string? from, string? service, string? body, bool elevenMedia)
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.Created, TwilioBodies.Message()));

        var result = await host.Client.CreateMessageAsync(TwilioTestHost.Credentials, new TwilioMessageRequest
        {
            To = to,
            From = from,
            MessagingServiceSid = service,
            Body = body,
            MediaUrls = elevenMedia ? [.. Enumerable.Range(0, 11).Select(i => new Uri($"https://cdn.example.com/{i}.png"))] : [],
        }, Ct);

        Assert.Equal(TwilioFailureKind.InvalidRequest, result.Failure!.Kind);
        Assert.Empty(host.Requests);
    }

    [Fact]
    public async Task CreateMessage_MediaOnly_IsSent()
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.Created, TwilioBodies.Message()));

        var result = await host.Client.CreateMessageAsync(TwilioTestHost.Credentials, new TwilioMessageRequest
        {
            To = "+14155550199",
            MessagingServiceSid = TwilioTestHost.ServiceSid,
            MediaUrls = [new Uri("https://cdn.example.com/a.png")],
        }, Ct);

        Assert.True(result.Succeeded);
        Assert.DoesNotContain(host.Requests[0].Form(), p => p.Key == "Body");
    }

    [Theory]
    [InlineData("XX0123456789abcdef0123456789abcdef")]
    [InlineData("AC0123")]
    [InlineData("AC0123456789abcdef0123456789abcde/")]
    [InlineData("../../../etc/passwd")]
    public async Task MalformedAccountSid_IsRefusedWithoutARequest(string accountSid)
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.Account()));

        var result = await host.Client.FetchAccountAsync(new TwilioApiCredentials(accountSid, TwilioTestHost.AuthToken), Ct);

        Assert.Equal(TwilioFailureKind.InvalidRequest, result.Failure!.Kind);
        Assert.Empty(host.Requests);
    }

    [Theory]
    [InlineData("14155550100")]
    [InlineData("+1 415 555 0100")]
    [InlineData("+1415555O100")]
    [InlineData("")]
    public async Task FindIncomingPhoneNumber_NotE164_IsRefusedWithoutARequest(string number)
    {
        await using var host = TwilioTestHost.Create(_ => Respond.Json(HttpStatusCode.OK, TwilioBodies.IncomingNumbers(null)));

        var result = await host.Client.FindIncomingPhoneNumberAsync(TwilioTestHost.Credentials, number, Ct);

        Assert.Equal(TwilioFailureKind.InvalidRequest, result.Failure!.Kind);
        Assert.Empty(host.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, 20403, TwilioFailureKind.Rejected)]
    [InlineData(HttpStatusCode.BadRequest, 21608, TwilioFailureKind.Rejected)]
    [InlineData(HttpStatusCode.Unauthorized, 20003, TwilioFailureKind.Unauthorized)]
    [InlineData(HttpStatusCode.BadRequest, 20003, TwilioFailureKind.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound, 20404, TwilioFailureKind.NotFound)]
    [InlineData(HttpStatusCode.TooManyRequests, 20429, TwilioFailureKind.RateLimited)]
    [InlineData(HttpStatusCode.InternalServerError, 20500, TwilioFailureKind.Unreachable)]
    public void MapError_Post_ClassifiesByCodeThenStatus(HttpStatusCode status, int code, TwilioFailureKind expected)
    {
        var failure = TwilioClient.MapError(HttpMethod.Post, (int)status, code, "m", null);

        Assert.Equal(expected, failure.Kind);
        Assert.Equal(code, failure.Code);
        Assert.Equal((int)status, failure.HttpStatus);
    }

    [Fact]
    public void ApiCredentials_ToString_HidesTheToken()
    {
        Assert.Equal($"{TwilioTestHost.AccountSid}:***", TwilioTestHost.Credentials.ToString());
    }
}
