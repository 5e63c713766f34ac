using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;

/// <summary>The current delivery status of each sent message (newest change first) and, for one message, its receipts.</summary>
public sealed class FeedbackModel(WebhookService webhooks) : SandboxPageModel
{
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; set; }

    /// <summary>The message whose receipts are shown.</summary>
    [FromQuery(Name = "reference")]
    public string? Reference { get; set; }

    public Page<DeliveryStatusItem> Results { get; private set; } = new([], null, null);

    public IReadOnlyList<DeliveryFeedback> Events { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Results = await webhooks.DeliveryStatusesAsync(Sandbox.Id, Search, Cursor, ActivityPaging.DefaultPageSize, cancellationToken);
        if (!string.IsNullOrEmpty(Reference) && Reference.Length <= DeliveryFeedback.ClientReferenceMaxLength)
        {
            Events = await webhooks.FeedbackEventsAsync(Sandbox.Id, Reference, cancellationToken);
        }
    }

    public string EventsUrl(string reference) =>
        Url.Page("Feedback", new { sandbox = Sandbox.Name, q = Search, cursor = Cursor, reference })!;

    public PagerModel Pager => new(Url.Page("Feedback", new { sandbox = Sandbox.Name })!, Search, Results.PreviousCursor, Results.NextCursor);
}
