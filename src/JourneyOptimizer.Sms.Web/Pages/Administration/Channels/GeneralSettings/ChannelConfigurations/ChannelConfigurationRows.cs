using System.Globalization;
using System.Text.Encodings.Web;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.GeneralSettings.ChannelConfigurations;

/// <summary>
/// The rows of the channel configurations list, written with <see cref="HtmlOut"/>. As Razor markup each row rendered a
/// partial view for its status badge, looked up six labels and built three action URLs; side by side with the Razor
/// rows this list answers 1.09-1.36x the requests (docs/performance.md). The list's script (status polling, the rows'
/// "More actions" menu) and the tests read its data attributes.
/// </summary>
internal sealed class ChannelConfigurationRows(IndexModel page, IStringLocalizer localizer) : HtmlRows(localizer)
{
    protected override void Write(HtmlOut html, EncodedLabels labels, HtmlEncoder encoder, CultureInfo culture)
    {
        var edit = labels["Edit"];
        var delete = labels["Delete"];
        var editUrl = encoder.Encode(page.EditUrlPrefix);
        var deleteUrl = encoder.Encode(page.DeleteUrlPrefix);
        var canManage = page.CanManage;

        foreach (var c in page.Results.Items)
        {
            var status = c.Status.ToString();
            html.Raw("<tr data-id=\"").Number(c.Id).Raw("\" data-status=\"").Raw(status).Raw("\" data-pending=\"")
                .Raw(c.PendingCheck is { } pending ? pending.ToString() : "").Raw("\">\n<td><a href=\"").Raw(editUrl).Number(c.Id).Raw("\">").Text(c.Name)
                .Raw("</a> <span class=\"badge text-bg-light border\">").Raw(Channel(c.Channel)).Raw("</span></td>\n<td>")
                .Raw("<span class=\"badge badge-status-").Raw(status).Raw("\" data-status-badge>").Raw(labels[status]).Raw("</span>");
            if (c.PendingCheck == ChangeCheckStatus.Processing)
            {
                html.Raw("\n<span class=\"badge badge-status-Processing\" data-pending-badge>").Raw(labels["Change being checked"]).Raw("</span>");
            }
            else if (c.PendingCheck == ChangeCheckStatus.Failed)
            {
                html.Raw("\n<span class=\"badge badge-status-Failed\" data-pending-badge>").Raw(labels["Change refused"]).Raw("</span>");
            }

            // Only a row still being checked can get a reason without a reload (the list's polling fills it in).
            html.Raw(c.Status == ChannelConfigurationStatus.Processing || c.PendingCheck == ChangeCheckStatus.Processing
                ? "\n<div class=\"small text-danger\" data-reason></div></td>\n<td>"
                : "</td>\n<td>");
            if (c.SmsType is { } type)
            {
                html.Raw(labels[type.ToString()]);
            }

            html.Raw("</td>\n<td>").Text(c.CredentialName).Raw("</td>\n<td>").Text(c.SenderNumber).Raw("</td>\n<td>").Text(c.ModifiedBy)
                .Raw("</td>\n<td>").Time(c.ModifiedAtUtc, culture).Raw("</td>\n<td class=\"row-actions\">")
                .Raw("<a class=\"btn btn-sm btn-outline-secondary\" title=\"").Raw(edit).Raw("\" aria-label=\"").Raw(edit).Raw(" ").Text(c.Name)
                .Raw("\" href=\"").Raw(editUrl).Number(c.Id).Raw("\"><i class=\"bi bi-pencil\" aria-hidden=\"true\"></i></a>");
            if (canManage)
            {
                // The delete question is the table's (data-confirm-template, with this row's name), and the "More
                // actions" button comes from the page's <template id="row-menu-toggle">: site.js adds both, and the
                // menus are only of use with it. In every row they were a quarter of the page (twelfth round).
                html.Raw("\n<a class=\"btn btn-sm btn-outline-danger\" title=\"").Raw(delete).Raw("\" aria-label=\"").Raw(delete).Raw(" ").Text(c.Name)
                    .Raw("\" href=\"").Raw(deleteUrl).Number(c.Id)
                    .Raw(c.Status is ChannelConfigurationStatus.Draft or ChannelConfigurationStatus.Failed
                        ? "\" data-when=\"Draft Failed\" data-confirm"
                        : "\" data-when=\"Draft Failed\" hidden data-confirm")
                    .Raw("><i class=\"bi bi-trash\" aria-hidden=\"true\"></i></a>");
            }

            html.Raw("</td></tr>\n");
        }
    }

    private static string Channel(MobileChannel channel) => channel switch
    {
        MobileChannel.Mms => "MMS",
        MobileChannel.Rcs => "RCS",
        _ => "SMS",
    };
}
