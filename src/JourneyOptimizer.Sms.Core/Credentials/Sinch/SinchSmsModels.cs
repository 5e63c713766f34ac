namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>A service plan's id and API token. <see cref="ToString"/> never shows the token.</summary>
public sealed record SinchSmsCredentials(string ServicePlanId, string ApiToken)
{
    public override string ToString() => $"SinchSmsCredentials {{ ServicePlanId = {ServicePlanId} }}";
}

/// <summary>Which delivery reports Sinch sends to the callback URL for a batch.</summary>
public enum SinchDeliveryReportMode
{
    None = 0,
    Summary = 1,
    Full = 2,
    PerRecipient = 3,
    PerRecipientFinal = 4,
}

/// <summary>An <c>mt_text</c> batch to send.</summary>
public sealed record SinchTextBatchRequest(string From, IReadOnlyList<string> To, string Body)
{
    /// <summary>Sinch's limit of recipients per batch.</summary>
    public const int MaxRecipients = 1000;

    /// <summary>Sinch's limit of the body.</summary>
    public const int MaxBodyLength = 2000;

    /// <summary>Where delivery reports of this batch go instead of the service plan's default callback.</summary>
    public Uri? CallbackUrl { get; init; }

    /// <summary>Echoed in delivery reports (at most 128 characters).</summary>
    public string? ClientReference { get; init; }

    public SinchDeliveryReportMode DeliveryReport { get; init; } = SinchDeliveryReportMode.PerRecipientFinal;
}

/// <summary>The created batch (<c>201</c>).</summary>
public sealed record SinchBatch(string Id, DateTimeOffset? CreatedAt, bool Canceled);

/// <summary>A page of the batch list: only the counts are kept (the batches are not needed to check credentials).</summary>
public sealed record SinchBatchPage(int Count, int Page, int PageSize);
