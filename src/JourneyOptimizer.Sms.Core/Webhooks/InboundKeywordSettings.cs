using System.Text.Json;
using System.Text.Json.Serialization;

namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>One keyword category of an inbound webhook: its keywords (empty = the defaults) and its reply.</summary>
public sealed record KeywordCategorySettings
{
    /// <summary>Custom keywords; when empty the category's <see cref="InboundKeywordSettings.DefaultKeywords"/> apply.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public string? ReplyMessage { get; init; }
}

/// <summary>The keyword configuration of an inbound webhook (PRODUCT.md section 4), stored as JSON on the webhook.</summary>
public sealed record InboundKeywordSettings
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The default keywords of each category; Double Opt-In and Custom have none.</summary>
    public static IReadOnlyDictionary<KeywordCategory, IReadOnlyList<string>> DefaultKeywords { get; } =
        new Dictionary<KeywordCategory, IReadOnlyList<string>>
        {
            [KeywordCategory.OptIn] = ["SUBSCRIBE", "YES", "UNSTOP", "START", "CONTINUE", "RESUME", "BEGIN"],
            [KeywordCategory.OptOut] = ["STOP", "QUIT", "CANCEL", "END", "UNSUBSCRIBE", "NO"],
            [KeywordCategory.DoubleOptIn] = [],
            [KeywordCategory.Help] = ["HELP", "INFO", "INFORMATION"],
            [KeywordCategory.Custom] = [],
        };

    public KeywordCategorySettings OptIn { get; init; } = new();

    public KeywordCategorySettings OptOut { get; init; } = new();

    public KeywordCategorySettings DoubleOptIn { get; init; } = new();

    public KeywordCategorySettings Help { get; init; } = new();

    public KeywordCategorySettings Custom { get; init; } = new();

    /// <summary>Answer near-misses of opt-out keywords with <see cref="FuzzyAutoResponse"/> (no opt-out happens).</summary>
    public bool FuzzyLogic { get; init; }

    public string? FuzzyAutoResponse { get; init; }

    /// <summary>The reply to a message that matches no keyword; none when empty.</summary>
    public string? DefaultReplyMessage { get; init; }

    public KeywordCategorySettings For(KeywordCategory category) => category switch
    {
        KeywordCategory.OptIn => OptIn,
        KeywordCategory.OptOut => OptOut,
        KeywordCategory.DoubleOptIn => DoubleOptIn,
        KeywordCategory.Help => Help,
        KeywordCategory.Custom => Custom,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>The keywords in force for a category: the custom ones when any were entered, else the defaults.</summary>
    public IReadOnlyList<string> EffectiveKeywords(KeywordCategory category)
    {
        var custom = For(category).Keywords;
        return custom.Count > 0 ? custom : DefaultKeywords[category];
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static InboundKeywordSettings FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new() : JsonSerializer.Deserialize<InboundKeywordSettings>(json, Json) ?? new();
}
