using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Infobip;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using Microsoft.Extensions.Options;
using M = JourneyOptimizer.Sms.Core.Credentials.Infobip.InfobipCredentialMessages;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Infobip;

public sealed class InfobipCredentialInputValidatorTests
{
    private static readonly InfobipCredentialInputValidator Validator = new(Options.Create(new CustomProvidersOptions()));
    private static readonly InfobipCredentialInputValidator PrivateAllowed = new(Options.Create(new CustomProvidersOptions { AllowPrivateNetworks = true }));

    private static InfobipCredentialInput Valid() => new()
    {
        Name = "Infobip EU",
        ApiBaseUrl = "xyz12.api.infobip.com",
        ApiKey = "003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9",
        InboundNumber = "+447911123456",
        ValidityPeriodHours = 48,
        PrincipalEntityId = "1201159100000012345",
        ContentTemplateId = "1207161900000067890",
        CallbackData = "journey=welcome",
        FuzzyOptOut = true,
        FuzzyAutoReply = "We did not unsubscribe you. Reply STOP to unsubscribe.",
    };

    private static string? ErrorFor(InfobipCredentialInput input, string property, InfobipCredentialInputValidator? validator = null) =>
        (validator ?? Validator).Validate(input).Errors.FirstOrDefault(e => e.PropertyName == property)?.ErrorMessage;

    [Fact]
    public void Validate_ValidInput_HasNoErrors() => Assert.True(Validator.Validate(Valid()).IsValid);

    [Fact]
    public void Validate_OnlyTheRequiredFields_HasNoErrors()
    {
        var input = new InfobipCredentialInput { Name = "Infobip", ApiBaseUrl = "https://api-ny2.infobip.com", InboundNumber = "12345" };

        Assert.True(Validator.Validate(input).IsValid);
        Assert.Equal(48, input.ValidityPeriodHours);
    }

    [Theory]
    [InlineData("xyz12.api.infobip.com")]
    [InlineData("https://xyz12.api.infobip.com")]
    [InlineData("https://xyz12.api.infobip.com/")]
    [InlineData(" HTTPS://API-NY2.INFOBIP.COM ")]
    [InlineData("api.infobip.com:8443")]
    public void ApiBaseUrl_HostOrHttpsRoot_IsValid(string value)
    {
        var input = Valid();
        input.ApiBaseUrl = value;
        Assert.Null(ErrorFor(input, nameof(InfobipCredentialInput.ApiBaseUrl)));
    }

    [Theory]
    [InlineData(null, M.ApiBaseUrlRequired)]
    [InlineData(" ", M.ApiBaseUrlRequired)]
    [InlineData("http://xyz12.api.infobip.com", CustomCredentialMessages.UrlNotHttps)]
    [InlineData("https://user:pw@xyz12.api.infobip.com", CustomCredentialMessages.UrlUserInfo)]
    [InlineData("https://xyz12.api.infobip.com/sms/3/messages", M.ApiBaseUrlFormat)]
    [InlineData("https://xyz12.api.infobip.com?x=1", M.ApiBaseUrlFormat)]
    [InlineData("https://xyz12.api.infobip.com/#top", M.ApiBaseUrlFormat)]
    [InlineData("not a host", M.ApiBaseUrlFormat)]
    [InlineData("https://10.0.0.8", CustomCredentialMessages.UrlPrivate)]
    [InlineData("169.254.169.254", CustomCredentialMessages.UrlPrivate)]
    [InlineData("localhost:8080", CustomCredentialMessages.UrlPrivate)]
    [InlineData("https://[::1]", CustomCredentialMessages.UrlPrivate)]
    public void ApiBaseUrl_Invalid_HasMessage(string? value, string expected)
    {
        var input = Valid();
        input.ApiBaseUrl = value;
        Assert.Equal(expected, ErrorFor(input, nameof(InfobipCredentialInput.ApiBaseUrl)));
    }

    [Fact]
    public void ApiBaseUrl_Over200Characters_IsTooLong()
    {
        var input = Valid();
        input.ApiBaseUrl = new string('a', 190) + ".infobip.com";
        Assert.Equal(M.ApiBaseUrlTooLong, ErrorFor(input, nameof(InfobipCredentialInput.ApiBaseUrl)));
    }

    [Fact]
    public void ApiBaseUrl_PrivateAddressWhenAllowed_IsValid()
    {
        var input = Valid();
        input.ApiBaseUrl = "https://10.0.0.8:8443";
        Assert.Null(ErrorFor(input, nameof(InfobipCredentialInput.ApiBaseUrl), PrivateAllowed));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("key with spaces inside")]
    [InlineData("ключ-ключ-ключ")]
    public void ApiKey_Invalid_HasMessage(string value)
    {
        var input = Valid();
        input.ApiKey = value;
        Assert.Equal(M.ApiKeyFormat, ErrorFor(input, nameof(InfobipCredentialInput.ApiKey)));
    }

