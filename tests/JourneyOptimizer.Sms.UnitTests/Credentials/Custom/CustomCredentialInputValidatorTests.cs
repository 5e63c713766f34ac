using JourneyOptimizer.Sms.Core.Credentials.Custom;
using Microsoft.Extensions.Options;
using M = JourneyOptimizer.Sms.Core.Credentials.Custom.CustomCredentialMessages;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Custom;

public sealed class CustomCredentialInputValidatorTests
{
    private static readonly CustomCredentialInputValidator Validator = new(Options.Create(new CustomProvidersOptions()));

    internal static CustomCredentialInput ValidInput() => new()
    {
        Name = "My RCS provider",
        ProviderName = "Acme Messaging",
        ProviderAppId = "app-42",
        ProviderUrl = "https://api.acme.example/v1/messages",
        ChannelType = CustomChannelType.Rcs,
        AuthType = CustomAuthType.None,
        ProviderPayload = """{"from": "{{fromNumber}}", "to": "{{toNumber}}", "body": {"text": "{{message}}"}}""",
        MessageIdExtractor = "messages.0.id",
    };

    internal static List<(string Field, string Message)> Errors(CustomCredentialInput input) =>
        [.. Validator.Validate(input).Errors.Select(e => (e.PropertyName, e.ErrorMessage))];

    internal static void AssertOnlyError(CustomCredentialInput input, string field, string message) =>
        Assert.Equal([(field, message)], Errors(input));

    [Fact]
    public void Validate_ValidInputWithDefaults_HasNoError() => Assert.Empty(Errors(ValidInput()));

    [Fact]
    public void Validate_Name_UsesTheSharedApiCredentialNameRule()
    {
        var input = ValidInput();
        input.Name = "  ";
        AssertOnlyError(input, "Name", "Enter a name.");
        input.Name = new string('n', 101);
        AssertOnlyError(input, "Name", "The name can have at most 100 characters.");
    }

    [Theory]
    [InlineData(null, M.ProviderNameRequired)]
    [InlineData(" ", M.ProviderNameRequired)]
    [InlineData("Acme\u0007", M.ProviderNameControl)]
    public void Validate_BadProviderName_IsRefused(string? value, string message)
    {
        var input = ValidInput();
        input.ProviderName = value;
        AssertOnlyError(input, "ProviderName", message);
    }

    [Fact]
    public void Validate_ProviderNameLength_IsLimitedTo100()
    {
        var input = ValidInput();
        input.ProviderName = new string('p', 100);
        Assert.Empty(Errors(input));
        input.ProviderName = new string('p', 101);
        AssertOnlyError(input, "ProviderName", M.ProviderNameTooLong);
    }

    [Fact]
    public void Validate_ProviderAppId_IsOptionalButLimited()
    {
        var input = ValidInput();
        input.ProviderAppId = null;
        Assert.Empty(Errors(input));
        input.ProviderAppId = new string('a', 201);
        AssertOnlyError(input, "ProviderAppId", M.ProviderAppIdTooLong);
        input.ProviderAppId = "app\n1";
        AssertOnlyError(input, "ProviderAppId", M.ProviderAppIdControl);
    }

