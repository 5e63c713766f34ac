using JourneyOptimizer.Sms.Core.Channels;

namespace JourneyOptimizer.Sms.UnitTests.Channels;

public sealed class ChannelConfigurationInputValidatorTests
{
    private static readonly ChannelConfigurationInputValidator Validator = new();

    private static ChannelConfigurationInput Valid() => new()
    {
        Name = "spring_sale.v2-eu",
        Description = "Spring sale",
        SmsType = SmsType.Marketing,
        ApiCredentialId = 7,
        SenderNumber = "+14155550100",
        Subdomain = "go.example.com",
        ExecutionField = "mobilePhone.number",
    };

    private static string[] ErrorsFor(ChannelConfigurationInput input, string field) =>
        Validator.Validate(input).Errors.Where(e => e.PropertyName == field).Select(e => e.ErrorMessage).ToArray();

    [Fact]
    public void Validate_CompleteInput_HasNoErrors() => Assert.True(Validator.Validate(Valid()).IsValid);

    [Fact]
    public void Validate_DraftWithOnlyAName_HasNoErrors() =>
        Assert.True(Validator.Validate(new ChannelConfigurationInput { Name = "draft1" }).IsValid);

    [Theory]
    [InlineData("a")]
    [InlineData("Z9")]
    [InlineData("promo_2026.spring-sale")]
    [InlineData("  trimmed  ")]
    public void Validate_Name_Accepted(string name) =>
        Assert.Empty(ErrorsFor(new ChannelConfigurationInput { Name = name }, "Name"));

    [Theory]
    [InlineData(null, ChannelConfigurationRules.NameRequired)]
    [InlineData("", ChannelConfigurationRules.NameRequired)]
    [InlineData("   ", ChannelConfigurationRules.NameRequired)]
    [InlineData("1promo", ChannelConfigurationRules.NameFormat)]
    [InlineData("_promo", ChannelConfigurationRules.NameFormat)]
    [InlineData("promo sale", ChannelConfigurationRules.NameFormat)]
    [InlineData("promo/sale", ChannelConfigurationRules.NameFormat)]
    [InlineData("prómo", ChannelConfigurationRules.NameFormat)]
    [InlineData("<script>", ChannelConfigurationRules.NameFormat)]
    public void Validate_Name_Refused(string? name, string message) =>
        Assert.Equal([message], ErrorsFor(new ChannelConfigurationInput { Name = name }, "Name"));

    [Fact]
    public void Validate_Name_LongerThan100_Refused()
    {
        Assert.Empty(ErrorsFor(new ChannelConfigurationInput { Name = "a" + new string('b', 99) }, "Name"));
        Assert.Equal([ChannelConfigurationRules.NameTooLong], ErrorsFor(new ChannelConfigurationInput { Name = "a" + new string('b', 100) }, "Name"));
    }

    [Fact]
    public void Validate_Description_UpTo1000()
    {
        var input = Valid();
        input.Description = new string('d', 1000);
        Assert.Empty(ErrorsFor(input, "Description"));
        input.Description = new string('d', 1001);
        Assert.Equal([ChannelConfigurationRules.DescriptionTooLong], ErrorsFor(input, "Description"));
    }

    [Fact]
    public void Validate_SmsType_MustBeAKnownValue()
    {
        var input = Valid();
        input.SmsType = SmsType.Transactional;
        Assert.Empty(ErrorsFor(input, "SmsType"));
        input.SmsType = (SmsType)99;
        Assert.Equal([ChannelConfigurationRules.SmsTypeRequired], ErrorsFor(input, "SmsType"));
    }

    [Fact]
    public void Validate_Credential_MustBePositive()
    {
        var input = Valid();
        input.ApiCredentialId = 0;
        Assert.Equal([ChannelConfigurationRules.CredentialRequired], ErrorsFor(input, "ApiCredentialId"));
        input.ApiCredentialId = null;
        Assert.Empty(ErrorsFor(input, "ApiCredentialId"));
    }

