using JourneyOptimizer.Sms.Core.Credentials;

namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>
/// The fields of an SMS webhook as an administrator types them. On edit, <see cref="Vendor"/> and <see cref="Type"/>
/// are ignored: they never change after creation.
/// </summary>
public sealed class WebhookInput
{
    public string? Name { get; set; }

    /// <summary>A vendor whose webhooks the portal receives (<see cref="ICredentialVendor.Webhooks"/>).</summary>
    public SmsVendor Vendor { get; set; }

    public WebhookType Type { get; set; } = WebhookType.Inbound;

    public int? ApiCredentialId { get; set; }

    public string? SenderNumber { get; set; }

    /// <summary>Inbound webhooks only: the keyword categories, replies and fuzzy logic.</summary>
    public KeywordsInput Keywords { get; set; } = KeywordsInput.Defaults();

    /// <summary>Custom webhooks only: where each normalised field is in the provider's JSON.</summary>
    public PayloadMappingInput Mapping { get; set; } = new();
}

/// <summary>One keyword category as typed: keywords separated by commas, spaces or new lines, and its reply.</summary>
public sealed class KeywordCategoryInput
{
    public string? Keywords { get; set; }

    public string? ReplyMessage { get; set; }

    /// <summary>The keywords typed, upper case, without duplicates, in the order typed.</summary>
    public IReadOnlyList<string> KeywordList() => WebhookInputRules.SplitKeywords(Keywords);
}

/// <summary>The keyword configuration of an inbound webhook as typed (PRODUCT.md section 4).</summary>
public sealed class KeywordsInput
{
    public KeywordCategoryInput OptIn { get; set; } = new();

    public KeywordCategoryInput OptOut { get; set; } = new();

    public KeywordCategoryInput DoubleOptIn { get; set; } = new();

    public KeywordCategoryInput Help { get; set; } = new();

    public KeywordCategoryInput Custom { get; set; } = new();

    public bool FuzzyLogic { get; set; }

    public string? FuzzyAutoResponse { get; set; }

    public string? DefaultReplyMessage { get; set; }

    public KeywordCategoryInput For(KeywordCategory category) => category switch
    {
        KeywordCategory.OptIn => OptIn,
        KeywordCategory.OptOut => OptOut,
        KeywordCategory.DoubleOptIn => DoubleOptIn,
        KeywordCategory.Help => Help,
        KeywordCategory.Custom => Custom,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>A new form: every category shows its default keywords, ready to be removed or replaced.</summary>
    public static KeywordsInput Defaults() => FromSettings(new InboundKeywordSettings());

    /// <summary>The form of stored settings: each category shows the keywords in force (custom, else the defaults).</summary>
    public static KeywordsInput FromSettings(InboundKeywordSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var input = new KeywordsInput
        {
            FuzzyLogic = settings.FuzzyLogic,
            FuzzyAutoResponse = settings.FuzzyAutoResponse,
            DefaultReplyMessage = settings.DefaultReplyMessage,
        };
        foreach (var category in Enum.GetValues<KeywordCategory>())
        {
            var target = input.For(category);
            target.Keywords = string.Join(", ", settings.EffectiveKeywords(category));
            target.ReplyMessage = settings.For(category).ReplyMessage;
        }

        return input;
    }

    /// <summary>
    /// The settings to store. A category whose keywords are exactly its defaults (or empty) stores none, so that it
    /// follows the defaults; any other list replaces them.
    /// </summary>
    public InboundKeywordSettings ToSettings()
    {
        KeywordCategorySettings Category(KeywordCategory category)
        {
            var typed = For(category).KeywordList();
            var defaults = InboundKeywordSettings.DefaultKeywords[category];
            var isDefault = typed.Count == defaults.Count && typed.All(k => defaults.Contains(k, StringComparer.Ordinal));
            return new KeywordCategorySettings
            {
                Keywords = isDefault ? [] : typed,
                ReplyMessage = WebhookInputRules.TrimToNull(For(category).ReplyMessage),
            };
        }

        return new InboundKeywordSettings
        {
            OptIn = Category(KeywordCategory.OptIn),
            OptOut = Category(KeywordCategory.OptOut),
            DoubleOptIn = Category(KeywordCategory.DoubleOptIn),
            Help = Category(KeywordCategory.Help),
            Custom = Category(KeywordCategory.Custom),
            FuzzyLogic = FuzzyLogic,
            FuzzyAutoResponse = FuzzyLogic ? WebhookInputRules.TrimToNull(FuzzyAutoResponse) : null,
            DefaultReplyMessage = WebhookInputRules.TrimToNull(DefaultReplyMessage),
        };
    }
}

/// <summary>The payload mapping as typed: one JSON path per normalised field (blank = not mapped).</summary>
public sealed class PayloadMappingInput
{
    public string? InboundMessage { get; set; }

    public string? ProfileNumber { get; set; }

    public string? RequestId { get; set; }

    public string? OriginTimestamp { get; set; }

    public string? InboundNumber { get; set; }

    public string? ClientReference { get; set; }

    public string? Status { get; set; }

    public string? Code { get; set; }

    public string? Get(NormalizedField field) => field switch
    {
        NormalizedField.InboundMessage => InboundMessage,
        NormalizedField.ProfileNumber => ProfileNumber,
        NormalizedField.RequestId => RequestId,
        NormalizedField.OriginTimestamp => OriginTimestamp,
        NormalizedField.InboundNumber => InboundNumber,
        NormalizedField.ClientReference => ClientReference,
        NormalizedField.Status => Status,
        NormalizedField.Code => Code,
        _ => null,
    };

    public void Set(NormalizedField field, string? path)
    {
        switch (field)
        {
            case NormalizedField.InboundMessage: InboundMessage = path; break;
            case NormalizedField.ProfileNumber: ProfileNumber = path; break;
            case NormalizedField.RequestId: RequestId = path; break;
            case NormalizedField.OriginTimestamp: OriginTimestamp = path; break;
            case NormalizedField.InboundNumber: InboundNumber = path; break;
            case NormalizedField.ClientReference: ClientReference = path; break;
            case NormalizedField.Status: Status = path; break;
            case NormalizedField.Code: Code = path; break;
        }
    }

    /// <summary>The mapping of a webhook type: its fields that have a path, trimmed.</summary>
    public PayloadMapping ToMapping(WebhookType type)
    {
        var paths = new Dictionary<NormalizedField, string>();
        foreach (var field in PayloadMapping.FieldsFor(type))
        {
            var path = WebhookInputRules.TrimToNull(Get(field));
            if (path is not null)
            {
                paths[field] = path;
            }
        }

        return new PayloadMapping { Paths = paths };
    }

    public static PayloadMappingInput FromMapping(PayloadMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var input = new PayloadMappingInput();
        foreach (var (field, path) in mapping.Paths)
        {
            input.Set(field, path);
        }

        return input;
    }
}