    [Theory]
    [InlineData(null, M.ProviderUrlRequired)]
    [InlineData("", M.ProviderUrlRequired)]
    [InlineData("api.acme.example/send", M.UrlNotAbsolute)]
    [InlineData("/send", M.UrlNotAbsolute)]
    [InlineData("https://", M.UrlNotAbsolute)]
    [InlineData("http://api.acme.example/send", M.UrlNotHttps)]
    [InlineData("ftp://api.acme.example/send", M.UrlNotHttps)]
    [InlineData("https://user:pass@api.acme.example/send", M.UrlUserInfo)]
    [InlineData("https://user@api.acme.example/send", M.UrlUserInfo)]
    [InlineData("https://@api.acme.example/send", M.UrlUserInfo)]
    [InlineData("https://127.0.0.1/send", M.UrlPrivate)]
    [InlineData("https://127.1/send", M.UrlPrivate)]
    [InlineData("https://2130706433/send", M.UrlPrivate)]
    [InlineData("https://10.1.2.3/send", M.UrlPrivate)]
    [InlineData("https://172.16.0.1/send", M.UrlPrivate)]
    [InlineData("https://192.168.1.1/send", M.UrlPrivate)]
    [InlineData("https://100.64.0.1/send", M.UrlPrivate)]
    [InlineData("https://169.254.169.254/latest/meta-data", M.UrlPrivate)]
    [InlineData("https://0.0.0.0/send", M.UrlPrivate)]
    [InlineData("https://224.0.0.1/send", M.UrlPrivate)]
    [InlineData("https://255.255.255.255/send", M.UrlPrivate)]
    [InlineData("https://[::1]/send", M.UrlPrivate)]
    [InlineData("https://[::]/send", M.UrlPrivate)]
    [InlineData("https://[::ffff:127.0.0.1]/send", M.UrlPrivate)]
    [InlineData("https://[::ffff:10.0.0.1]/send", M.UrlPrivate)]
    [InlineData("https://[fe80::1]/send", M.UrlPrivate)]
    [InlineData("https://[fe80::1%25eth0]/send", M.UrlPrivate)]
    [InlineData("https://[fd00::1]/send", M.UrlPrivate)]
    [InlineData("https://[ff02::1]/send", M.UrlPrivate)]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/send", M.UrlPrivate)]
    [InlineData("https://[2002:7f00:1::1]/send", M.UrlPrivate)]
    [InlineData("https://localhost/send", M.UrlPrivate)]
    [InlineData("https://LOCALHOST./send", M.UrlPrivate)]
    [InlineData("https://api.localhost/send", M.UrlPrivate)]
    // Written as the resolver reads them: a trailing dot, full-width digits and letters, ideographic and full-width dots.
    [InlineData("https://127.0.0.1./send", M.UrlPrivate)]
    [InlineData("https://１２７.０.０.１/send", M.UrlPrivate)]
    [InlineData("https://127。0。0。1/send", M.UrlPrivate)]
    [InlineData("https://１０．０．０．１/send", M.UrlPrivate)]
    [InlineData("https://169。254。169。254./latest/meta-data", M.UrlPrivate)]
    [InlineData("https://ｌｏｃａｌｈｏｓｔ/send", M.UrlPrivate)]
    public void Validate_BadProviderUrl_IsRefused(string? url, string message)
    {
        var input = ValidInput();
        input.ProviderUrl = url;
        AssertOnlyError(input, "ProviderUrl", message);
    }

    [Theory]
    [InlineData("https://api.acme.example/v1/messages?account=7")]
    [InlineData("https://api.acme.example:8443/send")]
    [InlineData("https://8.8.8.8/send")]
    [InlineData("https://[2606:4700::1111]/send")]
    [InlineData("https://bücher.example/send")]
    [InlineData("  https://api.acme.example/send  ")]
    public void Validate_GoodProviderUrl_IsAccepted(string url)
    {
        var input = ValidInput();
        input.ProviderUrl = url;
        Assert.Empty(Errors(input));
    }

    [Theory]
    [InlineData("https://127.0.0.1/send")]
    [InlineData("https://127.0.0.1./send")]
    [InlineData("https://１２７.０.０.１/send")]
    [InlineData("https://localhost/send")]
    public void Validate_PrivateProviderUrl_IsAccepted_WhereInstallationAllowsPrivateNetworks(string url)
    {
        var validator = new CustomCredentialInputValidator(Options.Create(new CustomProvidersOptions { AllowPrivateNetworks = true }));
        var input = ValidInput();
        input.ProviderUrl = url;
        Assert.Empty(validator.Validate(input).Errors);
    }

    [Fact]
    public void Validate_UrlLongerThan2000_IsRefused()
    {
        var input = ValidInput();
        input.ProviderUrl = "https://api.acme.example/" + new string('a', 2000);
        AssertOnlyError(input, "ProviderUrl", M.UrlTooLong);
    }

    [Theory]
    [InlineData("https://127.0.0.1/send")]
    [InlineData("https://[::1]/send")]
    [InlineData("https://localhost/send")]
    [InlineData("https://10.0.0.5/send")]
    public void Validate_PrivateAddressWhenTheInstallationAllowsIt_IsAccepted(string url)
    {
        var validator = new CustomCredentialInputValidator(Options.Create(new CustomProvidersOptions { AllowPrivateNetworks = true }));
        var input = ValidInput();
        input.ProviderUrl = url;
        Assert.True(validator.Validate(input).IsValid);
    }

