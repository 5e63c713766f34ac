using System.Net;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Credentials;

/// <summary>
/// The checks against Twilio on Submit, "Save without verification", the Verify action and "Verify SMS connection",
/// with Twilio played by a real HTTP server on 127.0.0.1 (<see cref="FakeTwilio"/>).
/// </summary>
public sealed class TwilioVerificationPagesTests : IAsyncLifetime
{
    private static readonly string Prod = TestData.CredentialsUrl("prod");
    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    /// <summary>Registers a strict account in the fake Twilio: exactly this token, service and number.</summary>
    private TwilioCredentialInput RegisteredAccount(string status = "active", string type = "Full")
    {
        var input = TestData.Twilio();
        _factory.Twilio.Accounts[input.AccountSid!] = new FakeTwilioAccount
        {
            Token = input.AuthToken,
            Status = status,
            Type = type,
            Services = { input.MessagingServiceSid! },
            Numbers = { input.InboundNumber! },
        };
        return input;
    }

    private static async Task<(HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Page)> SubmitCreateAsync(
        PortalClient client, TwilioCredentialInput input)
    {
        var form = await client.GetDocumentAsync(Prod + "/create");
        var response = await client.SubmitAsync(form, "main form", TestData.TwilioForm(input));
        var html = await response.Content.ReadAsStringAsync();
        return (response, await PortalClient.ParseAsync(html, Prod + "/create"));
    }

    private Task<bool> StoredAsync(TwilioCredentialInput input) =>
        _factory.WithDbAsync(db => db.ApiCredentials.AnyAsync(c => c.Name == input.Name));

