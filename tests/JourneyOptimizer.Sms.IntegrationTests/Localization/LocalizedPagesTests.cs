using System.Net;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
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
        using var anonymous = Anonymous(portal, culture);
        using var admin = await SignedInAsync(portal, culture);
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
        await Check(admin, Prod + "/create");
        await Check(admin, $"{Prod}/edit/{portal.VerifiedId}");
        await Check(admin, $"{Prod}/delete/{portal.VerifiedId}");
        await Check(admin, "/administration/sandboxes");
        await Check(admin, "/administration/sandboxes/create");
        await Check(admin, $"/administration/sandboxes/edit/{portal.ProdId}");
        await Check(admin, "/error/400", HttpStatusCode.BadRequest);
        await Check(admin, "/error/403", HttpStatusCode.Forbidden);
        await Check(admin, "/error/404", HttpStatusCode.NotFound);
        await Check(admin, "/error/500", HttpStatusCode.InternalServerError);
        await Check(admin, $"{Prod}/edit/999999", HttpStatusCode.NotFound);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task InvalidCreateForm_InChinese_ShowsChineseFieldErrors_AndChineseClientMessages()
    {
        const string zh = PortalCultures.ChineseSimplified;
        var finder = new UntranslatedTextFinder(zh);
        using var client = await SignedInAsync(portal, zh);
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
        using var portuguese = await SignedInAsync(portal, pt);
        using var chinese = await SignedInAsync(portal, zh);

        // A rule of the service (uniqueness), not of the validator: a FieldError translated by the page.
        var taken = TestData.Twilio("loc0001");
        var duplicate = await portuguese.SubmitAsync(await portuguese.GetDocumentAsync(Prod + "/create"), "main form", TestData.TwilioForm(taken));
        var duplicatePage = await PortalClient.ParseAsync(await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(T(pt, "An API credential with this name already exists in this sandbox."), PortalClient.FieldError(duplicatePage, "Input.Twilio.Name"));

        // The status message after Post-Redirect-Get.
        var created = TestData.Twilio("loc0100");
        var response = await chinese.SubmitAsync(await chinese.GetDocumentAsync(Prod + "/create"), "main form", TestData.TwilioForm(created));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await chinese.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(T(zh, "API credential “{0}” created.", "loc0100"), list.QuerySelector("[role=status]")!.TextContent.Trim());

        // Sandboxes: a validator message in Portuguese.
        var sandbox = await portuguese.SubmitAsync(await portuguese.GetDocumentAsync("/administration/sandboxes/create"), "main form",
            new Dictionary<string, string> { ["Input.Name"] = "Not Valid", ["Input.Title"] = "" });
        var sandboxPage = await PortalClient.ParseAsync(await sandbox.Content.ReadAsStringAsync());
        Assert.Equal(T(pt, "Use lower-case letters, digits and '-' only, starting and ending with a letter or digit."), PortalClient.FieldError(sandboxPage, "Input.Name"));
        Assert.Equal(T(pt, "Enter a title."), PortalClient.FieldError(sandboxPage, "Input.Title"));

        // Sign-in: a page-level error.
        using var stranger = Anonymous(portal, zh);
        var signIn = await stranger.SignInAsync("nobody@example.com", "Wrong!Passw0rd");
        Assert.Equal(T(zh, "The email or password is incorrect."), PortalClient.FormError(await PortalClient.ParseAsync(await signIn.Content.ReadAsStringAsync())));
    }

    [Fact]
    public async Task ImplicitRequiredMessages_OfHiddenAndSelectFields_AreTranslated()
    {
        const string zh = PortalCultures.ChineseSimplified;
        using var client = await SignedInAsync(portal, zh);

        var edit = await client.GetDocumentAsync($"{Prod}/edit/{portal.VerifiedId}");
        var version = edit.QuerySelector("input[name=Version]")!;
        Assert.Equal(T(zh, LocalizationSetup.RequiredFieldMessage), version.GetAttribute("data-val-required"));

        var create = await client.GetDocumentAsync(Prod + "/create");
        Assert.Equal(T(zh, LocalizationSetup.RequiredFieldMessage), create.QuerySelector("select[name='Input.Vendor']")!.GetAttribute("data-val-required"));
    }
}
