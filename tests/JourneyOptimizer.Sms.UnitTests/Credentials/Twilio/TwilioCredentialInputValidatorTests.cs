using JourneyOptimizer.Sms.Core.Credentials.Twilio;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

public sealed class TwilioCredentialInputValidatorTests
{
    private const string Hex = "0123456789abcdef0123456789ABCDEF";
    private static readonly TwilioCredentialInputValidator Validator = new();

    private static TwilioCredentialInput Valid() => new()
    {
        Name = "Main",
        AccountSid = "AC" + Hex,
        AuthToken = Hex,
        MessagingServiceSid = "MG" + Hex,
        InboundNumber = "+14155550100",
    };

    private static string? ErrorFor(TwilioCredentialInput input, string property) =>
        Validator.Validate(input).Errors.FirstOrDefault(e => e.PropertyName == property)?.ErrorMessage;

    [Fact]
    public void Validate_ValidInput_HasNoErrors() => Assert.True(Validator.Validate(Valid()).IsValid);

    [Theory]
    [InlineData("ac" + Hex)]
    [InlineData(" AC" + Hex + " ")]
    [InlineData("Ac" + "ABCDEF0123456789ABCDEF0123456789")]
    public void AccountSid_AnyCaseWithSpaces_IsValid(string value)
    {
        var input = Valid();
        input.AccountSid = value;
        Assert.Null(ErrorFor(input, "AccountSid"));
    }

    [Theory]
    [InlineData(null, "Enter the Account SID.")]
    [InlineData("", "Enter the Account SID.")]
    [InlineData("XX" + Hex, "The Account SID starts with AC.")]
    [InlineData("AC" + "0123456789abcdef0123456789abcde", "The Account SID must be AC followed by 32 hexadecimal characters.")]
    [InlineData("AC" + Hex + "0", "The Account SID must be AC followed by 32 hexadecimal characters.")]
    [InlineData("AC" + "0123456789abcdef0123456789abcdeg", "The Account SID must be AC followed by 32 hexadecimal characters.")]
    public void AccountSid_Invalid_HasMessage(string? value, string expected)
    {
        var input = Valid();
        input.AccountSid = value;
        Assert.Equal(expected, ErrorFor(input, "AccountSid"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(Hex)]
    public void AuthToken_BlankOrHex32_IsValid(string? value)
    {
        var input = Valid();
        input.AuthToken = value;
        Assert.Null(ErrorFor(input, "AuthToken"));
    }

    [Theory]
    [InlineData("0123456789abcdef")]
    [InlineData(Hex + "0")]
    [InlineData("0123456789abcdef0123456789abcdez")]
    public void AuthToken_NotHex32_HasMessage(string value)
    {
        var input = Valid();
        input.AuthToken = value;
        Assert.Equal("The Auth Token must be 32 hexadecimal characters.", ErrorFor(input, "AuthToken"));
    }

    [Theory]
    [InlineData("SM" + Hex)]
    [InlineData("sm" + Hex)]
    [InlineData("MM" + Hex)]
    public void MessagingServiceSid_AMessageSid_ExplainsTheDifference(string value)
    {
        var input = Valid();
        input.MessagingServiceSid = value;
        Assert.StartsWith("This is the SID of a single message", ErrorFor(input, "MessagingServiceSid"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Enter the Message SID (the Messaging Service SID, MG...).")]
    [InlineData("PN" + Hex, "The Message SID is the Messaging Service SID: it starts with MG.")]
    [InlineData("MG123", "The Message SID must be MG followed by 32 hexadecimal characters.")]
    public void MessagingServiceSid_Invalid_HasMessage(string value, string expected)
    {
        var input = Valid();
        input.MessagingServiceSid = value;
        Assert.Equal(expected, ErrorFor(input, "MessagingServiceSid"));
    }

    [Theory]
    [InlineData("+1 (415) 555-0100")]
    [InlineData("55555")]
    [InlineData("+5511912345678")]
    public void InboundNumber_E164OrShortCode_IsValid(string value)
    {
        var input = Valid();
        input.InboundNumber = value;
        Assert.Null(ErrorFor(input, "InboundNumber"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4155550100")]
    [InlineData("+1415555010")]
    [InlineData("12")]
    [InlineData("123456789")]
    [InlineData("+1 415 CALL NOW")]
    public void InboundNumber_Invalid_HasMessage(string value)
    {
        var input = Valid();
        input.InboundNumber = value;
        Assert.NotNull(ErrorFor(input, "InboundNumber"));
    }

    [Theory]
    [InlineData("", "Enter a name.")]
    [InlineData("   ", "Enter a name.")]
    [InlineData("tab\tname", "The name cannot contain control characters.")]
    public void Name_Invalid_HasMessage(string value, string expected)
    {
        var input = Valid();
        input.Name = value;
        Assert.Equal(expected, ErrorFor(input, "Name"));
    }

    [Fact]
    public void Name_HundredCharactersAfterTrimming_IsValidAndOneMoreIsNot()
    {
        var input = Valid();
        input.Name = "  " + new string('n', 100) + "  ";
        Assert.Null(ErrorFor(input, "Name"));
        input.Name = new string('n', 101);
        Assert.Equal("The name can have at most 100 characters.", ErrorFor(input, "Name"));
    }
}
