using System.Net;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
using JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static JourneyOptimizer.Sms.IntegrationTests.Localization.LocalizedClient;

namespace JourneyOptimizer.Sms.IntegrationTests.Localization;

/// <summary>Every page, rendered in zh-Hans and pt-BR, shows no English text that has a translation.</summary>
public sealed class LocalizedPagesTests(LocalizedPortal portal) : IClassFixture<LocalizedPortal>
{
    private static readonly string Prod = TestData.CredentialsUrl("prod");

    public static TheoryData<string> Cultures => new(PortalCultures.ChineseSimplified, PortalCultures.PortugueseBrazil);

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task EveryPage_ShowsNoUntranslatedText(string culture)
    {
        var finder = new UntranslatedTextFinder(culture);
        using var anonymous = Anonymous(portal.Portal, culture);
        using var admin = await SignedInAsync(portal.Portal, culture);
        var problems = new List<string>();

        async Task<IHtmlDocument> Check(PortalClient client, string url, HttpStatusCode status = HttpStatusCode.OK)
        {
            var page = await GetPageAsync(client, url, status);
            if (page.DocumentElement.GetAttribute("lang") != culture)
            {
                problems.Add($"[{culture}] {url}: <html lang=\"{page.DocumentElement.GetAttribute("lang")}\">, expected {culture}.");
            }

            problems.AddRange(finder.Find(url, page));
            return page;
        }

        // A form posted as the browser would (the page that answers is checked like any other).
        async Task<IHtmlDocument> CheckPost(PortalClient client, IHtmlDocument form, string label, Dictionary<string, string> fields,
            string? submitter = null)
        {
            using var response = await client.SubmitAsync(form, "main form", fields, submitter);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{label} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 1000)]}");
            var page = await PortalClient.ParseAsync(html, new Uri(form.Url).PathAndQuery);
            problems.AddRange(finder.Find(label, page));
            return page;
        }

        await Check(anonymous, "/account/sign-in");
        await Check(anonymous, "/account/setup?token=not-a-token");
        await Check(anonymous, "/account/access-denied", HttpStatusCode.Forbidden);
        await Check(anonymous, "/account/no-access");
        await Check(admin, "/account/sign-out");

        var list = await Check(admin, Prod);
        Assert.Equal(T(culture, "API Credentials"), list.QuerySelector("h1")!.TextContent.Trim());
        var badges = list.QuerySelectorAll("[data-testid=credentials-table] .badge").Select(b => b.TextContent.Trim()).ToHashSet();
        Assert.Superset(new HashSet<string> { T(culture, "Verified"), T(culture, "Not verified"), T(culture, "Failed") }, badges);
        await Check(admin, Prod + "?q=nothing");
        await Check(admin, TestData.CredentialsUrl(LocalizedPortal.EmptySandbox));
        var firstPage = await Check(admin, TestData.CredentialsUrl(LocalizedPortal.PagingSandbox));
        await Check(admin, firstPage.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var create = await Check(admin, Prod + "/create");
        var createCustom = await CheckPost(admin, create, "POST create (vendor Custom)", new() { ["Input.Vendor"] = "Custom" }, "button[data-vendor-apply]");
        Assert.False(createCustom.QuerySelector("fieldset[data-vendor=Custom]")!.HasAttribute("hidden"));
        Assert.Equal(
            [T(culture, "No Authentication"), T(culture, "API key"), "Basic", "Bearer", T(culture, "OAuth authentication"),
                T(culture, "JWT authentication"), T(culture, "MAC authentication")],
            createCustom.QuerySelectorAll("select[name='Input.Custom.AuthType'] option").Select(o => o.TextContent.Trim()));
        await Check(admin, $"{Prod}/edit/{portal.VerifiedId}");
        await Check(admin, $"{Prod}/edit/{portal.NotVerifiedId}");
        var editCustom = await Check(admin, $"{Prod}/edit/{portal.CustomId}");
        await Check(admin, $"{Prod}/delete/{portal.VerifiedId}");
        await Check(admin, $"{Prod}/delete/{portal.CustomId}");

        // The stored API token as "Set: ••••••••<b>&. Leave blank…" in one sentence per language, the hint as text.
        var apiTokenHelp = editCustom.QuerySelector("#Input_Custom_ApiToken ~ .form-text")!;
        var hint = apiTokenHelp.QuerySelector(".secret-hint")!;
        Assert.Equal(Display.SecretHint(LocalizedPortal.CustomApiToken[^4..]), hint.TextContent);
        Assert.Empty(hint.Children);
        Assert.Equal(T(culture, "Set: {0}. Leave blank to keep the stored value.", hint.TextContent), apiTokenHelp.TextContent.Trim());

        var verifyTwilio = await Check(admin, $"{Prod}/verifyconnection/{portal.VerifiedId}");
        Assert.Equal(T(culture, VerifyConnectionInput.DefaultMessage), verifyTwilio.QuerySelector("textarea[name='Input.Message']")!.TextContent.Trim());
        var sent = await CheckPost(admin, verifyTwilio, "POST verifyconnection (Twilio, sent)",
            new() { ["Input.Number"] = TestData.Number() });
        Assert.Equal(T(culture, "The provider accepted the message."), sent.QuerySelector("[data-testid=test-result] .fw-semibold")!.TextContent.Trim());
        var unsubscribed = TestData.Number();
        portal.Portal.Twilio.RecipientErrors[unsubscribed] = 21610;
        var refused = await CheckPost(admin, verifyTwilio, "POST verifyconnection (Twilio, refused)", new() { ["Input.Number"] = unsubscribed });
        Assert.Contains(T(culture, TwilioErrorText.Unsubscribed), refused.QuerySelector("[data-testid=test-result]")!.TextContent, StringComparison.Ordinal);
        await CheckPost(admin, verifyTwilio, "POST verifyconnection (invalid)", new() { ["Input.Number"] = "12", ["Input.Message"] = "" });

        var verifyCustom = await Check(admin, $"{Prod}/verifyconnection/{portal.CustomId}");
        Assert.NotNull(verifyCustom.QuerySelector("input[name='Input.From']"));
        var refusedTarget = await CheckPost(admin, verifyCustom, "POST verifyconnection (Custom, refused target)",
            new() { ["Input.From"] = "12345", ["Input.Number"] = TestData.Number() });
        Assert.Contains(T(culture, CustomSendMessages.RefusedTarget), refusedTarget.QuerySelector("[data-testid=test-result]")!.TextContent, StringComparison.Ordinal);
        await Check(admin, $"{Prod}/verifyconnection/999999", HttpStatusCode.NotFound);

        // Channel configurations: one in each status the loop leaves alone, a refused change, the reasons of a failure.
        var channels = $"/sandboxes/prod/administration/channels/generalsettings/channelconfigurations";
        var ids = await SeedChannelConfigurationsAsync(culture == PortalCultures.ChineseSimplified ? "chz" : "chp");
        var channelList = await Check(admin, channels);
        var channelBadges = channelList.QuerySelectorAll("[data-status-badge]").Select(b => b.TextContent.Trim()).ToHashSet();
        Assert.Superset(new HashSet<string> { T(culture, "Draft"), T(culture, "Active"), T(culture, "Failed"), T(culture, "Deactivated") }, channelBadges);
        await Check(admin, channels + "?status=Processing&type=Marketing&q=nothing");
        var channelCreate = await Check(admin, channels + "/create");
        await CheckPost(admin, channelCreate, "POST channel create (invalid)", new()
        {
            ["Input.Name"] = "1x",
            ["Input.SenderNumber"] = "12",
            ["Input.Subdomain"] = "x",
            ["Input.ExecutionField"] = "a..b",
            ["Input.SmsType"] = "Spam",
            ["Intent"] = "submit",
        });
        await CheckPost(admin, channelCreate, "POST channel create (missing for submit)", new() { ["Input.Name"] = "chx" + culture.Length, ["Intent"] = "submit" });
        foreach (var id in ids)
        {
            await Check(admin, $"{channels}/edit/{id}");
            await Check(admin, $"{channels}/delete/{id}");
        }

        var sendTest = await Check(admin, $"{channels}/sendtest/{ids[1]}");
        await CheckPost(admin, sendTest, "POST channel sendtest (opted out)", new() { ["Input.Number"] = "+14155550142" });
        await CheckPost(admin, sendTest, "POST channel sendtest (invalid)", new() { ["Input.Number"] = "12", ["Input.Message"] = "" });
        await Check(admin, $"{channels}/sendtest/{ids[0]}");
        var refusedDelete = await Check(admin, $"{channels}/delete/{ids[1]}");
        await CheckPost(admin, refusedDelete, "POST channel delete (active)", new());
        await Check(admin, $"{channels}/edit/999999", HttpStatusCode.NotFound);
        await Check(admin, "/administration/sandboxes");
        await Check(admin, "/administration/sandboxes/create");
        await Check(admin, $"/administration/sandboxes/edit/{portal.ProdId}");

        // Users and permissions, the set-password page, the audit log.
        await Check(admin, "/administration/users");
        await Check(admin, "/administration/users?q=nobody");
        var userCreate = await Check(admin, "/administration/users/create");
        await CheckPost(admin, userCreate, "POST users/create (invalid)", new() { ["Input.Email"] = "", ["Input.Mode"] = "Password" });
        var userCreated = await CheckPost(admin, userCreate, "POST users/create (link)",
            new() { ["Input.Email"] = $"user{culture.Length}@example.com", ["Input.Mode"] = "Link" });
        var setPasswordLink = new Uri(userCreated.QuerySelector("[data-testid=set-password-link]")!.GetAttribute("value")!).PathAndQuery;
        var setPassword = await Check(anonymous, setPasswordLink);
        await CheckPost(anonymous, setPassword, "POST set-password (invalid)", new() { ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "other" });
        await Check(anonymous, "/account/set-password?token=not-a-token");
        var newUserId = new Uri("http://localhost" + userCreated.QuerySelector("main a.btn-primary")!.GetAttribute("href")!).AbsolutePath.Split('/')[^1];
        var userEdit = await Check(admin, $"/administration/users/edit/{newUserId}");
        await CheckPost(admin, userEdit, "POST users/edit (new link)", [], "button[formaction*='NewLink']");
        await Check(admin, "/administration/auditlog");
        await Check(admin, "/administration/auditlog?objectType=User&action=Created&sandbox=none");
        await Check(admin, "/administration/auditlog?from=bad&to=worse");
        await Check(admin, "/error/400", HttpStatusCode.BadRequest);
        await Check(admin, "/error/403", HttpStatusCode.Forbidden);
        await Check(admin, "/error/404", HttpStatusCode.NotFound);
        await Check(admin, "/error/500", HttpStatusCode.InternalServerError);
        await Check(admin, $"{Prod}/edit/999999", HttpStatusCode.NotFound);

        // SMS webhooks: the list and its tabs, the forms (Twilio and Custom, with field errors and the payload editor),
        // a Custom webhook's page with its one-time secret, the confirmations, and the activity lists with every state.
        var hooks = await Webhooks.WebhookLocalizationData.SeedAsync(portal.Portal, portal.ProdId);
        var hooksUrl = Webhooks.WebhookTestData.WebhooksUrl("prod");
        await Check(admin, hooksUrl);
        await Check(admin, hooksUrl + "?q=nothing");
        await Check(admin, Webhooks.WebhookTestData.WebhooksUrl(LocalizedPortal.EmptySandbox));
        var createHook = await Check(admin, hooksUrl + "/create");
        await CheckPost(admin, createHook, "POST webhooks/create (invalid)", new()
        {
            ["Input.Name"] = "",
            ["Input.SenderNumber"] = "12",
            ["Input.Keywords.Help.Keywords"] = "START, <b>",
            ["Input.Keywords.FuzzyLogic"] = "true",
        });
        var customHook = await CheckPost(admin, createHook, "POST webhooks/create (Custom, apply)", new()
        {
            ["Input.Vendor"] = "Custom",
            ["Input.Type"] = "Feedback",
        }, "button[data-webhook-apply]");
        await CheckPost(admin, customHook, "POST webhooks/create (payload editor)", new()
        {
            ["Input.Vendor"] = "Custom",
            ["Input.Type"] = "Feedback",
            ["Input.Mapping.ClientReference"] = "a.b",
            ["Input.Mapping.Status"] = "a..b",
            ["Input.Mapping.Code"] = "c",
            ["SamplePayload"] = """{"a":{"b":"1"}}""",
        }, "[data-testid=check-mapping]");
        await CheckPost(admin, customHook, "POST webhooks/create (payload editor, bad JSON)", new()
        {
            ["Input.Vendor"] = "Custom",
            ["SamplePayload"] = "{",
        }, "[data-testid=check-mapping]");
        await CheckPost(admin, customHook, "POST webhooks/create (Custom, unmapped)", new()
        {
            ["Input.Name"] = "x1",
            ["Input.Vendor"] = "Custom",
            ["Input.Type"] = "Inbound",
            ["Input.SenderNumber"] = "12345",
            ["Input.ApiCredentialId"] = portal.VerifiedId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using (var created = await admin.SubmitAsync(customHook, "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = "c" + TestData.Hex32()[..8],
            ["Input.Vendor"] = "Custom",
            ["Input.Type"] = "Feedback",
            ["Input.SenderNumber"] = "12345",
            ["Input.ApiCredentialId"] = portal.CustomId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Mapping.ClientReference"] = "id",
            ["Input.Mapping.Status"] = "status",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            var withSecret = await Check(admin, created.Headers.Location!.OriginalString);
            Assert.NotNull(withSecret.QuerySelector("[data-testid=signing-secret]"));
            var withHint = await Check(admin, created.Headers.Location!.OriginalString);
            Assert.NotNull(withHint.QuerySelector("[data-testid=secret-hint]"));
        }

        await Check(admin, $"{hooksUrl}/edit/{hooks.TwilioId}");
        await Check(admin, $"{hooksUrl}/delete/{hooks.TwilioId}");
        await Check(admin, $"{hooksUrl}/regeneratesecret/{hooks.CustomId}");
        await Check(admin, hooksUrl + "/inboundmessages");
        await Check(admin, hooksUrl + "/inboundmessages?q=%2B44");
        await Check(admin, hooksUrl + "/feedback");
        await Check(admin, hooksUrl + "/feedback?reference=" + hooks.Reference);
        await Check(admin, hooksUrl + "/feedback?reference=nothing");
        var consentPage = await Check(admin, hooksUrl + "/consent");
        await CheckPost(admin, consentPage, "POST consent (invalid)", new() { ["Input.ProfileNumber"] = "1", ["Input.SenderNumber"] = "x" },
            "[data-testid=opt-out]");
        await Check(admin, Webhooks.WebhookTestData.WebhooksUrl(LocalizedPortal.EmptySandbox) + "/consent");
        await Check(admin, Webhooks.WebhookTestData.WebhooksUrl(LocalizedPortal.EmptySandbox) + "/inboundmessages");
        await Check(admin, Webhooks.WebhookTestData.WebhooksUrl(LocalizedPortal.EmptySandbox) + "/feedback");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Draft, Active (Marketing, with a refused change), Failed (with reasons) and Deactivated, named "{tag}000n".</summary>
    private async Task<int[]> SeedChannelConfigurationsAsync(string tag)
    {
        await using var scope = portal.Portal.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<Core.Channels.ChannelConfigurationCommands>();
        var actor = new Core.Common.Actor("test", "seed@example.com");
        var ids = new int[4];
        for (var i = 0; i < ids.Length; i++)
        {
            var result = await service.CreateAsync(portal.ProdId, new Core.Channels.ChannelConfigurationInput
            {
                Name = $"{tag}{i:0000}",
                SmsType = Core.Channels.SmsType.Marketing,
                ApiCredentialId = portal.VerifiedId,
                SenderNumber = "+14155550100",
                Subdomain = "go.example.com",
                ExecutionField = "mobilePhone.number",
            }, submit: false, actor, CancellationToken.None);
            ids[i] = result.Id!.Value;
        }

        var db = scope.ServiceProvider.GetRequiredService<Core.Data.SmsDbContext>();
        var set = db.Set<Core.Channels.ChannelConfiguration>();
        var reasons = Core.Channels.CheckErrors.ToJson([new(nameof(Core.Channels.ChannelConfigurationInput.SenderNumber), TwilioCredentialVerifier.NumberNotInAccount),
            new("", Core.Channels.ChannelChecks.TimedOut, 60)]);
        await set.Where(c => c.Id == ids[1]).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, Core.Channels.ChannelConfigurationStatus.Active)
            .SetProperty(c => c.PendingCheck, Core.Channels.ChangeCheckStatus.Failed).SetProperty(c => c.PendingSenderNumber, "+14155550101")
            .SetProperty(c => c.PendingSmsType, Core.Channels.SmsType.Marketing).SetProperty(c => c.PendingApiCredentialId, portal.VerifiedId)
            .SetProperty(c => c.PendingErrorsJson, reasons));
        await set.Where(c => c.Id == ids[2]).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, Core.Channels.ChannelConfigurationStatus.Failed)
            .SetProperty(c => c.CheckErrorsJson, reasons));
        await set.Where(c => c.Id == ids[3]).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, Core.Channels.ChannelConfigurationStatus.Deactivated));
        if (!await db.ConsentRecords.AnyAsync(c => c.ProfileNumber == "+14155550142"))
        {
            db.ConsentRecords.Add(new Core.Consent.ConsentRecord
            {
                SandboxId = portal.ProdId,
                SenderNumber = "+14155550100",
                ProfileNumber = "+14155550142",
                State = Core.Consent.ConsentState.OptedOut,
                Source = Core.Consent.ConsentSource.Keyword,
                ChangedBy = "SMS",
                ChangedAtUtc = DateTime.UtcNow,
                Version = 1,
            });
            await db.SaveChangesAsync();
        }

        return ids;
    }

    [Fact]
    public async Task InvalidCreateForm_InChinese_ShowsChineseFieldErrors_AndChineseClientMessages()
    {
        const string zh = PortalCultures.ChineseSimplified;
        var finder = new UntranslatedTextFinder(zh);
        using var client = await SignedInAsync(portal.Portal, zh);
        var form = await client.GetDocumentAsync(Prod + "/create");

        Assert.Equal(T(zh, "Enter a name."), form.QuerySelector("#Input_Twilio_Name")!.GetAttribute("data-val-required"));
        var clientMessages = form.QuerySelectorAll("main [data-val=true]")
            .SelectMany(e => e.Attributes.Where(a => a.Name.StartsWith("data-val-", StringComparison.Ordinal) && a.Name.Count(c => c == '-') == 2))
            .Select(a => a.Value).ToList();
        Assert.True(clientMessages.Count >= 6, string.Join(" | ", clientMessages));
        Assert.All(clientMessages, m => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", m));

        var response = await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Vendor"] = "Twilio",
            ["Input.Twilio.Name"] = "",
            ["Input.Twilio.AccountSid"] = "SM" + TestData.Hex32(),
            ["Input.Twilio.AuthToken"] = "not-hex",
            ["Input.Twilio.MessagingServiceSid"] = "SM" + TestData.Hex32(),
            ["Input.Twilio.InboundNumber"] = "12",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(), Prod + "/create");
        Assert.Equal(T(zh, "Enter a name."), PortalClient.FieldError(page, "Input.Twilio.Name"));
        Assert.Equal(T(zh, "The Account SID starts with AC."), PortalClient.FieldError(page, "Input.Twilio.AccountSid"));
        Assert.Equal(T(zh, "The Auth Token must be 32 hexadecimal characters."), PortalClient.FieldError(page, "Input.Twilio.AuthToken"));
        Assert.Equal(
            T(zh, "This is the SID of a single message (SM... or MM...). Enter the SID of the Messaging Service instead: it starts with MG and is shown under Messaging > Services in the Twilio Console."),
            PortalClient.FieldError(page, "Input.Twilio.MessagingServiceSid"));
        Assert.Equal(T(zh, TwilioCredentialInputValidator.NumberMessage), PortalClient.FieldError(page, "Input.Twilio.InboundNumber"));
        var problems = finder.Find("POST create (invalid)", page).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task ServiceErrors_AndStatusMessages_AreTranslated()
    {
        const string pt = PortalCultures.PortugueseBrazil;
        const string zh = PortalCultures.ChineseSimplified;
        using var portuguese = await SignedInAsync(portal.Portal, pt);
        using var chinese = await SignedInAsync(portal.Portal, zh);

        // A rule of the service (uniqueness), not of the validator: a FieldError translated by the page.
        var taken = TestData.Twilio("loc0001");
        var duplicate = await portuguese.SubmitAsync(await portuguese.GetDocumentAsync(Prod + "/create"), "main form", TestData.TwilioForm(taken));
        var duplicatePage = await PortalClient.ParseAsync(await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(T(pt, "An API credential with this name already exists in this sandbox."), PortalClient.FieldError(duplicatePage, "Input.Twilio.Name"));

        // The status message after Post-Redirect-Get (Twilio checks a new credential: the fake accepts it).
        var created = TestData.Twilio("loc0100");
        var response = await chinese.SubmitAsync(await chinese.GetDocumentAsync(Prod + "/create"), "main form", TestData.TwilioForm(created));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await chinese.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(T(zh, "API credential “{0}” created and verified.", "loc0100"), list.QuerySelector("[role=status]")!.TextContent.Trim());

        // Twilio unreachable: the offer to save without verification, then the status message of that save.
        var finder = new UntranslatedTextFinder(zh);
        portal.Portal.Twilio.Down = true;
        try
        {
            var unreachable = await chinese.SubmitAsync(await chinese.GetDocumentAsync(Prod + "/create"), "main form", TestData.TwilioForm(TestData.Twilio("loc0101")));
            var offer = await PortalClient.ParseAsync(await unreachable.Content.ReadAsStringAsync(), Prod + "/create");
            Assert.Contains(T(zh, "The credential could not be checked with the provider. You can save it anyway: it will be listed as Not verified until a check succeeds."),
                offer.QuerySelector("[data-testid=unreachable]")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(T(zh, TwilioErrorText.Unreachable), PortalClient.FormError(offer));
            var problems = finder.Find("POST create (Twilio unreachable)", offer).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));

            var saved = await chinese.SubmitAsync(offer, "main form", new Dictionary<string, string> { ["SaveWithoutVerification"] = "true" });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var savedList = await chinese.GetDocumentAsync(saved.Headers.Location!.OriginalString);
            Assert.Equal(T(zh, "API credential “{0}” saved without verification.", "loc0101"), savedList.QuerySelector("[role=status]")!.TextContent.Trim());

            // The row action "Verify" while Twilio is down: why, in Chinese.
            var failed = await chinese.SubmitAsync(savedList, "#row-actions-form", new Dictionary<string, string>(), VerifyButton(portal.VerifiedId));
            Assert.Equal(HttpStatusCode.Redirect, failed.StatusCode);
            var failedList = await chinese.GetDocumentAsync(failed.Headers.Location!.OriginalString);
            Assert.Equal(T(zh, "The API credential could not be checked now.") + " " + T(zh, TwilioErrorText.Unreachable),
                failedList.QuerySelector(".alert-danger")!.ChildNodes.OfType<AngleSharp.Dom.IText>().First().TextContent.Trim());
        }
        finally
        {
            portal.Portal.Twilio.Down = false;
        }

        // The row action "Verify" in Portuguese.
        var listPt = await portuguese.GetDocumentAsync(Prod);
        var verified = await portuguese.SubmitAsync(listPt, "#row-actions-form", new Dictionary<string, string>(), VerifyButton(portal.VerifiedId));
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        var verifiedList = await portuguese.GetDocumentAsync(verified.Headers.Location!.OriginalString);
        Assert.Equal(T(pt, "The API credential was verified."), verifiedList.QuerySelector("[role=status]")!.TextContent.Trim());

        // Sandboxes: a validator message in Portuguese.
        var sandbox = await portuguese.SubmitAsync(await portuguese.GetDocumentAsync("/administration/sandboxes/create"), "main form",
            new Dictionary<string, string> { ["Input.Name"] = "Not Valid", ["Input.Title"] = "" });
        var sandboxPage = await PortalClient.ParseAsync(await sandbox.Content.ReadAsStringAsync());
        Assert.Equal(T(pt, "Use lower-case letters, digits and '-' only, starting and ending with a letter or digit."), PortalClient.FieldError(sandboxPage, "Input.Name"));
        Assert.Equal(T(pt, "Enter a title."), PortalClient.FieldError(sandboxPage, "Input.Title"));

        // Sign-in: a page-level error.
        using var stranger = Anonymous(portal.Portal, zh);
        var signIn = await stranger.SignInAsync("nobody@example.com", "Wrong!Passw0rd");
        Assert.Equal(T(zh, "The email or password is incorrect."), PortalClient.FormError(await PortalClient.ParseAsync(await signIn.Content.ReadAsStringAsync())));
    }

    [Fact]
    public async Task InvalidCustomForm_InChinese_ShowsChineseErrors_OfTheCustomRulesToo()
    {
        // ProviderUrl, OAuthBody and the headers are checked by RuleFor(...).Custom(...) rules, whose messages are
        // constants of CustomCredentialMessages, translated by the message formatter; a header error lands next to its field.
        const string zh = PortalCultures.ChineseSimplified;
        var finder = new UntranslatedTextFinder(zh);
        using var client = await SignedInAsync(portal.Portal, zh);
        var form = await client.GetDocumentAsync(Prod + "/create");

        var response = await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Vendor"] = "Custom",
            ["Input.Custom.Name"] = "cust0100",
            ["Input.Custom.ProviderName"] = "",
            ["Input.Custom.ProviderUrl"] = "http://sms.example.com/send",
            ["Input.Custom.AuthType"] = "OAuth",
            ["Input.Custom.OAuthUrl"] = "https://auth.example.com/token",
            ["Input.Custom.OAuthBody"] = """{"grant_type": "client_credentials"}""",
            ["Input.Custom.Headers[0].Name"] = "Content-Type",
            ["Input.Custom.Headers[0].Value"] = "application/json",
            ["Input.Custom.Headers[1].Name"] = "Charset",
            ["Input.Custom.Headers[1].Value"] = "utf-9",
            ["Input.Custom.ProviderPayload"] = """{"to": "{{toNumber}}"}""",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(), Prod + "/create");
        Assert.Equal(T(zh, CustomCredentialMessages.ProviderNameRequired), PortalClient.FieldError(page, "Input.Custom.ProviderName"));
        Assert.Equal(T(zh, CustomCredentialMessages.UrlNotHttps), PortalClient.FieldError(page, "Input.Custom.ProviderUrl"));
        Assert.Equal(T(zh, CustomCredentialMessages.OAuthBodyFields), PortalClient.FieldError(page, "Input.Custom.OAuthBody"));
        Assert.Equal(T(zh, CustomCredentialMessages.CharsetInvalid), PortalClient.FieldError(page, "Input.Custom.Headers[1].Value"));
        Assert.Equal(T(zh, CustomCredentialMessages.PayloadMissingFromNumber), PortalClient.FieldError(page, "Input.Custom.ProviderPayload"));
        var problems = finder.Find("POST create Custom (invalid)", page).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task ImplicitRequiredMessages_OfHiddenAndSelectFields_AreTranslated()
    {
        const string zh = PortalCultures.ChineseSimplified;
        using var client = await SignedInAsync(portal.Portal, zh);

        var edit = await client.GetDocumentAsync($"{Prod}/edit/{portal.VerifiedId}");
        var version = edit.QuerySelector("input[name=Version]")!;
        Assert.Equal(T(zh, LocalizationSetup.RequiredFieldMessage), version.GetAttribute("data-val-required"));

        var create = await client.GetDocumentAsync(Prod + "/create");
        Assert.Equal(T(zh, LocalizationSetup.RequiredFieldMessage), create.QuerySelector("select[name='Input.Vendor']")!.GetAttribute("data-val-required"));
    }

    /// <summary>The row action "Verify" of a credential: a button posting the list's one shared form with its row's id.</summary>
    private static string VerifyButton(int id) =>
        $"button[form=row-actions-form][name=id][value='{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}']";
}
