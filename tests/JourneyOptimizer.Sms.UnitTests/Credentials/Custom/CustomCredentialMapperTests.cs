using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using M = JourneyOptimizer.Sms.Core.Credentials.Custom.CustomCredentialMessages;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Custom;

public sealed class CustomCredentialMapperTests
{
    private static CustomCredentialInput MacInput()
    {
        var input = CustomCredentialInputValidatorTests.ValidInput();
        input.ProviderName = "  Acme  ";
        input.ProviderUrl = " https://api.acme.example/send ";
        input.AuthType = CustomAuthType.Mac;
        input.ApiToken = " key-id-1234 ";
        input.ApiSecretKey = "mac-secret-abcd";
        input.MacHashFormat = MacHashAlgorithm.HmacSha1;
        input.BearerToken = "ignored-because-not-bearer";
        input.Headers[1].Value = "UTF-8";
        input.Headers.Add(new CustomHeaderInput { Name = " X-Tenant ", Value = " acme " });
        input.Headers.Add(new CustomHeaderInput { Name = "X-Signature", Value = "sig-value-9f3a", IsSecret = true });
        return input;
    }

    [Fact]
    public void Map_Create_SplitsConfigurationAndSecretsAndNormalizes()
    {
        var mapping = CustomCredentialMapper.Map(MacInput(), existing: null);

        Assert.True(mapping.Succeeded);
        var config = mapping.Configuration!;
        Assert.Equal("Acme", config.ProviderName);
        Assert.Equal("https://api.acme.example/send", config.ProviderUrl);
        Assert.Equal(CustomAuthType.Mac, config.AuthType);
        Assert.Equal(MacHashAlgorithm.HmacSha1, config.MacHashFormat);
        Assert.Equal(CustomChannelType.Rcs, config.ChannelType);
        Assert.Equal("application/json", config.ContentType);
        Assert.Equal("utf-8", config.Charset);
        Assert.Equal("application/json; charset=utf-8", config.ContentTypeHeaderValue);
        Assert.Equal([new CustomHeader("X-Tenant", "acme", false), new CustomHeader("X-Signature", null, true)], config.Headers);
        Assert.Equal("messages.0.id", config.MessageIdExtractor);
        Assert.Null(config.ApiKeyHeaderName);

        var secrets = mapping.Secrets!;
        Assert.Equal("key-id-1234", secrets.ApiToken);
        Assert.Equal("mac-secret-abcd", secrets.ApiSecretKey);
        Assert.Null(secrets.BearerToken);
        Assert.Equal("sig-value-9f3a", secrets.HeaderValues["x-signature"]);

        Assert.Equal(["ApiSecretKey", "ApiToken", "Headers[X-Signature]"], mapping.ChangedSecretFields);
        Assert.Equal(new Dictionary<string, string>
        {
            ["ApiToken"] = "1234",
            ["ApiSecretKey"] = "abcd",
            ["Headers[X-Signature]"] = "9f3a",
        }, config.SecretHints);
    }

    [Fact]
    public void Map_EditWithBlankSecrets_KeepsTheStoredValues()
    {
        var stored = CustomCredentialMapper.Map(MacInput(), null).Secrets!;
        var input = MacInput();
        input.ApiToken = "";
        input.ApiSecretKey = null;
        input.Headers[3].Value = "";
        input.Headers[3].Name = "x-signature";

        var mapping = CustomCredentialMapper.Map(input, stored);

        Assert.True(mapping.Succeeded);
        Assert.Equal("key-id-1234", mapping.Secrets!.ApiToken);
        Assert.Equal("mac-secret-abcd", mapping.Secrets.ApiSecretKey);
        Assert.Equal("sig-value-9f3a", mapping.Secrets.HeaderValues["X-Signature"]);
        Assert.Empty(mapping.ChangedSecretFields);
    }

    [Fact]
    public void Map_EditWithNewValueAndChangedAuthType_ListsChangedAndRemovedSecrets()
    {
        var stored = CustomCredentialMapper.Map(MacInput(), null).Secrets!;
        var input = MacInput();
        input.AuthType = CustomAuthType.ApiKey;
        input.ApiKeyHeaderName = "X-API-Key";
        input.ApiToken = "new-token-5678";
        input.Headers.RemoveAt(3);

        var mapping = CustomCredentialMapper.Map(input, stored);

        Assert.True(mapping.Succeeded);
        Assert.Null(mapping.Secrets!.ApiSecretKey);
        Assert.Empty(mapping.Secrets.HeaderValues);
        Assert.Equal(["ApiSecretKey", "ApiToken", "Headers[X-Signature]"], mapping.ChangedSecretFields);
        Assert.Equal(new Dictionary<string, string> { ["ApiToken"] = "5678" }, mapping.Configuration!.SecretHints);
        Assert.Null(mapping.Configuration.MacHashFormat);
    }

