using System.Linq.Expressions;
using System.Text.RegularExpressions;
using FluentValidation;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;

namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>Helpers shared by the webhook form, its validator and its service.</summary>
public static partial class WebhookInputRules
{
    public const int MaxKeywordsPerCategory = 20;
    public const int ReplyMaxLength = InboundMessage.ReplyMaxLength;
    public const int MaxKeywordsText = 2000;

    [GeneratedRegex(@"[\s,;]+", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    [GeneratedRegex(@"^[\p{L}\p{N}]+$", RegexOptions.CultureInvariant)]
    private static partial Regex KeywordShape();

    /// <summary>Keywords separated by commas, semicolons, spaces or new lines: upper case, no duplicates, in order.</summary>
    public static IReadOnlyList<string> SplitKeywords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var part in Separators().Split(text.Length > MaxKeywordsText ? text[..MaxKeywordsText] : text))
        {
            var keyword = part.Trim().ToUpperInvariant();
            if (keyword.Length > 0 && seen.Add(keyword))
            {
                result.Add(keyword);
            }
        }

        return result;
    }

    public static bool IsKeyword(string keyword) =>
        keyword.Length <= InboundMessage.KeywordMaxLength && KeywordShape().IsMatch(keyword);

    public static string? TrimToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The format rules of an SMS webhook that need neither the database nor the network (PRODUCT.md section 4).</summary>
public sealed class WebhookInputValidator : AbstractValidator<WebhookInput>
{
    public const string SenderNumberMessage =
        "Enter the sender phone number in international format (for example +14155550100) or a short code of 3 to 8 digits.";

    public const string KeywordShapeMessage = "“{Keyword}” is not a keyword: use letters and digits only, at most 50 characters.";

    public const string TooManyKeywordsMessage = "Enter at most 20 keywords in a category.";

    public const string KeywordTwiceMessage = "The keyword “{Keyword}” is already in another category.";

    public const string ReplyTooLongMessage = "A reply can have at most 1600 characters.";

    public const string PathShapeMessage = "Enter a path such as message.text, $.results[0].to or data[\"sender-id\"].";

    public const string PathRequiredMessage = "Map this field: every request must carry it.";

    public WebhookInputValidator(CredentialVendors vendors)
    {
        ArgumentNullException.ThrowIfNull(vendors);
        RuleFor(x => x.Name).ApiCredentialName();
        RuleFor(x => x.Vendor).Must(v => vendors.Find(v)?.Webhooks is not null).WithMessage("Choose the SMS vendor.");
        RuleFor(x => x.Type).IsInEnum().WithMessage("Choose the webhook type.");
        RuleFor(x => x.ApiCredentialId)
            .NotNull().WithMessage("Choose the API credentials.")
            .GreaterThan(0).WithMessage("Choose the API credentials.");
        // Consent is kept per sender number, so an Inbound webhook needs one; a Feedback webhook matches receipts by
        // message id and does not ask for it (a number given anyway must still be one).
        RuleFor(x => x.SenderNumber)
            .NotEmpty().WithMessage("Enter the sender phone number.")
            .When(x => x.Type == WebhookType.Inbound);
        RuleFor(x => x.SenderNumber)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(40).WithMessage(SenderNumberMessage)
            .Must(v => PhoneNumberRules.TryNormalizeNumberOrShortCode(v) is not null).WithMessage(SenderNumberMessage)
            .When(x => !string.IsNullOrWhiteSpace(x.SenderNumber));

        When(x => x.Type == WebhookType.Inbound, () =>
        {
            CategoryRules(x => x.Keywords.OptIn, KeywordCategory.OptIn);
            CategoryRules(x => x.Keywords.OptOut, KeywordCategory.OptOut);
            CategoryRules(x => x.Keywords.DoubleOptIn, KeywordCategory.DoubleOptIn);
            CategoryRules(x => x.Keywords.Help, KeywordCategory.Help);
            CategoryRules(x => x.Keywords.Custom, KeywordCategory.Custom);
            RuleFor(x => x.Keywords.FuzzyAutoResponse)
                .NotEmpty().WithMessage("Enter the Fuzzy Auto Response, or turn Fuzzy Logic off.")
                .When(x => x.Keywords.FuzzyLogic, ApplyConditionTo.CurrentValidator);
            RuleFor(x => x.Keywords.FuzzyAutoResponse).MaximumLength(ReplyLength).WithMessage(ReplyTooLongMessage);
            RuleFor(x => x.Keywords.DefaultReplyMessage).MaximumLength(ReplyLength).WithMessage(ReplyTooLongMessage);
        });

        When(x => vendors.Find(x.Vendor)?.Webhooks?.UsesPayloadMapping == true, () =>
        {
            MappingRule(x => x.Mapping.InboundMessage, NormalizedField.InboundMessage);
            MappingRule(x => x.Mapping.ProfileNumber, NormalizedField.ProfileNumber);
            MappingRule(x => x.Mapping.RequestId, NormalizedField.RequestId);
            MappingRule(x => x.Mapping.OriginTimestamp, NormalizedField.OriginTimestamp);
            MappingRule(x => x.Mapping.InboundNumber, NormalizedField.InboundNumber);
            MappingRule(x => x.Mapping.ClientReference, NormalizedField.ClientReference);
            MappingRule(x => x.Mapping.Status, NormalizedField.Status);
            MappingRule(x => x.Mapping.Code, NormalizedField.Code);
        });
    }

