using System.Net;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Channels;

/// <summary>The channel configuration pages over HTTP, the checks against the fake Twilio (a real local HTTP server).</summary>
public sealed class ChannelConfigurationPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly string Prod = ChannelTestData.Url("prod");

    private async Task<int> ProdIdAsync() => (await TestData.SandboxAsync(portal, "prod")).Id;

    private static string Name(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private static Dictionary<string, string> Form(string name, int credentialId, string sender, string intent = "submit", string type = "Marketing") => new()
    {
        ["Input.Name"] = name,
        ["Input.SmsType"] = type,
        ["Input.ApiCredentialId"] = credentialId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.SenderNumber"] = sender,
        ["Intent"] = intent,
    };

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The item of the row's "More actions" menu.</summary>
    private static AngleSharp.Dom.IElement MenuItem(AngleSharp.Html.Dom.IHtmlDocument list, int id, string action) =>
        Row(list, id).QuerySelector($".dropdown-menu [data-testid={action}]")
        ?? throw new InvalidOperationException($"No {action} in the row menu of {id}.");

    /// <summary>Whether the row's menu shows the action: its item is not hidden (site.js keeps it so as the status changes).</summary>
    private static bool Offered(AngleSharp.Html.Dom.IHtmlDocument list, int id, string action) =>
        !MenuItem(list, id, action).Closest("li")!.HasAttribute("hidden");

    /// <summary>
    /// A row action as the browser sends it: the row has its "More actions" button, the menu offers the action for the
    /// row's status, and its button submits its form with the row's id.
    /// </summary>
    private static async Task<HttpResponseMessage> RowActionAsync(PortalClient client, AngleSharp.Html.Dom.IHtmlDocument list, int id, string action)
    {
        var name = Row(list, id).QuerySelector("td a")!.TextContent;
        Assert.NotNull(Row(list, id).QuerySelector($"td.row-actions button.dropdown-toggle[aria-label='More actions {name}']"));
        Assert.True(Offered(list, id, action), $"{action} is not offered for a {Row(list, id).GetAttribute("data-status")} row");
        var button = MenuItem(list, id, action);
        Assert.Equal(Id(id), button.GetAttribute("value"));
        return await client.SubmitAsync(list, "#" + button.GetAttribute("form"), new Dictionary<string, string> { [button.GetAttribute("name")!] = Id(id) });
    }

    private static AngleSharp.Dom.IElement Row(AngleSharp.Html.Dom.IHtmlDocument list, int id) =>
        list.QuerySelector($"[data-testid=configurations-table] tr[data-id='{id}']") ?? throw new InvalidOperationException($"No row {id}");

    /// <summary>
    /// Each row's bin asks its own question, naming the row, in the user's language, says whose it
    /// is, and shows only for a Draft or Failed row.
    /// </summary>
    [Theory]
    [InlineData(JourneyOptimizer.Sms.Web.Infrastructure.PortalCultures.English)]
    [InlineData(JourneyOptimizer.Sms.Web.Infrastructure.PortalCultures.ChineseSimplified)]
    public async Task EachRowsDeleteQuestion_NamesTheRow_InTheUsersLanguage(string culture)
    {
        var prefix = Name("ask");
        var sandbox = await ProdIdAsync();
        var (credential, active, _) = await portal.ActiveChannelAsync(sandbox, prefix + "a");
        var draft = await portal.CreateChannelAsync(sandbox, new ChannelConfigurationInput { Name = prefix + "b", ApiCredentialId = credential }, submit: false);
        using var client = await Localization.LocalizedClient.SignedInAsync(portal, culture);

        var list = await Localization.LocalizedClient.GetPageAsync(client, Prod + "?q=" + prefix);
        foreach (var (id, name, shown) in new[] { (draft, prefix + "b", true), (active, prefix + "a", false) })
        {
            var bin = Row(list, id).QuerySelector("a[data-confirm]")!;
            Assert.Equal(name, Row(list, id).QuerySelector("td a")!.TextContent);
            Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                Localization.LocalizedClient.T(culture, "Delete the channel configuration “{0}”? This cannot be undone."), name), bin.GetAttribute("data-confirm"));
            Assert.Equal(Localization.LocalizedClient.T(culture, "Delete"), bin.GetAttribute("data-confirm-ok"));
            Assert.Equal(Localization.LocalizedClient.T(culture, "Delete") + " " + name, bin.GetAttribute("aria-label"));
            Assert.EndsWith($"{Prod}/delete/{Id(id)}", PortalClient.Resolve(list, bin.GetAttribute("href")!), StringComparison.Ordinal);
            Assert.Equal(shown, !bin.HasAttribute("hidden"));
        }
    }

    [Fact]
    public async Task CanSaveDraft_AndSeeItListedAsDraft()
    {
        var credential = await TestData.CreateTwilioAsync(portal, await ProdIdAsync(), TestData.Twilio());
        using var client = await PortalClient.SignedInAsync(portal);
        var name = Name("draft");

        var form = await client.GetDocumentAsync(Prod + "/create");
        var response = await client.SubmitAsync(form, "form[data-testid=channel-form]",
            new Dictionary<string, string> { ["Input.Name"] = name, ["Intent"] = "draft", ["Input.ApiCredentialId"] = credential.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await portal.LoadChannelAsync(name);
        Assert.Equal(ChannelConfigurationStatus.Draft, stored.Status);
        var list = await client.GetDocumentAsync(Prod + "?q=" + name);
        var row = Row(list, stored.Id);
        Assert.Equal("Draft", row.QuerySelector("[data-status-badge]")!.TextContent.Trim());
        Assert.Contains(PortalFactory.AdminEmail, row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("a[data-confirm]:not([hidden])"));
    }

    [Fact]
    public async Task CanSubmit_ItIsProcessing_ThenActiveOnceTheChecksRan_AndTheStatesHandlerSaysSo()
    {
        var credential = await TestData.CreateTwilioAsync(portal, await ProdIdAsync(), TestData.Twilio());
        using var client = await PortalClient.SignedInAsync(portal);
        var name = Name("submit");
        var sender = TestData.Number();

        var form = await client.GetDocumentAsync(Prod + "/create");
        var response = await client.SubmitAsync(form, "form[data-testid=channel-form]", Form(name, credential, sender));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = (await portal.LoadChannelAsync(name)).Id;
        var list = await client.GetDocumentAsync(Prod + "?q=" + name);
        Assert.Equal("Processing", Row(list, id).QuerySelector("[data-status-badge]")!.TextContent.Trim());
        Assert.Equal("Processing", await StateAsync(client, id));

        Assert.True(await portal.ChannelChecks.ProcessPendingAsync(CancellationToken.None) >= 1);

        Assert.Equal("Active", await StateAsync(client, id));
        list = await client.GetDocumentAsync(Prod + "?q=" + name);
        Assert.Equal("Active", Row(list, id).QuerySelector("[data-status-badge]")!.TextContent.Trim());
        Assert.Contains(portal.Twilio.Requests, r => r.Method == "GET" && r.PathAndQuery.Contains(Uri.EscapeDataString(sender), StringComparison.Ordinal));
    }

    private static async Task<string> StateAsync(PortalClient client, int id)
    {
        using var response = await client.Http.GetAsync(new Uri($"{Prod}?handler=States&ids={id}&ids=999999", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var state = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(id, state.GetProperty("id").GetInt32());
        return state.GetProperty("label").GetString()!;
    }

    [Fact]
    public async Task Submit_SenderNotInTheTwilioAccount_IsFailed_AndTheReasonIsShown()
    {
        var input = TestData.Twilio();
        portal.Twilio.Accounts[input.AccountSid!] = new FakeTwilioAccount
        {
            Token = input.AuthToken,
            Services = { input.MessagingServiceSid! },
            Numbers = { input.InboundNumber! },
        };
        var credential = await TestData.CreateTwilioAsync(portal, await ProdIdAsync(), input);
        var name = Name("rejected");
        var id = await portal.CreateChannelAsync(await ProdIdAsync(), new ChannelConfigurationInput
        {
            Name = name,
            SmsType = SmsType.Transactional,
            ApiCredentialId = credential,
            SenderNumber = TestData.Number(),
        }, submit: true);

        await portal.ChannelChecks.ProcessPendingAsync(CancellationToken.None);

        Assert.Equal(ChannelConfigurationStatus.Failed, (await portal.LoadChannelAsync(id)).Status);
        using var client = await PortalClient.SignedInAsync(portal);
        var edit = await client.GetDocumentAsync($"{Prod}/edit/{id}");
        Assert.Contains(TwilioCredentialVerifier.NumberNotInAccount, edit.QuerySelector("[data-testid=check-errors]")!.TextContent, StringComparison.Ordinal);
        var list = await client.GetDocumentAsync(Prod + "?status=Failed&q=" + name);
        Assert.Equal("Failed", Row(list, id).QuerySelector("[data-status-badge]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Submit_WhenTwilioIsDown_IsFailedSayingItCouldNotBeReached()
    {
        var credential = await TestData.CreateTwilioAsync(portal, await ProdIdAsync(), TestData.Twilio());
        var id = await portal.CreateChannelAsync(await ProdIdAsync(), new ChannelConfigurationInput
        {
            Name = Name("down"),
            SmsType = SmsType.Marketing,
            ApiCredentialId = credential,
            SenderNumber = TestData.Number(),
        }, submit: true);
        portal.Twilio.Down = true;
        try
        {
            await portal.ChannelChecks.ProcessPendingAsync(CancellationToken.None);
        }
        finally
        {
            portal.Twilio.Down = false;
        }

        var stored = await portal.LoadChannelAsync(id);
        Assert.Equal(ChannelConfigurationStatus.Failed, stored.Status);
        Assert.Equal(ChannelChecks.ProviderUnreachable, CheckErrors.FromJson(stored.CheckErrorsJson)[0].Message);
    }

    [Fact]
    public async Task TwoProcessorsCompeting_ProcessEachItemOnce()
    {
        var credential = await TestData.CreateTwilioAsync(portal, await ProdIdAsync(), TestData.Twilio());
        var ids = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await portal.CreateChannelAsync(await ProdIdAsync(), new ChannelConfigurationInput
            {
                Name = Name("race"),
                SmsType = SmsType.Marketing,
                ApiCredentialId = credential,
                SenderNumber = TestData.Number(),
            }, submit: true));
        }

        var scopes = portal.Services.GetRequiredService<IServiceScopeFactory>();
        var options = portal.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChannelChecksOptions>>();
        ChannelCheckProcessor Another() => new(scopes, TimeProvider.System, options,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ChannelCheckProcessor>.Instance);

        var counts = await Task.WhenAll(Another().ProcessPendingAsync(CancellationToken.None), Another().ProcessPendingAsync(CancellationToken.None));

        Assert.True(counts.Sum() >= ids.Count, $"decided {counts.Sum()}");
        foreach (var id in ids)
        {
            Assert.Equal(ChannelConfigurationStatus.Active, (await portal.LoadChannelAsync(id)).Status);
            var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(1, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
                a.ObjectType == ChannelConfigurationCommands.AuditObjectType && a.ObjectId == key && a.Action == ChannelConfigurationCommands.Actions.CheckPassed)));
        }
    }

    [Fact]
    public async Task CanEditActive_NameReadOnly_ChangeCheckedWhileTheActiveVersionServes()
    {
        var (credential, id, sender) = await portal.ActiveChannelAsync(await ProdIdAsync(), Name("edit"));
        using var client = await PortalClient.SignedInAsync(portal);
        var form = await client.GetDocumentAsync($"{Prod}/edit/{id}");
        Assert.True(form.QuerySelector("#Input_Name")!.HasAttribute("readonly"));
        Assert.Null(form.QuerySelector("[data-testid=save-draft]"));
        var newSender = TestData.Number();

        var response = await client.SubmitAsync(form, "form[data-testid=channel-form]", new Dictionary<string, string>
        {
            ["Input.Name"] = "hijacked",
            ["Input.SenderNumber"] = newSender,
            ["Input.SmsType"] = "Transactional",
            ["Intent"] = "submit",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var pending = await portal.LoadChannelAsync(id);
        Assert.Equal((ChannelConfigurationStatus.Active, ChangeCheckStatus.Processing), (pending.Status, pending.PendingCheck));
        Assert.Equal((sender, SmsType.Marketing), (pending.SenderNumber, pending.SmsType));
        Assert.NotEqual("hijacked", pending.Name);
        var page = await client.GetDocumentAsync($"{Prod}/edit/{id}");
        Assert.NotNull(page.QuerySelector("[data-testid=pending-processing]"));
        Assert.Equal(newSender, page.QuerySelector("#Input_SenderNumber")!.GetAttribute("value"));

        await portal.ChannelChecks.ProcessPendingAsync(CancellationToken.None);

        var applied = await portal.LoadChannelAsync(id);
        Assert.Equal((ChannelConfigurationStatus.Active, (ChangeCheckStatus?)null), (applied.Status, applied.PendingCheck));
        Assert.Equal((newSender, SmsType.Transactional, credential), (applied.SenderNumber, applied.SmsType, applied.ApiCredentialId!.Value));
    }

    [Fact]
    public async Task CanDeactivateActivateAndDuplicate_ThroughTheRowActions()
    {
        var name = Name("rowact");
        var (_, id, _) = await portal.ActiveChannelAsync(await ProdIdAsync(), name);
        using var client = await PortalClient.SignedInAsync(portal);
        var list = await client.GetDocumentAsync(Prod + "?q=" + name);
        Assert.NotNull(Row(list, id).QuerySelector("a[data-confirm][hidden]"));

        var deactivated = await RowActionAsync(client, list, id, "deactivate");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.Equal(ChannelConfigurationStatus.Deactivated, (await portal.LoadChannelAsync(id)).Status);

        list = await client.GetDocumentAsync(Prod + "?q=" + name);
        Assert.False(Offered(list, id, "deactivate"));
        await RowActionAsync(client, list, id, "activate");
        Assert.Equal(ChannelConfigurationStatus.Active, (await portal.LoadChannelAsync(id)).Status);

        list = await client.GetDocumentAsync(Prod + "?q=" + name);
        Assert.False(Offered(list, id, "activate"));
        var duplicated = await RowActionAsync(client, list, id, "duplicate");
        Assert.Equal(HttpStatusCode.Redirect, duplicated.StatusCode);
        var copy = await portal.LoadChannelAsync(name + "_copy");
        Assert.Equal(ChannelConfigurationStatus.Draft, copy.Status);

        // Activating an Active configuration (a forged or stale row action) is refused with a message, not a 500.
        var refused = await client.SubmitAsync(list, "#row-activate-form", new Dictionary<string, string> { ["id"] = Id(id) });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var after = await client.GetDocumentAsync(refused.Headers.Location!.OriginalString);
        Assert.Contains(ChannelConfigurationCommands.NotAllowedActivate, after.QuerySelector("[data-testid=error-message]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CanDeleteADraft_ButNotAnActiveOne()
    {
        var draftId = await portal.CreateChannelAsync(await ProdIdAsync(), new ChannelConfigurationInput { Name = Name("deldraft") }, submit: false);
        var (_, activeId, _) = await portal.ActiveChannelAsync(await ProdIdAsync(), Name("delactive"));
        using var client = await PortalClient.SignedInAsync(portal);

        var confirm = await client.GetDocumentAsync($"{Prod}/delete/{draftId}");
        var deleted = await client.SubmitAsync(confirm, "main form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await portal.WithDbAsync(db => db.Set<ChannelConfiguration>().AnyAsync(c => c.Id == draftId)));

        var confirmActive = await client.GetDocumentAsync($"{Prod}/delete/{activeId}");
        var refused = await client.SubmitAsync(confirmActive, "main form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync());
        Assert.Contains(ChannelConfigurationCommands.NotAllowedDeleteActive, PortalClient.FormError(page), StringComparison.Ordinal);
        Assert.True(await portal.WithDbAsync(db => db.Set<ChannelConfiguration>().AnyAsync(c => c.Id == activeId)));
    }

    [Fact]
    public async Task CannotDeleteACredential_UsedByAChannelConfiguration_TheListNamesIt()
    {
        var name = Name("inuse");
        var (credential, id, _) = await portal.ActiveChannelAsync(await ProdIdAsync(), name);
        using var client = await PortalClient.SignedInAsync(portal);
        var credentialsUrl = TestData.CredentialsUrl("prod");

        var confirm = await client.GetDocumentAsync($"{credentialsUrl}/delete/{credential}");
        var refused = await client.SubmitAsync(confirm, "main form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var list = await client.GetDocumentAsync(PortalClient.Resolve(confirm, refused.Headers.Location!.OriginalString));
        var alert = list.QuerySelector(".alert-danger")?.TextContent ?? "";
        Assert.Contains($"“{name}”", alert, StringComparison.Ordinal);
        Assert.Contains("channel configurations", alert, StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector("[data-testid=credentials-table]"));
        Assert.True(await portal.WithDbAsync(db => db.ApiCredentials.AnyAsync(c => c.Id == credential)));
        Assert.Equal(ChannelConfigurationStatus.Active, (await portal.LoadChannelAsync(id)).Status);
    }

    [Fact]
    public async Task CannotReachAnotherSandboxesConfiguration_ThroughThisSandboxesUrls()
    {
        var dev = await TestData.SandboxAsync(portal, "dev");
        var (_, id, _) = await portal.ActiveChannelAsync(dev.Id, Name("devcfg"));
        using var client = await PortalClient.SignedInAsync(portal);

        foreach (var page in new[] { "edit", "delete", "sendtest" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(new Uri($"{Prod}/{page}/{id}", UriKind.Relative))).StatusCode);
        }

        var list = await client.GetDocumentAsync(Prod);
        var token = list.QuerySelector("#row-duplicate-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var handler in new[] { "Deactivate", "Duplicate" })
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.PostAsync(new Uri($"{Prod}?handler={handler}&id={id}", UriKind.Relative), content)).StatusCode);
        }

        using var delete = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.PostAsync(new Uri($"{Prod}/delete/{id}", UriKind.Relative), delete)).StatusCode);
        Assert.Empty(JsonDocument.Parse(await client.Http.GetStringAsync(new Uri($"{Prod}?handler=States&ids={id}", UriKind.Relative))).RootElement.EnumerateArray());
        Assert.Equal(ChannelConfigurationStatus.Active, (await portal.LoadChannelAsync(id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(new Uri($"{ChannelTestData.Url("dev")}/edit/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ViewUser_SeesNoActionButtons_AndIsRefusedOnEveryPost()
    {
        const string email = "chview@example.com";
        const string password = "V1ewer!Pass";
        var sandbox = await TestData.SandboxAsync(portal, "chview");
        var (_, id, _) = await portal.ActiveChannelAsync(sandbox.Id, Name("viewed"));
        await using (var scope = portal.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = email, Email = email, LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.SmsDbContext>();
            db.SandboxPermissions.Add(new SandboxPermission { UserId = user.Id, SandboxId = sandbox.Id, Access = SandboxAccess.View });
            await db.SaveChangesAsync();
        }

        using var client = await PortalClient.SignedInAsync(portal, email, password);
        var url = ChannelTestData.Url("chview");
        var list = await client.GetDocumentAsync(url);
        Assert.NotNull(list.QuerySelector($"tr[data-id='{id}']"));
        Assert.Null(list.QuerySelector("[data-testid=create]"));
        Assert.Null(list.QuerySelector("[data-testid=configurations-table] .dropdown-toggle"));
        Assert.Null(list.QuerySelector("[data-testid=configurations-table] .dropdown-menu"));
        Assert.Null(list.QuerySelector("a[data-confirm]"));
        Assert.Empty(list.QuerySelectorAll("form[method=post][id^=row-]"));
        var edit = await client.GetDocumentAsync($"{url}/edit/{id}");
        Assert.Null(edit.QuerySelector("[data-testid=submit]"));
        Assert.NotNull(edit.QuerySelector("fieldset[disabled]"));

        var token = list.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var target in new[] { $"{url}?handler=Deactivate&id={id}", $"{url}/delete/{id}", $"{url}/create", $"{url}/edit/{id}", $"{url}/sendtest/{id}" })
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Name"] = "x",
                ["Input.Number"] = TestData.Number(),
                ["Version"] = "1",
            });
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.PostAsync(new Uri(target, UriKind.Relative), content)).StatusCode);
        }

        Assert.Equal(ChannelConfigurationStatus.Active, (await portal.LoadChannelAsync(id)).Status);
        Assert.Single(await portal.WithDbAsync(db => db.Set<ChannelConfiguration>().Where(c => c.SandboxId == sandbox.Id).ToListAsync()));
    }

    [Theory]
    [InlineData("Input.Name", "1abc", ChannelConfigurationRules.NameFormat)]
    [InlineData("Input.Name", "<script>alert(1)</script>", ChannelConfigurationRules.NameFormat)]
    [InlineData("Input.Name", "", "Enter a name.")]
    [InlineData("Input.SenderNumber", "ACME-LONG-SENDER", ChannelConfigurationRules.SenderFormat)]
    [InlineData("Input.SenderNumber", "' OR 1=1 --", ChannelConfigurationRules.SenderFormat)]
    [InlineData("Input.Subdomain", "http://evil", ChannelConfigurationRules.SubdomainFormat)]
    [InlineData("Input.ExecutionField", "a..b", ChannelConfigurationRules.ExecutionFieldFormat)]
    [InlineData("Input.SmsType", "Spam", "")]
    [InlineData("Input.ApiCredentialId", "abc", "")]
    [InlineData("Input.ApiCredentialId", "99999999", ChannelConfigurationRules.CredentialNotFound)]
    [InlineData("Input.ApiCredentialId", "99999999999999999999", "")]
    public async Task CannotCreate_WithHostileInput_TheErrorIsNextToTheField(string field, string value, string expected)
    {
        var credential = await TestData.CreateTwilioAsync(portal, await ProdIdAsync(), TestData.Twilio());
        using var client = await PortalClient.SignedInAsync(portal);
        var form = await client.GetDocumentAsync(Prod + "/create");
        var fields = Form(Name("hostile"), credential, TestData.Number());
        fields[field] = value;

        var response = await client.SubmitAsync(form, "form[data-testid=channel-form]", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        var error = PortalClient.FieldError(page, field);
        Assert.NotEqual("", error);
        if (expected.Length > 0)
        {
            Assert.Equal(expected, error);
        }

        Assert.False(await portal.WithDbAsync(db => db.Set<ChannelConfiguration>().AnyAsync(c => c.Name == fields["Input.Name"])));
    }

    [Fact]
    public async Task CannotOverwriteSilently_WhenSomeoneElseSavedFirst()
    {
        var id = await portal.CreateChannelAsync(await ProdIdAsync(), new ChannelConfigurationInput { Name = Name("conc") }, submit: false);
        using var first = await PortalClient.SignedInAsync(portal);
        using var second = await PortalClient.SignedInAsync(portal);
        var formA = await first.GetDocumentAsync($"{Prod}/edit/{id}");
        var formB = await second.GetDocumentAsync($"{Prod}/edit/{id}");

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(formA, "form[data-testid=channel-form]",
            new Dictionary<string, string> { ["Input.Description"] = "first", ["Intent"] = "draft" })).StatusCode);
        var refused = await second.SubmitAsync(formB, "form[data-testid=channel-form]",
            new Dictionary<string, string> { ["Input.Description"] = "second", ["Intent"] = "draft" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Someone else changed this channel configuration", PortalClient.FormError(page), StringComparison.Ordinal);
        Assert.Equal("first", (await portal.LoadChannelAsync(id)).Description);
    }
}