    [Theory]
    [InlineData(CustomAuthType.ApiKey, "ApiToken", M.ApiTokenRequired)]
    [InlineData(CustomAuthType.Jwt, "ApiToken", M.ApiTokenRequired)]
    [InlineData(CustomAuthType.Basic, "BasicPassword", M.BasicPasswordRequired)]
    [InlineData(CustomAuthType.Bearer, "BearerToken", M.BearerTokenRequired)]
    [InlineData(CustomAuthType.OAuth, "OAuthBody", M.OAuthBodyRequired)]
    public void Map_CreateWithoutTheRequiredSecret_ReturnsAFieldError(CustomAuthType authType, string field, string message)
    {
        var input = CustomCredentialInputValidatorTests.ValidInput();
        input.AuthType = authType;

        var mapping = CustomCredentialMapper.Map(input, existing: null);

        Assert.False(mapping.Succeeded);
        Assert.Equal([new FieldError(field, message)], mapping.Errors);
        Assert.Null(mapping.Configuration);
        Assert.Null(mapping.Secrets);
    }

    [Fact]
    public void Map_MacWithoutSecrets_ReturnsBothErrors()
    {
        var input = MacInput();
        input.ApiToken = null;
        input.ApiSecretKey = " ";
        input.Headers[3].Value = null;

        var mapping = CustomCredentialMapper.Map(input, CustomProviderSecrets.Empty);

        Assert.Equal(
            [
                new FieldError("ApiToken", M.ApiTokenRequired),
                new FieldError("ApiSecretKey", M.ApiSecretKeyRequired),
                new FieldError("Headers[3].Value", M.SecretHeaderValueRequired),
            ],
            mapping.Errors);
    }

    [Fact]
    public void Map_BasicPassword_IsTakenExactlyAsTyped()
    {
        var input = CustomCredentialInputValidatorTests.ValidInput();
        input.AuthType = CustomAuthType.Basic;
        input.BasicUserName = " portal ";
        input.BasicPassword = " spaced password ";

        var mapping = CustomCredentialMapper.Map(input, null);

        Assert.Equal(" spaced password ", mapping.Secrets!.BasicPassword);
        Assert.Equal("portal", mapping.Configuration!.BasicUserName);
    }

    [Fact]
    public void Map_OAuthBody_HintIsTheClientSecretEnd()
    {
        var input = CustomCredentialInputValidatorTests.ValidInput();
        input.AuthType = CustomAuthType.OAuth;
        input.OAuthUrl = "https://auth.acme.example/token";
        input.OAuthBody = """{"grant_type":"client_credentials","client_id":"id","client_secret":"s3cr3t-77aa"}""";

        var mapping = CustomCredentialMapper.Map(input, null);

        Assert.Equal("77aa", mapping.Configuration!.SecretHints["OAuthBody"]);
        Assert.Equal("https://auth.acme.example/token", mapping.Configuration.OAuthUrl);
    }

