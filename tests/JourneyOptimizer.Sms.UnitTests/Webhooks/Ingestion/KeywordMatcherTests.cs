using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Webhooks;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks.Ingestion;

public sealed class KeywordMatcherTests
{
    private static readonly InboundKeywordSettings Replies = new()
    {
        OptIn = new() { ReplyMessage = "in" },
        OptOut = new() { ReplyMessage = "out" },
        DoubleOptIn = new() { Keywords = ["JOIN"], ReplyMessage = "Reply YES to confirm" },
        Help = new() { ReplyMessage = "help" },
        Custom = new() { Keywords = ["PIZZA"], ReplyMessage = "yum" },
        FuzzyLogic = true,
        FuzzyAutoResponse = "Not unsubscribed; send STOP",
        DefaultReplyMessage = "default",
    };

    public static TheoryData<string, KeywordCategory, string> EveryDefaultKeyword()
    {
        var data = new TheoryData<string, KeywordCategory, string>();
        foreach (var (category, keywords) in InboundKeywordSettings.DefaultKeywords)
        {
            foreach (var keyword in keywords)
            {
                data.Add(keyword, category, Replies.For(category).ReplyMessage!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryDefaultKeyword))]
    public void Match_DefaultKeyword_MatchesItsCategoryInAnyCaseAndSpacing(string keyword, KeywordCategory category, string reply)
    {
        foreach (var text in new[] { keyword, keyword.ToLowerInvariant(), "  " + keyword + "\n", char.ToUpperInvariant(keyword[0]) + keyword[1..].ToLowerInvariant() })
        {
            var match = KeywordMatcher.Match(Replies, text);
            Assert.Equal(category, match.Category);
            Assert.Equal(keyword, match.Keyword);
            Assert.False(match.Fuzzy);
            Assert.Equal(reply, match.Reply);
        }
    }

    [Theory]
    [InlineData("SUBSCRIBE", ConsentState.OptedIn)]
    [InlineData("stop", ConsentState.OptedOut)]
    [InlineData("join", ConsentState.PendingConfirmation)]
    public void Match_ConsentKeyword_SetsItsState(string text, ConsentState state) =>
        Assert.Equal(state, KeywordMatcher.Match(Replies, text).NewConsentState);

    [Theory]
    [InlineData("HELP")]
    [InlineData("PIZZA")]
    [InlineData("hello there")]
    public void Match_HelpCustomOrNothing_ChangesNoConsent(string text) =>
        Assert.Null(KeywordMatcher.Match(Replies, text).NewConsentState);

    [Fact]
    public void Match_CustomKeywords_ReplaceTheDefaults()
    {
        var settings = Replies with { OptOut = new() { Keywords = ["HALT", " Basta "], ReplyMessage = "bye" } };

        Assert.Equal(KeywordCategory.OptOut, KeywordMatcher.Match(settings, "halt").Category);
        Assert.Equal("BASTA", KeywordMatcher.Match(settings, "basta").Keyword);
        var stop = KeywordMatcher.Match(settings, "STOP");
        Assert.Null(stop.Category);
        Assert.Null(stop.NewConsentState);
    }

    [Fact]
    public void Match_CustomCategoryKeyword_IsRecorded()
    {
        var match = KeywordMatcher.Match(Replies, "pizza");
        Assert.Equal(KeywordCategory.Custom, match.Category);
        Assert.Equal("PIZZA", match.Keyword);
        Assert.Equal("yum", match.Reply);
    }

    [Theory]
    [InlineData("STPO", "STOP")]
    [InlineData("stpo", "STOP")]
    [InlineData("SOTP", "STOP")]
    [InlineData("STOPP", "STOP")]
    [InlineData("CANCIL", "CANCEL")]
    [InlineData("CANSEL", "CANCEL")]
    [InlineData("QIUT", "QUIT")]
    [InlineData("UNSUBSCRIBBE", "UNSUBSCRIBE")]
    [InlineData("UNSUSBCRIBE", "UNSUBSCRIBE")]
    [InlineData("UNSBSCRBE", "UNSUBSCRIBE")]
    public void Match_NearMissOfOptOut_AnswersTheFuzzyResponseAndDoesNotOptOut(string text, string keyword)
    {
        var match = KeywordMatcher.Match(Replies, text);
        Assert.True(match.Fuzzy);
        Assert.Null(match.Category);
        Assert.Equal(keyword, match.Keyword);
        Assert.Null(match.NewConsentState);
        Assert.Equal("Not unsubscribed; send STOP", match.Reply);
    }

    [Theory]
    [InlineData("START")] // an exact Opt-In keyword, 1 edit from nothing in Opt-Out, never fuzzy
    [InlineData("YES")]
    [InlineData("NOO")] // NO and END are shorter than 4: no fuzzy matching
    [InlineData("EN")]
    [InlineData("STAP IT NOW")]
    [InlineData("CANNOT")] // 3 edits from CANCEL (a 6-letter keyword allows 1)
    [InlineData("SPOTS")]
    [InlineData("UNSUBSCRIPTION")]
    [InlineData("")]
    public void Match_NotANearMiss_IsNotFuzzy(string text)
    {
        var match = KeywordMatcher.Match(Replies, text);
        Assert.False(match.Fuzzy);
        Assert.NotEqual(KeywordCategory.OptOut, match.Category);
    }

    [Fact]
    public void Match_ExactKeywordOfAnotherCategory_WinsOverFuzzy()
    {
        // "STOR" is one edit from STOP; as a Help keyword it is Help, not a fuzzy opt-out.
        var settings = Replies with { Help = new() { Keywords = ["STOR"], ReplyMessage = "h" } };
        var match = KeywordMatcher.Match(settings, "stor");
        Assert.Equal(KeywordCategory.Help, match.Category);
        Assert.False(match.Fuzzy);
    }

    [Fact]
    public void Match_FuzzyLogicOff_NearMissIsAPlainMessage()
    {
        var match = KeywordMatcher.Match(Replies with { FuzzyLogic = false }, "STPO");
        Assert.False(match.Fuzzy);
        Assert.Equal("default", match.Reply);
    }

    [Fact]
    public void Match_FuzzyWithoutConfiguredResponse_FallsBackToATextNamingTheKeyword()
    {
        var match = KeywordMatcher.Match(Replies with { FuzzyAutoResponse = " " }, "CANCIL");
        Assert.Contains("CANCEL", match.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_NoKeyword_AnswersTheDefaultReplyOrNothing()
    {
        Assert.Equal("default", KeywordMatcher.Match(Replies, "What time is it?").Reply);
        Assert.Null(KeywordMatcher.Match(Replies with { DefaultReplyMessage = null }, "What time is it?").Reply);
        Assert.Null(KeywordMatcher.Match(new InboundKeywordSettings(), "What time is it?").Reply);
    }

    [Fact]
    public void Match_DoubleOptInWithoutReply_AsksForTheFirstOptInKeyword()
    {
        var settings = Replies with
        {
            DoubleOptIn = new() { Keywords = ["JOIN"] },
            OptIn = new() { Keywords = ["CONFIRM"] },
        };
        var match = KeywordMatcher.Match(settings, "join");
        Assert.Equal(ConsentState.PendingConfirmation, match.NewConsentState);
        Assert.Contains("CONFIRM", match.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_WordInTwoCategories_OptOutWins()
    {
        var settings = Replies with { Help = new() { Keywords = ["STOP"] } };
        Assert.Equal(KeywordCategory.OptOut, KeywordMatcher.Match(settings, "STOP").Category);
    }

    [Theory]
    [InlineData("STOP", "STOP", 0)]
    [InlineData("STPO", "STOP", 1)]
    [InlineData("CANCIL", "CANCEL", 1)]
    [InlineData("ABCD", "BADC", 2)]
    [InlineData("", "STOP", 4)]
    [InlineData("KITTEN", "SITTING", 3)]
    public void Distance_IsOptimalStringAlignment(string a, string b, int expected) =>
        Assert.Equal(expected, KeywordMatcher.Distance(a, b, 10));

    [Fact]
    public void Distance_StopsPastTheLimit() => Assert.Equal(2, KeywordMatcher.Distance("ABCDEFGH", "ZZZZZZZZ", 1));
}
