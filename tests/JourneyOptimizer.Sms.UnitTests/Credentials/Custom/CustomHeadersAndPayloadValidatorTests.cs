using JourneyOptimizer.Sms.Core.Credentials.Custom;
using Microsoft.Extensions.Options;
using M = JourneyOptimizer.Sms.Core.Credentials.Custom.CustomCredentialMessages;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Custom;

/// <summary>The Custom credential's headers, Provider Payload and message-id extractor rules (the rest: CustomCredentialInputValidatorTests).</summary>
public sealed class CustomHeadersAndPayloadValidatorTests
{
    private static CustomCredentialInput ValidInput() => CustomCredentialInputValidatorTests.ValidInput();

    private static List<(string Field, string Message)> Errors(CustomCredentialInput input) =>
        CustomCredentialInputValidatorTests.Errors(input);

    private static void AssertOnlyError(CustomCredentialInput input, string field, string message) =>
        CustomCredentialInputValidatorTests.AssertOnlyError(input, field, message);

    // ---- Headers

    [Fact]
    public void Validate_TenExtraHeadersIncludingSecretOnes_AreAccepted()
    {
        var input = ValidInput();
        input.Headers.AddRange(Enumerable.Range(1, 10).Select(i => new CustomHeaderInput { Name = $"X-H{i}", Value = $"v{i}", IsSecret = i % 2 == 0 }));
        Assert.Empty(Errors(input));
    }

    [Fact]
    public void Validate_ElevenExtraHeaders_AreRefused()
    {
        var input = ValidInput();
        input.Headers.AddRange(Enumerable.Range(1, 11).Select(i => new CustomHeaderInput { Name = $"X-H{i}", Value = "v" }));
        AssertOnlyError(input, "Headers", M.TooManyHeaders);
    }

    [Fact]
    public void Validate_MissingFixedHeaders_AreRefused()
    {
        var input = ValidInput();
        input.Headers = [new CustomHeaderInput { Name = "X-Tenant", Value = "acme" }];
        Assert.Equal([("Headers", M.ContentTypeMissing), ("Headers", M.CharsetMissing)], Errors(input));
        input.Headers = null!;
        Assert.Equal([("Headers", M.ContentTypeMissing), ("Headers", M.CharsetMissing)], Errors(input));
    }

    [Theory]
    [InlineData("", "v", "Headers[2].Name", M.HeaderNameRequired)]
    [InlineData("X Tenant", "v", "Headers[2].Name", M.HeaderNameFormat)]
    [InlineData("X-Tenant:", "v", "Headers[2].Name", M.HeaderNameFormat)]
    [InlineData("X-Tenänt", "v", "Headers[2].Name", M.HeaderNameFormat)]
    [InlineData("content-type", "v", "Headers[2].Name", M.HeaderDuplicate)]
    [InlineData("Host", "v", "Headers[2].Name", M.HeaderReserved)]
    [InlineData("Content-Length", "1", "Headers[2].Name", M.HeaderReserved)]
    [InlineData("Transfer-Encoding", "chunked", "Headers[2].Name", M.HeaderReserved)]
    [InlineData("X-Tenant", "a\r\nX-Injected: 1", "Headers[2].Value", M.HeaderValueLineBreak)]
    [InlineData("X-Tenant", "a\nb", "Headers[2].Value", M.HeaderValueLineBreak)]
    [InlineData("X-Tenant", "a\u0000b", "Headers[2].Value", M.HeaderValueFormat)]
    [InlineData("X-Tenant", "açme", "Headers[2].Value", M.HeaderValueFormat)]
    [InlineData("X-Tenant", "", "Headers[2].Value", M.HeaderValueRequired)]
    public void Validate_BadExtraHeader_IsRefusedAtItsPath(string name, string value, string field, string message)
    {
        var input = ValidInput();
        input.Headers.Add(new CustomHeaderInput { Name = name, Value = value });
        AssertOnlyError(input, field, message);
    }

    [Fact]
    public void Validate_HeaderNameAndValueLengths_AreLimited()
    {
        var input = ValidInput();
        input.Headers.Add(new CustomHeaderInput { Name = new string('X', 101), Value = "v" });
        AssertOnlyError(input, "Headers[2].Name", M.HeaderNameTooLong);
        input.Headers[2] = new CustomHeaderInput { Name = "X-Long", Value = new string('v', 2001) };
        AssertOnlyError(input, "Headers[2].Value", M.HeaderValueTooLong);
    }

    [Fact]
    public void Validate_DuplicateExtraHeaderCaseInsensitive_IsRefusedOnTheSecond()
    {
        var input = ValidInput();
        input.Headers.Add(new CustomHeaderInput { Name = "X-Tenant", Value = "a" });
        input.Headers.Add(new CustomHeaderInput { Name = "x-tenant", Value = "b" });
        AssertOnlyError(input, "Headers[3].Name", M.HeaderDuplicate);
    }

    [Fact]
    public void Validate_SecretHeaderWithBlankValue_IsLeftToTheMapper()
    {
        var input = ValidInput();
        input.Headers.Add(new CustomHeaderInput { Name = "X-Signature", Value = "", IsSecret = true });
        Assert.Empty(Errors(input));
    }

