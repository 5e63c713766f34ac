using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;

/// <summary>The messages the sandbox's inbound webhooks received, newest first, searchable by number prefix.</summary>
public sealed class InboundMessagesModel(WebhookService webhooks) : SandboxPageModel
{
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; set; }

    public Page<InboundMessageItem> Results { get; private set; } = new([], null, null);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Results = await webhooks.InboundMessagesAsync(Sandbox.Id, Search, Cursor, ActivityPaging.DefaultPageSize, cancellationToken);

    public PagerModel Pager => new(Url.Page("InboundMessages", new { sandbox = Sandbox.Name })!, Search, Results.PreviousCursor, Results.NextCursor);
}