    [Fact]
    public async Task CanCreate_WhenTwilioConfirmsEveryCheck_AndTheListSaysVerified()
    {
        var input = RegisteredAccount();
        using var client = await PortalClient.SignedInAsync(_factory);

        var (response, _) = await SubmitCreateAsync(client, input);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await _factory.WithDbAsync(db => db.Set<TwilioCredential>().SingleAsync(c => c.Name == input.Name));
        Assert.Equal(VerificationStatus.Verified, stored.VerificationStatus);
        Assert.NotNull(stored.LastVerifiedAtUtc);
        var requests = _factory.Twilio.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.Contains($"/2010-04-01/Accounts/{input.AccountSid}.json", requests);
        Assert.Contains($"/v1/Services/{input.MessagingServiceSid}", requests);
        Assert.Contains(requests, r => r.Contains("IncomingPhoneNumbers.json?PhoneNumber=%2B1415", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CannotCreate_WithAWrongToken_TheErrorIsNextToAuthToken()
    {
        var input = RegisteredAccount();
        input.AuthToken = TestData.Hex32();
        using var client = await PortalClient.SignedInAsync(_factory);

        var (response, page) = await SubmitCreateAsync(client, input);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("did not accept the Account SID and Auth Token", PortalClient.FieldError(page, "Input.Twilio.AuthToken"), StringComparison.Ordinal);
        Assert.False(await StoredAsync(input));
        Assert.Null(page.QuerySelector("[data-testid=unreachable]"));
    }

    [Fact]
    public async Task CannotCreate_WithAServiceOfAnotherAccount_TheErrorIsNextToMessageSid()
    {
        var input = RegisteredAccount();
        input.MessagingServiceSid = TestData.ServiceSid();
        using var client = await PortalClient.SignedInAsync(_factory);

        var (_, page) = await SubmitCreateAsync(client, input);

        Assert.Contains("does not exist in this Twilio account", PortalClient.FieldError(page, "Input.Twilio.MessagingServiceSid"), StringComparison.Ordinal);
        Assert.False(await StoredAsync(input));
    }

    [Fact]
    public async Task CannotCreate_WithANumberOutsideTheAccount_EvenWhenTwilioMatchesItPartially()
    {
        var input = RegisteredAccount();
        var account = _factory.Twilio.Accounts[input.AccountSid!];
        account.Numbers.Clear();
        account.Numbers.Add("+14155550100");

        // Twilio's PhoneNumber filter matches +1415555010 inside +14155550100: the portal compares exactly.
        input.InboundNumber = "+1 415 555 0101";
        account.Numbers.Add("+141555501011");
        using var client = await PortalClient.SignedInAsync(_factory);

        var (_, page) = await SubmitCreateAsync(client, input);

        Assert.Contains("does not belong to this Twilio account", PortalClient.FieldError(page, "Input.Twilio.InboundNumber"), StringComparison.Ordinal);
        Assert.False(await StoredAsync(input));
    }

    [Theory]
    [InlineData("suspended", "This Twilio account is suspended.")]
    [InlineData("closed", "This Twilio account is closed.")]
    public async Task CannotCreate_WithAnInactiveAccount_TheFormSaysWhy(string status, string expected)
    {
        var input = RegisteredAccount(status);
        using var client = await PortalClient.SignedInAsync(_factory);

        var (_, page) = await SubmitCreateAsync(client, input);

        Assert.Contains(expected, PortalClient.FormError(page), StringComparison.Ordinal);
        Assert.False(await StoredAsync(input));
    }

    [Fact]
    public async Task CanCreate_ATrialAccount_TheListShowsItAsTrial()
    {
        var input = RegisteredAccount(type: "Trial");
        using var client = await PortalClient.SignedInAsync(_factory);

        await SubmitCreateAsync(client, input);

        var list = await client.GetDocumentAsync(Prod + "?q=" + Uri.EscapeDataString(input.Name!));
        Assert.Contains("Trial account", list.QuerySelector("[data-testid=credentials-table] tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CanSaveWithoutVerification_WhenTwilioIsUnreachable_WithoutRetypingTheToken()
    {
        var input = RegisteredAccount();
        _factory.Twilio.Down = true;
        using var client = await PortalClient.SignedInAsync(_factory);

        var (response, page) = await SubmitCreateAsync(client, input);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Twilio could not be reached", PortalClient.FormError(page), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=unreachable] button[name=SaveWithoutVerification]"));
        Assert.DoesNotContain(input.AuthToken!, page.Source.Text, StringComparison.OrdinalIgnoreCase);
        Assert.False(await StoredAsync(input));
        var asked = _factory.Twilio.Requests.Count;

        var saved = await client.SubmitAsync(page, "main form", new Dictionary<string, string> { ["SaveWithoutVerification"] = "true" });

        // Saved at once: Twilio, which could not be reached a moment ago, is not asked (and waited for) again.
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(asked, _factory.Twilio.Requests.Count);
        await using var scope = _factory.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<Core.Data.SmsDbContext>().Set<TwilioCredential>().SingleAsync(c => c.Name == input.Name);
        Assert.Equal(VerificationStatus.NotVerified, stored.VerificationStatus);
        Assert.Equal(input.AuthToken, scope.ServiceProvider.GetRequiredService<ISecretProtector>().Unprotect(stored.AuthTokenProtected!));
        var list = await client.GetDocumentAsync(Prod + "?q=" + Uri.EscapeDataString(input.Name!));
        Assert.Contains("Not verified", list.QuerySelector("[data-testid=credentials-table] tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CanSaveAnEditWithoutVerification_WithoutAskingTwilioAgain()
    {
        var input = RegisteredAccount();
        var id = await TestData.CreateTwilioAsync(_factory, (await TestData.SandboxAsync(_factory, "prod")).Id, input);
        using var client = await PortalClient.SignedInAsync(_factory);
        _factory.Twilio.Down = true;
        var url = $"{Prod}/edit/{id}";
        var edit = await client.GetDocumentAsync(url);
        var refused = await client.SubmitAsync(edit, "main form", new Dictionary<string, string> { ["Input.Twilio.InboundNumber"] = "+14155550199" });
        var page = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync(), url);
        Assert.NotNull(page.QuerySelector("[data-testid=unreachable] button[name=SaveWithoutVerification]"));
        var asked = _factory.Twilio.Requests.Count;

        var saved = await client.SubmitAsync(page, "main form", new Dictionary<string, string> { ["SaveWithoutVerification"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(asked, _factory.Twilio.Requests.Count);
        var stored = await _factory.WithDbAsync(db => db.Set<TwilioCredential>().SingleAsync(c => c.Id == id));
        Assert.Equal(("+14155550199", VerificationStatus.NotVerified), (stored.InboundNumber, stored.VerificationStatus));
    }

    [Fact]
    public async Task CannotSaveWithoutVerification_WithATamperedPendingToken()
    {
        var input = RegisteredAccount();
        _factory.Twilio.Down = true;
        using var client = await PortalClient.SignedInAsync(_factory);
        var (_, page) = await SubmitCreateAsync(client, input);

        var response = await client.SubmitAsync(page, "main form", new Dictionary<string, string>
        {
            ["SaveWithoutVerification"] = "true",
            ["PendingSecret"] = "CfDJ8forged",
        });

        var result = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Enter the Auth Token.", PortalClient.FieldError(result, "Input.Twilio.AuthToken"));
        Assert.False(await StoredAsync(input));
    }

    [Fact]
    public async Task CanVerifyAgain_FromTheList_AndAFailureSaysWhy()
    {
        var input = RegisteredAccount();
        var id = await TestData.CreateTwilioAsync(_factory, (await TestData.SandboxAsync(_factory, "prod")).Id, input);
        using var client = await PortalClient.SignedInAsync(_factory);

        // The service was deleted in Twilio since the credential was saved.
        _factory.Twilio.Accounts[input.AccountSid!].Services.Clear();
        var list = await client.GetDocumentAsync(Prod + "?q=" + Uri.EscapeDataString(input.Name!));
        var verify = await client.SubmitAsync(list, "#row-actions-form", new Dictionary<string, string>(), $"button[form=row-actions-form][name=id][value='{id}']");
        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        var after = await client.GetDocumentAsync(verify.Headers.Location!.OriginalString);
        Assert.Contains("does not exist in this Twilio account", after.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Failed", after.QuerySelector("[data-testid=credentials-table] tbody tr")!.TextContent, StringComparison.Ordinal);

        _factory.Twilio.Accounts[input.AccountSid!].Services.Add(input.MessagingServiceSid!);
        verify = await client.SubmitAsync(after, "#row-actions-form", new Dictionary<string, string>(), $"button[form=row-actions-form][name=id][value='{id}']");
        after = await client.GetDocumentAsync(verify.Headers.Location!.OriginalString);
        Assert.Contains("verified", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(VerificationStatus.Verified, await _factory.WithDbAsync(db => db.ApiCredentials.Where(c => c.Id == id).Select(c => c.VerificationStatus).SingleAsync()));
    }

    [Fact]
    public async Task CanVerifySmsConnection_TheMessageSidIsShown_AndTwilioErrorsAreInPlainWords()
    {
        var input = RegisteredAccount();
        var id = await TestData.CreateTwilioAsync(_factory, (await TestData.SandboxAsync(_factory, "prod")).Id, input);
        _factory.Twilio.RecipientErrors["+14155550199"] = 21610;
        using var client = await PortalClient.SignedInAsync(_factory);
        var url = $"{Prod}/verifyconnection/{id}";

        var form = await client.GetDocumentAsync(url);
        Assert.NotNull(form.QuerySelector("label[for=Input_Number]"));
        var sent = await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Number"] = "+1 415 555 0142",
            ["Input.Message"] = "Hello \"world\" & <friends>",
        });
        var sentPage = await PortalClient.ParseAsync(await sent.Content.ReadAsStringAsync(), url);
        var result = sentPage.QuerySelector("[data-testid=test-result]")!.TextContent;
        Assert.Contains("accepted the message", result, StringComparison.Ordinal);
        Assert.Matches("SM[0-9a-f]{32}", result);
        var post = _factory.Twilio.Requests.Last(r => r.Method == "POST");
        Assert.Contains("To=%2B14155550142", post.Body, StringComparison.Ordinal);
        Assert.Contains("MessagingServiceSid=" + input.MessagingServiceSid, post.Body, StringComparison.Ordinal);

        var refused = await client.SubmitAsync(sentPage, "main form", new Dictionary<string, string> { ["Input.Number"] = "+14155550199" });
        var refusedPage = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync(), url);
        var error = refusedPage.QuerySelector("[data-testid=test-result]")!.TextContent;
        Assert.Contains("unsubscribed", error, StringComparison.Ordinal);
        Assert.Contains("21610", error, StringComparison.Ordinal);

        var invalid = await client.SubmitAsync(refusedPage, "main form", new Dictionary<string, string> { ["Input.Number"] = "not a number" });
        var invalidPage = await PortalClient.ParseAsync(await invalid.Content.ReadAsStringAsync(), url);
        Assert.Contains("international format", PortalClient.FieldError(invalidPage, "Input.Number"), StringComparison.Ordinal);
        Assert.Equal(2, _factory.Twilio.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(2, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "TestMessageSent")));
    }

    [Fact]
    public async Task CanEditAndChangeTheToken_TwilioChecksTheNewOne()
    {
        var input = RegisteredAccount();
        var id = await TestData.CreateTwilioAsync(_factory, (await TestData.SandboxAsync(_factory, "prod")).Id, input);
        using var client = await PortalClient.SignedInAsync(_factory);
        var wrong = TestData.Hex32();

        var edit = await client.GetDocumentAsync($"{Prod}/edit/{id}");
        var response = await client.SubmitAsync(edit, "main form", new Dictionary<string, string> { ["Input.Twilio.AuthToken"] = wrong });

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("did not accept", PortalClient.FieldError(page, "Input.Twilio.AuthToken"), StringComparison.Ordinal);
        await using var scope = _factory.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<Core.Data.SmsDbContext>().Set<TwilioCredential>().SingleAsync(c => c.Id == id);
        Assert.Equal(input.AuthToken, scope.ServiceProvider.GetRequiredService<ISecretProtector>().Unprotect(stored.AuthTokenProtected!));
        Assert.Equal(1, stored.Version);
    }
}