    [Theory]
    [InlineData(CustomAuthType.Bearer, "Authorization")]
    [InlineData(CustomAuthType.OAuth, "authorization")]
    [InlineData(CustomAuthType.Mac, "X-Timestamp")]
    [InlineData(CustomAuthType.ApiKey, "X-API-Key")]
    public void Validate_HeaderThatTheAuthTypeWrites_IsReserved(CustomAuthType authType, string header)
    {
        var input = ValidInput();
        input.AuthType = authType;
        input.ApiKeyHeaderName = "X-API-Key";
        input.MacHashFormat = MacHashAlgorithm.HmacSha256;
        input.OAuthUrl = "https://auth.acme.example/token";
        input.ProviderPayload = """{"authOption":"x","f":"{{fromNumber}}","t":"{{toNumber}}","m":"{{message}}"}""";
        input.Headers.Add(new CustomHeaderInput { Name = header, Value = "v" });
        AssertOnlyError(input, "Headers[2].Name", M.HeaderReserved);
    }

    [Fact]
    public void Validate_AuthorizationHeaderWithoutAuth_IsAllowed()
    {
        var input = ValidInput();
        input.Headers.Add(new CustomHeaderInput { Name = "Authorization", Value = "", IsSecret = true });
        Assert.Empty(Errors(input));
    }

    [Theory]
    [InlineData("application/json", null)]
    [InlineData("application/vnd.acme+json", null)]
    [InlineData("text/plain", null)]
    [InlineData("application/json; charset=utf-8", M.ContentTypeHasCharset)]
    [InlineData("json", M.ContentTypeInvalid)]
    [InlineData("", M.ContentTypeInvalid)]
    public void Validate_ContentTypeValue(string value, string? message)
    {
        var input = ValidInput();
        input.Headers[0].Value = value;
        Assert.Equal(message is null ? [] : [("Headers[0].Value", message)], Errors(input));
    }

    [Theory]
    [InlineData("utf-8", null)]
    [InlineData("UTF-8", null)]
    [InlineData("iso-8859-1", null)]
    [InlineData("us-ascii", null)]
    [InlineData("", null)]
    [InlineData("utf-16", M.CharsetInvalid)]
    [InlineData("klingon", M.CharsetInvalid)]
    public void Validate_CharsetValue(string value, string? message)
    {
        var input = ValidInput();
        input.Headers[1].Value = value;
        Assert.Equal(message is null ? [] : [("Headers[1].Value", message)], Errors(input));
    }

    [Fact]
    public void Validate_FixedHeaderMarkedSecret_IsRefused()
    {
        var input = ValidInput();
        input.Headers[1].IsSecret = true;
        AssertOnlyError(input, "Headers[1].Value", M.FixedHeaderSecret);
    }

    // ---- Payload and extractor

    [Theory]
    [InlineData(null, M.PayloadRequired)]
    [InlineData(" ", M.PayloadRequired)]
    [InlineData("""{"from": {{fromNumber}}, "to": "{{toNumber}}", "text": "{{message}}"}""", M.PayloadInvalidJson)]
    [InlineData("""{"from": "{{fromNumber}}", "to": "{{toNumber}}", "text": "{{message}}",}""", M.PayloadInvalidJson)]
    [InlineData("""{"from": "{{fromNumber}}" "to": "{{toNumber}}", "text": "{{message}}"}""", M.PayloadInvalidJson)]
    [InlineData("""{"to": "{{toNumber}}", "text": "{{message}}"}""", M.PayloadMissingFromNumber)]
    [InlineData("""{"from": "{{fromNumber}}", "text": "{{message}}"}""", M.PayloadMissingToNumber)]
    [InlineData("""{"from": "{{fromNumber}}", "to": "{{toNumber}}", "text": "{{Message}}"}""", M.PayloadMissingMessage)]
    [InlineData("""{"from": "{{fromNumber}}", "to": "{{toNumber}}", "text": "{{message}} \ud800"}""", M.JsonNotUnicode)]
    [InlineData("""{"from": "{{fromNumber}}", "to": "{{toNumber}}", "text": "{{message}}", "\udfff": 1}""", M.JsonNotUnicode)]
    public void Validate_BadPayload_IsRefused(string? payload, string message)
    {
        var input = ValidInput();
        input.ProviderPayload = payload;
        AssertOnlyError(input, "ProviderPayload", message);
    }

    [Fact]
    public void Validate_PayloadLength_IsLimited()
    {
        var input = ValidInput();
        input.ProviderPayload = """{"f":"{{fromNumber}}","t":"{{toNumber}}","m":"{{message}}","pad":""" + "\"" + new string('p', 10_000) + "\"}";
        AssertOnlyError(input, "ProviderPayload", M.PayloadTooLong);
    }

    [Fact]
    public void Validate_PayloadWithPlaceholdersInsideLongerStrings_IsValid()
    {
        var input = ValidInput();
        input.ProviderPayload = """[{"route": "from {{fromNumber}} to {{toNumber}}", "parts": ["{{message}}", 1, true, null]}]""";
        Assert.Empty(Errors(input));
    }

    [Theory]
    [InlineData("id", true)]
    [InlineData("messages.0.id", true)]
    [InlineData("data.message_id", true)]
    [InlineData("messages..id", false)]
    [InlineData(".id", false)]
    [InlineData("message id", false)]
    public void Validate_MessageIdExtractor(string extractor, bool valid)
    {
        var input = ValidInput();
        input.MessageIdExtractor = extractor;
        Assert.Equal(valid ? [] : [("MessageIdExtractor", M.MessageIdExtractorInvalid)], Errors(input));
    }
}
