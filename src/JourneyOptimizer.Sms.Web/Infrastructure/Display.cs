using System.Globalization;
using JourneyOptimizer.Sms.Core.Credentials;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>How values are shown: times in the user's culture (stored data stays UTC), statuses by their label.</summary>
public static class Display
{
    /// <summary>
    /// Stands for the hint in a translated sentence: <c>L["Set: {0}. Leave blank to keep the stored value.", Display.HintSlot]</c>
    /// (a private-use character, never in a translation), then <see cref="WithSecretHint"/> puts the hint's span there.
    /// </summary>
    public const string HintSlot = "\uE000";

    /// <summary>A stored (UTC) time in the culture's short date and time, marked as UTC.</summary>
    public static string Time(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("g", CultureInfo.CurrentCulture) + " UTC";

    public static string Status(VerificationStatus status) => status switch
    {
        VerificationStatus.Verified => "Verified",
        VerificationStatus.Failed => "Failed",
        _ => "Not verified",
    };

    public static string SecretHint(string? hint) => string.IsNullOrEmpty(hint) ? "••••••••" : "••••••••" + hint;

    /// <summary>
    /// A translated sentence with the hint of a stored secret (<c>••••••••3f9a</c>) in a <c>span.secret-hint</c> where the
    /// sentence has <see cref="HintSlot"/>. One key per sentence, so each language orders and punctuates it as it needs;
    /// the sentence and the hint are both written as text (HTML-encoded), only the span is markup.
    /// </summary>
    /// <param name="sentence">The localized sentence, formatted with <see cref="HintSlot"/> as its <c>{0}</c>.</param>
    public static IHtmlContent WithSecretHint(LocalizedString sentence, string? hint, string? testId = null)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var span = new TagBuilder("span");
        span.AddCssClass("secret-hint");
        if (testId is not null)
        {
            span.Attributes["data-testid"] = testId;
        }

        span.InnerHtml.Append(SecretHint(hint));

        var text = sentence.Value;
        var slot = text.IndexOf(HintSlot, StringComparison.Ordinal);
        var content = new HtmlContentBuilder();
        if (slot < 0)
        {
            // A translation without {0} (the placeholder test forbids it): still show the hint, after the sentence.
            return content.Append(text).Append(" ").AppendHtml(span);
        }

        return content.Append(text[..slot]).AppendHtml(span).Append(text[(slot + HintSlot.Length)..]);
    }
}
