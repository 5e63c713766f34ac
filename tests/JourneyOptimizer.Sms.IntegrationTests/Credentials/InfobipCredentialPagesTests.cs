using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Infobip;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Credentials;

/// <summary>
/// Infobip credentials through the pages (real antiforgery, real SQLite), checked and sent through a fake Infobip over
/// real HTTPS on 127.0.0.1 that answers with Infobip's own bodies.
/// </summary>
public sealed class InfobipCredentialPagesTests : IAsyncLifetime
{
    private static readonly string Prod = TestData.CredentialsUrl("prod");
    private FakeInfobip _infobip = null!;
    private PortalFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _infobip = await FakeInfobip.StartAsync();
        _factory = InfobipTestData.Portal(_infobip);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _infobip.DisposeAsync();
    }

    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> SubmitAsync(PortalClient client, string url,
        Dictionary<string, string> fields)
    {
        var form = await client.GetDocumentAsync(url);
        var response = await client.SubmitAsync(form, "main form", fields);
        return (response, await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(), url));
    }

    private Task<InfobipCredential?> StoredAsync(string name) =>
        _factory.WithDbAsync(db => db.Set<InfobipCredential>().AsNoTracking().SingleOrDefaultAsync(c => c.Name == name));

    private async Task<string> UnprotectAsync(string protectedValue)
    {
        await using var scope = _factory.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ISecretProtector>().Unprotect(protectedValue);
    }

    [Fact]
    public async Task CreatePage_OffersInfobip_WithAjosFields()
    {
        using var client = await PortalClient.SignedInAsync(_factory);

        var page = await client.GetDocumentAsync(Prod + "/create");

        Assert.Contains("Infobip", page.QuerySelector<IHtmlSelectElement>("select[name='Input.Vendor']")!.Options.Select(o => o.Value));
        var fields = page.QuerySelector("fieldset[data-vendor=Infobip]")!;
        foreach (var label in new[] { "API base URL", "API key", "Inbound Number", "Validity Period", "Principal Entity ID", "Content Template ID", "Callback Data", "Fuzzy Opt-out", "Fuzzy auto reply" })
        {
            Assert.Contains(fields.QuerySelectorAll("label"), l => l.TextContent.Trim().TrimEnd('*').Trim() == label);
        }

        Assert.Equal("password", page.QuerySelector<IHtmlInputElement>("input[name='Input.Infobip.ApiKey']")!.Type);
        Assert.Equal("48", page.QuerySelector<IHtmlInputElement>("input[name='Input.Infobip.ValidityPeriodHours']")!.Value);
    }

    [Fact]
    public async Task CanCreate_VerifiedByInfobip_KeyProtected_AndListed()
    {
        var input = InfobipTestData.Input(_infobip);
        using var client = await PortalClient.SignedInAsync(_factory);

        var (response, _) = await SubmitAsync(client, Prod + "/create", InfobipTestData.Form(input));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = (await StoredAsync(input.Name!))!;
        Assert.Equal(VerificationStatus.Verified, stored.VerificationStatus);
        Assert.Equal($"https://{InfobipTestData.Host}:{_infobip.Port}", stored.ApiBaseUrl);
        Assert.Equal((input.InboundNumber, input.InboundNumber, 24), (stored.InboundNumber, stored.Address, stored.ValidityPeriodHours));
        Assert.Equal(("1201159100000012345", "1207161234567890123", "campaign=spring"), (stored.PrincipalEntityId, stored.ContentTemplateId, stored.CallbackData));
        Assert.NotEqual(input.ApiKey, stored.ApiKeyProtected);
        Assert.Equal(input.ApiKey, await UnprotectAsync(stored.ApiKeyProtected));
        Assert.Equal(input.ApiKey![^4..], stored.ApiKeyHint);

        // The check is the read-only logs read, with Infobip's App authorization.
        var check = Assert.Single(_infobip.RequestList);
        Assert.Equal(("GET", "/sms/3/logs", "?limit=1", "App " + input.ApiKey), (check.Method, check.Path, check.Query, check.Header("Authorization")));
        Assert.DoesNotContain(input.ApiKey, _factory.Logs.All, StringComparison.Ordinal);

        var list = await client.GetDocumentAsync(Prod + "?q=" + Uri.EscapeDataString(input.Name!));
        var row = list.QuerySelector("[data-testid=credentials-table] tbody tr")!.TextContent;
        Assert.Contains("Infobip", row, StringComparison.Ordinal);
        Assert.Contains(input.InboundNumber!, row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CannotCreate_WithAKeyInfobipRefuses_TheReasonIsNextToTheKey_AndNothingIsSaved()
    {
        var input = InfobipTestData.Input(_infobip);
        input.ApiKey = "0" + input.ApiKey![1..];
        using var client = await PortalClient.SignedInAsync(_factory);

        var (response, page) = await SubmitAsync(client, Prod + "/create", InfobipTestData.Form(input));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(InfobipErrorText.WrongKey, PortalClient.FieldError(page, "Input.Infobip.ApiKey"));
        Assert.Null(await StoredAsync(input.Name!));
        Assert.DoesNotContain(input.ApiKey, page.Source.Text, StringComparison.Ordinal);
        Assert.Equal("Infobip", page.QuerySelector<IHtmlSelectElement>("select[name='Input.Vendor']")!.Value);
    }

    [Fact]
    public async Task CannotCreate_WithBadFields_EachErrorIsNextToItsField_AndInfobipIsNotAsked()
    {
        var input = InfobipTestData.Input(_infobip);
        var fields = InfobipTestData.Form(input);
        fields["Input.Infobip.ApiBaseUrl"] = "http://api.infobip.com";
        fields["Input.Infobip.ValidityPeriodHours"] = "0";
        fields["Input.Infobip.PrincipalEntityId"] = "";
        fields["Input.Infobip.InboundNumber"] = "call me";
        fields["Input.Infobip.FuzzyOptOut"] = "true";
        fields["Input.Infobip.FuzzyAutoReply"] = " ";
        using var client = await PortalClient.SignedInAsync(_factory);

        var (response, page) = await SubmitAsync(client, Prod + "/create", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("", PortalClient.FieldError(page, "Input.Infobip.ApiBaseUrl"));
        Assert.Equal(InfobipCredentialMessages.ValidityPeriodRange, PortalClient.FieldError(page, "Input.Infobip.ValidityPeriodHours"));
        Assert.Equal(InfobipCredentialMessages.ContentTemplateNeedsPrincipal, PortalClient.FieldError(page, "Input.Infobip.ContentTemplateId"));
        Assert.NotEqual("", PortalClient.FieldError(page, "Input.Infobip.InboundNumber"));
        Assert.Equal(InfobipCredentialMessages.FuzzyAutoReplyRequired, PortalClient.FieldError(page, "Input.Infobip.FuzzyAutoReply"));
        Assert.Empty(_infobip.RequestList);
        Assert.Null(await StoredAsync(input.Name!));
    }

    [Fact]
    public async Task CanSaveWithoutVerification_WhenInfobipIsUnreachable_WithoutRetypingTheKey()
    {
        var input = InfobipTestData.Input(_infobip);
        _infobip.Override = (_, _) => new FakeAnswer(503, "<html>maintenance</html>", "text/html", ("Retry-After", "600"));
        using var client = await PortalClient.SignedInAsync(_factory);

        var (response, page) = await SubmitAsync(client, Prod + "/create", InfobipTestData.Form(input));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(InfobipErrorText.Unreachable, PortalClient.FormError(page), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=unreachable] button[name=SaveWithoutVerification]"));
        Assert.DoesNotContain(input.ApiKey!, page.Source.Text, StringComparison.Ordinal);
        Assert.Null(await StoredAsync(input.Name!));
        var asked = _infobip.RequestList.Count;

        var saved = await client.SubmitAsync(page, "main form", new Dictionary<string, string> { ["SaveWithoutVerification"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(asked, _infobip.RequestList.Count);
        var stored = (await StoredAsync(input.Name!))!;
        Assert.Equal(VerificationStatus.NotVerified, stored.VerificationStatus);
        Assert.Equal(input.ApiKey, await UnprotectAsync(stored.ApiKeyProtected));
    }

    [Fact]
    public async Task CannotCreate_TheSameInboundNumberWithTheSameAccountInAnotherSandbox()
    {
        var first = InfobipTestData.Input(_infobip);
        await InfobipTestData.CreateAsync(_factory, (await TestData.SandboxAsync(_factory, "prod")).Id, first);
        await TestData.SandboxAsync(_factory, "dev");
        var second = InfobipTestData.Input(_infobip);
        second.InboundNumber = first.InboundNumber;
        using var client = await PortalClient.SignedInAsync(_factory);

        var (response, page) = await SubmitAsync(client, TestData.CredentialsUrl("dev") + "/create", InfobipTestData.Form(second));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(InfobipVendor.NumberTakenMessage, PortalClient.FieldError(page, "Input.Infobip.InboundNumber"));
        Assert.Null(await StoredAsync(second.Name!));
    }

    [Fact]
    public async Task CanEdit_ABlankKeyKeepsTheStoredOne_TheHintIsShown_AndInfobipChecksAgain()
    {
        var input = InfobipTestData.Input(_infobip);
        var id = await InfobipTestData.CreateAsync(_factory, (await TestData.SandboxAsync(_factory, "prod")).Id, input);
        using var client = await PortalClient.SignedInAsync(_factory);

        var edit = await client.GetDocumentAsync($"{Prod}/edit/{id}");
        Assert.Equal("", edit.QuerySelector<IHtmlInputElement>("input[name='Input.Infobip.ApiKey']")!.Value);
        Assert.Contains(input.ApiKey![^4..], edit.QuerySelector("[data-testid=infobip-key-hint]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(input.ApiKey, edit.Source.Text, StringComparison.Ordinal);
        Assert.Equal($"https://{InfobipTestData.Host}:{_infobip.Port}", edit.QuerySelector<IHtmlInputElement>("input[name='Input.Infobip.ApiBaseUrl']")!.Value);
        var before = _infobip.RequestList.Count;

        var response = await client.SubmitAsync(edit, "main form", new Dictionary<string, string>
        {
            ["Input.Infobip.ValidityPeriodHours"] = "12",
            ["Input.Infobip.CallbackData"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = (await StoredAsync(input.Name!))!;
        Assert.Equal((12, (string?)null, 2), (stored.ValidityPeriodHours, stored.CallbackData, stored.Version));
        Assert.Equal(input.ApiKey, await UnprotectAsync(stored.ApiKeyProtected));
        Assert.Equal(before + 1, _infobip.RequestList.Count);
        Assert.Equal("App " + input.ApiKey, _infobip.RequestList[^1].Header("Authorization"));

        // A new key that Infobip refuses is not saved: the error is next to the key, the stored key stays.
        var again = await client.GetDocumentAsync($"{Prod}/edit/{id}");
        var refused = await client.SubmitAsync(again, "main form", new Dictionary<string, string> { ["Input.Infobip.ApiKey"] = "ffffffffffffffffffffffffffffffff-00000000-0000-0000-0000-000000000000" });
        var refusedPage = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync());
        Assert.Equal(InfobipErrorText.WrongKey, PortalClient.FieldError(refusedPage, "Input.Infobip.ApiKey"));
        Assert.Equal(input.ApiKey, await UnprotectAsync((await StoredAsync(input.Name!))!.ApiKeyProtected));
    }

    [Fact]
    public async Task CanVerifySmsConnection_SentThroughTheSmsApi_TheMessageIdIsShown_AndRefusalsAreInPlainWords()
    {
        var input = InfobipTestData.Input(_infobip);
        var id = await InfobipTestData.CreateAsync(_factory, (await TestData.SandboxAsync(_factory, "prod")).Id, input);
        _infobip.RejectedDestinations["14155550199"] = true;
        using var client = await PortalClient.SignedInAsync(_factory);
        var url = $"{Prod}/verifyconnection/{id}";

        var form = await client.GetDocumentAsync(url);
        var sent = await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Number"] = "+1 415 555 0142",
            ["Input.Message"] = "Hello from the portal",
        });

        var sentPage = await PortalClient.ParseAsync(await sent.Content.ReadAsStringAsync(), url);
        var result = sentPage.QuerySelector("[data-testid=test-result]")!.TextContent;
        Assert.Contains(Assert.Single(_infobip.SentMessageIds), result, StringComparison.Ordinal);
        var post = _infobip.RequestList.Last(r => r.Method == "POST");
        Assert.Equal(("/sms/3/messages", "App " + input.ApiKey), (post.Path, post.Header("Authorization")));
        var message = post.Json().GetProperty("messages")[0];
        Assert.Equal(input.InboundNumber![1..], message.GetProperty("sender").GetString());
        Assert.Equal("14155550142", message.GetProperty("destinations")[0].GetProperty("to").GetString());
        Assert.Equal("Hello from the portal", message.GetProperty("content").GetProperty("text").GetString());
        var options = message.GetProperty("options");
        Assert.Equal((24, "HOURS"), (options.GetProperty("validityPeriod").GetProperty("amount").GetInt32(), options.GetProperty("validityPeriod").GetProperty("timeUnit").GetString()));
        Assert.Equal("1201159100000012345", options.GetProperty("regional").GetProperty("indiaDlt").GetProperty("principalEntityId").GetString());
        Assert.Equal("campaign=spring", message.GetProperty("webhooks").GetProperty("callbackData").GetString());

        var refused = await client.SubmitAsync(sentPage, "main form", new Dictionary<string, string> { ["Input.Number"] = "+14155550199" });
        var refusedPage = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync(), url);
        var error = refusedPage.QuerySelector("[data-testid=test-result]")!.TextContent;
        Assert.Contains("Infobip refused the request (REJECTED_DESTINATION): Invalid destination address.", error, StringComparison.Ordinal);
        Assert.Equal(2, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "TestMessageSent")));
    }

    [Fact]
    public async Task CanDelete()
    {
        var input = InfobipTestData.Input(_infobip);
        var id = await InfobipTestData.CreateAsync(_factory, (await TestData.SandboxAsync(_factory, "prod")).Id, input);
        using var client = await PortalClient.SignedInAsync(_factory);

        var page = await client.GetDocumentAsync($"{Prod}/delete/{id}");
        Assert.Contains(input.Name!, page.Body!.TextContent, StringComparison.Ordinal);
        var response = await client.SubmitAsync(page, "main form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await StoredAsync(input.Name!));
    }
}
