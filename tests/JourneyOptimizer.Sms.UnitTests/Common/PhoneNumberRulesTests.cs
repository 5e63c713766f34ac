using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.UnitTests.Common;

public sealed class PhoneNumberRulesTests
{
    [Theory]
    [InlineData("+1 (415) 555-0100", "+14155550100")]
    [InlineData("+14155550100", "+14155550100")]
    [InlineData(" +44 20 7946 0958 ", "+442079460958")]
    [InlineData("+55 11 91234-5678", "+5511912345678")]
    [InlineData("+86 138 0013 8000", "+8613800138000")]
    [InlineData("+1.415.555.0100", "+14155550100")]
    public void TryNormalizeE164_ValidInternationalNumber_ReturnsE164(string input, string expected) =>
        Assert.Equal(expected, PhoneNumberRules.TryNormalizeE164(input));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("4155550100")]
    [InlineData("+1415555010")]
    [InlineData("+1 415 555 01001")]
    [InlineData("+999 123456")]
    [InlineData("+1415555010a")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("+12345678901234567890123")]
    public void TryNormalizeE164_InvalidNumber_ReturnsNull(string input) =>
        Assert.Null(PhoneNumberRules.TryNormalizeE164(input));

    [Theory]
    [InlineData("123", true)]
    [InlineData("12345678", true)]
    [InlineData("12", false)]
    [InlineData("123456789", false)]
    [InlineData("12a45", false)]
    public void IsShortCode_ThreeToEightDigits(string input, bool expected) =>
        Assert.Equal(expected, PhoneNumberRules.IsShortCode(input));

    [Theory]
    [InlineData("ACME", true)]
    [InlineData("Acme Shop", true)]
    [InlineData("A", true)]
    [InlineData("12345", false)]
    [InlineData("ABCDEFGHIJKL", false)]
    [InlineData("Acme-Shop", false)]
    public void IsAlphanumericSender_OneToElevenWithALetter(string input, bool expected) =>
        Assert.Equal(expected, PhoneNumberRules.IsAlphanumericSender(input));

    [Fact]
    public void TryNormalizeNumberOrShortCode_ShortCodeKeepsDigits() =>
        Assert.Equal("55555", PhoneNumberRules.TryNormalizeNumberOrShortCode(" 55555 "));
}
