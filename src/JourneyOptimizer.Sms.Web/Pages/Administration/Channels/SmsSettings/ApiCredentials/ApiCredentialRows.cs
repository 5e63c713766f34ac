using System.Globalization;
using System.Text.Encodings.Web;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>
/// The rows of the API credentials list, written with <see cref="HtmlOut"/> as the channel configurations list writes
/// its own. As Razor markup each row was about a hundred view-buffer entries, copied once more to the response, plus a
/// new string for each time, phone number and confirmation text (docs/performance.md, fifth round). Same markup as the
/// Razor rows were: the tests and the confirmation script read it.
/// </summary>
internal sealed class ApiCredentialRows(IndexModel page, IStringLocalizer localizer) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);

        var culture = CultureInfo.CurrentCulture;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        string Label(string key)
        {
            if (!labels.TryGetValue(key, out var label))
            {
                labels[key] = label = encoder.Encode(localizer[key].Value);
            }

            return label;
        }

        var edit = Label("Edit");
        var delete = Label("Delete");
        var verify = Label("Verify");
        var verifyConnection = Label("Verify SMS connection");
        var deleteConfirm = CompositeTemplate.Of(localizer["Delete the API credential “{0}”? This cannot be undone."].Value);
        var editUrl = page.EditUrlPrefix.Value!;
        var deleteUrl = page.DeleteUrlPrefix.Value!;
        var verifyUrl = page.VerifyUrlPrefix.Value!;
        var verifyConnectionUrl = page.VerifyConnectionUrlPrefix.Value!;
        var canManage = page.CanManage;

        var html = new HtmlOut(writer, encoder);
        foreach (var c in page.Results.Items)
        {
            var status = c.VerificationStatus.ToString();
            html.Raw("<tr>\n<td><a href=\"").Raw(editUrl).Number(c.Id).Raw("\">").Text(c.Name).Raw("</a></td>\n<td>")
                .Raw(Label(c.Vendor.ToString())).Raw("</td>\n<td>").Text(c.Address).Raw("</td>\n<td>\n<span class=\"badge badge-status-")
                .Raw(status).Raw("\">").Raw(Label(Display.Status(c.VerificationStatus))).Raw("</span>");
            if (c.IsTrial)
            {
                html.Raw("\n<span class=\"badge text-bg-warning\" title=\"").Raw(Label("A trial account can only send to verified numbers."))
                    .Raw("\">").Raw(Label("Trial account")).Raw("</span>");
            }

            if (c.LastVerifiedAtUtc is { } verified)
            {
                html.Raw("\n<div class=\"small text-body-secondary\">").Time(verified, culture).Raw("</div>");
            }

            html.Raw("\n</td>\n<td>").Text(c.ModifiedBy).Raw("</td>\n<td>").Time(c.ModifiedAtUtc, culture).Raw("</td>\n<td class=\"row-actions\">\n")
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
                    .Text(c.Name).Raw("</span></a>\n");
            }

            html.Raw("</td>\n</tr>\n");
        }
    }
}