    [Theory]
    [InlineData("+14155550100")]
    [InlineData("+1 (415) 555-0100")]
    [InlineData("12345")]
    [InlineData("ACME")]
    [InlineData("Acme Shop 1")]
    [InlineData("A")]
    public void Validate_SenderNumber_Accepted(string sender)
    {
        var input = Valid();
        input.SenderNumber = sender;
        Assert.Empty(ErrorsFor(input, "SenderNumber"));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("123456789")]
    [InlineData("+1415")]
    [InlineData("AcmeShopping1")]
    [InlineData("Acme-Shop")]
    [InlineData("ＡＣＭＥ")]
    public void Validate_SenderNumber_Refused(string sender)
    {
        var input = Valid();
        input.SenderNumber = sender;
        Assert.Equal([ChannelConfigurationRules.SenderFormat], ErrorsFor(input, "SenderNumber"));
    }

    [Fact]
    public void Validate_SenderNumber_TooLong_Refused()
    {
        var input = Valid();
        input.SenderNumber = new string('1', 41);
        Assert.Equal([ChannelConfigurationRules.SenderFormat], ErrorsFor(input, "SenderNumber"));
    }

    [Theory]
    [InlineData("go.example.com")]
    [InlineData("a.io")]
    [InlineData("x-1.sub.example.co.uk")]
    public void Validate_Subdomain_Accepted(string host)
    {
        var input = Valid();
        input.Subdomain = host;
        Assert.Empty(ErrorsFor(input, "Subdomain"));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("https://go.example.com")]
    [InlineData("-go.example.com")]
    [InlineData("go..example.com")]
    [InlineData("go.example.com/path")]
    [InlineData("go_x.example.com")]
    [InlineData("go.example.123")]
    public void Validate_Subdomain_Refused(string host)
    {
        var input = Valid();
        input.Subdomain = host;
        Assert.Equal([ChannelConfigurationRules.SubdomainFormat], ErrorsFor(input, "Subdomain"));
    }

    [Fact]
    public void Validate_Subdomain_LongerThan253_Refused()
    {
        var input = Valid();
        input.Subdomain = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".com";
        Assert.Equal([ChannelConfigurationRules.SubdomainFormat], ErrorsFor(input, "Subdomain"));
    }

    [Theory]
    [InlineData("mobilePhone.number")]
    [InlineData("phone")]
    [InlineData("_x.y_2.z")]
    public void Validate_ExecutionField_Accepted(string path)
    {
        var input = Valid();
        input.ExecutionField = path;
        Assert.Empty(ErrorsFor(input, "ExecutionField"));
    }

    [Theory]
    [InlineData("mobilePhone.")]
    [InlineData(".number")]
    [InlineData("mobile phone")]
    [InlineData("2fa.number")]
    [InlineData("a..b")]
    [InlineData("a[0]")]
    public void Validate_ExecutionField_Refused(string path)
    {
        var input = Valid();
        input.ExecutionField = path;
        Assert.Equal([ChannelConfigurationRules.ExecutionFieldFormat], ErrorsFor(input, "ExecutionField"));
    }

    [Fact]
    public void Validate_ExecutionField_LongerThan200_Refused()
    {
        var input = Valid();
        input.ExecutionField = new string('a', 201);
        Assert.Equal([ChannelConfigurationRules.ExecutionFieldTooLong], ErrorsFor(input, "ExecutionField"));
    }

    [Fact]
    public void RequiredForSubmit_NamesEachMissingField()
    {
        var errors = ChannelConfigurationRules.RequiredForSubmit(new ChannelConfigurationInput { Name = "x" });
        Assert.Equal(["SmsType", "ApiCredentialId", "SenderNumber"], errors.Select(e => e.Field));
        Assert.Empty(ChannelConfigurationRules.RequiredForSubmit(Valid()));
    }

    [Theory]
    [InlineData("+1 (415) 555-0100", "+14155550100")]
    [InlineData(" 12345 ", "12345")]
    [InlineData(" ACME ", "ACME")]
    public void NormalizeSender_GivesTheStoredForm(string typed, string stored) =>
        Assert.Equal(stored, ChannelConfigurationRules.NormalizeSender(typed));
}
