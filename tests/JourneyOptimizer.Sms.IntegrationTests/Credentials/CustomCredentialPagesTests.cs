using System.Net;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Security;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Localization;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Credentials;

/// <summary>The Custom provider form over HTTP: every auth type, headers, payload rules, secrets, and a real test send.</summary>
public sealed class CustomCredentialPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string Prod = TestData.CredentialsUrl("prod");

    private Dictionary<string, string> Form(string authType, string? name = null) => new()
    {
        ["Input.Vendor"] = "Custom",
        ["Input.Custom.Name"] = name ?? TestData.Name("custom"),
        ["Input.Custom.ProviderName"] = "Twilio RCS",
        ["Input.Custom.ProviderAppId"] = "app-1",
        ["Input.Custom.ProviderUrl"] = factory.Provider.Url,
        ["Input.Custom.ChannelType"] = "Rcs",
        ["Input.Custom.AuthType"] = authType,
        ["Input.Custom.Headers[0].Name"] = "Content-Type",
        ["Input.Custom.Headers[0].Value"] = "application/json",
        ["Input.Custom.Headers[1].Name"] = "Charset",
        ["Input.Custom.Headers[1].Value"] = "utf-8",
        ["Input.Custom.ProviderPayload"] = """{"from":"{{fromNumber}}","to":"{{toNumber}}","body":"{{message}}","authOption":"header"}""",
        ["Input.Custom.MessageIdExtractor"] = "messages.0.id",
    };

    private static async Task<(HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Page)> CreateAsync(PortalClient client,
        Dictionary<string, string> fields)
    {
        var form = await client.GetDocumentAsync(Prod + "/create");
        var response = await client.SubmitAsync(form, "main form", fields);
        return (response, await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(), Prod + "/create"));
    }

    private async Task<(CustomCredential Credential, CustomProviderSecrets Secrets)> StoredAsync(string name)
    {
        await using var scope = factory.CreateScope();
        var credential = await scope.ServiceProvider.GetRequiredService<Core.Data.SmsDbContext>().Set<CustomCredential>().SingleAsync(c => c.Name == name);
        var secrets = CustomProviderSecrets.FromJson(scope.ServiceProvider.GetRequiredService<ISecretProtector>().Unprotect(credential.SecretsProtected));
        return (credential, secrets);
    }

    public static TheoryData<string, string, string, string> AuthTypes => new()
    {
        { "None", "", "", "" },
        { "ApiKey", "Input.Custom.ApiToken", "key-1234567890abcd", "Input.Custom.ApiKeyHeaderName=X-Api-Key" },
        { "Basic", "Input.Custom.BasicPassword", "pa55word-xyz9", "Input.Custom.BasicUserName=portal" },
        { "Bearer", "Input.Custom.BearerToken", "bearer-token-abcdef9876", "" },
        { "OAuth", "Input.Custom.OAuthBody", """{"grant_type":"client_credentials","client_id":"portal","client_secret":"s3cr3t-oauth-77"}""", "Input.Custom.OAuthUrl=https://auth.provider.example/token" },
        { "Jwt", "Input.Custom.ApiToken", "jwt-signing-key-0123456789abcdef", "Input.Custom.JwtPayload={\"iss\":\"portal\"}" },
        { "Mac", "Input.Custom.ApiSecretKey", "mac-secret-key-55aa", "Input.Custom.ApiToken=mac-id-01;Input.Custom.MacHashFormat=HmacSha256" },
    };

    [Theory]
    [MemberData(nameof(AuthTypes))]
    public async Task CanCreateAndEdit_EachAuthType_SecretsAreKeptWhenBlankAndNeverShown(string authType, string secretField, string secret, string extra)
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var fields = Form(authType);
        if (secretField.Length > 0)
        {
            fields[secretField] = secret;
        }

        foreach (var pair in extra.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            fields[pair[..at]] = pair[(at + 1)..];
        }

        var (response, page) = await CreateAsync(client, fields);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            string.Join(" | ", page.QuerySelectorAll(".field-validation-error, .validation-summary-errors").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)));
        var name = fields["Input.Custom.Name"];
        var (credential, secrets) = await StoredAsync(name);
        Assert.Equal(Enum.Parse<CustomAuthType>(authType), credential.AuthType);
        Assert.Equal(CustomChannelType.Rcs, credential.ChannelType);
        Assert.Equal("RCS", credential.Address);
        if (secret.Length > 0)
        {
            Assert.DoesNotContain(secret, credential.SecretsProtected, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, credential.ConfigurationJson, StringComparison.Ordinal);
            Assert.Contains(secret, secrets.ByField().Values);
        }

        // Edit: the secret is not in the page; blank keeps it; the other fields can change.
        var edit = await client.GetDocumentAsync($"{Prod}/edit/{credential.Id}");
        if (secret.Length > 0)
        {
            Assert.DoesNotContain(secret, edit.Source.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(JsonEncodedText.Encode(secret).ToString(), edit.Source.Text, StringComparison.Ordinal);
        }

        Assert.Equal("Twilio RCS", edit.QuerySelector("#Input_Custom_ProviderName")!.GetAttribute("value"));
        var saved = await client.SubmitAsync(edit, "main form", new Dictionary<string, string> { ["Input.Custom.ProviderName"] = "Renamed provider" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (after, afterSecrets) = await StoredAsync(name);
        Assert.Equal("Renamed provider", after.ProviderName);
        Assert.Equal(secrets.ByField(), afterSecrets.ByField());
        Assert.Equal(2, after.Version);
    }

    [Fact]
    public async Task CanAddUpToTenHeaders_TheDefaultsCannotBeRemoved_AndASecretHeaderIsProtected()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var page = await client.GetDocumentAsync(Prod + "/create");
        var fields = Form("None");

        // "Add new parameter" until the limit: 2 fixed rows + 10.
        for (var i = 0; i < 10; i++)
        {
            var added = await client.SubmitAsync(page, "main form", fields, "button[formaction*='handler=AddRow']");
            page = await PortalClient.ParseAsync(await added.Content.ReadAsStringAsync(), Prod + "/create");
        }

        Assert.Equal(12, page.QuerySelectorAll("[data-testid=headers] tbody tr").Length);
        Assert.Null(page.QuerySelector("button[formaction*='handler=AddRow']"));
        Assert.Equal(10, page.QuerySelectorAll("[data-testid=headers] button[formaction*='handler=RemoveRow']").Length);
        Assert.NotNull(page.QuerySelector("#Input_Custom_Headers_0__Name[readonly]"));

        // Removing a default row is not possible, even forged.
        var forged = await client.SubmitAsync(page, "main form", new Dictionary<string, string>(fields) { ["index"] = "0" },
            "button[formaction*='handler=RemoveRow']");
        var forgedPage = await PortalClient.ParseAsync(await forged.Content.ReadAsStringAsync());
        Assert.Equal("Content-Type", forgedPage.QuerySelector("#Input_Custom_Headers_0__Name")!.GetAttribute("value"));

        // Eleven extra headers are refused; one secret header is stored protected.
        var many = new Dictionary<string, string>(fields);
        for (var i = 2; i < 13; i++)
        {
            many[$"Input.Custom.Headers[{i}].Name"] = $"X-Extra-{i}";
            many[$"Input.Custom.Headers[{i}].Value"] = "v";
        }

        var (tooMany, tooManyPage) = await CreateAsync(client, many);
        Assert.Equal(HttpStatusCode.OK, tooMany.StatusCode);
        Assert.True(tooManyPage.Body!.TextContent.Contains("at most 10 headers", StringComparison.Ordinal),
            string.Join(" | ", tooManyPage.QuerySelectorAll("[data-valmsg-for], .validation-summary-errors").Where(e => e.TextContent.Trim().Length > 0).Select(e => e.GetAttribute("data-valmsg-for") + ": " + e.TextContent.Trim())));

        var withSecret = Form("None");
        withSecret["Input.Custom.Headers[2].Name"] = "X-Tenant-Key";
        withSecret["Input.Custom.Headers[2].Value"] = "tenant-secret-9911";
        withSecret["Input.Custom.Headers[2].IsSecret"] = "true";
        var (ok, _) = await CreateAsync(client, withSecret);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var (credential, secrets) = await StoredAsync(withSecret["Input.Custom.Name"]);
        Assert.DoesNotContain("tenant-secret-9911", credential.ConfigurationJson, StringComparison.Ordinal);
        Assert.Equal("tenant-secret-9911", secrets.HeaderValues["X-Tenant-Key"]);
        var edit = await client.GetDocumentAsync($"{Prod}/edit/{credential.Id}");
        Assert.DoesNotContain("tenant-secret-9911", edit.Source.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "Input.Custom.ProviderUrl", "http://sms.provider.example/send", "https://" },
        { "Input.Custom.ProviderUrl", "https://user:pw@sms.provider.example/send", "user name or password" },
        { "Input.Custom.ProviderUrl", "https://127.0.0.1/send", "private, loopback or link-local" },
        { "Input.Custom.ProviderUrl", "https://10.1.2.3/send", "private, loopback or link-local" },
        { "Input.Custom.ProviderUrl", "https://169.254.169.254/latest", "private, loopback or link-local" },
        { "Input.Custom.ProviderUrl", "https://[::ffff:127.0.0.1]/send", "private, loopback or link-local" },
        { "Input.Custom.ProviderPayload", """{"to":"{{toNumber}}","body":"{{message}}"}""", "fromNumber" },
        { "Input.Custom.ProviderPayload", """{"from":"{{fromNumber}}","to":"{{toNumber}}","body":"{{message}}" """, "valid JSON" },
        { "Input.Custom.ProviderPayload", """{"from":"{{fromNumber}}","to":"{{toNumber}}","body":"{{message}} \ud800"}""", "not Unicode" },
        { "Input.Custom.ProviderName", "", "Enter the provider name." },
        { "Input.Custom.Headers[0].Value", "application/json\r\nX-Injected: 1", "line breaks" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task CannotCreate_WithBadInput_TheErrorIsNextToTheField(string field, string value, string expected)
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var fields = Form("None");
        fields[field] = value;
        var before = await factory.WithDbAsync(db => db.ApiCredentials.CountAsync());

        var (response, page) = await CreateAsync(client, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(PortalClient.FieldError(page, field).Contains(expected, StringComparison.Ordinal),
            string.Join(" | ", page.QuerySelectorAll("[data-valmsg-for]").Where(e => e.TextContent.Trim().Length > 0).Select(e => e.GetAttribute("data-valmsg-for") + ": " + e.TextContent.Trim())));
        Assert.Equal(before, await factory.WithDbAsync(db => db.ApiCredentials.CountAsync()));
    }

    [Fact]
    public async Task CannotUseBasicAuth_WithoutAnAuthOptionInThePayload()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var fields = Form("Basic");
        fields["Input.Custom.BasicUserName"] = "portal";
        fields["Input.Custom.BasicPassword"] = "pw-123456";
        fields["Input.Custom.ProviderPayload"] = """{"from":"{{fromNumber}}","to":"{{toNumber}}","body":"{{message}}"}""";

        var (_, page) = await CreateAsync(client, fields);

        Assert.Contains("authOption", PortalClient.FieldError(page, "Input.Custom.ProviderPayload"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CanVerifySmsConnection_ARealRequestReachesTheProvider_AndItsAnswerIsShown()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var fields = Form("Bearer");
        fields["Input.Custom.BearerToken"] = "bearer-for-the-wire-1234";
        var (created, _) = await CreateAsync(client, fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (credential, _) = await StoredAsync(fields["Input.Custom.Name"]);
        var url = $"{Prod}/verifyconnection/{credential.Id}";

        var form = await client.GetDocumentAsync(url);
        var sent = await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.From"] = "ACME",
            ["Input.Number"] = "+14155550123",
            ["Input.Message"] = "Line 1\n\"quoted\" </script> 👋",
        });

        var page = await PortalClient.ParseAsync(await sent.Content.ReadAsStringAsync(), url);
        Assert.Contains("rcs-42", page.QuerySelector("[data-testid=test-result]")!.TextContent, StringComparison.Ordinal);
        var request = factory.Provider.Requests.Last();
        Assert.Equal("Bearer bearer-for-the-wire-1234", request.Headers["Authorization"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("ACME", body.RootElement.GetProperty("from").GetString());
        Assert.Equal("+14155550123", body.RootElement.GetProperty("to").GetString());
        Assert.Equal("Line 1\n\"quoted\" </script> 👋", body.RootElement.GetProperty("body").GetString());
        Assert.Equal(VerificationStatus.Verified, (await StoredAsync(fields["Input.Custom.Name"])).Credential.VerificationStatus);

        // The provider refuses: its status and a short excerpt are shown, with the secret removed.
        factory.Provider.Answer = (500, """{"error":"token bearer-for-the-wire-1234 expired"}""");
        var refused = await client.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.From"] = "ACME" });
        var refusedPage = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync(), url);
        var result = refusedPage.QuerySelector("[data-testid=test-result]")!.TextContent;
        Assert.Contains("HTTP status 500", result, StringComparison.Ordinal);
        Assert.Contains("expired", result, StringComparison.Ordinal);
        Assert.DoesNotContain("bearer-for-the-wire-1234", refusedPage.Source.Text, StringComparison.Ordinal);
        Assert.Equal(VerificationStatus.Failed, (await StoredAsync(fields["Input.Custom.Name"])).Credential.VerificationStatus);

        // The list gives the reason with its status code, in the user's language.
        foreach (var culture in new[] { PortalCultures.English, PortalCultures.ChineseSimplified })
        {
            using var reader = await LocalizedClient.SignedInAsync(factory, culture);
            var list = await reader.GetDocumentAsync(Prod);
            var row = list.QuerySelectorAll("[data-testid=credentials-table] tbody tr")
                .Single(r => r.TextContent.Contains(fields["Input.Custom.Name"], StringComparison.Ordinal));
            Assert.Equal(LocalizedClient.T(culture, CustomSendMessages.HttpError, 500), row.QuerySelector("[data-testid=failure-reason]")!.TextContent.Trim());
        }

        factory.Provider.Answer = (200, """{"messages":[{"id":"rcs-42","status":"queued"}]}""");
        Assert.DoesNotContain("bearer-for-the-wire-1234", factory.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifySmsConnection_NeverAnswers500_ForJsonThatIsNotUnicode()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var fields = Form("None");
        var (created, _) = await CreateAsync(client, fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (credential, _) = await StoredAsync(fields["Input.Custom.Name"]);
        var url = $"{Prod}/verifyconnection/{credential.Id}";
        var test = new Dictionary<string, string> { ["Input.From"] = "ACME", ["Input.Number"] = "+14155550123", ["Input.Message"] = "hi" };

        // The provider's answer holds a lone surrogate where the message id is read: unreadable, like an answer that is not JSON.
        factory.Provider.Answer = (200, """{"messages":[{"id":"\ud800","status":"queued"}]}""");
        try
        {
            var answered = await client.SubmitAsync(await client.GetDocumentAsync(url), "main form", test);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            var page = await PortalClient.ParseAsync(await answered.Content.ReadAsStringAsync(), url);
            Assert.Contains(CustomSendMessages.InvalidJson, page.QuerySelector("[data-testid=test-result]")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            factory.Provider.Answer = (200, """{"messages":[{"id":"rcs-42","status":"queued"}]}""");
        }

        // A payload saved before the validator refused lone surrogates: the send says what to fix, and sends nothing.
        await factory.WithDbAsync(db => db.Set<CustomCredential>().Where(c => c.Id == credential.Id).ExecuteUpdateAsync(u => u.SetProperty(
            c => c.ConfigurationJson, c => c.ConfigurationJson.Replace("{{message}}", "{{message}} \\\\ud800"))));
        var requests = factory.Provider.Requests.Count;
        var sent = await client.SubmitAsync(await client.GetDocumentAsync(url), "main form", test);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var sentPage = await PortalClient.ParseAsync(await sent.Content.ReadAsStringAsync(), url);
        Assert.Contains(CustomSendMessages.StoredJsonNotUnicode, sentPage.QuerySelector("[data-testid=test-result]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(requests, factory.Provider.Requests.Count);
    }

    [Fact]
    public async Task HeaderRowHandlers_OfAnotherSandboxsCredential_AreNotFound()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var mine = Form("None");
        Assert.Equal(HttpStatusCode.Redirect, (await CreateAsync(client, mine)).Response.StatusCode);
        var (credential, _) = await StoredAsync(mine["Input.Custom.Name"]);
        var edit = await client.GetDocumentAsync($"{Prod}/edit/{credential.Id}");

        // The same Edit form, posted under a sandbox the credential is not in.
        var other = await TestData.SandboxAsync(factory, "headers-elsewhere");
        var token = ((AngleSharp.Html.Dom.IHtmlInputElement)edit.QuerySelector("main form input[name=__RequestVerificationToken]")!).Value;
        foreach (var handler in new[] { "AddRow&rows=Headers", "RemoveRow&rows=Headers&index=2" })
        {
            var url = $"{TestData.CredentialsUrl(other.Name)}/edit/{credential.Id}?handler={handler}";
            using var response = await client.Http.PostAsync(new Uri(url, UriKind.Relative),
                new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Vendor", "Custom")]));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task UrlFields_LeaveTheirRuleToThePortal_NotToTheBrowsersEnglishUrlCheck()
    {
        // jQuery Validation adds its own "url" rule to every input of type url: English in every language, and it
        // refuses https://127.0.0.1 even where private networks are allowed. The portal's rule (localized) decides.
        using var client = await PortalClient.SignedInAsync(factory);
        var page = await client.GetDocumentAsync(Prod + "/create");

        foreach (var name in new[] { "Input.Custom.ProviderUrl", "Input.Custom.OAuthUrl" })
        {
            var input = (AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector($"input[name='{name}']")!;
            Assert.Equal(("text", "url"), (input.Type, input.GetAttribute("inputmode")));
            Assert.Null(input.GetAttribute("data-val-url"));
        }
    }

    [Fact]
    public async Task ListsACustomCredential_WithItsChannelType()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var fields = Form("None", "Rcs provider " + TestData.Hex32()[..6]);
        await CreateAsync(client, fields);

        var list = await client.GetDocumentAsync(Prod + "?q=" + Uri.EscapeDataString(fields["Input.Custom.Name"]));
        var row = list.QuerySelector("[data-testid=credentials-table] tbody tr")!.TextContent;
        Assert.Contains("Custom", row, StringComparison.Ordinal);
        Assert.Contains("RCS", row, StringComparison.Ordinal);
        Assert.Contains("Not verified", row, StringComparison.Ordinal);
    }
}
