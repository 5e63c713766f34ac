using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Custom;

/// <summary>What each auth type puts on the wire, as a real HTTPS server on 127.0.0.1 receives it.</summary>
public sealed partial class CustomProviderClientWireTests
{
    private static readonly string HostileMessage =
        "He said \"hi\" \\ back\nline two\r\n\ttab 😀 é </script><script>alert(1)</script> \u0001 {{toNumber}} ' & +";

    [Fact]
    public async Task SendAsync_NoAuth_PostsRenderedJsonWithHostileMessageAndHeaders()
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness([server.EndPoint]);
        var config = TestConfigurations.For(server) with
        {
            Headers = [new CustomHeader("X-Tenant", "acme", false), new CustomHeader("X-Signature", null, true)],
        };
        var secrets = new CustomProviderSecrets { HeaderValues = new Dictionary<string, string> { ["X-Signature"] = "header-secret-1" } };

        var result = await harness.SendAsync(config, secrets, HostileMessage);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("msg-1", result.MessageId);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/send", request.PathAndQuery);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("acme", request.Header("X-Tenant"));
        Assert.Equal("header-secret-1", request.Header("X-Signature"));
        Assert.Null(request.Header("Authorization"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("+14155550100", body.RootElement.GetProperty("from").GetString());
        Assert.Equal("+5511912345678", body.RootElement.GetProperty("to").GetString());
        Assert.Equal(HostileMessage, body.RootElement.GetProperty("text").GetString());
        Assert.Contains("+14155550100", request.BodyText, StringComparison.Ordinal);   // readable, not \u002B-escaped
    }

    [Fact]
    public async Task SendAsync_Latin1Charset_EscapesNonAsciiAndLabelsTheCharset()
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness([server.EndPoint]);
        var config = TestConfigurations.For(server) with { Charset = "iso-8859-1", ContentType = "application/vnd.sms+json" };

        var result = await harness.SendAsync(config, CustomProviderSecrets.Empty, "Olá 😀");

        Assert.True(result.Succeeded, result.Message);
        var request = Assert.Single(server.Requests);
        Assert.Equal("application/vnd.sms+json; charset=iso-8859-1", request.Header("Content-Type"));
        Assert.All(request.Body, b => Assert.True(b < 0x80));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("Olá 😀", body.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task SendAsync_ApiKey_SendsTheTokenInTheConfiguredHeader()
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness([server.EndPoint]);
        var config = TestConfigurations.For(server, CustomAuthType.ApiKey) with { ApiKeyHeaderName = "X-API-Key" };

        var result = await harness.SendAsync(config, new CustomProviderSecrets { ApiToken = "key-123456" });

        Assert.True(result.Succeeded, result.Message);
        var request = Assert.Single(server.Requests);
        Assert.Equal("key-123456", request.Header("X-API-Key"));
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task SendAsync_Basic_SendsBase64OfUtf8UserColonPassword()
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness([server.EndPoint]);
        var config = TestConfigurations.For(server, CustomAuthType.Basic) with { BasicUserName = "portal-user" };

        var result = await harness.SendAsync(config, new CustomProviderSecrets { BasicPassword = "pässw:rd 1" });

        Assert.True(result.Succeeded, result.Message);
        var authorization = Assert.Single(server.Requests).Header("Authorization");
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("portal-user:pässw:rd 1")), authorization);
    }

    [Fact]
    public async Task SendAsync_Bearer_SendsTheToken()
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(TestConfigurations.For(server, CustomAuthType.Bearer),
            new CustomProviderSecrets { BearerToken = "bearer-abc.def" });

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("Bearer bearer-abc.def", Assert.Single(server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task SendAsync_OAuth_FetchesAFormEncodedClientCredentialsTokenAndCachesItUntilExpiry()
    {
        var issued = 0;
        await using var server = await TestProviderServer.StartAsync((request, context) => request.PathAndQuery == "/token"
            ? TestProviderServer.Json(context, 200, $$"""{"access_token":"access-{{Interlocked.Increment(ref issued)}}","token_type":"Bearer","expires_in":3600}""")
            : TestProviderServer.Json(context, 200, """{"id":"msg-1"}"""));
        await using var harness = new ClientHarness([server.EndPoint]);
        var config = OAuthConfig(server);
        var secrets = OAuthSecrets();

        var first = await harness.SendAsync(config, secrets);
        var second = await harness.SendAsync(config, secrets);
        harness.Time.Advance(TimeSpan.FromSeconds(3600));
        var third = await harness.SendAsync(config, secrets);

        Assert.True(first.Succeeded && second.Succeeded && third.Succeeded);
        var tokenRequests = server.Requests.Where(r => r.PathAndQuery == "/token").ToList();
        Assert.Equal(2, tokenRequests.Count);
        var token = tokenRequests[0];
        Assert.Equal("POST", token.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", token.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("application/json", token.Header("Accept"));
        var form = QueryHelpers(token.BodyText);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("portal-client", form["client_id"]);
        Assert.Equal("client-secret-&=+ 42", form["client_secret"]);
        Assert.Equal("sms.send", form["scope"]);
        var sends = server.Requests.Where(r => r.PathAndQuery == "/send").Select(r => r.Header("Authorization")).ToList();
        Assert.Equal(["Bearer access-1", "Bearer access-1", "Bearer access-2"], sends);
    }

    [Fact]
    public async Task SendAsync_OAuthTokenRefusedWith401_FetchesANewTokenOnceAndRetries()
    {
        var issued = 0;
        await using var server = await TestProviderServer.StartAsync((request, context) => request.PathAndQuery == "/token"
            ? TestProviderServer.Json(context, 200, $$"""{"access_token":"access-{{Interlocked.Increment(ref issued)}}","expires_in":3600}""")
            : request.Header("Authorization") == "Bearer access-1"
                ? TestProviderServer.Json(context, 401, """{"error":"token revoked"}""")
                : TestProviderServer.Json(context, 202, """{"id":"msg-2"}"""));
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(OAuthConfig(server), OAuthSecrets());

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(202, result.StatusCode);
        Assert.Equal("msg-2", result.MessageId);
        Assert.Equal(["/token", "/send", "/token", "/send"], server.Requests.Select(r => r.PathAndQuery));
        Assert.Equal("Bearer access-2", server.Requests[^1].Header("Authorization"));
    }

    [Fact]
    public async Task SendAsync_OAuthProviderKeepsAnswering401_RefreshesOnlyOnceThenFails()
    {
        var issued = 0;
        await using var server = await TestProviderServer.StartAsync((request, context) => request.PathAndQuery == "/token"
            ? TestProviderServer.Json(context, 200, $$"""{"access_token":"access-{{Interlocked.Increment(ref issued)}}","expires_in":3600}""")
            : TestProviderServer.Json(context, 401, """{"error":"unauthorized"}"""));
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(OAuthConfig(server), OAuthSecrets());

        Assert.Equal(CustomSendFailure.HttpError, result.Failure);
        Assert.Equal(401, result.StatusCode);
        Assert.Equal(CustomSendMessages.HttpError, result.Message);
        Assert.Equal([401], result.MessageArguments);
        Assert.Equal(["/token", "/send", "/token", "/send"], server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task SendAsync_OAuthTokenEndpointRefuses_ReturnsOAuthHttpErrorWithoutSending()
    {
        await using var server = await TestProviderServer.StartAsync((request, context) =>
            TestProviderServer.Json(context, 400, """{"error":"invalid_client","detail":"client-secret-&=+ 42 is wrong"}"""));
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(OAuthConfig(server), OAuthSecrets());

        Assert.Equal(CustomSendFailure.HttpError, result.Failure);
        Assert.Equal(CustomSendMessages.OAuthHttpError, result.Message);
        Assert.Equal(400, result.StatusCode);
        Assert.Equal("""{"error":"invalid_client","detail":"[redacted] is wrong"}""", result.ResponseExcerpt);
        Assert.Equal(["/token"], server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task SendAsync_OAuthAnswerWithoutAccessToken_ReturnsInvalidResponse()
    {
        await using var server = await TestProviderServer.StartAsync((request, context) =>
            TestProviderServer.Json(context, 200, """{"token_type":"Bearer"}"""));
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(OAuthConfig(server), OAuthSecrets());

        Assert.Equal(CustomSendFailure.InvalidResponse, result.Failure);
        Assert.Equal(CustomSendMessages.OAuthNoAccessToken, result.Message);
    }

    [Fact]
    public async Task SendAsync_Jwt_SendsAnHs256TokenThatVerifiesWithTheApiTokenAndCarriesClaimsIatExp()
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness([server.EndPoint]);
        const string signingKey = "jwt-signing-key-of-at-least-32-bytes!!";
        var config = TestConfigurations.For(server, CustomAuthType.Jwt) with
        {
            JwtPayload = """{"iss":"journey-optimizer","sub":"portal","scopes":["sms"],"exp":1}""",
        };

        var result = await harness.SendAsync(config, new CustomProviderSecrets { ApiToken = signingKey });

        Assert.True(result.Succeeded, result.Message);
        var authorization = Assert.Single(server.Requests).Header("Authorization")!;
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var jwt = authorization["Bearer ".Length..];
        var handler = new JwtSecurityTokenHandler { MapInboundClaims = false };
        var principal = handler.ValidateToken(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidIssuer = "journey-optimizer",
            ValidateAudience = false,
            ValidateLifetime = true,
        }, out var validated);
        var token = (JwtSecurityToken)validated;
        Assert.Equal("JWT", token.Header.Typ);
        Assert.Equal("portal", principal.FindFirst("sub")!.Value);
        Assert.Equal("sms", principal.FindFirst("scopes")!.Value);
        var now = harness.Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(now, long.Parse(principal.FindFirst("iat")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(now + 300, long.Parse(principal.FindFirst("exp")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.ThrowsAny<SecurityTokenException>(() => handler.ValidateToken(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-of-at-least-32-bytes!!!!")),
            ValidateIssuer = false,
            ValidateAudience = false,
        }, out _));
    }

    [Theory]
    [InlineData(MacHashAlgorithm.HmacSha256, "hmac-sha256")]
    [InlineData(MacHashAlgorithm.HmacSha1, "hmac-sha1")]
    public async Task SendAsync_Mac_SignsMethodPathTimestampAndBodyAsDocumented(MacHashAlgorithm algorithm, string algorithmName)
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness([server.EndPoint]);
        var config = TestConfigurations.For(server, CustomAuthType.Mac, "/v1/sms?account=7") with { MacHashFormat = algorithm };

        var result = await harness.SendAsync(config, new CustomProviderSecrets { ApiToken = "mac-key-id", ApiSecretKey = "mac-secret-key" },
            "Olá \"world\"");

        Assert.True(result.Succeeded, result.Message);
        var request = Assert.Single(server.Requests);
        var match = MacHeader().Match(request.Header("Authorization")!);
        Assert.True(match.Success, request.Header("Authorization"));
        Assert.Equal("mac-key-id", match.Groups["id"].Value);
        Assert.Equal(algorithmName, match.Groups["alg"].Value);
        var timestamp = match.Groups["ts"].Value;
        Assert.Equal(harness.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        Assert.Equal(timestamp, request.Header("X-Timestamp"));
        byte[] message = [.. Encoding.UTF8.GetBytes($"POST\n/v1/sms?account=7\n{timestamp}\n"), .. request.Body];
        var key = Encoding.UTF8.GetBytes("mac-secret-key");
#pragma warning disable CA5350 // The product offers HMAC-SHA1; the test recomputes it.
        var expected = algorithm == MacHashAlgorithm.HmacSha1 ? HMACSHA1.HashData(key, message) : HMACSHA256.HashData(key, message);
#pragma warning restore CA5350
        Assert.Equal(Convert.ToBase64String(expected), match.Groups["sig"].Value);
    }

    [Fact]
    public async Task SendAsync_Mtls_PresentsTheClientCertificate()
    {
        await using var server = await TestProviderServer.StartAsync(requireClientCertificate: true);
        await using var harness = new ClientHarness([server.EndPoint]);
        var (config, secrets) = MtlsCredential(server);

        var result = await harness.SendAsync(config, secrets);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(TestCertificates.ClientThumbprint, Assert.Single(server.Requests).ClientCertificateThumbprint);
    }

    [Fact]
    public async Task SendAsync_MtlsWithBearer_PresentsTheCertificateAndTheToken()
    {
        await using var server = await TestProviderServer.StartAsync(requireClientCertificate: true);
        await using var harness = new ClientHarness([server.EndPoint]);
        var (config, secrets) = MtlsCredential(server, CustomAuthType.Bearer);

        var result = await harness.SendAsync(config, secrets);
        var again = await harness.SendAsync(config, secrets);

        Assert.True(result.Succeeded && again.Succeeded, result.Message);
        Assert.All(server.Requests, r =>
        {
            Assert.Equal(TestCertificates.ClientThumbprint, r.ClientCertificateThumbprint);
            Assert.Equal("Bearer mtls-bearer", r.Header("Authorization"));
        });
    }

    [Fact]
    public async Task SendAsync_ServerWithoutClientCertificateRequirement_SeesNoCertificateWhenMtlsIsOff()
    {
        await using var server = await TestProviderServer.StartAsync();
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(TestConfigurations.For(server), CustomProviderSecrets.Empty);

        Assert.True(result.Succeeded, result.Message);
        Assert.Null(Assert.Single(server.Requests).ClientCertificateThumbprint);
    }

    [Theory]
    [InlineData("""{"messages":[{"id":"first"},{"id":"second"}]}""", "messages.1.id", "second")]
    [InlineData("""{"data":{"sid":"SM123"}}""", "sid", "SM123")]
    [InlineData("""{"result":{"count":1}}""", "id", null)]
    public async Task SendAsync_Extractor_ReadsTheMessageIdFromTheAnswer(string answer, string extractor, string? expected)
    {
        await using var server = await TestProviderServer.StartAsync((_, context) => TestProviderServer.Json(context, 201, answer));
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(TestConfigurations.For(server) with { MessageIdExtractor = extractor }, CustomProviderSecrets.Empty);

        Assert.True(result.Succeeded);
        Assert.Equal(201, result.StatusCode);
        Assert.Equal(expected, result.MessageId);
        Assert.Equal(expected is null ? CustomSendMessages.AcceptedWithoutId : CustomSendMessages.Accepted, result.Message);
    }

    [Fact]
    public async Task SendAsync_NoExtractor_SucceedsWithoutReadingTheAnswer()
    {
        await using var server = await TestProviderServer.StartAsync((_, context) => TestProviderServer.Json(context, 200, "not json"));
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(TestConfigurations.For(server) with { MessageIdExtractor = null }, CustomProviderSecrets.Empty);

        Assert.True(result.Succeeded);
        Assert.Null(result.MessageId);
        Assert.Equal(CustomSendMessages.Accepted, result.Message);
    }

    [Fact]
    public async Task SendAsync_ExtractorAndEmptyAnswer_SucceedsWithoutId()
    {
        await using var server = await TestProviderServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(TestConfigurations.For(server), CustomProviderSecrets.Empty);

        Assert.True(result.Succeeded);
        Assert.Equal(204, result.StatusCode);
        Assert.Null(result.MessageId);
        Assert.Equal(CustomSendMessages.AcceptedWithoutId, result.Message);
    }

    [Fact]
    public async Task SendAsync_ExtractorAndAnswerIsNotJson_ReturnsInvalidResponse()
    {
        await using var server = await TestProviderServer.StartAsync((_, context) => TestProviderServer.Json(context, 200, "<html>ok</html>"));
        await using var harness = new ClientHarness([server.EndPoint]);

        var result = await harness.SendAsync(TestConfigurations.For(server), CustomProviderSecrets.Empty);

        Assert.Equal(CustomSendFailure.InvalidResponse, result.Failure);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(CustomSendMessages.InvalidJson, result.Message);
    }

    internal static (CustomProviderConfiguration Config, CustomProviderSecrets Secrets) MtlsCredential(TestProviderServer server,
        CustomAuthType authType = CustomAuthType.None)
    {
        var input = CustomCredentialInputValidatorTests.ValidInput();
        input.ProviderUrl = server.Url();
        input.AuthType = authType;
        input.BearerToken = "mtls-bearer";
        input.ProviderPayload = """{"from":"{{fromNumber}}","to":"{{toNumber}}","text":"{{message}}","authOption":"Bearer"}""";
        input.MtlsEnabled = true;
        input.ClientCertificatePem = TestCertificates.ClientCertificatePem;
        input.ClientPrivateKeyPem = TestCertificates.ClientKeyPem;
        var mapping = CustomCredentialMapper.Map(input, existing: null);
        Assert.True(mapping.Succeeded, string.Join(", ", mapping.Errors));
        return (mapping.Configuration!, mapping.Secrets!);
    }

    private static CustomProviderConfiguration OAuthConfig(TestProviderServer server) =>
        TestConfigurations.For(server, CustomAuthType.OAuth) with { OAuthUrl = server.Url("/token") };

    private static CustomProviderSecrets OAuthSecrets() => new()
    {
        OAuthBody = """{"grant_type":"client_credentials","client_id":"portal-client","client_secret":"client-secret-&=+ 42","scope":"sms.send"}""",
    };

    private static Dictionary<string, string> QueryHelpers(string form) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(form).ToDictionary(p => p.Key, p => p.Value.ToString());

    [GeneratedRegex("""^MAC id="(?<id>[^"]*)", ts="(?<ts>\d+)", alg="(?<alg>[a-z0-9-]+)", sig="(?<sig>[A-Za-z0-9+/=]+)"$""")]
    private static partial Regex MacHeader();
}
