using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;

/// <summary>The sandbox's SMS webhooks: search by name, keyset paging, row actions.</summary>
public sealed class IndexModel(WebhookService webhooks) : SandboxPageModel
{
    public const string Section = "/Administration/Channels/SmsSettings/Webhooks/Index";

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public Page<WebhookListItem> Results { get; private set; } = new([], null, null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Search = Search is { Length: > Webhook.NameMaxLength } ? Search[..Webhook.NameMaxLength] : Search;
        Results = await webhooks.ListAsync(Sandbox.Id, Search, Cursor, WebhookService.DefaultPageSize, cancellationToken);
    }

    public PagerModel Pager => new(Url.Page("Index", new { sandbox = Sandbox.Name })!, Search, Results.PreviousCursor, Results.NextCursor);
}
