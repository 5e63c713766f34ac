using System.Text.RegularExpressions;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

public sealed partial class TwilioErrorTextTests
{
    [GeneratedRegex(@"\{(?!\d+\})|(?<!\{\d+)\}")]
    private static partial Regex NonIndexPlaceholder();

    [Theory]
    [InlineData(20003)]
    [InlineData(20404)]
    [InlineData(20429)]
    [InlineData(20403)]
    [InlineData(21211)]
    [InlineData(21212)]
    [InlineData(21408)]
    [InlineData(21601)]
    [InlineData(21606)]
    [InlineData(21608)]
    [InlineData(21610)]
    [InlineData(21611)]
    [InlineData(21612)]
    [InlineData(21614)]
    [InlineData(21635)]
    public void ForCode_KnownCode_HasItsOwnSentence(int code)
    {
        var (key, args) = TwilioErrorText.ForCode(code);

        Assert.NotEqual(TwilioErrorText.Generic, key);
        Assert.Empty(args);
        Assert.Contains(code, TwilioErrorText.KnownCodes);
    }

    [Fact]
    public void ForCode_KnownCodes_HaveDistinctSentences()
    {
        var keys = TwilioErrorText.KnownCodes.Select(c => TwilioErrorText.ForCode(c).Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ForCode_UnknownCode_IsTheGenericSentenceWithTheCode()
    {
        var (key, args) = TwilioErrorText.ForCode(30007);

        Assert.Equal("Twilio refused the request (error {0}).", key);
        Assert.Equal([30007], args);
    }

    [Theory]
    [InlineData(TwilioFailureKind.Unreachable, null, null, TwilioErrorText.Unreachable)]
    [InlineData(TwilioFailureKind.Unreachable, 503, 20500, TwilioErrorText.Unreachable)]
    [InlineData(TwilioFailureKind.Unauthorized, 401, null, TwilioErrorText.WrongCredentials)]
    [InlineData(TwilioFailureKind.RateLimited, 429, null, TwilioErrorText.TooManyRequests)]
    [InlineData(TwilioFailureKind.NotFound, 404, null, TwilioErrorText.NotFound)]
    [InlineData(TwilioFailureKind.NotFound, 404, 20404, TwilioErrorText.NotFound)]
    [InlineData(TwilioFailureKind.Rejected, 400, 21606, TwilioErrorText.FromNotValidForDestination)]
    [InlineData(TwilioFailureKind.Rejected, 403, 20403, TwilioErrorText.Forbidden)]
    [InlineData(TwilioFailureKind.InvalidRequest, null, null, TwilioErrorText.IncompleteRequest)]
    public void ForFailure_PicksTheSentence(TwilioFailureKind kind, int? status, int? code, string expected)
    {
        Assert.Equal(expected, TwilioErrorText.ForFailure(new TwilioFailure(kind, status, code)).Key);
    }

    [Fact]
    public void AllKeys_AreTranslatableSentences()
    {
        Assert.Equal(TwilioErrorText.AllKeys.Count, TwilioErrorText.AllKeys.Distinct(StringComparer.Ordinal).Count());
        foreach (var key in TwilioErrorText.AllKeys.Concat(TwilioCredentialVerifier.AllKeys))
        {
            Assert.False(NonIndexPlaceholder().IsMatch(key), key);
            Assert.EndsWith(".", key, StringComparison.Ordinal);
            Assert.Equal(key.Trim(), key);
        }

        Assert.Contains(TwilioErrorText.Unreachable, TwilioErrorText.AllKeys);
        Assert.Contains(TwilioErrorText.Generic, TwilioErrorText.AllKeys);
    }
}