    [Theory]
    [InlineData(null, "Enter the inbound number.")]
    [InlineData("0044 7700 900123", TwilioCredentialInputValidator.NumberMessage)]
    [InlineData("+4477009", TwilioCredentialInputValidator.NumberMessage)]
    public void InboundNumber_Invalid_HasMessage(string? value, string expected)
    {
        var input = Valid();
        input.InboundNumber = value;
        Assert.Equal(expected, ErrorFor(input, nameof(InfobipCredentialInput.InboundNumber)));
    }

    [Theory]
    [InlineData(null, M.ValidityPeriodRequired)]
    [InlineData(0, M.ValidityPeriodRange)]
    [InlineData(-1, M.ValidityPeriodRange)]
    [InlineData(49, M.ValidityPeriodRange)]
    public void ValidityPeriodHours_Invalid_HasMessage(int? value, string expected)
    {
        var input = Valid();
        input.ValidityPeriodHours = value;
        Assert.Equal(expected, ErrorFor(input, nameof(InfobipCredentialInput.ValidityPeriodHours)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(48)]
    public void ValidityPeriodHours_InRange_IsValid(int value)
    {
        var input = Valid();
        input.ValidityPeriodHours = value;
        Assert.Null(ErrorFor(input, nameof(InfobipCredentialInput.ValidityPeriodHours)));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("1201159100000012345678901234567890123456789012345678")]
    [InlineData("id/with/slash")]
    public void DltIds_Invalid_HaveMessage(string value)
    {
        var input = Valid();
        input.PrincipalEntityId = value;
        input.ContentTemplateId = value;
        Assert.Equal(M.DltIdFormat, ErrorFor(input, nameof(InfobipCredentialInput.PrincipalEntityId)));
        Assert.Equal(M.DltIdFormat, ErrorFor(input, nameof(InfobipCredentialInput.ContentTemplateId)));
    }

    [Fact]
    public void ContentTemplateId_WithoutPrincipalEntityId_HasMessage()
    {
        var input = Valid();
        input.PrincipalEntityId = " ";
        Assert.Equal(M.ContentTemplateNeedsPrincipal, ErrorFor(input, nameof(InfobipCredentialInput.ContentTemplateId)));
    }

    [Fact]
    public void PrincipalEntityId_Alone_IsValid()
    {
        var input = Valid();
        input.ContentTemplateId = null;
        Assert.True(Validator.Validate(input).IsValid);
    }

    [Fact]
    public void CallbackData_ControlCharacterOrLoneSurrogate_HasMessage()
    {
        // In code rather than as theory data: a lone surrogate does not survive the serialisation of theory arguments.
        foreach (var value in new[] { "line\nbreak", "lone \ud800 surrogate" })
        {
            var input = Valid();
            input.CallbackData = value;
            Assert.Equal(M.CallbackDataControl, ErrorFor(input, nameof(InfobipCredentialInput.CallbackData)));
        }
    }

    [Fact]
    public void CallbackData_Over4000Characters_IsTooLong()
    {
        var input = Valid();
        input.CallbackData = new string('c', 4001);
        Assert.Equal(M.CallbackDataTooLong, ErrorFor(input, nameof(InfobipCredentialInput.CallbackData)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void FuzzyAutoReply_MissingWithFuzzyOptOut_HasMessage(string? value)
    {
        var input = Valid();
        input.FuzzyAutoReply = value;
        Assert.Equal(M.FuzzyAutoReplyRequired, ErrorFor(input, nameof(InfobipCredentialInput.FuzzyAutoReply)));
    }

    [Fact]
    public void FuzzyAutoReply_NotNeededWithoutFuzzyOptOut()
    {
        var input = Valid();
        input.FuzzyOptOut = false;
        input.FuzzyAutoReply = null;
        Assert.True(Validator.Validate(input).IsValid);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FuzzyAutoReply_Over1600Characters_IsTooLong(bool fuzzy)
    {
        var input = Valid();
        input.FuzzyOptOut = fuzzy;
        input.FuzzyAutoReply = new string('r', 1601);
        Assert.Equal(M.FuzzyAutoReplyTooLong, ErrorFor(input, nameof(InfobipCredentialInput.FuzzyAutoReply)));
    }

    [Theory]
    [InlineData("xyz12.api.infobip.com", "https://xyz12.api.infobip.com/")]
    [InlineData(" HTTPS://XYZ12.API.INFOBIP.COM/ ", "https://xyz12.api.infobip.com/")]
    [InlineData("api.infobip.com:8443", "https://api.infobip.com:8443/")]
    public void BaseUrl_TryNormalize_GivesTheHttpsRoot(string value, string expected)
    {
        Assert.Equal(InfobipBaseUrl.Problem.None, InfobipBaseUrl.TryNormalize(value, allowPrivateNetworks: false, out var url));
        Assert.Equal(expected, url!.AbsoluteUri);
    }
}
