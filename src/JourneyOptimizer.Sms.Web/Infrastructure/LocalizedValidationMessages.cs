using FluentValidation;
using FluentValidation.Internal;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// Translates FluentValidation messages (the English text of our rules and FluentValidation's own defaults) into the
/// request's UI culture, for the server-side errors and the client-side data-val attributes alike.
/// </summary>
public static class LocalizedValidationMessages
{
    private static IStringLocalizer? _localizer;

    public static void Configure(IStringLocalizer localizer)
    {
        _localizer = localizer;
        ValidatorOptions.Global.MessageFormatterFactory = () => new TranslatingMessageFormatter();
        ValidatorOptions.Global.LanguageManager.Enabled = false;
    }

    private sealed class TranslatingMessageFormatter : MessageFormatter
    {
        public override string BuildMessage(string messageTemplate)
        {
            var translated = _localizer is null || string.IsNullOrEmpty(messageTemplate)
                ? messageTemplate
                : _localizer[messageTemplate].Value;
            return base.BuildMessage(translated);
        }
    }
}
