namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;

/// <summary>The Previous / Next links of a keyset-paged list, keeping its search.</summary>
public sealed record PagerModel(string BasePath, string? Search, string? PreviousCursor, string? NextCursor)
{
    public string Url(string cursor)
    {
        var query = string.IsNullOrEmpty(Search) ? "" : "q=" + Uri.EscapeDataString(Search) + "&";
        return BasePath + "?" + query + "cursor=" + Uri.EscapeDataString(cursor);
    }
}
