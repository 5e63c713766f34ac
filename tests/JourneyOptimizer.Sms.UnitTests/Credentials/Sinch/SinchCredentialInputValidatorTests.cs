using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using M = JourneyOptimizer.Sms.Core.Credentials.Sinch.SinchCredentialMessages;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Sinch;

public sealed class SinchCredentialInputValidatorTests
{
    private static readonly SinchCredentialInputValidator Validator = new();

    private static SinchCredentialInput Valid() => new()
    {
        Name = "Sinch US",
        ServiceId = "8200000f74924bd6800000b212f00000",
        ApiToken = "0123456789abcdef0123456789abcdef",
        InboundNumber = "+14155550100",
        OverrideUrl = "https://portal.example.com/webhooks/sinch/abc",
    };

    private static string? ErrorFor(SinchCredentialInput input, string property) =>
        Validator.Validate(input).Errors.FirstOrDefault(e => e.PropertyName == property)?.ErrorMessage;

    [Fact]
    public void Validate_ValidInput_HasNoErrors() => Assert.True(Validator.Validate(Valid()).IsValid);

    [Fact]
    public void Validate_WithoutOptionalFields_HasNoErrors()
    {
        var input = Valid();
        input.ApiToken = null;
        input.OverrideUrl = null;

        Assert.True(Validator.Validate(input).IsValid);
    }

    [Theory]
    [InlineData(null, "Enter a name.")]
    [InlineData("   ", "Enter a name.")]
    [InlineData("a\tb", "The name cannot contain control characters.")]
    public void Name_Invalid_HasMessage(string? value, string expected)
    {
        var input = Valid();
        input.Name = value;
        Assert.Equal(expected, ErrorFor(input, nameof(SinchCredentialInput.Name)));
    }

    [Fact]
    public void Name_Of101Characters_IsTooLong()
    {
        var input = Valid();
        input.Name = new string('n', 101);
        Assert.Equal("The name can have at most 100 characters.", ErrorFor(input, nameof(SinchCredentialInput.Name)));
    }

    [Theory]
    [InlineData("8200000F74924BD6800000B212F00000")]
    [InlineData(" 8200000f74924bd6800000b212f00000 ")]
    public void ServiceId_Hex32AnyCase_IsValid(string value)
    {
        var input = Valid();
        input.ServiceId = value;
        Assert.Null(ErrorFor(input, nameof(SinchCredentialInput.ServiceId)));
    }

    [Theory]
    [InlineData(null, M.ServiceIdRequired)]
    [InlineData("", M.ServiceIdRequired)]
    [InlineData("8200000f74924bd6800000b212f0000", M.ServiceIdFormat)]
    [InlineData("8200000f74924bd6800000b212f000000", M.ServiceIdFormat)]
    [InlineData("8200000f-7492-4bd6-8000-00b212f00000", M.ServiceIdFormat)]
    [InlineData("zz00000f74924bd6800000b212f00000", M.ServiceIdFormat)]
    public void ServiceId_Invalid_HasMessage(string? value, string expected)
    {
        var input = Valid();
        input.ServiceId = value;
        Assert.Equal(expected, ErrorFor(input, nameof(SinchCredentialInput.ServiceId)));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has a space in it")]
    [InlineData("tab\tinside-token")]
    [InlineData("ünïcödé-token-value")]
    public void ApiToken_Invalid_HasMessage(string value)
    {
        var input = Valid();
        input.ApiToken = value;
        Assert.Equal(M.ApiTokenFormat, ErrorFor(input, nameof(SinchCredentialInput.ApiToken)));
    }

    [Fact]
    public void ApiToken_Of201Characters_IsInvalid()
    {
        var input = Valid();
        input.ApiToken = new string('t', 201);
        Assert.Equal(M.ApiTokenFormat, ErrorFor(input, nameof(SinchCredentialInput.ApiToken)));
    }

    [Theory]
    [InlineData("+1 (415) 555-0100")]
    [InlineData("12345")]
    [InlineData("+447911123456")]
    public void InboundNumber_E164OrShortCode_IsValid(string value)
    {
        var input = Valid();
        input.InboundNumber = value;
        Assert.Null(ErrorFor(input, nameof(SinchCredentialInput.InboundNumber)));
    }

    [Theory]
    [InlineData(null, M.InboundNumberRequired)]
    [InlineData("", M.InboundNumberRequired)]
    [InlineData("14155550100", TwilioCredentialInputValidator.NumberMessage)]
    [InlineData("+1415", TwilioCredentialInputValidator.NumberMessage)]
    [InlineData("+10005550100", TwilioCredentialInputValidator.NumberMessage)]
    [InlineData("12", TwilioCredentialInputValidator.NumberMessage)]
    [InlineData("SINCH", TwilioCredentialInputValidator.NumberMessage)]
    public void InboundNumber_Invalid_HasMessage(string? value, string expected)
    {
        var input = Valid();
        input.InboundNumber = value;
        Assert.Equal(expected, ErrorFor(input, nameof(SinchCredentialInput.InboundNumber)));
    }

    [Theory]
    [InlineData("http://portal.example.com/hook", CustomCredentialMessages.UrlNotHttps)]
    [InlineData("portal.example.com/hook", CustomCredentialMessages.UrlNotAbsolute)]
    [InlineData("/webhooks/sinch", CustomCredentialMessages.UrlNotAbsolute)]
    [InlineData("https://user:pass@portal.example.com/hook", CustomCredentialMessages.UrlUserInfo)]
    public void OverrideUrl_Invalid_HasMessage(string value, string expected)
    {
        var input = Valid();
        input.OverrideUrl = value;
        Assert.Equal(expected, ErrorFor(input, nameof(SinchCredentialInput.OverrideUrl)));
    }

    [Fact]
    public void OverrideUrl_Over2000Characters_IsTooLong()
    {
        var input = Valid();
        input.OverrideUrl = "https://portal.example.com/" + new string('a', 2000);
        Assert.Equal(CustomCredentialMessages.UrlTooLong, ErrorFor(input, nameof(SinchCredentialInput.OverrideUrl)));
    }

    [Fact]
    public void OverrideUrl_PrivateAddress_IsTheAdministratorsChoice()
    {
        var input = Valid();
        input.OverrideUrl = "https://10.0.0.5/webhooks/sinch";
        Assert.Null(ErrorFor(input, nameof(SinchCredentialInput.OverrideUrl)));
    }
}