    private const int ReplyLength = WebhookInputRules.ReplyMaxLength;

    private void CategoryRules(Expression<Func<WebhookInput, KeywordCategoryInput>> category, KeywordCategory which)
    {
        RuleFor(category).ChildRules(c =>
        {
            c.RuleFor(x => x.Keywords).Custom((text, context) =>
            {
                if (text is { Length: > WebhookInputRules.MaxKeywordsText })
                {
                    context.AddFailure(TooManyKeywordsMessage);
                    return;
                }

                var keywords = WebhookInputRules.SplitKeywords(text);
                var bad = keywords.FirstOrDefault(k => !WebhookInputRules.IsKeyword(k));
                if (bad is not null)
                {
                    context.MessageFormatter.AppendArgument("Keyword", bad.Length > 60 ? bad[..60] + "…" : bad);
                    context.AddFailure(KeywordShapeMessage);
                }
                else if (keywords.Count > WebhookInputRules.MaxKeywordsPerCategory)
                {
                    context.AddFailure(TooManyKeywordsMessage);
                }
            });
            c.RuleFor(x => x.ReplyMessage).MaximumLength(ReplyLength).WithMessage(ReplyTooLongMessage);
        });

        // A keyword in force in two categories would make the answer to it ambiguous.
        RuleFor(category).Custom((_, context) =>
        {
            var root = context.InstanceToValidate;
            var mine = Effective(root.Keywords, which);
            foreach (var other in Enum.GetValues<KeywordCategory>().Where(o => o < which))
            {
                var clash = mine.FirstOrDefault(k => Effective(root.Keywords, other).Contains(k, StringComparer.Ordinal));
                if (clash is not null)
                {
                    context.MessageFormatter.AppendArgument("Keyword", clash);
                    context.AddFailure($"{nameof(WebhookInput.Keywords)}.{which}.{nameof(KeywordCategoryInput.Keywords)}", KeywordTwiceMessage);
                    return;
                }
            }
        });
    }

    /// <summary>The keywords a category will answer to: those typed, else its defaults.</summary>
    private static IReadOnlyList<string> Effective(KeywordsInput keywords, KeywordCategory category)
    {
        var typed = keywords.For(category).KeywordList();
        return typed.Count > 0 ? typed : InboundKeywordSettings.DefaultKeywords[category];
    }

    private void MappingRule(Expression<Func<WebhookInput, string?>> path, NormalizedField field)
    {
        var read = path.Compile();
        RuleFor(path)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(PathRequiredMessage)
                .When(x => PayloadMapping.RequiredFields(x.Type).Contains(field), ApplyConditionTo.CurrentValidator)
            .Must(p => PayloadPath.Parse(p) is not null).WithMessage(PathShapeMessage)
                .When(x => PayloadMapping.FieldsFor(x.Type).Contains(field) && !string.IsNullOrWhiteSpace(read(x)), ApplyConditionTo.CurrentValidator);
    }
}
