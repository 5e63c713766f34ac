namespace JourneyOptimizer.Sms.Core.Webhooks.Ingestion;

/// <summary>
/// The order of delivery statuses (Twilio's names; Custom providers are mapped to the same lower-case names). A
/// message's <see cref="MessageDeliveryStatus"/> is replaced only by a status of a strictly HIGHER rank, so a late
/// <c>sent</c> never hides <c>delivered</c>. The terminal outcomes <c>delivered</c>, <c>undelivered</c>, <c>failed</c>
/// and <c>canceled</c> share one rank: the FIRST terminal status received stands and a conflicting later one is kept
/// only as a <see cref="DeliveryFeedback"/> event (a carrier does not un-deliver a message; a contradiction is shown in
/// the feedback list, not resolved by guessing). <c>read</c> (RCS) ranks above them: a message can be read only once
/// delivered. An unknown status has rank 0: it is recorded, and becomes the current status only of a message that
/// has none yet.
/// </summary>
public static class DeliveryStatusRank
{
    public const int Unknown = 0;

    private static readonly Dictionary<string, int> Ranks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["accepted"] = 10,
        ["scheduled"] = 10,
        ["queued"] = 20,
        ["sending"] = 30,
        ["sent"] = 40,
        ["partially_delivered"] = 45,
        ["delivered"] = 50,
        ["undelivered"] = 50,
        ["failed"] = 50,
        ["canceled"] = 50,
        ["read"] = 60,
    };

    public static int Of(string? status) =>
        status is not null && Ranks.TryGetValue(status, out var rank) ? rank : Unknown;

    /// <summary>Whether a status of rank <paramref name="incoming"/> replaces the current one of rank <paramref name="current"/>.</summary>
    public static bool Replaces(int incoming, int current) => incoming > current;
}