    [Fact]
    public void Validate_PrivateAddressAllowed_StillRequiresHttpsAndNoUserInfo()
    {
        var validator = new CustomCredentialInputValidator(Options.Create(new CustomProvidersOptions { AllowPrivateNetworks = true }));
        var input = ValidInput();
        input.ProviderUrl = "http://10.0.0.5/send";
        Assert.Equal(M.UrlNotHttps, Assert.Single(validator.Validate(input).Errors).ErrorMessage);
    }

    [Fact]
    public void Validate_OutOfRangeEnums_AreRefused()
    {
        var input = ValidInput();
        input.ChannelType = (CustomChannelType)99;
        input.AuthType = (CustomAuthType)99;
        Assert.Equal([("ChannelType", M.ChannelTypeInvalid), ("AuthType", M.AuthTypeInvalid)], Errors(input));
    }

    [Fact]
    public void Validate_ChannelType_IsOptional()
    {
        var input = ValidInput();
        input.ChannelType = null;
        Assert.Empty(Errors(input));
    }

    // ---- API key

    [Fact]
    public void Validate_ApiKeyWithTokenAndHeader_IsValid()
    {
        var input = ValidInput();
        input.AuthType = CustomAuthType.ApiKey;
        input.ApiToken = "abc-123_XYZ";
        input.ApiKeyHeaderName = "X-API-Key";
        Assert.Empty(Errors(input));
    }

    [Theory]
    [InlineData(null, M.ApiKeyHeaderNameRequired)]
    [InlineData("X API Key", M.HeaderNameFormat)]
    [InlineData("X-Key:", M.HeaderNameFormat)]
    [InlineData("Host", M.ApiKeyHeaderNameReserved)]
    [InlineData("content-type", M.ApiKeyHeaderNameReserved)]
    [InlineData("Charset", M.ApiKeyHeaderNameReserved)]
    public void Validate_ApiKeyBadHeaderName_IsRefused(string? header, string message)
    {
        var input = ValidInput();
        input.AuthType = CustomAuthType.ApiKey;
        input.ApiKeyHeaderName = header;
        AssertOnlyError(input, "ApiKeyHeaderName", message);
    }

    [Fact]
    public void Validate_ApiKeyHeaderNameTooLong_IsRefused()
    {
        var input = ValidInput();
        input.AuthType = CustomAuthType.ApiKey;
        input.ApiKeyHeaderName = new string('X', 101);
        AssertOnlyError(input, "ApiKeyHeaderName", M.HeaderNameTooLong);
    }

    [Theory]
    [InlineData("tok\"en")]
    [InlineData("tok\\en")]
    [InlineData("tok\nen")]
    [InlineData("tökén")]
    public void Validate_BadApiToken_IsRefused(string token)
    {
        var input = ValidInput();
        input.AuthType = CustomAuthType.ApiKey;
        input.ApiKeyHeaderName = "X-API-Key";
        input.ApiToken = token;
        AssertOnlyError(input, "ApiToken", M.ApiTokenFormat);
        input.ApiToken = new string('t', 2001);
        AssertOnlyError(input, "ApiToken", M.ApiTokenTooLong);
    }

    [Fact]
    public void Validate_ApiTokenOfAnotherAuthType_IsIgnored()
    {
        var input = ValidInput();
        input.ApiToken = "tok\"en";
        input.BasicUserName = "a:b";
        Assert.Empty(Errors(input));
    }

    // ---- Basic / Bearer

    [Fact]
    public void Validate_BasicRules()
    {
        var input = ValidInput();
        input.AuthType = CustomAuthType.Basic;
        input.ProviderPayload = """{"authOption":"Basic","f":"{{fromNumber}}","t":"{{toNumber}}","m":"{{message}}"}""";
        input.BasicUserName = "portal";
        input.BasicPassword = "pässword with spaces";
        Assert.Empty(Errors(input));

        input.BasicUserName = "por:tal";
        AssertOnlyError(input, "BasicUserName", M.BasicUserNameColon);
        input.BasicUserName = null;
        AssertOnlyError(input, "BasicUserName", M.BasicUserNameRequired);
        input.BasicUserName = new string('u', 257);
        AssertOnlyError(input, "BasicUserName", M.BasicUserNameTooLong);
        input.BasicUserName = "por\ttal";
        AssertOnlyError(input, "BasicUserName", M.BasicUserNameControl);
        input.BasicUserName = "portal";
        input.BasicPassword = "pass\rword";
        AssertOnlyError(input, "BasicPassword", M.BasicPasswordControl);
        input.BasicPassword = new string('p', 257);
        AssertOnlyError(input, "BasicPassword", M.BasicPasswordTooLong);
    }

