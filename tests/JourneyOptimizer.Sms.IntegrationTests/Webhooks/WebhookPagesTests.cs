using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Webhooks;

/// <summary>The SMS webhook pages over HTTP: real sign-in, antiforgery, SQLite; the form posted as a browser would.</summary>
public sealed class WebhookPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Form = "form[data-webhook-form]";
    private static readonly string Prod = WebhookTestData.WebhooksUrl("prod");

    private async Task<int> ProdIdAsync() => (await TestData.SandboxAsync(factory, "prod")).Id;

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response, string url)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html[..Math.Min(2000, html.Length)]}");
        return await PortalClient.ParseAsync(html, url);
    }

    private async Task<int> CreateViaServiceAsync(int sandboxId, WebhookInput input)
    {
        await using var scope = factory.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<WebhookService>()
            .CreateAsync(sandboxId, input, new Actor("test", "seed@example.com"), CancellationToken.None);
        Assert.True(result.Outcome == WebhookOutcome.Created, result.ToString());
        return result.Id!.Value;
    }

    private static WebhookInput TwilioInbound(int credentialId, string? name = null) => new()
    {
        Name = name ?? TestData.Name("hook"),
        Vendor = SmsVendor.Twilio,
        Type = WebhookType.Inbound,
        ApiCredentialId = credentialId,
        SenderNumber = TestData.Number(),
    };

    private static WebhookInput CustomFeedback(int credentialId, string? name = null)
    {
        var input = new WebhookInput
        {
            Name = name ?? TestData.Name("hook"),
            Vendor = SmsVendor.Custom,
            Type = WebhookType.Feedback,
            ApiCredentialId = credentialId,
            SenderNumber = "12345",
        };
        input.Mapping.ClientReference = "data.id";
        input.Mapping.Status = "data.status";
        return input;
    }

    private static int IdFrom(HttpResponseMessage response) =>
        int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task CanCreateTwilioInboundWebhook_WithKeywordOverrides_AndSeeItsUrl()
    {
        var credentialId = await TestData.CreateTwilioAsync(factory, await ProdIdAsync(), TestData.Twilio());
        using var client = await PortalClient.SignedInAsync(factory);
        var form = await client.GetDocumentAsync(Prod + "/create");
        Assert.Equal("STOP, QUIT, CANCEL, END, UNSUBSCRIBE, NO", form.QuerySelector<IHtmlInputElement>("#Input_Keywords_OptOut_Keywords")!.Value);
        var name = TestData.Name("inbound");
        var sender = TestData.Number();

        var response = await client.SubmitAsync(form, Form, new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Vendor"] = "Twilio",
            ["Input.Type"] = "Inbound",
            ["Input.ApiCredentialId"] = credentialId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SenderNumber"] = sender,
            ["Input.Keywords.OptOut.Keywords"] = "stop, arret\nSTOP",
            ["Input.Keywords.OptOut.ReplyMessage"] = "You are unsubscribed.",
            ["Input.Keywords.Help.ReplyMessage"] = "Call 555.",
            ["Input.Keywords.Custom.Keywords"] = "PROMO",
            ["Input.Keywords.FuzzyLogic"] = "true",
            ["Input.Keywords.FuzzyAutoResponse"] = "Did you mean STOP?",
            ["Input.Keywords.DefaultReplyMessage"] = "Thanks!",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = IdFrom(response);
        var stored = await factory.WithDbAsync(db => db.Webhooks.SingleAsync(w => w.Id == id));
        Assert.Equal((name, SmsVendor.Twilio, WebhookType.Inbound, sender, credentialId), (stored.Name, stored.Vendor, stored.Type, stored.SenderNumber, stored.ApiCredentialId));
        Assert.Null(stored.PayloadMappingJson);
        Assert.Null(stored.SigningSecretHash);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", stored.PathToken);
        var settings = InboundKeywordSettings.FromJson(stored.KeywordSettingsJson);
        Assert.Equal(["STOP", "ARRET"], settings.OptOut.Keywords);
        Assert.Equal("You are unsubscribed.", settings.OptOut.ReplyMessage);
        Assert.Empty(settings.OptIn.Keywords);
        Assert.Equal(InboundKeywordSettings.DefaultKeywords[KeywordCategory.Help], settings.EffectiveKeywords(KeywordCategory.Help));
        Assert.Equal("Call 555.", settings.Help.ReplyMessage);
        Assert.Equal(["PROMO"], settings.Custom.Keywords);
        Assert.True(settings.FuzzyLogic);
        Assert.Equal("Did you mean STOP?", settings.FuzzyAutoResponse);
        Assert.Equal("Thanks!", settings.DefaultReplyMessage);

        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("http://localhost/webhooks/" + stored.PathToken, page.QuerySelector<IHtmlInputElement>("[data-testid=webhook-url]")!.Value);
        Assert.Equal("#webhook-url", page.QuerySelector("[data-testid=copy-url]")!.GetAttribute("data-copy-target"));
        Assert.Null(page.QuerySelector("[data-testid=one-time-secret]"));
        Assert.Null(page.QuerySelector("[data-testid=regenerate]"));
        Assert.Equal("STOP, ARRET", page.QuerySelector<IHtmlInputElement>("#Input_Keywords_OptOut_Keywords")!.Value);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#Input_Keywords_FuzzyLogic")!.IsChecked);

        var audit = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.ObjectType == "Webhook" && a.ObjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(("Created", PortalFactory.AdminEmail), (audit.Action, audit.UserName));
        Assert.Contains(name, audit.ChangesJson, StringComparison.Ordinal);

        var list = await client.GetDocumentAsync(Prod + "?q=" + Uri.EscapeDataString(name));
        var row = Assert.Single(list.QuerySelectorAll("[data-testid=webhooks-table] tbody tr"));
        Assert.Contains(sender, row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("a[data-confirm][href$='/delete/" + id + "'] .bi-trash"));
    }

    [Fact]
    public async Task CanCreateCustomFeedbackWebhook_TheSigningSecretIsShownOnce_AndStoredOnlyHashed()
    {
        var credentialId = await WebhookTestData.CustomCredentialAsync(factory, await ProdIdAsync(), TestData.Name("custom"));
        using var client = await PortalClient.SignedInAsync(factory);
        var form = await client.GetDocumentAsync(Prod + "/create");
        var name = TestData.Name("feedback");

        var response = await client.SubmitAsync(form, Form, new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Vendor"] = "Custom",
            ["Input.Type"] = "Feedback",
            ["Input.ApiCredentialId"] = credentialId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SenderNumber"] = "12345",
            ["Input.Mapping.ClientReference"] = "$.data.messageId",
            ["Input.Mapping.Status"] = "data.status",
            ["Input.Mapping.Code"] = "data.errors[0].code",
            ["Input.Mapping.InboundMessage"] = "ignored.for.feedback",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = IdFrom(response);
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        var secret = page.QuerySelector<IHtmlInputElement>("[data-testid=signing-secret]")!.Value;
        Assert.Matches("^[A-Za-z0-9_-]{43}$", secret);

        var stored = await factory.WithDbAsync(db => db.Webhooks.AsNoTracking().SingleAsync(w => w.Id == id));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), stored.SigningSecretHash);
        Assert.Equal(secret[^4..], stored.SigningSecretHint);
        Assert.Null(stored.KeywordSettingsJson);
        var mapping = PayloadMapping.FromJson(stored.PayloadMappingJson);
        Assert.Equal(3, mapping.Paths.Count);
        Assert.Equal("$.data.messageId", mapping.Paths[NormalizedField.ClientReference]);
        var everything = string.Join("|", stored.Name, stored.PathToken, stored.SigningSecretHash, stored.PayloadMappingJson)
            + await factory.WithDbAsync(db => db.AuditEntries.Select(a => a.ChangesJson).ToListAsync()).ContinueWith(t => string.Join("|", t.Result), TaskScheduler.Default);
        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, factory.Logs.All, StringComparison.Ordinal);

        // Shown once: a reload shows only the hint.
        var reload = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Null(reload.QuerySelector("[data-testid=signing-secret]"));
        Assert.DoesNotContain(secret, reload.Source.Text, StringComparison.Ordinal);
        Assert.Equal("••••••••" + secret[^4..], reload.QuerySelector("[data-testid=secret-hint]")!.TextContent);
    }

    [Fact]
    public async Task CanRegenerateTheSigningSecret_WithConfirmation_TheOldOneStopsMatching()
    {
        var credentialId = await WebhookTestData.CustomCredentialAsync(factory, await ProdIdAsync(), TestData.Name("custom"));
        var id = await CreateViaServiceAsync(await ProdIdAsync(), CustomFeedback(credentialId));
        var before = await factory.WithDbAsync(db => db.Webhooks.AsNoTracking().SingleAsync(w => w.Id == id));
        using var client = await PortalClient.SignedInAsync(factory);

        var edit = await client.GetDocumentAsync($"{Prod}/edit/{id}");
        var link = edit.QuerySelector("[data-testid=regenerate]")!;
        Assert.False(string.IsNullOrEmpty(link.GetAttribute("data-confirm")));
        var confirm = await client.GetDocumentAsync(link.GetAttribute("href")!);
        var response = await client.SubmitAsync(confirm, "main form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{Prod}/edit/{id}", response.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        var secret = page.QuerySelector<IHtmlInputElement>("[data-testid=signing-secret]")!.Value;
        var after = await factory.WithDbAsync(db => db.Webhooks.AsNoTracking().SingleAsync(w => w.Id == id));
        Assert.NotEqual(before.SigningSecretHash, after.SigningSecretHash);
        Assert.Equal(WebhookService.HashSecret(secret), after.SigningSecretHash);
        Assert.Equal(before.PathToken, after.PathToken);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.ObjectType == "Webhook" && a.ObjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["Created", "SecretRegenerated"], audit.Select(a => a.Action));
        Assert.DoesNotContain(secret, audit[1].ChangesJson, StringComparison.Ordinal);
        Assert.Null((await client.GetDocumentAsync($"{Prod}/edit/{id}")).QuerySelector("[data-testid=signing-secret]"));

        // A Twilio webhook has no secret to regenerate.
        var twilio = await CreateViaServiceAsync(await ProdIdAsync(), TwilioInbound(await TestData.CreateTwilioAsync(factory, await ProdIdAsync(), TestData.Twilio())));
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(new Uri($"{Prod}/regeneratesecret/{twilio}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Create_BadInput_ShowsErrorsNextToTheFields_AndSavesNothing()
    {
        var prodId = await ProdIdAsync();
        var customId = await WebhookTestData.CustomCredentialAsync(factory, prodId, TestData.Name("custom"));
        var other = await TestData.SandboxAsync(factory, "hooks-other");
        var otherSandboxCredential = await TestData.CreateTwilioAsync(factory, other.Id, TestData.Twilio());
        var existing = await CreateViaServiceAsync(prodId, TwilioInbound(await TestData.CreateTwilioAsync(factory, prodId, TestData.Twilio()), "Taken" + TestData.Hex32()[..6]));
        var takenName = (await factory.WithDbAsync(db => db.Webhooks.SingleAsync(w => w.Id == existing))).Name;
        using var client = await PortalClient.SignedInAsync(factory);
        var form = await client.GetDocumentAsync(Prod + "/create");
        var count = await factory.WithDbAsync(db => db.Webhooks.CountAsync());

        async Task<IHtmlDocument> Post(Dictionary<string, string> fields) =>
            await ParseAsync(await client.SubmitAsync(form, Form, fields), Prod + "/create");

        var page = await Post(new()
        {
            ["Input.Name"] = "",
            ["Input.SenderNumber"] = "12",
            ["Input.ApiCredentialId"] = "",
            ["Input.Keywords.OptOut.Keywords"] = "STOP, ST<OP>!",
            ["Input.Keywords.Help.Keywords"] = "HELP, START",
            ["Input.Keywords.FuzzyLogic"] = "true",
            ["Input.Keywords.FuzzyAutoResponse"] = "",
            ["Input.Keywords.DefaultReplyMessage"] = new string('x', 1601),
        });
        Assert.Equal("Enter a name.", PortalClient.FieldError(page, "Input.Name"));
        Assert.Equal(WebhookInputValidator.SenderNumberMessage, PortalClient.FieldError(page, "Input.SenderNumber"));
        Assert.Equal("Choose the API credentials.", PortalClient.FieldError(page, "Input.ApiCredentialId"));
        Assert.Equal("“ST<OP>!” is not a keyword: use letters and digits only, at most 50 characters.", PortalClient.FieldError(page, "Input.Keywords.OptOut.Keywords"));
        Assert.Equal("The keyword “START” is already in another category.", PortalClient.FieldError(page, "Input.Keywords.Help.Keywords"));
        Assert.Equal("Enter the Fuzzy Auto Response, or turn Fuzzy Logic off.", PortalClient.FieldError(page, "Input.Keywords.FuzzyAutoResponse"));
        Assert.Equal("A reply can have at most 1600 characters.", PortalClient.FieldError(page, "Input.Keywords.DefaultReplyMessage"));

        // Custom without its required paths, and a malformed one.
        page = await Post(new()
        {
            ["Input.Name"] = TestData.Name(),
            ["Input.Vendor"] = "Custom",
            ["Input.Type"] = "Feedback",
            ["Input.ApiCredentialId"] = customId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SenderNumber"] = "+14155550100",
            ["Input.Mapping.ClientReference"] = "",
            ["Input.Mapping.Status"] = "a[x]",
        });
        Assert.Equal(WebhookInputValidator.PathRequiredMessage, PortalClient.FieldError(page, "Input.Mapping.ClientReference"));
        Assert.Equal(WebhookInputValidator.PathShapeMessage, PortalClient.FieldError(page, "Input.Mapping.Status"));

        // The credential must be of the chosen vendor, and of this sandbox.
        page = await Post(new()
        {
            ["Input.Name"] = TestData.Name(),
            ["Input.Vendor"] = "Twilio",
            ["Input.ApiCredentialId"] = customId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SenderNumber"] = "+14155550100",
        });
        Assert.Equal("Choose API credentials of the webhook's SMS vendor.", PortalClient.FieldError(page, "Input.ApiCredentialId"));
        page = await Post(new()
        {
            ["Input.Name"] = TestData.Name(),
            ["Input.Vendor"] = "Twilio",
            ["Input.ApiCredentialId"] = otherSandboxCredential.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SenderNumber"] = "+14155550100",
        });
        Assert.Equal("Choose API credentials of this sandbox.", PortalClient.FieldError(page, "Input.ApiCredentialId"));
        Assert.Null(page.QuerySelector($"select[name='Input.ApiCredentialId'] option[value='{otherSandboxCredential}']"));

        // Names are unique per sandbox, whatever the case.
        page = await Post(new()
        {
            ["Input.Name"] = takenName.ToUpperInvariant(),
            ["Input.Vendor"] = "Twilio",
            ["Input.ApiCredentialId"] = (await factory.WithDbAsync(db => db.Webhooks.SingleAsync(w => w.Id == existing))).ApiCredentialId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SenderNumber"] = "+14155550100",
        });
        Assert.Equal("An SMS webhook with this name already exists in this sandbox.", PortalClient.FieldError(page, "Input.Name"));

        // Hostile values: not numbers, unknown enums, huge texts, markup. Errors, never a 500.
        page = await Post(new()
        {
            ["Input.Name"] = "<script>alert(1)</script>" + new string('n', 5000),
            ["Input.Vendor"] = "Bogus",
            ["Input.Type"] = "99",
            ["Input.ApiCredentialId"] = "abc",
            ["Input.SenderNumber"] = new string('9', 10000),
            ["Input.Keywords.FuzzyLogic"] = "maybe",
            ["Input.Keywords.Custom.Keywords"] = string.Join(",", Enumerable.Range(0, 30).Select(i => "K" + i)),
            ["Input.Mapping.Status"] = new string('[', 500),
        });
        Assert.NotEqual("", PortalClient.FieldError(page, "Input.Name"));
        Assert.NotEqual("", PortalClient.FieldError(page, "Input.ApiCredentialId"));
        Assert.Equal("Enter at most 20 keywords in a category.", PortalClient.FieldError(page, "Input.Keywords.Custom.Keywords"));
        Assert.DoesNotContain("<script>alert(1)", page.Source.Text, StringComparison.Ordinal);

        Assert.Equal(count, await factory.WithDbAsync(db => db.Webhooks.CountAsync()));
    }

    [Fact]
    public async Task CanEdit_VendorAndTypeStayAsCreated_AndAStaleFormIsRefused()
    {
        var prodId = await ProdIdAsync();
        var credentialId = await TestData.CreateTwilioAsync(factory, prodId, TestData.Twilio());
        var id = await CreateViaServiceAsync(prodId, TwilioInbound(credentialId));
        using var client = await PortalClient.SignedInAsync(factory);
        var edit = await client.GetDocumentAsync($"{Prod}/edit/{id}");
        Assert.Null(edit.QuerySelector("select[name='Input.Vendor']"));
        Assert.Equal("Twilio", edit.QuerySelector("[data-testid=vendor]")!.TextContent.Trim());
        Assert.Equal("Inbound", edit.QuerySelector("[data-testid=type]")!.TextContent.Trim());
        var newName = TestData.Name("renamed");

        var response = await client.SubmitAsync(edit, Form, new Dictionary<string, string>
        {
            ["Input.Name"] = newName,
            ["Input.Vendor"] = "Custom",
            ["Input.Type"] = "Feedback",
            ["Input.Keywords.Help.Keywords"] = "AIDE",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Webhooks.AsNoTracking().SingleAsync(w => w.Id == id));
        Assert.Equal((newName, SmsVendor.Twilio, WebhookType.Inbound, 2), (stored.Name, stored.Vendor, stored.Type, stored.Version));
        Assert.Equal(["AIDE"], InboundKeywordSettings.FromJson(stored.KeywordSettingsJson).Help.Keywords);
        Assert.Null(stored.PayloadMappingJson);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.ObjectType == "Webhook" && a.ObjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["Created", "Updated"], audit.Select(a => a.Action));
        Assert.Contains(newName, audit[1].ChangesJson, StringComparison.Ordinal);

        // The same form again (version 1): someone else saved in between.
        var stale = await client.SubmitAsync(edit, Form, new Dictionary<string, string> { ["Input.Name"] = "stale" + TestData.Hex32()[..6] });
        var page = await ParseAsync(stale, $"{Prod}/edit/{id}");
        Assert.Contains("Someone else changed this SMS webhook", PortalClient.FormError(page), StringComparison.Ordinal);
        Assert.Equal(newName, (await factory.WithDbAsync(db => db.Webhooks.AsNoTracking().SingleAsync(w => w.Id == id))).Name);
    }

    [Fact]
    public async Task CanDelete_AfterConfirmation()
    {
        var prodId = await ProdIdAsync();
        var id = await CreateViaServiceAsync(prodId, TwilioInbound(await TestData.CreateTwilioAsync(factory, prodId, TestData.Twilio())));
        using var client = await PortalClient.SignedInAsync(factory);

        var confirm = await client.GetDocumentAsync($"{Prod}/delete/{id}");
        Assert.Contains("Providers calling its URL will be refused", confirm.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var response = await client.SubmitAsync(confirm, "main form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Prod, response.Headers.Location!.OriginalString);
        Assert.False(await factory.WithDbAsync(db => db.Webhooks.AnyAsync(w => w.Id == id)));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ObjectType == "Webhook" && a.Action == "Deleted" && a.ObjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(new Uri($"{Prod}/edit/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AWebhookOfAnotherSandbox_IsNotFound()
    {
        var other = await TestData.SandboxAsync(factory, "hooks-elsewhere");
        var id = await CreateViaServiceAsync(other.Id, TwilioInbound(await TestData.CreateTwilioAsync(factory, other.Id, TestData.Twilio())));
        using var client = await PortalClient.SignedInAsync(factory);
        var list = await client.GetDocumentAsync(Prod);

        foreach (var page in new[] { "edit", "delete" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(new Uri($"{Prod}/{page}/{id}", UriKind.Relative))).StatusCode);
        }

        var token = list.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var page in new[] { "delete", "regeneratesecret" })
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.PostAsync(new Uri($"{Prod}/{page}/{id}", UriKind.Relative), content)).StatusCode);
        }

        Assert.True(await factory.WithDbAsync(db => db.Webhooks.AnyAsync(w => w.Id == id)));
    }

    [Fact]
    public async Task AViewUser_SeesTheListsWithoutButtons_AndCannotPost()
    {
        var sandbox = await TestData.SandboxAsync(factory, "hooks-view");
        var customId = await WebhookTestData.CustomCredentialAsync(factory, sandbox.Id, TestData.Name("custom"));
        var id = await CreateViaServiceAsync(sandbox.Id, CustomFeedback(customId, "viewed"));
        await factory.WithDbAsync(async db =>
        {
            db.ConsentRecords.Add(new Core.Consent.ConsentRecord
            {
                SandboxId = sandbox.Id,
                SenderNumber = "12345",
                ProfileNumber = "+14155550111",
                State = Core.Consent.ConsentState.OptedIn,
                Source = Core.Consent.ConsentSource.Keyword,
                Keyword = "START",
                ChangedBy = "SMS",
                ChangedAtUtc = DateTime.UtcNow,
                Version = 1,
            });
            return await db.SaveChangesAsync();
        });
        var (email, password) = await WebhookTestData.UserAsync(factory, sandbox.Id, SandboxAccess.View);
        using var client = await PortalClient.SignedInAsync(factory, email, password);
        var url = WebhookTestData.WebhooksUrl("hooks-view");

        var list = await client.GetDocumentAsync(url);
        Assert.Single(list.QuerySelectorAll("[data-testid=webhooks-table] tbody tr"));
        Assert.Null(list.QuerySelector("a[href$='/create']"));
        Assert.Null(list.QuerySelector("a[href*='/delete/']"));
        var edit = await client.GetDocumentAsync($"{url}/edit/{id}");
        Assert.NotNull(edit.QuerySelector("[data-testid=webhook-url]"));
        Assert.Null(edit.QuerySelector("[data-testid=regenerate]"));
        Assert.Null(edit.QuerySelector("form[data-webhook-form] button.btn-primary"));
        Assert.NotNull(edit.QuerySelector("form[data-webhook-form] fieldset[disabled]"));
        var consent = await client.GetDocumentAsync(url + "/consent");
        Assert.Single(consent.QuerySelectorAll("[data-testid=consent-table] tbody tr"));
        Assert.Null(consent.QuerySelector("[data-testid=manual-consent]"));
        Assert.Null(consent.QuerySelector("[data-testid=consent-table] button"));

        var token = list.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var target in new[] { "/create", $"/edit/{id}", $"/delete/{id}", $"/regeneratesecret/{id}", "/consent?handler=OptOut" })
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Name"] = "forged",
                ["Input.ProfileNumber"] = "+14155550111",
                ["Input.SenderNumber"] = "12345",
            });
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.PostAsync(new Uri(url + target, UriKind.Relative), content)).StatusCode);
        }

        var stored = await factory.WithDbAsync(db => db.Webhooks.AsNoTracking().SingleAsync(w => w.Id == id));
        Assert.Equal(("viewed", 1), (stored.Name, stored.Version));
        Assert.False(await factory.WithDbAsync(db => db.ConsentRecords.AnyAsync(c => c.SandboxId == sandbox.Id && c.State == Core.Consent.ConsentState.OptedOut)));
    }

    [Fact]
    public async Task DeletingACredentialUsedByAWebhook_IsRefused_AndNamesTheWebhook()
    {
        var prodId = await ProdIdAsync();
        var credentialId = await TestData.CreateTwilioAsync(factory, prodId, TestData.Twilio());
        var name = "user" + TestData.Hex32()[..8];
        var id = await CreateViaServiceAsync(prodId, TwilioInbound(credentialId, name));
        using var client = await PortalClient.SignedInAsync(factory);
        var credentials = TestData.CredentialsUrl("prod");

        var confirm = await client.GetDocumentAsync($"{credentials}/delete/{credentialId}");
        var response = await client.SubmitAsync(confirm, "main form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await client.GetDocumentAsync(PortalClient.Resolve(confirm, response.Headers.Location!.OriginalString));
        Assert.Contains($"“{name}”", list.QuerySelector(".alert-danger")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.ApiCredentials.AnyAsync(c => c.Id == credentialId)));

        // Once the webhook is gone, the credential can go.
        var deleteHook = await client.GetDocumentAsync($"{Prod}/delete/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(deleteHook, "main form", new Dictionary<string, string>())).StatusCode);
        confirm = await client.GetDocumentAsync($"{credentials}/delete/{credentialId}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(confirm, "main form", new Dictionary<string, string>())).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ApiCredentials.AnyAsync(c => c.Id == credentialId)));
    }
}
