using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.UnitTests.Common;

public sealed class StoredMessageTests
{
    private const string Key = "Twilio refused the request (error {0}).";

    [Fact]
    public void A_message_without_arguments_is_stored_as_its_bare_key()
    {
        Assert.Equal(Key, StoredMessage.Encode(Key, [], 500));
        var read = StoredMessage.Decode(Key);
        Assert.Equal((Key, 0), (read.Key, read.Arguments.Count));
    }

    [Fact]
    public void Arguments_are_kept_as_invariant_text_and_read_back()
    {
        var stored = StoredMessage.Encode(new FieldError(FieldError.FormLevel, "{0} {1} {2}", 30001, 1.5, "状态"), 500);

        Assert.Equal("""{"key":"{0} {1} {2}","args":["30001","1.5","状态"]}""", stored);
        var read = StoredMessage.Decode(stored);
        Assert.Equal("{0} {1} {2}", read.Key);
        Assert.Equal(["30001", "1.5", "状态"], read.Arguments);
    }

    [Theory]
    [InlineData("""{"key":""")]
    [InlineData("""{"key":42}""")]
    [InlineData("""{"other":"x"}""")]
    [InlineData("Sinch refused the request ({0}): {1}")]
    public void Text_that_is_not_a_stored_message_is_its_own_key(string text)
    {
        var read = StoredMessage.Decode(text);
        Assert.Equal((text, 0), (read.Key, read.Arguments.Count));
    }

    [Fact]
    public void A_long_argument_is_shortened_to_fit_the_column()
    {
        var providerText = string.Concat(Enumerable.Repeat("\"quoted\" 😀 ", 100));
        var stored = StoredMessage.Encode("Sinch refused the request ({0}): {1}", ["syntax_invalid_parameter_format", providerText], 500);

        Assert.InRange(stored.Length, 250, 500);
        var read = StoredMessage.Decode(stored);
        Assert.Equal("Sinch refused the request ({0}): {1}", read.Key);
        Assert.Equal("syntax_invalid_parameter_format", read.Arguments[0]);
        Assert.EndsWith("…", read.Arguments[1], StringComparison.Ordinal);
        Assert.StartsWith(read.Arguments[1][..^1], providerText, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(read.Arguments[1][^2]));
    }

    [Fact]
    public void When_the_key_alone_barely_fits_the_bare_key_is_stored()
    {
        var key = new string('k', 60) + " {0}";
        Assert.Equal(key, StoredMessage.Encode(key, ["argument"], 70));
    }
}
