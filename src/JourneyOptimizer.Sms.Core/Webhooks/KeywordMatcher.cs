using JourneyOptimizer.Sms.Core.Consent;

namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>What an inbound message means under a webhook's keyword settings, and what is answered.</summary>
/// <param name="Category">The category whose keyword matched exactly; null for a fuzzy match or no match.</param>
/// <param name="Keyword">The keyword matched (upper case); for a fuzzy match the opt-out keyword it was near.</param>
/// <param name="Fuzzy">A near-miss of an opt-out keyword: answered with the Fuzzy Auto Response, no opt-out.</param>
/// <param name="Reply">The reply to send back, if any.</param>
/// <param name="NewConsentState">The consent state the message sets, if it sets one.</param>
public sealed record KeywordMatch(KeywordCategory? Category, string? Keyword, bool Fuzzy, string? Reply, ConsentState? NewConsentState)
{
    public static KeywordMatch None(string? reply) => new(null, null, false, reply, null);
}

/// <summary>
/// Matches an inbound message against the keywords of an inbound webhook (PRODUCT.md section 4): the trimmed message,
/// case-insensitively, equal to a keyword in force (custom keywords replace a category's defaults). When Fuzzy Logic
/// is on, a near-miss of an opt-out keyword (Damerau-Levenshtein distance 1 for keywords of 4 to 6 letters, 2 for
/// longer ones; keywords under 4 letters never match fuzzily) is answered with the Fuzzy Auto Response and does not opt
/// out. Pure and allocation-light: it runs on the request path.
/// </summary>
public static class KeywordMatcher
{
    /// <summary>Used when the webhook has no Fuzzy Auto Response: says the opt-out did not happen and gives the keyword.</summary>
    public const string FallbackFuzzyResponse = "You have not been unsubscribed. To stop receiving messages, reply {0}.";

    /// <summary>Used when a Double Opt-In keyword has no reply configured: asks for an Opt-In keyword.</summary>
    public const string FallbackDoubleOptInResponse = "Reply {0} to confirm your subscription.";

    private static readonly System.Text.CompositeFormat FuzzyFormat = System.Text.CompositeFormat.Parse(FallbackFuzzyResponse);
    private static readonly System.Text.CompositeFormat DoubleOptInFormat = System.Text.CompositeFormat.Parse(FallbackDoubleOptInResponse);

    /// <summary>
    /// The order in which categories are tried when an administrator put one word in two categories: opting out wins,
    /// because honouring a STOP is the one mistake that cannot hurt the recipient.
    /// </summary>
    private static readonly KeywordCategory[] Order =
        [KeywordCategory.OptOut, KeywordCategory.OptIn, KeywordCategory.DoubleOptIn, KeywordCategory.Help, KeywordCategory.Custom];

    /// <summary>Messages longer than this are never compared fuzzily (no keyword is that long).</summary>
    private const int FuzzyMaxLength = 40;

    public static KeywordMatch Match(InboundKeywordSettings settings, string? message)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var text = (message ?? "").Trim();
        if (text.Length == 0)
        {
            return KeywordMatch.None(Blank(settings.DefaultReplyMessage));
        }

        foreach (var category in Order)
        {
            foreach (var keyword in settings.EffectiveKeywords(category))
            {
                var k = keyword?.Trim();
                if (!string.IsNullOrEmpty(k) && string.Equals(k, text, StringComparison.OrdinalIgnoreCase))
                {
                    return Exact(settings, category, k.ToUpperInvariant());
                }
            }
        }

        if (settings.FuzzyLogic && text.Length <= FuzzyMaxLength)
        {
            var upper = text.ToUpperInvariant();
            foreach (var keyword in settings.EffectiveKeywords(KeywordCategory.OptOut))
            {
                var k = keyword?.Trim().ToUpperInvariant();
                if (k is null || k.Length < 4)
                {
                    continue;
                }

                var allowed = k.Length <= 6 ? 1 : 2;
                if (Math.Abs(k.Length - upper.Length) <= allowed && Distance(upper, k, allowed) <= allowed)
                {
                    var reply = Blank(settings.FuzzyAutoResponse)
                        ?? string.Format(System.Globalization.CultureInfo.InvariantCulture, FuzzyFormat, k);
                    return new KeywordMatch(null, k, true, reply, null);
                }
            }
        }

        return KeywordMatch.None(Blank(settings.DefaultReplyMessage));
    }

    private static KeywordMatch Exact(InboundKeywordSettings settings, KeywordCategory category, string keyword)
    {
        var reply = Blank(settings.For(category).ReplyMessage);
        ConsentState? state = category switch
        {
            KeywordCategory.OptIn => ConsentState.OptedIn,
            KeywordCategory.OptOut => ConsentState.OptedOut,
            KeywordCategory.DoubleOptIn => ConsentState.PendingConfirmation,
            _ => null,
        };
        if (category == KeywordCategory.DoubleOptIn && reply is null)
        {
            var optIn = settings.EffectiveKeywords(KeywordCategory.OptIn).FirstOrDefault(k => !string.IsNullOrWhiteSpace(k))?.Trim().ToUpperInvariant()
                ?? "YES";
            reply = string.Format(System.Globalization.CultureInfo.InvariantCulture, DoubleOptInFormat, optIn);
        }

        return new KeywordMatch(category, keyword, false, reply, state);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>
    /// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), stopping early once every
    /// cell of a row exceeds <paramref name="limit"/> (the result is then limit + 1).
    /// </summary>
    internal static int Distance(string a, string b, int limit)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var n = a.Length;
        var m = b.Length;
        Span<int> previous2 = stackalloc int[m + 1];
        Span<int> previous = stackalloc int[m + 1];
        Span<int> current = stackalloc int[m + 1];
        for (var j = 0; j <= m; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= n; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= m; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            var rotate = previous2;
            previous2 = previous;
            previous = current;
            current = rotate;
        }

        return previous[m];
    }
}
