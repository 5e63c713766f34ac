namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>An account's API base URL (normalised by <see cref="InfobipBaseUrl"/>) and API key. <see cref="ToString"/> never shows the key.</summary>
public sealed record InfobipApiCredentials(Uri BaseUrl, string ApiKey)
{
    public override string ToString() => $"InfobipApiCredentials {{ BaseUrl = {BaseUrl} }}";
}

/// <summary>One text message to one recipient through <c>POST /sms/3/messages</c>.</summary>
public sealed record InfobipTextMessage(string Sender, string To, string Text)
{
    public const int MaxTextLength = 4000;

    /// <summary>How long Infobip keeps trying to deliver, in hours (sent with <c>timeUnit: HOURS</c>).</summary>
    public int? ValidityPeriodHours { get; init; }

    /// <summary>India DLT: <c>options.regional.indiaDlt.principalEntityId</c> (required by Infobip when DLT is used).</summary>
    public string? PrincipalEntityId { get; init; }

    /// <summary>India DLT: <c>options.regional.indiaDlt.contentTemplateId</c>.</summary>
    public string? ContentTemplateId { get; init; }

    /// <summary>Echoed in the delivery report (<c>webhooks.callbackData</c>, at most 4000 characters).</summary>
    public string? CallbackData { get; init; }

    /// <summary>Where Infobip pushes this message's delivery report (<c>webhooks.delivery.url</c>).</summary>
    public Uri? DeliveryReportUrl { get; init; }
}

/// <summary>Infobip accepted the message: its id and the status it gave it (normally PENDING / PENDING_ACCEPTED).</summary>
public sealed record InfobipSentMessage(string MessageId, string? BulkId, string? StatusGroup, string? StatusName);

/// <summary>The answer of the logs read: how many entries came back (at most one).</summary>
public sealed record InfobipLogsPage(int Count);
