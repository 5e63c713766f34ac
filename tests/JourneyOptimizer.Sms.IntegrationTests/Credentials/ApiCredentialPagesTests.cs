using System.Net;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Credentials;

/// <summary>The API credentials pages over HTTP, signed in as the Bootstrap System administrator.</summary>
public sealed class ApiCredentialPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string Prod = TestData.CredentialsUrl("prod");

    private async Task<int> ProdIdAsync() => (await TestData.SandboxAsync(factory, "prod")).Id;

    [Fact]
    public async Task CanCreateTwilioCredential_AndSeeItListed()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var input = TestData.Twilio();
        input.InboundNumber = "+1 (415) 555-0" + Random.Shared.Next(100, 199);
        input.AccountSid = input.AccountSid!.ToUpperInvariant().Replace("AC", "ac", StringComparison.Ordinal);

        var form = await client.GetDocumentAsync(Prod + "/create");
        var response = await client.SubmitAsync(form, "main form", TestData.TwilioForm(input));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Prod, response.Headers.Location?.OriginalString);
        var list = await client.GetDocumentAsync(Prod + "?q=" + Uri.EscapeDataString(input.Name!));
        var row = Assert.Single(list.QuerySelectorAll("[data-testid=credentials-table] tbody tr"));
        Assert.Contains(input.Name!, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("+1415555", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Verified", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Not verified", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(PortalFactory.AdminEmail, row.TextContent, StringComparison.Ordinal);

        var stored = await factory.WithDbAsync(db => db.Set<TwilioCredential>().SingleAsync(c => c.Name == input.Name));
        Assert.Equal("AC" + input.AccountSid![2..].ToLowerInvariant(), stored.AccountSid);
        Assert.Matches(@"^\+1415555\d{4}$", stored.InboundNumber);
        Assert.NotEqual(input.AuthToken, stored.AuthTokenProtected);
    }

    [Fact]
    public async Task CanSearchByName_AndPageThroughTheList()
    {
        var sandbox = await TestData.SandboxAsync(factory, "paging");
        var prefix = "Pg" + TestData.Hex32()[..6];
        for (var i = 0; i < 55; i++)
        {
            await TestData.CreateTwilioAsync(factory, sandbox.Id, TestData.Twilio($"{prefix}-{i:000}"));
        }

        await TestData.CreateTwilioAsync(factory, sandbox.Id, TestData.Twilio("Other credential"));
        using var client = await PortalClient.SignedInAsync(factory);
        var url = TestData.CredentialsUrl("paging");

        var first = await client.GetDocumentAsync(url + "?q=" + prefix.ToLowerInvariant());
        var firstRows = first.QuerySelectorAll("[data-testid=credentials-table] tbody tr");
        Assert.Equal(50, firstRows.Length);
        Assert.Contains($"{prefix}-000", firstRows[0].TextContent, StringComparison.Ordinal);
        Assert.Null(first.QuerySelector("a[rel=prev]"));

        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await client.GetDocumentAsync(next);
        var secondRows = second.QuerySelectorAll("[data-testid=credentials-table] tbody tr");
        Assert.Equal(5, secondRows.Length);
        Assert.Contains($"{prefix}-050", secondRows[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(secondRows, r => r.TextContent.Contains("Other credential", StringComparison.Ordinal));
        Assert.Null(second.QuerySelector("a[rel=next]"));

        var back = await client.GetDocumentAsync(second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(50, back.QuerySelectorAll("[data-testid=credentials-table] tbody tr").Length);
    }

    [Fact]
    public async Task CanEdit_BlankAuthTokenKeepsTheStoredOne_AndTheTokenIsNeverShown()
    {
        var input = TestData.Twilio();
        var id = await TestData.CreateTwilioAsync(factory, await ProdIdAsync(), input);
        using var client = await PortalClient.SignedInAsync(factory);

        var edit = await client.GetDocumentAsync($"{Prod}/edit/{id}");
        Assert.DoesNotContain(input.AuthToken!, edit.Source.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("••••••••" + input.AuthToken![^4..], edit.QuerySelector("[data-testid=token-hint]")!.TextContent);
        Assert.Equal("", edit.QuerySelector("#Input_Twilio_AuthToken")!.GetAttribute("value") ?? "");

        var newNumber = TestData.Number();
        var response = await client.SubmitAsync(edit, "main form", new Dictionary<string, string>
        {
            ["Input.Twilio.Name"] = input.Name + " renamed",
            ["Input.Twilio.InboundNumber"] = newNumber,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.SmsDbContext>();
        var stored = await db.Set<TwilioCredential>().SingleAsync(c => c.Id == id);
        Assert.Equal(input.Name + " renamed", stored.Name);
        Assert.Equal(newNumber, stored.InboundNumber);
        Assert.Equal(2, stored.Version);
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        Assert.Equal(input.AuthToken, protector.Unprotect(stored.AuthTokenProtected!));

        var audit = await db.AuditEntries.Where(a => a.ObjectType == "ApiCredential" && a.ObjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["Created", "Updated"], audit.Select(a => a.Action));
        Assert.Contains("\"field\":\"Name\"", audit[1].ChangesJson, StringComparison.Ordinal);
        Assert.DoesNotContain("AuthToken", audit[1].ChangesJson, StringComparison.Ordinal);
        Assert.Equal(PortalFactory.AdminEmail, audit[1].UserName);
    }

    [Fact]
    public async Task CanEdit_NewAuthTokenReplacesIt_AndTheAuditSaysOnlyChanged()
    {
        var input = TestData.Twilio();
        var id = await TestData.CreateTwilioAsync(factory, await ProdIdAsync(), input);
        using var client = await PortalClient.SignedInAsync(factory);
        var newToken = TestData.Hex32();

        var edit = await client.GetDocumentAsync($"{Prod}/edit/{id}");
        var response = await client.SubmitAsync(edit, "main form", new Dictionary<string, string> { ["Input.Twilio.AuthToken"] = newToken });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.SmsDbContext>();
        var stored = await db.Set<TwilioCredential>().SingleAsync(c => c.Id == id);
        Assert.Equal(newToken, scope.ServiceProvider.GetRequiredService<ISecretProtector>().Unprotect(stored.AuthTokenProtected!));
        Assert.Equal(newToken[^4..], stored.AuthTokenHint);
        var last = await db.AuditEntries.Where(a => a.ObjectType == "ApiCredential").OrderBy(a => a.Id).LastAsync();
        Assert.Contains("\"field\":\"AuthToken\",\"oldValue\":null,\"newValue\":null,\"secret\":true", last.ChangesJson, StringComparison.Ordinal);
        Assert.DoesNotContain(newToken, last.ChangesJson, StringComparison.Ordinal);
        Assert.DoesNotContain(input.AuthToken!, last.ChangesJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CanDelete_AfterConfirmation()
    {
        var input = TestData.Twilio();
        var id = await TestData.CreateTwilioAsync(factory, await ProdIdAsync(), input);
        using var client = await PortalClient.SignedInAsync(factory);

        var list = await client.GetDocumentAsync(Prod + "?q=" + Uri.EscapeDataString(input.Name!));
        var bin = list.QuerySelector("a[data-confirm] .bi-trash")!.ParentElement!;
        Assert.Equal("Delete " + input.Name, bin.GetAttribute("aria-label"));
        Assert.Equal($"Delete the API credential “{input.Name}”? This cannot be undone.", bin.GetAttribute("data-confirm"));
        var confirmation = await client.GetDocumentAsync(PortalClient.Resolve(list, bin.GetAttribute("href")!));
        var response = await client.SubmitAsync(confirmation, "main form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ApiCredentials.AnyAsync(c => c.Id == id)));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.ObjectType == "ApiCredential" && a.Action == AuditLog.Actions.Deleted && a.ObjectName == input.Name)));
    }

    [Fact]
    public async Task CannotOverwriteSilently_WhenSomeoneElseSavedFirst()
    {
        var input = TestData.Twilio();
        var id = await TestData.CreateTwilioAsync(factory, await ProdIdAsync(), input);
        using var alice = await PortalClient.SignedInAsync(factory);
        using var bob = await PortalClient.SignedInAsync(factory);
        var aliceForm = await alice.GetDocumentAsync($"{Prod}/edit/{id}");
        var bobForm = await bob.GetDocumentAsync($"{Prod}/edit/{id}");

        var first = await alice.SubmitAsync(aliceForm, "main form", new Dictionary<string, string> { ["Input.Twilio.Name"] = input.Name + " by alice" });
        var second = await bob.SubmitAsync(bobForm, "main form", new Dictionary<string, string> { ["Input.Twilio.Name"] = input.Name + " by bob" });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await PortalClient.ParseAsync(await second.Content.ReadAsStringAsync());
        Assert.Contains("Reload the page", PortalClient.FormError(page), StringComparison.Ordinal);
        Assert.Equal(input.Name + " by alice", await factory.WithDbAsync(db => db.ApiCredentials.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task CannotReachAnotherSandboxesCredential_ThroughThisSandboxesUrls()
    {
        var dev = await TestData.SandboxAsync(factory, "dev");
        var input = TestData.Twilio();
        var id = await TestData.CreateTwilioAsync(factory, dev.Id, input);
        using var client = await PortalClient.SignedInAsync(factory);

        var list = await client.GetDocumentAsync(Prod + "?q=" + Uri.EscapeDataString(input.Name!));
        Assert.Empty(list.QuerySelectorAll("[data-testid=credentials-table] tbody tr"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(new Uri($"{Prod}/edit/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(new Uri($"{Prod}/delete/{id}", UriKind.Relative))).StatusCode);

        // Forged posts with a valid antiforgery token (taken from a prod page) cannot touch it either.
        var prodForm = await client.GetDocumentAsync(Prod + "/create");
        var token = prodForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var edit = new FormUrlEncodedContent(new Dictionary<string, string>(TestData.TwilioForm(TestData.Twilio()))
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = "1",
        });
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.PostAsync(new Uri($"{Prod}/edit/{id}", UriKind.Relative), edit)).StatusCode);
        using var delete = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.PostAsync(new Uri($"{Prod}/delete/{id}", UriKind.Relative), delete)).StatusCode);

        var stored = await factory.WithDbAsync(db => db.ApiCredentials.SingleAsync(c => c.Id == id));
        Assert.Equal(input.Name, stored.Name);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(new Uri($"{TestData.CredentialsUrl("dev")}/edit/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task CannotPostWithoutAntiforgeryToken()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var input = TestData.Twilio();
        using var content = new FormUrlEncodedContent(TestData.TwilioForm(input));

        var response = await client.Http.PostAsync(new Uri(Prod + "/create", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ApiCredentials.AnyAsync(c => c.Name == input.Name)));
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "Input.Twilio.Name", "", "Enter a name." },
        { "Input.Twilio.Name", "   ", "Enter a name." },
        { "Input.Twilio.Name", new string('n', 101), "at most 100 characters" },
        { "Input.Twilio.Name", new string('x', 1_000_000), "at most 100 characters" },
        { "Input.Twilio.AccountSid", "", "Enter the Account SID." },
        { "Input.Twilio.AccountSid", "XX" + TestData.Hex32(), "starts with AC" },
        { "Input.Twilio.AccountSid", "AC" + TestData.Hex32()[..31], "AC followed by 32 hexadecimal" },
        { "Input.Twilio.AccountSid", "AC" + TestData.Hex32()[..31] + "z", "AC followed by 32 hexadecimal" },
        { "Input.Twilio.AccountSid", new string('A', 1_000_000), "AC followed by 32 hexadecimal" },
        { "Input.Twilio.AuthToken", "", "Enter the Auth Token." },
        { "Input.Twilio.AuthToken", TestData.Hex32()[..31], "32 hexadecimal characters" },
        { "Input.Twilio.AuthToken", TestData.Hex32()[..31] + "g", "32 hexadecimal characters" },
        { "Input.Twilio.MessagingServiceSid", "SM" + TestData.Hex32(), "single message" },
        { "Input.Twilio.MessagingServiceSid", "MM" + TestData.Hex32(), "single message" },
        { "Input.Twilio.MessagingServiceSid", "PN" + TestData.Hex32(), "starts with MG" },
        { "Input.Twilio.MessagingServiceSid", "MG123", "MG followed by 32 hexadecimal" },
        { "Input.Twilio.InboundNumber", "", "Enter the inbound number." },
        { "Input.Twilio.InboundNumber", "4155550100", "international format" },
        { "Input.Twilio.InboundNumber", "+1415555010", "international format" },
        { "Input.Twilio.InboundNumber", "12", "international format" },
        { "Input.Twilio.InboundNumber", "<script>alert(1)</script>", "international format" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task CannotCreate_WithBadInput_TheErrorIsNextToTheField(string field, string value, string expectedError)
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var input = TestData.Twilio();
        var fields = TestData.TwilioForm(input);
        fields[field] = value;
        var before = await factory.WithDbAsync(db => db.ApiCredentials.CountAsync());

        var form = await client.GetDocumentAsync(Prod + "/create");
        var response = await client.SubmitAsync(form, "main form", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains(expectedError, PortalClient.FieldError(page, field), StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.ApiCredentials.CountAsync()));
    }

    [Fact]
    public async Task CanUseScriptLikeName_ItIsStoredAndShownAsText()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var input = TestData.Twilio("<script>alert('x')</script>" + TestData.Hex32()[..6]);

        var form = await client.GetDocumentAsync(Prod + "/create");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(form, "main form", TestData.TwilioForm(input))).StatusCode);

        var html = await client.Http.GetStringAsync(new Uri(Prod + "?q=" + Uri.EscapeDataString(input.Name!), UriKind.Relative));
        Assert.DoesNotContain("<script>alert('x')", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CannotCreate_WithANameTakenInTheSandbox_CaseInsensitive()
    {
        var existing = TestData.Twilio("Taken " + TestData.Hex32()[..8]);
        await TestData.CreateTwilioAsync(factory, await ProdIdAsync(), existing);
        using var client = await PortalClient.SignedInAsync(factory);
        var input = TestData.Twilio("  " + existing.Name!.ToUpperInvariant() + " ");

        var form = await client.GetDocumentAsync(Prod + "/create");
        var response = await client.SubmitAsync(form, "main form", TestData.TwilioForm(input));

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("already exists in this sandbox", PortalClient.FieldError(page, "Input.Twilio.Name"), StringComparison.Ordinal);

        // The same name in another sandbox is fine.
        var other = await TestData.SandboxAsync(factory, "names");
        await TestData.CreateTwilioAsync(factory, other.Id, TestData.Twilio(existing.Name));
    }

    [Fact]
    public async Task CannotUseTheSameAccountAndInboundNumberTwice_AcrossSandboxes()
    {
        var first = TestData.Twilio();
        await TestData.CreateTwilioAsync(factory, await ProdIdAsync(), first);
        await TestData.SandboxAsync(factory, "numbers");
        using var client = await PortalClient.SignedInAsync(factory);
        var numbersUrl = TestData.CredentialsUrl("numbers");

        var clash = TestData.Twilio();
        clash.AccountSid = first.AccountSid!.ToUpperInvariant().Replace("AC", "ac", StringComparison.Ordinal);
        clash.InboundNumber = first.InboundNumber;
        var form = await client.GetDocumentAsync(numbersUrl + "/create");
        var response = await client.SubmitAsync(form, "main form", TestData.TwilioForm(clash));
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("already used with this Account SID", PortalClient.FieldError(page, "Input.Twilio.InboundNumber"), StringComparison.Ordinal);

        var sameAccountOtherNumber = TestData.Twilio();
        sameAccountOtherNumber.AccountSid = first.AccountSid;
        form = await client.GetDocumentAsync(numbersUrl + "/create");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(form, "main form", TestData.TwilioForm(sameAccountOtherNumber))).StatusCode);
    }

    [Fact]
    public async Task AuthToken_NeverInThePagesTheDatabaseFileOrTheLogs()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var input = TestData.Twilio();
        var form = await client.GetDocumentAsync(Prod + "/create");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(form, "main form", TestData.TwilioForm(input))).StatusCode);
        var id = await factory.WithDbAsync(db => db.ApiCredentials.Where(c => c.Name == input.Name).Select(c => c.Id).SingleAsync());

        // A failed save must not echo the token back either.
        var invalid = TestData.TwilioForm(input);
        invalid["Input.Twilio.Name"] = "";
        var failed = await client.SubmitAsync(await client.GetDocumentAsync(Prod + "/create"), "main form", invalid);
        var pages = new[]
        {
            await failed.Content.ReadAsStringAsync(),
            await client.Http.GetStringAsync(new Uri(Prod, UriKind.Relative)),
            await client.Http.GetStringAsync(new Uri($"{Prod}/edit/{id}", UriKind.Relative)),
            await client.Http.GetStringAsync(new Uri($"{Prod}/delete/{id}", UriKind.Relative)),
        };
        Assert.All(pages, html => Assert.DoesNotContain(input.AuthToken!, html, StringComparison.OrdinalIgnoreCase));

        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(FULL);"));
        var bytes = await ReadSharedAsync(factory.DatabasePath);
        bytes += await ReadSharedAsync(factory.DatabasePath + "-wal");
        Assert.DoesNotContain(input.AuthToken!, bytes, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(input.AuthToken!, factory.Logs.All, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(factory.Logs.Events, e => e.Contains("created in sandbox", StringComparison.Ordinal));
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        return await reader.ReadToEndAsync();
    }
}
