using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Credentials.SinchConversation;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Localization;
using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Credentials.Sinch;

/// <summary>
/// Sinch, Sinch MMS and Sinch RCS credentials through the pages (real antiforgery, real SQLite), verified against the
/// fake Sinch over real HTTP on 127.0.0.1: create, the reasons of a refusal, Save without verification, edit with
/// write-only secrets, Verify SMS connection, delete, and the channel type of their configurations.
/// </summary>
public sealed class SinchCredentialPagesTests : IClassFixture<SinchPortal>
{
    private static readonly string Prod = TestData.CredentialsUrl("prod");
    private readonly SinchPortal _portal;

    public SinchCredentialPagesTests(SinchPortal portal)
    {
        _portal = portal;
        _portal.Sinch.Override = null;
    }

    private PortalFactory Factory => _portal.Factory;

    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> SubmitAsync(PortalClient client, string url,
        Dictionary<string, string> fields)
    {
        var form = await client.GetDocumentAsync(url);
        var response = await client.SubmitAsync(form, "main form", fields);
        return (response, await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(), url));
    }

    private Task<bool> ExistsAsync(string name) => Factory.WithDbAsync(db => db.ApiCredentials.AnyAsync(c => c.Name == name));

    [Fact]
    public async Task CreatePage_OffersTheThreeSinchVendors_WithAjoFields_AndMmsSaysItIsOutboundOnly()
    {
        using var client = await PortalClient.SignedInAsync(Factory);

        var page = await client.GetDocumentAsync(Prod + "/create");

        var vendors = page.QuerySelectorAll("fieldset[data-vendor]").Select(f => f.GetAttribute("data-vendor")).ToList();
        Assert.Contains("Sinch", vendors);
        Assert.Contains("SinchMms", vendors);
        Assert.Contains("SinchRcs", vendors);
        Assert.Equal("password", page.QuerySelector<IHtmlInputElement>("input[name='Input.Sinch.ApiToken']")!.Type);
        Assert.NotNull(page.QuerySelector("input[name='Input.Sinch.ServiceId']"));
        Assert.NotNull(page.QuerySelector("input[name='Input.Sinch.OverrideUrl']"));
        Assert.NotNull(page.QuerySelector("input[name='Input.SinchRcs.SmsApiToken']"));
        Assert.NotNull(page.QuerySelector("input[name='Input.SinchRcs.ApiRateLimit']"));
        Assert.Contains("outbound only", page.QuerySelector("[data-testid=mms-outbound-only]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name='Input.SinchMms.WebhookSecret']"));
    }

    [Fact]
    public async Task CreateForms_RequireEachSinchVendorsApiToken_InTheBrowserToo_ButNotOnEdit_NorOnceKept()
    {
        using var client = await LocalizedClient.SignedInAsync(Factory, PortalCultures.ChineseSimplified);
        var form = await client.GetDocumentAsync(Prod + "/create");

        // As asp-for writes a required property: jQuery's unobtrusive validation stops the submit with the message.
        foreach (var vendor in new[] { "Sinch", "SinchMms", "SinchRcs" })
        {
            var token = form.QuerySelector($"input[name='Input.{vendor}.ApiToken']")!;
            Assert.Equal("true", token.GetAttribute("data-val"));
            Assert.Equal(LocalizedClient.T(PortalCultures.ChineseSimplified, SinchCredentialMessages.ApiTokenRequired), token.GetAttribute("data-val-required"));
        }

        // A refused create keeps the typed token (encrypted): a blank one is no longer missing.
        var fields = SinchPortal.SinchForm(TestData.Name("sinch"), _portal.Plan());
        fields["Input.Sinch.ServiceId"] = "not-a-plan";
        var refused = await client.SubmitAsync(form, "main form", fields);
        var refusedPage = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync(), Prod + "/create");
        Assert.NotNull(refusedPage.QuerySelector("[data-testid=secret-kept]"));
        var keptToken = refusedPage.QuerySelector("input[name='Input.Sinch.ApiToken']")!;
        Assert.True(keptToken.GetAttribute("data-val-required") is null, keptToken.OuterHtml);
        Assert.NotNull(refusedPage.QuerySelector("input[name='Input.SinchMms.ApiToken']")!.GetAttribute("data-val-required"));

        // On edit a blank token keeps the stored one.
        var id = await _portal.CreateAsync((await TestData.SandboxAsync(Factory, "prod")).Id, SmsVendor.Sinch,
            SinchPortal.SinchInput(TestData.Name("sinch"), _portal.Plan()));
        var edit = await client.GetDocumentAsync($"{Prod}/edit/{id}");
        Assert.Null(edit.QuerySelector("input[name='Input.Sinch.ApiToken']")!.GetAttribute("data-val-required"));
    }

    [Fact]
    public async Task CanCreateSinch_VerifiedWithTheServicePlansToken_TheTokenStoredEncryptedAndNeverLogged()
    {
        var plan = _portal.Plan();
        var name = TestData.Name("sinch");
        using var client = await PortalClient.SignedInAsync(Factory);

        var (response, _) = await SubmitAsync(client, Prod + "/create", SinchPortal.SinchForm(name, plan, overrideUrl: "https://hooks.example.com/sinch"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await _portal.StoredAsync<SinchCredential>(name);
        Assert.Equal((plan.ServicePlanId, plan.InboundNumber, VerificationStatus.Verified, plan.InboundNumber, "https://hooks.example.com/sinch"),
            (stored.ServicePlanId, stored.InboundNumber, stored.VerificationStatus, stored.Address, stored.OverrideUrl));
        Assert.Equal(plan.ApiToken, _portal.Unprotect(stored.ApiTokenProtected));
        Assert.DoesNotContain(plan.ApiToken, stored.ApiTokenProtected, StringComparison.Ordinal);
        Assert.Equal(plan.ApiToken[^4..], stored.ApiTokenHint);
        var check = _portal.Sinch.RequestList.Last(r => r.Path.Contains(plan.ServicePlanId, StringComparison.Ordinal));
        Assert.Equal(("GET", $"/xms/v1/{plan.ServicePlanId}/batches", "Bearer " + plan.ApiToken), (check.Method, check.Path, check.Header("Authorization")));
        Assert.DoesNotContain(plan.ApiToken, Factory.Logs.All, StringComparison.Ordinal);
        var list = await client.GetDocumentAsync(Prod + "?q=" + Uri.EscapeDataString(name));
        var row = list.QuerySelector("[data-testid=credentials-table] tbody tr")!.TextContent;
        Assert.Contains("Sinch", row, StringComparison.Ordinal);
        Assert.Contains(plan.InboundNumber, row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CannotCreateSinch_WithATokenSinchRefuses_TheReasonIsNextToTheToken_AndNothingIsSaved()
    {
        var plan = _portal.Plan();
        var name = TestData.Name("sinch");
        using var client = await PortalClient.SignedInAsync(Factory);

        var (response, page) = await SubmitAsync(client, Prod + "/create", SinchPortal.SinchForm(name, plan with { ApiToken = SinchPortal.Hex32() }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SinchErrorText.SmsWrongCredentials, PortalClient.FieldError(page, "Input.Sinch.ApiToken"));
        Assert.False(await ExistsAsync(name));
    }

    [Fact]
    public async Task CannotCreateSinch_WithMalformedFields_EachErrorIsNextToItsField_AndSinchIsNotAsked()
    {
        var asked = _portal.Sinch.Requests.Count;
        using var client = await PortalClient.SignedInAsync(Factory);
        var fields = SinchPortal.SinchForm(TestData.Name("sinch"), _portal.Plan());
        fields["Input.Sinch.ServiceId"] = "not-a-plan";
        fields["Input.Sinch.InboundNumber"] = "12";
        fields["Input.Sinch.OverrideUrl"] = "http://hooks.example.com/sinch";
        fields["Input.Sinch.WebhookSecret"] = "has spaces in it";

        var (response, page) = await SubmitAsync(client, Prod + "/create", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SinchCredentialMessages.ServiceIdFormat, PortalClient.FieldError(page, "Input.Sinch.ServiceId"));
        Assert.NotEqual("", PortalClient.FieldError(page, "Input.Sinch.InboundNumber"));
        Assert.Equal(Core.Credentials.Custom.CustomCredentialMessages.UrlNotHttps, PortalClient.FieldError(page, "Input.Sinch.OverrideUrl"));
        Assert.Equal(SinchCredentialMessages.WebhookSecretFormat, PortalClient.FieldError(page, "Input.Sinch.WebhookSecret"));

        // A new credential needs its token (an edit may leave it blank to keep the stored one).
        var withoutToken = SinchPortal.SinchForm(TestData.Name("sinch"), _portal.Plan());
        withoutToken["Input.Sinch.ApiToken"] = "";
        var (_, tokenPage) = await SubmitAsync(client, Prod + "/create", withoutToken);
        Assert.Equal(SinchCredentialMessages.ApiTokenRequired, PortalClient.FieldError(tokenPage, "Input.Sinch.ApiToken"));
        Assert.Equal(asked, _portal.Sinch.Requests.Count);
    }

    [Fact]
    public async Task CannotCreateSinch_WithTheServiceIdAndInboundNumberOfAnotherSandbox()
    {
        var plan = _portal.Plan();
        var other = await TestData.SandboxAsync(Factory, "sinch-eu");
        await _portal.CreateAsync(other.Id, SmsVendor.Sinch, SinchPortal.SinchInput(TestData.Name("sinch"), plan));
        var name = TestData.Name("sinch");
        using var client = await PortalClient.SignedInAsync(Factory);

        var (response, page) = await SubmitAsync(client, Prod + "/create", SinchPortal.SinchForm(name, plan));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SinchVendor.NumberTakenMessage, PortalClient.FieldError(page, "Input.Sinch.InboundNumber"));
        Assert.False(await ExistsAsync(name));
    }

    [Fact]
    public async Task CanSaveSinchWithoutVerification_WhenSinchIsUnreachable()
    {
        var plan = _portal.Plan();
        var name = TestData.Name("sinch");
        _portal.Sinch.Override = (_, _) => new FakeAnswer(503, "<html>maintenance</html>", "text/html");
        using var client = await PortalClient.SignedInAsync(Factory);

        var (response, page) = await SubmitAsync(client, Prod + "/create", SinchPortal.SinchForm(name, plan));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SinchErrorText.Unreachable, PortalClient.FormError(page), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=unreachable] button[name=SaveWithoutVerification]"));
        Assert.DoesNotContain(plan.ApiToken, page.Source.Text, StringComparison.Ordinal);
        Assert.False(await ExistsAsync(name));

        var saved = await client.SubmitAsync(page, "main form", new Dictionary<string, string> { ["SaveWithoutVerification"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await _portal.StoredAsync<SinchCredential>(name);
        Assert.Equal(VerificationStatus.NotVerified, stored.VerificationStatus);
        Assert.Equal(plan.ApiToken, _portal.Unprotect(stored.ApiTokenProtected));
    }

    [Fact]
    public async Task CanEditSinch_TheSecretsShowOnlyTheirLast4_AndABlankTokenKeepsTheStoredOne()
    {
        var plan = _portal.Plan();
        var name = TestData.Name("sinch");
        var secret = "whsec-" + SinchPortal.Hex32();
        var id = await _portal.CreateAsync((await TestData.SandboxAsync(Factory, "prod")).Id, SmsVendor.Sinch, SinchPortal.SinchInput(name, plan, secret));
        using var client = await PortalClient.SignedInAsync(Factory);

        var edit = await client.GetDocumentAsync($"{Prod}/edit/{id}");

        Assert.DoesNotContain(plan.ApiToken, edit.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, edit.Source.Text, StringComparison.Ordinal);
        Assert.Equal("", edit.QuerySelector<IHtmlInputElement>("input[name='Input.Sinch.ApiToken']")!.Value);
        Assert.Contains(plan.ApiToken[^4..], edit.QuerySelector("[data-testid=sinch-token-hint]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(secret[^4..], edit.QuerySelector("[data-testid=sinch-secret-hint]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(edit.QuerySelector("fieldset[data-vendor='Twilio']"));

        var newNumber = TestData.Number();
        var response = await client.SubmitAsync(edit, "main form", new Dictionary<string, string>
        {
            ["Input.Sinch.InboundNumber"] = newNumber,
            ["Input.Sinch.ApiToken"] = "",
            ["Input.Sinch.WebhookSecret"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await _portal.StoredAsync<SinchCredential>(name);
        Assert.Equal((newNumber, VerificationStatus.Verified), (stored.InboundNumber, stored.VerificationStatus));
        Assert.Equal(plan.ApiToken, _portal.Unprotect(stored.ApiTokenProtected));
        Assert.Equal(secret, _portal.Unprotect(stored.WebhookSecretProtected!));
    }

    [Fact]
    public async Task CanVerifySinchSmsConnection_TheBatchIdIsShown_AndSinchsRefusalIsInPlainWords()
    {
        var plan = _portal.Plan();
        var id = await _portal.CreateAsync((await TestData.SandboxAsync(Factory, "prod")).Id, SmsVendor.Sinch,
            SinchPortal.SinchInput(TestData.Name("sinch"), plan));
        using var client = await PortalClient.SignedInAsync(Factory);
        var url = $"{Prod}/verifyconnection/{id}";

        var form = await client.GetDocumentAsync(url);
        var sent = await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Number"] = "+1 415 555 0142",
            ["Input.Message"] = "Hello from the portal",
        });
        var sentPage = await PortalClient.ParseAsync(await sent.Content.ReadAsStringAsync(), url);

        var result = sentPage.QuerySelector("[data-testid=test-result]")!.TextContent;
        Assert.True(result.Contains("accepted the message", StringComparison.Ordinal), result);
        var post = _portal.Sinch.RequestList.Last(r => r.Method == "POST" && r.Path == $"/xms/v1/{plan.ServicePlanId}/batches");
        var body = post.Json();
        Assert.Equal((plan.InboundNumber, "+14155550142", "Hello from the portal"),
            (body.GetProperty("from").GetString(), body.GetProperty("to")[0].GetString(), body.GetProperty("body").GetString()));
        Assert.Matches("[0-9A-HJKMNP-TV-Z]{26}", result);

        _portal.Sinch.Override = (request, _) => request.Method == "POST"
            ? FakeSinch.SmsError(400, "syntax_invalid_parameter_format", "'+1415' is not a valid phone number")
            : null;
        var refused = await client.SubmitAsync(sentPage, "main form", new Dictionary<string, string> { ["Input.Number"] = "+14155550143" });
        var refusedPage = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync(), url);
        var error = refusedPage.QuerySelector("[data-testid=test-result]")!.TextContent;
        Assert.Contains("not sent", error, StringComparison.Ordinal);
        Assert.Contains("is not a valid phone number", error, StringComparison.Ordinal);
        Assert.Contains("syntax_invalid_parameter_format", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalCultures.English)]
    [InlineData(PortalCultures.ChineseSimplified)]
    [InlineData(PortalCultures.PortugueseBrazil)]
    public async Task VerifySmsConnection_SaysWhereEachSinchVendorsMessageGoesFrom(string culture)
    {
        var sandbox = (await TestData.SandboxAsync(Factory, "prod")).Id;
        var mmsApp = _portal.App(["MMS"]);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            // Sinch SMS sends from the credential's inbound number; MMS from the app's MMS sender; RCS as the app's agent.
            ["Sends a real message through the provider with this credential, from its inbound number, and shows the provider's answer."] =
                await _portal.CreateAsync(sandbox, SmsVendor.Sinch, SinchPortal.SinchInput(TestData.Name("sinch"), _portal.Plan())),
            [SinchMmsVendor.TestMessageFromAppMessage] = await _portal.CreateAsync(sandbox, SmsVendor.SinchMms,
                new SinchMmsCredentialInput { Name = TestData.Name("mms"), ProjectId = mmsApp.ProjectId, AppId = mmsApp.AppId, ApiToken = mmsApp.ApiToken }),
            [SinchRcsVendor.TestMessageFromAgentMessage] = await _portal.CreateAsync(sandbox, SmsVendor.SinchRcs,
                SinchPortal.RcsInput(TestData.Name("rcs"), _portal.App(["RCS"]))),
        };
        using var client = await LocalizedClient.SignedInAsync(Factory, culture);

        foreach (var (sentence, id) in ids)
        {
            var page = await client.GetDocumentAsync($"{Prod}/verifyconnection/{id}");

            Assert.Equal(LocalizedClient.T(culture, sentence), page.QuerySelector("[data-testid=test-origin]")!.TextContent.Trim());
            Assert.Null(page.QuerySelector("input[name='Input.From']"));
        }
    }

    [Fact]
    public async Task CanDeleteSinch()
    {
        var name = TestData.Name("sinch");
        var id = await _portal.CreateAsync((await TestData.SandboxAsync(Factory, "prod")).Id, SmsVendor.Sinch,
            SinchPortal.SinchInput(name, _portal.Plan()));
        using var client = await PortalClient.SignedInAsync(Factory);

        var confirmation = await client.GetDocumentAsync($"{Prod}/delete/{id}");
        var response = await client.SubmitAsync(confirmation, "main form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await ExistsAsync(name));
    }

    [Fact]
    public async Task CanCreateSinchMms_VerifiedThroughTheConversationApi_AndItsTestMessageGoesOnMms()
    {
        var app = _portal.App(["MMS", "SMS"]);
        var name = TestData.Name("mms");
        using var client = await PortalClient.SignedInAsync(Factory);

        var (response, _) = await SubmitAsync(client, Prod + "/create", SinchPortal.MmsForm(name, app));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await _portal.StoredAsync<SinchMmsCredential>(name);
        Assert.Equal((app.ProjectId, app.AppId, VerificationStatus.Verified, "MMS"), (stored.ProjectId, stored.AppId, stored.VerificationStatus, stored.Address));
        Assert.Equal(app.ApiToken, _portal.Unprotect(stored.ApiTokenProtected));
        Assert.DoesNotContain(app.ApiToken.Split(':')[1], Factory.Logs.All, StringComparison.Ordinal);

        var url = $"{Prod}/verifyconnection/{stored.Id}";
        var sent = await client.SubmitAsync(await client.GetDocumentAsync(url), "main form", new Dictionary<string, string>
        {
            ["Input.Number"] = "+14155550142",
            ["Input.Message"] = "MMS hello",
        });
        var result = (await PortalClient.ParseAsync(await sent.Content.ReadAsStringAsync(), url)).QuerySelector("[data-testid=test-result]")!.TextContent;
        Assert.Contains("accepted the message", result, StringComparison.Ordinal);
        var send = _portal.Sinch.RequestList.Last(r => r.Path == $"/v1/projects/{app.ProjectId}/messages:send").Json();
        Assert.Equal("MMS", send.GetProperty("recipient").GetProperty("identified_by").GetProperty("channel_identities")[0].GetProperty("channel").GetString());
    }

    [Fact]
    public async Task CannotCreateSinchMms_ForAnAppWithoutMms_OrWithAWrongKey_TheReasonsAreNextToTheirFields()
    {
        var app = _portal.App(["SMS"]);
        using var client = await PortalClient.SignedInAsync(Factory);

        var (_, noMms) = await SubmitAsync(client, Prod + "/create", SinchPortal.MmsForm(TestData.Name("mms"), app));
        Assert.Equal(SinchConversationVerifier.NoMmsChannel, PortalClient.FieldError(noMms, "Input.SinchMms.AppId"));

        var (_, wrongKey) = await SubmitAsync(client, Prod + "/create", SinchPortal.MmsForm(TestData.Name("mms"), app with { ApiToken = "key:" + SinchPortal.Hex32() }));
        Assert.Equal(SinchErrorText.ConversationWrongCredentials, PortalClient.FieldError(wrongKey, "Input.SinchMms.ApiToken"));
    }

    [Fact]
    public async Task CanCreateSinchRcs_WithItsSmsFallback_AndAWrongSmsTokenIsRefusedNextToIt()
    {
        var plan = _portal.Plan();
        var app = _portal.App(["RCS", "SMS"], plan.ServicePlanId);
        using var client = await PortalClient.SignedInAsync(Factory);

        var (_, refused) = await SubmitAsync(client, Prod + "/create", SinchPortal.RcsForm(TestData.Name("rcs"), app, plan, smsToken: SinchPortal.Hex32()));
        Assert.Equal(SinchConversationVerifier.SmsTokenNotForPlan, PortalClient.FieldError(refused, "Input.SinchRcs.SmsApiToken"));

        var name = TestData.Name("rcs");
        var (response, _) = await SubmitAsync(client, Prod + "/create", SinchPortal.RcsForm(name, app, plan));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await _portal.StoredAsync<SinchRcsCredential>(name);
        Assert.Equal((plan.ServicePlanId, 20, VerificationStatus.Verified, "RCS"), (stored.ServicePlanId, stored.ApiRateLimit, stored.VerificationStatus, stored.Address));
        Assert.Equal(plan.ApiToken, _portal.Unprotect(stored.SmsApiTokenProtected!));
    }

    [Fact]
    public async Task ChannelConfigurations_OfSinchMmsAndRcsCredentials_AreMmsAndRcs_AndMmsRefusesASenderId()
    {
        var sandbox = await TestData.SandboxAsync(Factory, "prod");
        var mmsApp = _portal.App(["MMS"]);
        var mms = await _portal.CreateAsync(sandbox.Id, SmsVendor.SinchMms,
            new SinchMmsCredentialInput { Name = TestData.Name("mms"), ProjectId = mmsApp.ProjectId, AppId = mmsApp.AppId, ApiToken = mmsApp.ApiToken });
        var rcs = await _portal.CreateAsync(sandbox.Id, SmsVendor.SinchRcs, SinchPortal.RcsInput(TestData.Name("rcs"), _portal.App(["RCS"])));
        var sms = await _portal.CreateAsync(sandbox.Id, SmsVendor.Sinch, SinchPortal.SinchInput(TestData.Name("sinch"), _portal.Plan()));
        await using var scope = Factory.CreateScope();

        var options = await scope.ServiceProvider.GetRequiredService<ChannelConfigurationQueries>().CredentialOptionsAsync(sandbox.Id, CancellationToken.None);

        Assert.Equal(MobileChannel.Mms, options.Single(o => o.Id == mms).Channel);
        Assert.Equal(MobileChannel.Rcs, options.Single(o => o.Id == rcs).Channel);
        Assert.Equal(MobileChannel.Sms, options.Single(o => o.Id == sms).Channel);
        Assert.Equal("Sinch MMS", options.Single(o => o.Id == mms).VendorName);
        var credentials = scope.ServiceProvider.GetRequiredService<ApiCredentialService>();
        var senderId = await credentials.CheckSenderAsync(sandbox.Id, mms, "ACME", CancellationToken.None);
        Assert.Equal((SenderCheckOutcome.Rejected, SinchMmsVendor.SenderNotNumberMessage), (senderId.Outcome, senderId.Errors[0].Message));
        Assert.Equal(SenderCheckOutcome.Passed, (await credentials.CheckSenderAsync(sandbox.Id, mms, "+14155550100", CancellationToken.None)).Outcome);
        Assert.Equal(SenderCheckOutcome.Passed, (await credentials.CheckSenderAsync(sandbox.Id, sms, "ACME", CancellationToken.None)).Outcome);
    }
}