    [Theory]
    [InlineData(CustomAuthType.Basic)]
    [InlineData(CustomAuthType.Bearer)]
    public void Validate_BasicOrBearerWithoutAuthOption_IsRefused(CustomAuthType authType)
    {
        var input = ValidInput();
        input.AuthType = authType;
        input.BasicUserName = "portal";
        AssertOnlyError(input, "ProviderPayload", M.PayloadAuthOption);
        input.ProviderPayload = """{"options":{"authOption":"Bearer"},"f":"{{fromNumber}}","t":"{{toNumber}}","m":"{{message}}"}""";
        Assert.Empty(Errors(input));
    }

    [Fact]
    public void Validate_BearerTokenRules()
    {
        var input = ValidInput();
        input.AuthType = CustomAuthType.Bearer;
        input.ProviderPayload = """{"authOption":"Bearer","f":"{{fromNumber}}","t":"{{toNumber}}","m":"{{message}}"}""";
        input.BearerToken = "eyJhbGciOi.J9-_~+/=";
        Assert.Empty(Errors(input));
        input.BearerToken = "two words";
        AssertOnlyError(input, "BearerToken", M.BearerTokenFormat);
        input.BearerToken = new string('b', 4001);
        AssertOnlyError(input, "BearerToken", M.BearerTokenTooLong);
    }

    // ---- OAuth

    private static CustomCredentialInput OAuthInput()
    {
        var input = ValidInput();
        input.AuthType = CustomAuthType.OAuth;
        input.OAuthUrl = "https://auth.acme.example/oauth/token";
        input.OAuthBody = """{"grant_type":"client_credentials","client_id":"id","client_secret":"secret","scope":"sms"}""";
        return input;
    }

    [Fact]
    public void Validate_OAuthValid_HasNoError() => Assert.Empty(Errors(OAuthInput()));

    [Theory]
    [InlineData(null, M.OAuthUrlRequired)]
    [InlineData("http://auth.acme.example/token", M.UrlNotHttps)]
    [InlineData("https://169.254.169.254/token", M.UrlPrivate)]
    [InlineData("https://client:secret@auth.acme.example/token", M.UrlUserInfo)]
    public void Validate_OAuthBadUrl_IsRefused(string? url, string message)
    {
        var input = OAuthInput();
        input.OAuthUrl = url;
        AssertOnlyError(input, "OAuthUrl", message);
    }

    [Theory]
    [InlineData("not json", M.OAuthBodyNotObject)]
    [InlineData("[1,2]", M.OAuthBodyNotObject)]
    [InlineData("""{"grant_type":"client_credentials","client_id":"id"}""", M.OAuthBodyFields)]
    [InlineData("""{"grant_type":"client_credentials","client_id":"id","client_secret":" "}""", M.OAuthBodyFields)]
    [InlineData("""{"grant_type":"client_credentials","client_id":"id","client_secret":"s","extra":{"a":1}}""", M.OAuthBodyValues)]
    [InlineData("""{"grant_type":"client_credentials","client_id":"id","client_secret":"s\ud800"}""", M.JsonNotUnicode)]
    public void Validate_OAuthBadBody_IsRefused(string body, string message)
    {
        var input = OAuthInput();
        input.OAuthBody = body;
        AssertOnlyError(input, "OAuthBody", message);
    }

    [Fact]
    public void Validate_OAuthBodyBlank_IsLeftToTheMapper()
    {
        var input = OAuthInput();
        input.OAuthBody = "";
        Assert.Empty(Errors(input));
        input.OAuthBody = "{\"grant_type\":\"" + new string('g', 4000) + "\"}";
        AssertOnlyError(input, "OAuthBody", M.OAuthBodyTooLong);
    }

