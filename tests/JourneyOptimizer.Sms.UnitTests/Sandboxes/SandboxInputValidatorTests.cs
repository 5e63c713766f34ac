using JourneyOptimizer.Sms.Core.Sandboxes;

namespace JourneyOptimizer.Sms.UnitTests.Sandboxes;

public sealed class SandboxInputValidatorTests
{
    private static readonly SandboxInputValidator Validator = new();

    [Theory]
    [InlineData("prod")]
    [InlineData("dev-2")]
    [InlineData("a")]
    [InlineData("staging-eu-west")]
    public void Name_LowerCaseDigitsAndDashes_IsValid(string name) =>
        Assert.True(Validator.Validate(new SandboxInput { Name = name, Title = "T" }).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("Prod")]
    [InlineData("-dev")]
    [InlineData("dev-")]
    [InlineData("dev_2")]
    [InlineData("dév")]
    [InlineData("my sandbox")]
    public void Name_Invalid_IsRefused(string name) =>
        Assert.Contains(Validator.Validate(new SandboxInput { Name = name, Title = "T" }).Errors, e => e.PropertyName == "Name");

    [Fact]
    public void Name_FiftyOneCharacters_IsRefused() =>
        Assert.Contains(Validator.Validate(new SandboxInput { Name = new string('a', 51), Title = "T" }).Errors, e => e.PropertyName == "Name");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Title_Blank_IsRefused(string title) =>
        Assert.Contains(Validator.Validate(new SandboxInput { Name = "dev", Title = title }).Errors, e => e.PropertyName == "Title");
}
