using System.Globalization;
using System.Text.Encodings.Web;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>
/// The rows of the API credentials list, written with <see cref="HtmlOut"/> straight into the response writer when the
/// page is sent (docs/performance.md, tenth round): as Razor markup a row was some 40 view-buffer values (a literal, a
/// value, and three or four more for each attribute with a value), each copied once more on its way out. The markup is
/// the Razor rows'; the tests and the list's script read it.
/// </summary>
internal sealed class ApiCredentialRows(IndexModel page, IStringLocalizer localizer) : HtmlRows(localizer)
{
    protected override void Write(HtmlOut html, EncodedLabels labels, HtmlEncoder encoder, CultureInfo culture)
    {
        var edit = labels["Edit"];
        var delete = labels["Delete"];
        var verify = labels["Verify"];
        var verifyConnection = labels["Verify SMS connection"];
        var editUrl = page.EditUrlPrefix.Value ?? "";
        var deleteUrl = page.DeleteUrlPrefix.Value ?? "";
        var verifyConnectionUrl = page.VerifyConnectionUrlPrefix.Value ?? "";
        var canManage = page.CanManage;

        foreach (var c in page.Results.Items)
        {
            var status = Display.Status(c.VerificationStatus);
            html.Raw("<tr>\n<td><a href=\"").Raw(editUrl).Number(c.Id).Raw("\">").Text(c.Name).Raw("</a></td>\n<td>")
                .Raw(labels[c.Vendor.ToString()]).Raw("</td>\n<td>").Text(c.Address)
                .Raw("</td>\n<td><span class=\"badge badge-status-").Raw(Token(c.VerificationStatus)).Raw("\">").Raw(labels[status]).Raw("</span>\n");
            if (c.IsTrial)
            {
                html.Raw("<span class=\"badge text-bg-warning\" title=\"").Raw(labels["A trial account can only send to verified numbers."])
                    .Raw("\">").Raw(labels["Trial account"]).Raw("</span>\n");
            }

            if (c.LastVerifiedAtUtc is { } verified)
            {
                html.Raw("<div class=\"small text-body-secondary\">").Time(verified, culture).Raw("</div>\n");
            }

            html.Raw("</td>\n<td>").Text(c.ModifiedBy).Raw("</td>\n<td>").Time(c.ModifiedAtUtc, culture)
                .Raw("</td>\n<td class=\"row-actions\"><a class=\"btn btn-sm btn-outline-secondary\" title=\"").Raw(edit)
                .Raw("\" aria-label=\"").Raw(edit).Raw(" ").Text(c.Name).Raw("\" href=\"").Raw(editUrl).Number(c.Id)
                .Raw("\"><i class=\"bi bi-pencil\" aria-hidden=\"true\"></i></a>\n");
            if (canManage)
            {
                if (c.Vendor == SmsVendor.Twilio)
                {
                    // The page's one form (one antiforgery token) posts the row's id as the button's value. The delete
                    // question below is the table's, with the row's name put in by site.js (data-confirm-template).
                    html.Raw("<button type=\"submit\" form=\"row-actions-form\" name=\"id\" value=\"").Number(c.Id)
                        .Raw("\" class=\"btn btn-sm btn-outline-secondary\" title=\"").Raw(verify).Raw("\" aria-label=\"").Raw(verify).Raw(" ")
                        .Text(c.Name).Raw("\"><i class=\"bi bi-shield-check\" aria-hidden=\"true\"></i></button>\n");
                }

                html.Raw("<a class=\"btn btn-sm btn-outline-secondary\" href=\"").Raw(verifyConnectionUrl).Number(c.Id)
                    .Raw("\" title=\"").Raw(verifyConnection).Raw("\" aria-label=\"").Raw(verifyConnection).Raw(" ").Text(c.Name)
                    .Raw("\"><i class=\"bi bi-send\" aria-hidden=\"true\"></i></a>\n")
                    .Raw("<a class=\"btn btn-sm btn-outline-danger\" title=\"").Raw(delete).Raw("\" aria-label=\"").Raw(delete).Raw(" ").Text(c.Name)
                    .Raw("\" href=\"").Raw(deleteUrl).Number(c.Id)
                    .Raw("\" data-confirm><i class=\"bi bi-trash\" aria-hidden=\"true\"></i></a>\n");
            }

            html.Raw("</td>\n</tr>\n");
        }
    }

    // The status as the badge's class names it (the enum's name, as Razor wrote it).
    private static string Token(VerificationStatus status) => status switch
    {
        VerificationStatus.Verified => nameof(VerificationStatus.Verified),
        VerificationStatus.Failed => nameof(VerificationStatus.Failed),
        _ => nameof(VerificationStatus.NotVerified),
    };
}