    // ---- JWT / MAC

    [Fact]
    public void Validate_JwtRules()
    {
        var input = ValidInput();
        input.AuthType = CustomAuthType.Jwt;
        input.ApiToken = "signing-key";
        input.JwtPayload = """{"iss":"portal","aud":"acme"}""";
        Assert.Empty(Errors(input));
        input.JwtPayload = "";
        AssertOnlyError(input, "JwtPayload", M.JwtPayloadRequired);
        input.JwtPayload = "[\"not an object\"]";
        AssertOnlyError(input, "JwtPayload", M.JwtPayloadNotObject);
        input.JwtPayload = "{\"iss\": \"portal\"";
        AssertOnlyError(input, "JwtPayload", M.JwtPayloadNotObject);
        input.JwtPayload = """{"iss":"portal\udc00"}""";
        AssertOnlyError(input, "JwtPayload", M.JsonNotUnicode);
        input.JwtPayload = "{\"a\":\"" + new string('a', 4000) + "\"}";
        AssertOnlyError(input, "JwtPayload", M.JwtPayloadTooLong);
    }

    [Fact]
    public void Validate_MacRules()
    {
        var input = ValidInput();
        input.AuthType = CustomAuthType.Mac;
        input.ApiToken = "key-id";
        input.ApiSecretKey = "secret key with spaces";
        input.MacHashFormat = MacHashAlgorithm.HmacSha1;
        Assert.Empty(Errors(input));
        input.MacHashFormat = null;
        AssertOnlyError(input, "MacHashFormat", M.MacHashFormatRequired);
        input.MacHashFormat = (MacHashAlgorithm)7;
        AssertOnlyError(input, "MacHashFormat", M.MacHashFormatRequired);
        input.MacHashFormat = MacHashAlgorithm.HmacSha256;
        input.ApiSecretKey = "sec\u0000ret";
        AssertOnlyError(input, "ApiSecretKey", M.ApiSecretKeyControl);
        input.ApiSecretKey = new string('s', 2001);
        AssertOnlyError(input, "ApiSecretKey", M.ApiSecretKeyTooLong);
        input.ApiSecretKey = null;
        input.ApiToken = "key \"id\"";
        AssertOnlyError(input, "ApiToken", M.ApiTokenFormat);
    }

    // ---- mTLS

    [Fact]
    public void Validate_MtlsRules()
    {
        var input = ValidInput();
        input.MtlsEnabled = true;
        AssertOnlyError(input, "ClientCertificatePem", M.ClientCertificateRequired);
        input.ClientCertificatePem = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----";
        AssertOnlyError(input, "ClientCertificatePem", M.ClientCertificateInvalid);
        input.ClientCertificatePem = TestCertificates.ClientCertificatePem;
        Assert.Empty(Errors(input));   // the key may be stored already: the mapper decides
        input.ClientPrivateKeyPem = TestCertificates.ClientKeyPem;
        Assert.Empty(Errors(input));
        input.ClientPrivateKeyPem = TestCertificates.OtherKeyPem;
        AssertOnlyError(input, "ClientPrivateKeyPem", M.ClientPrivateKeyMismatch);
        input.ClientPrivateKeyPem = TestCertificates.ClientCertificatePem;
        AssertOnlyError(input, "ClientPrivateKeyPem", M.ClientPrivateKeyInvalid);
        input.ClientPrivateKeyPem = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----";
        AssertOnlyError(input, "ClientPrivateKeyPem", M.ClientPrivateKeyInvalid);
        input.ClientPrivateKeyPem = null;
        input.ClientCertificatePem = new string('c', 20_001);
        AssertOnlyError(input, "ClientCertificatePem", M.ClientCertificateTooLong);
        input.MtlsEnabled = false;
        Assert.Empty(Errors(input));
    }

    [Fact]
    public void Validate_EveryMessage_IsAConstantWithoutPlaceholdersOrBraces()
    {
        var messages = typeof(CustomCredentialMessages).GetFields()
            .Select(f => (string)f.GetValue(null)!)
            .ToList();
        Assert.True(messages.Count > 50);
        Assert.All(messages, m => Assert.DoesNotContain('{', m));
        Assert.Equal(messages.Count, messages.Distinct(StringComparer.Ordinal).Count());
    }
}
