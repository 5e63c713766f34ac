using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks;

public sealed class WebhookInputValidatorTests
{
    private readonly WebhookInputValidator _validator = new(TestVendors.Facts);

    private static WebhookInput Valid(SmsVendor vendor = SmsVendor.Twilio, WebhookType type = WebhookType.Inbound)
    {
        var input = new WebhookInput
        {
            Name = "Main inbound",
            Vendor = vendor,
            Type = type,
            ApiCredentialId = 1,
            SenderNumber = "+14155550100",
        };
        if (vendor == SmsVendor.Custom)
        {
            input.Mapping = type == WebhookType.Inbound
                ? new PayloadMappingInput { InboundMessage = "msg.text", ProfileNumber = "msg.from", RequestId = "id" }
                : new PayloadMappingInput { ClientReference = "ref", Status = "status" };
        }

        return input;
    }

    private Dictionary<string, string> Errors(WebhookInput input) =>
        _validator.Validate(input).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);

    [Theory]
    [InlineData(SmsVendor.Twilio, WebhookType.Inbound)]
    [InlineData(SmsVendor.Twilio, WebhookType.Feedback)]
    [InlineData(SmsVendor.Custom, WebhookType.Inbound)]
    [InlineData(SmsVendor.Custom, WebhookType.Feedback)]
    public void ValidInput_HasNoErrors(SmsVendor vendor, WebhookType type) => Assert.Empty(Errors(Valid(vendor, type)));

    [Theory]
    [InlineData(null, "Enter a name.")]
    [InlineData("   ", "Enter a name.")]
    [InlineData("a\u0007b", "The name cannot contain control characters.")]
    public void Name_Bad_IsRefused(string? name, string message)
    {
        var input = Valid();
        input.Name = name;
        Assert.Equal(message, Errors(input)["Name"]);
    }

    [Fact]
    public void Name_Of100Characters_IsAccepted_101Refused()
    {
        var input = Valid();
        input.Name = new string('n', 100);
        Assert.DoesNotContain("Name", Errors(input).Keys);
        input.Name = new string('n', 101);
        Assert.Equal("The name can have at most 100 characters.", Errors(input)["Name"]);
    }

    [Fact]
    public void VendorAndType_OutOfRange_AreRefused()
    {
        var input = Valid();
        input.Vendor = (SmsVendor)99;
        input.Type = (WebhookType)99;
        var errors = Errors(input);
        Assert.Equal("Choose the SMS vendor.", errors["Vendor"]);
        Assert.Equal("Choose the webhook type.", errors["Type"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-3)]
    public void ApiCredential_Missing_IsRefused(int? id)
    {
        var input = Valid();
        input.ApiCredentialId = id;
        Assert.Equal("Choose the API credentials.", Errors(input)["ApiCredentialId"]);
    }

    [Theory]
    [InlineData("+14155550100")]
    [InlineData("+1 (415) 555-0100")]
    [InlineData("12345")]
    [InlineData("123")]
    public void SenderNumber_E164OrShortCode_IsAccepted(string number)
    {
        var input = Valid();
        input.SenderNumber = number;
        Assert.DoesNotContain("SenderNumber", Errors(input).Keys);
    }

    [Theory]
    [InlineData(null, "Enter the sender phone number.")]
    [InlineData("12", WebhookInputValidator.SenderNumberMessage)]
    [InlineData("4155550100", WebhookInputValidator.SenderNumberMessage)]
    [InlineData("+1415555", WebhookInputValidator.SenderNumberMessage)]
    [InlineData("ACME", WebhookInputValidator.SenderNumberMessage)]
    public void SenderNumber_Bad_IsRefused(string? number, string message)
    {
        var input = Valid();
        input.SenderNumber = number;
        Assert.Equal(message, Errors(input)["SenderNumber"]);
    }

    [Theory]
    [InlineData(SmsVendor.Twilio)]
    [InlineData(SmsVendor.Custom)]
    public void AFeedbackWebhook_NeedsNoSenderNumber_ButOneGivenMustBeANumber(SmsVendor vendor)
    {
        var input = Valid(vendor, WebhookType.Feedback);
        input.SenderNumber = null;
        Assert.DoesNotContain("SenderNumber", Errors(input).Keys);

        input.SenderNumber = "ACME";
        Assert.Equal(WebhookInputValidator.SenderNumberMessage, Errors(input)["SenderNumber"]);
    }

    [Fact]
    public void Keywords_LettersAndDigits_AreAccepted_InAnyScript()
    {
        var input = Valid();
        input.Keywords.OptOut.Keywords = "stop; arrêt, 退订\nSTOP2";
        Assert.Empty(Errors(input));
        Assert.Equal(["STOP", "ARRÊT", "退订", "STOP2"], input.Keywords.OptOut.KeywordList());
    }

    [Theory]
    [InlineData("ST-OP")]
    [InlineData("<b>")]
    [InlineData("stop!")]
    public void Keywords_WithOtherCharacters_AreRefused(string keyword)
    {
        var input = Valid();
        input.Keywords.Help.Keywords = "HELP, " + keyword;
        Assert.Equal($"“{keyword.ToUpperInvariant()}” is not a keyword: use letters and digits only, at most 50 characters.",
            Errors(input)["Keywords.Help.Keywords"]);
    }

    [Fact]
    public void Keywords_LongerThan50_OrMoreThan20_AreRefused()
    {
        var input = Valid();
        input.Keywords.Custom.Keywords = new string('K', 50);
        Assert.Empty(Errors(input));
        input.Keywords.Custom.Keywords = new string('K', 51);
        Assert.Contains("is not a keyword", Errors(input)["Keywords.Custom.Keywords"], StringComparison.Ordinal);
        input.Keywords.Custom.Keywords = string.Join(",", Enumerable.Range(1, 20).Select(i => "K" + i));
        Assert.Empty(Errors(input));
        input.Keywords.Custom.Keywords = string.Join(",", Enumerable.Range(1, 21).Select(i => "K" + i));
        Assert.Equal(WebhookInputValidator.TooManyKeywordsMessage, Errors(input)["Keywords.Custom.Keywords"]);
    }

    [Fact]
    public void AKeywordInTwoCategories_IsRefused_IncludingADefaultOne()
    {
        var input = Valid();
        input.Keywords.Custom.Keywords = "STOP";
        Assert.Equal("The keyword “STOP” is already in another category.", Errors(input)["Keywords.Custom.Keywords"]);

        // Once STOP is removed from Opt-Out, Custom may have it.
        input.Keywords.OptOut.Keywords = "QUIT, CANCEL";
        Assert.Empty(Errors(input));
    }

    [Fact]
    public void Replies_Of1600Characters_AreAccepted_1601Refused()
    {
        var input = Valid();
        input.Keywords.OptIn.ReplyMessage = new string('r', 1600);
        input.Keywords.DefaultReplyMessage = new string('r', 1600);
        Assert.Empty(Errors(input));
        input.Keywords.OptIn.ReplyMessage = new string('r', 1601);
        input.Keywords.DefaultReplyMessage = new string('r', 1601);
        input.Keywords.FuzzyAutoResponse = new string('r', 1601);
        var errors = Errors(input);
        Assert.Equal(WebhookInputValidator.ReplyTooLongMessage, errors["Keywords.OptIn.ReplyMessage"]);
        Assert.Equal(WebhookInputValidator.ReplyTooLongMessage, errors["Keywords.DefaultReplyMessage"]);
        Assert.Equal(WebhookInputValidator.ReplyTooLongMessage, errors["Keywords.FuzzyAutoResponse"]);
    }

    [Fact]
    public void FuzzyLogic_NeedsItsAutoResponse()
    {
        var input = Valid();
        input.Keywords.FuzzyLogic = true;
        Assert.Equal("Enter the Fuzzy Auto Response, or turn Fuzzy Logic off.", Errors(input)["Keywords.FuzzyAutoResponse"]);
        input.Keywords.FuzzyAutoResponse = "Reply STOP to opt out.";
        Assert.Empty(Errors(input));
    }

    [Fact]
    public void FeedbackWebhooks_IgnoreTheKeywords()
    {
        var input = Valid(type: WebhookType.Feedback);
        input.Keywords.Custom.Keywords = "STOP, <bad>";
        input.Keywords.FuzzyLogic = true;
        Assert.Empty(Errors(input));
    }

    [Theory]
    [InlineData(WebhookType.Inbound, "Mapping.InboundMessage")]
    [InlineData(WebhookType.Inbound, "Mapping.ProfileNumber")]
    [InlineData(WebhookType.Inbound, "Mapping.RequestId")]
    [InlineData(WebhookType.Feedback, "Mapping.ClientReference")]
    [InlineData(WebhookType.Feedback, "Mapping.Status")]
    public void Custom_RequiredFieldUnmapped_IsRefused(WebhookType type, string field)
    {
        var input = Valid(SmsVendor.Custom, type);
        var name = field["Mapping.".Length..];
        input.Mapping.Set(Enum.Parse<NormalizedField>(name), "  ");
        Assert.Equal(WebhookInputValidator.PathRequiredMessage, Errors(input)[field]);
    }

    [Theory]
    [InlineData(WebhookType.Inbound, nameof(NormalizedField.OriginTimestamp))]
    [InlineData(WebhookType.Inbound, nameof(NormalizedField.InboundNumber))]
    [InlineData(WebhookType.Feedback, nameof(NormalizedField.Code))]
    public void Custom_OptionalFields_MayStayUnmapped_ButMustBeWellFormed(WebhookType type, string field)
    {
        var input = Valid(SmsVendor.Custom, type);
        Assert.Empty(Errors(input));
        input.Mapping.Set(Enum.Parse<NormalizedField>(field), "a..b");
        Assert.Equal(WebhookInputValidator.PathShapeMessage, Errors(input)["Mapping." + field]);
        input.Mapping.Set(Enum.Parse<NormalizedField>(field), "a.b[0]");
        Assert.Empty(Errors(input));
    }

    [Fact]
    public void Custom_FieldsOfTheOtherType_AndTwilioMappings_AreNotChecked()
    {
        var feedback = Valid(SmsVendor.Custom, WebhookType.Feedback);
        feedback.Mapping.InboundMessage = "[[[";
        Assert.Empty(Errors(feedback));
        var twilio = Valid();
        twilio.Mapping.ClientReference = "[[[";
        Assert.Empty(Errors(twilio));
    }

    [Fact]
    public void KeywordsInput_StoresDefaultsAsEmpty_AndCustomListsAsTyped()
    {
        var keywords = KeywordsInput.Defaults();
        Assert.Equal("SUBSCRIBE, YES, UNSTOP, START, CONTINUE, RESUME, BEGIN", keywords.OptIn.Keywords);
        keywords.OptIn.Keywords = "begin, resume, continue, start, unstop, yes, subscribe";
        keywords.OptOut.Keywords = "STOP";
        keywords.Help.Keywords = "";
        var settings = keywords.ToSettings();
        Assert.Empty(settings.OptIn.Keywords);
        Assert.Equal(["STOP"], settings.OptOut.Keywords);
        Assert.Empty(settings.Help.Keywords);
        Assert.Equal(InboundKeywordSettings.DefaultKeywords[KeywordCategory.Help], settings.EffectiveKeywords(KeywordCategory.Help));
        Assert.Equal("STOP", KeywordsInput.FromSettings(settings).OptOut.Keywords);
    }
}