    [Fact]
    public void Map_Mtls_StoresTheCertificatePubliclyAndTheKeySecretly()
    {
        var input = CustomCredentialInputValidatorTests.ValidInput();
        input.MtlsEnabled = true;
        input.ClientCertificatePem = TestCertificates.ClientCertificatePem;
        input.ClientPrivateKeyPem = TestCertificates.ClientKeyPem;

        var mapping = CustomCredentialMapper.Map(input, null);

        Assert.True(mapping.Succeeded);
        var config = mapping.Configuration!;
        Assert.True(config.MtlsEnabled);
        Assert.Equal(TestCertificates.ClientCertificatePem.Trim(), config.ClientCertificatePem);
        Assert.Equal(TestCertificates.ClientThumbprint.ToLowerInvariant(), config.ClientCertificateThumbprint);
        Assert.Equal("CN=Portal mTLS client", config.ClientCertificateSubject);
        Assert.Equal(DateTimeKind.Utc, config.ClientCertificateNotAfterUtc!.Value.Kind);
        Assert.Equal(TestCertificates.ClientKeyPem.Trim(), mapping.Secrets!.ClientPrivateKeyPem);
        Assert.Equal("", config.SecretHints["ClientPrivateKeyPem"]);
        Assert.DoesNotContain("PRIVATE KEY", config.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_MtlsNewCertificateWithTheStoredKeyOfAnother_IsRefused()
    {
        var input = CustomCredentialInputValidatorTests.ValidInput();
        input.MtlsEnabled = true;
        input.ClientCertificatePem = TestCertificates.ClientCertificatePem;
        input.ClientPrivateKeyPem = TestCertificates.ClientKeyPem;
        var stored = CustomCredentialMapper.Map(input, null).Secrets!;
        input.ClientCertificatePem = TestCertificates.OtherCertificatePem;
        input.ClientPrivateKeyPem = "";

        var mapping = CustomCredentialMapper.Map(input, stored);

        Assert.Equal([new FieldError("ClientPrivateKeyPem", M.StoredPrivateKeyMismatch)], mapping.Errors);

        input.ClientPrivateKeyPem = TestCertificates.OtherKeyPem;
        Assert.True(CustomCredentialMapper.Map(input, stored).Succeeded);
    }

    [Fact]
    public void ToInput_RoundTripsEveryNonSecretFieldAndBlanksSecrets()
    {
        var original = MacInput();
        var config = CustomCredentialMapper.Map(original, null).Configuration!;

        var input = CustomCredentialMapper.ToInput("My RCS provider", config);

        Assert.Equal("My RCS provider", input.Name);
        Assert.Equal("Acme", input.ProviderName);
        Assert.Equal(CustomAuthType.Mac, input.AuthType);
        Assert.Equal(MacHashAlgorithm.HmacSha1, input.MacHashFormat);
        Assert.Null(input.ApiToken);
        Assert.Null(input.ApiSecretKey);
        Assert.Equal(
            [("Content-Type", "application/json", false), ("Charset", "utf-8", false), ("X-Tenant", "acme", false), ("X-Signature", null, true)],
            input.Headers.Select(h => (h.Name, h.Value, h.IsSecret)));
        var stored = CustomCredentialMapper.Map(original, null).Secrets!;
        var again = CustomCredentialMapper.Map(input, stored);
        Assert.Equal(config with { SecretHints = again.Configuration!.SecretHints, Headers = again.Configuration.Headers }, again.Configuration);
        Assert.Equal(config.Headers, again.Configuration.Headers);
        Assert.Empty(again.ChangedSecretFields);
    }

    [Fact]
    public void Json_ConfigurationAndSecrets_RoundTrip()
    {
        var mapping = CustomCredentialMapper.Map(MacInput(), null);

        var config = CustomProviderConfiguration.FromJson(mapping.Configuration!.ToJson());
        var secrets = CustomProviderSecrets.FromJson(mapping.Secrets!.ToJson());

        Assert.Contains("\"authType\":\"Mac\"", mapping.Configuration.ToJson(), StringComparison.Ordinal);
        Assert.Equal(mapping.Configuration.ProviderUrl, config.ProviderUrl);
        Assert.Equal(mapping.Configuration.Headers, config.Headers);
        Assert.Equal(mapping.Configuration.SecretHints, config.SecretHints);
        Assert.Equal(MacHashAlgorithm.HmacSha1, config.MacHashFormat);
        Assert.Equal(mapping.Secrets.ByField(), secrets.ByField());
        Assert.Equal("sig-value-9f3a", secrets.HeaderValues["X-SIGNATURE"]);
        Assert.DoesNotContain("mac-secret", mapping.Configuration.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_ToString_ShowsNoValue()
    {
        var secrets = CustomCredentialMapper.Map(MacInput(), null).Secrets!;

        var text = secrets.ToString();

        Assert.DoesNotContain("key-id", text, StringComparison.Ordinal);
        Assert.DoesNotContain("mac-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sig-value", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretFields_NameTheSecretInputProperties()
    {
        var properties = typeof(CustomCredentialInput).GetProperties().Select(p => p.Name).ToHashSet();

        Assert.All(CustomCredentialInput.SecretFields, f => Assert.Contains(f, properties));
        Assert.Equal(
            ["ApiSecretKey", "ApiToken", "BasicPassword", "BearerToken", "ClientPrivateKeyPem", "OAuthBody"],
            CustomCredentialInput.SecretFields.Order(StringComparer.Ordinal));
    }
}
