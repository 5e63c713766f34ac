using System.Globalization;
using System.Text.Encodings.Web;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>
/// The rows of the API credentials list (the <c>tbody</c>'s content), written with <see cref="HtmlOut"/>: the list is
/// the portal's busiest page and its 50 rows were half of its cost as Razor markup (docs/performance.md). The markup
/// is what the Razor rows wrote; the page tests and the browser tests read it.
/// </summary>
internal sealed class CredentialRows(IndexModel page, IStringLocalizer localizer) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);

        // Everything that is the same on every row, looked up (and encoded) once per page.
        var culture = CultureInfo.CurrentCulture;
        var edit = encoder.Encode(localizer["Edit"].Value);
        var delete = encoder.Encode(localizer["Delete"].Value);
        var verify = encoder.Encode(localizer["Verify"].Value);
        var verifyConnection = encoder.Encode(localizer["Verify SMS connection"].Value);
        var trialTitle = encoder.Encode(localizer["A trial account can only send to verified numbers."].Value);
        var trial = encoder.Encode(localizer["Trial account"].Value);
        var deleteConfirm = CompositeTemplate.Of(localizer["Delete the API credential “{0}”? This cannot be undone."].Value);
        var editUrl = encoder.Encode(page.EditUrlPrefix);
        var deleteUrl = encoder.Encode(page.DeleteUrlPrefix);
        var verifyUrl = encoder.Encode(page.VerifyUrlPrefix);
        var verifyConnectionUrl = encoder.Encode(page.VerifyConnectionUrlPrefix);
        var canManage = page.CanManage;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        string Label(string key)
        {
            if (!labels.TryGetValue(key, out var label))
            {
                labels[key] = label = encoder.Encode(localizer[key].Value);
            }

            return label;
        }

        var html = new HtmlOut(writer, encoder);
        foreach (var c in page.Results.Items)
        {
            html.Raw("<tr><td><a href=\"").Raw(editUrl).Number(c.Id).Raw("\">").Text(c.Name).Raw("</a></td><td>")
                .Raw(Label(c.Vendor.ToString())).Raw("</td><td>").Text(c.Address).Raw("</td><td><span class=\"badge badge-status-")
                .Raw(StatusClass(c.VerificationStatus)).Raw("\">").Raw(Label(Display.Status(c.VerificationStatus))).Raw("</span>");
            if (c.IsTrial)
            {
                html.Raw("\n<span class=\"badge text-bg-warning\" title=\"").Raw(trialTitle).Raw("\">").Raw(trial).Raw("</span>");
            }

            if (c.LastVerifiedAtUtc is { } verified)
            {
                html.Raw("<div class=\"small text-body-secondary\">").Time(verified, culture).Raw("</div>");
            }

            html.Raw("</td><td>").Text(c.ModifiedBy).Raw("</td><td>").Time(c.ModifiedAtUtc, culture).Raw("</td><td class=\"row-actions\">")
                .Raw("<a class=\"btn btn-sm btn-outline-secondary\" title=\"").Raw(edit).Raw("\" href=\"").Raw(editUrl).Number(c.Id)
                .Raw("\"><i class=\"bi bi-pencil\" aria-hidden=\"true\"></i><span class=\"visually-hidden\">").Raw(edit).Raw(" ").Text(c.Name)
                .Raw("</span></a>\n");
            if (canManage)
            {
                if (c.Vendor == SmsVendor.Twilio)
                {
                    html.Raw("<button type=\"submit\" form=\"row-actions-form\" formaction=\"").Raw(verifyUrl).Number(c.Id)
                        .Raw("\" class=\"btn btn-sm btn-outline-secondary\" title=\"").Raw(verify)
                        .Raw("\"><i class=\"bi bi-shield-check\" aria-hidden=\"true\"></i><span class=\"visually-hidden\">").Raw(verify).Raw(" ")
                        .Text(c.Name).Raw("</span></button>\n");
                }

                html.Raw("<a class=\"btn btn-sm btn-outline-secondary\" href=\"").Raw(verifyConnectionUrl).Number(c.Id).Raw("\" title=\"")
                    .Raw(verifyConnection).Raw("\"><i class=\"bi bi-send\" aria-hidden=\"true\"></i><span class=\"visually-hidden\">")
                    .Raw(verifyConnection).Raw(" ").Text(c.Name).Raw("</span></a>\n")
                    .Raw("<a class=\"btn btn-sm btn-outline-danger\" title=\"").Raw(delete).Raw("\" href=\"").Raw(deleteUrl).Number(c.Id)
                    .Raw("\" data-confirm=\"").Format(deleteConfirm, c.Name).Raw("\" data-confirm-ok=\"").Raw(delete)
                    .Raw("\"><i class=\"bi bi-trash\" aria-hidden=\"true\"></i><span class=\"visually-hidden\">").Raw(delete).Raw(" ")
                    .Text(c.Name).Raw("</span></a>");
            }

            html.Raw("</td></tr>\n");
        }
    }

    private static string StatusClass(VerificationStatus status) => status switch
    {
        VerificationStatus.Verified => nameof(VerificationStatus.Verified),
        VerificationStatus.Failed => nameof(VerificationStatus.Failed),
        _ => nameof(VerificationStatus.NotVerified),
    };
}
