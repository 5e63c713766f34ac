namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>One incoming message of an Infobip MO push. Numbers are as Infobip wrote them (without <c>+</c>).</summary>
public sealed record InfobipInboundMessage(
    string MessageId,
    string From,
    string To,
    string Text,
    string? CleanText,
    string? Keyword,
    DateTimeOffset? ReceivedAt,
    string? CallbackData);

/// <summary>One delivery report of an Infobip DLR push (v3 fields, or the v2 ones they replaced).</summary>
/// <param name="StatusGroup"><c>PENDING</c>, <c>UNDELIVERABLE</c>, <c>DELIVERED</c>, <c>EXPIRED</c>, <c>REJECTED</c>...</param>
public sealed record InfobipDeliveryReport(
    string MessageId,
    string? BulkId,
    string? To,
    string? Sender,
    string StatusGroup,
    string? StatusName,
    int? StatusId,
    string? ErrorGroup,
    string? ErrorName,
    int? ErrorId,
    bool? ErrorPermanent,
    DateTimeOffset? SentAt,
    DateTimeOffset? DoneAt,
    string? CallbackData);

/// <summary>A parsed push: the results, or the reason it is refused (answer 400).</summary>
public sealed record InfobipWebhook<T>(IReadOnlyList<T> Results, string? Reason)
{
    public bool IsValid => Reason is null;
}
