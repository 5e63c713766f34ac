using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;

namespace JourneyOptimizer.Sms.Core.Webhooks;

public enum WebhookOutcome
{
    Created,
    Updated,
    Deleted,
    SecretRegenerated,
    NotFound,
    Invalid,
    NameTaken,
    ConcurrencyConflict,
}

/// <summary>
/// The result of a webhook command. <see cref="SigningSecret"/> is the new Custom signing secret, set only by a
/// create or a regeneration: it exists nowhere else (the database keeps its SHA-256), so it is shown once.
/// </summary>
public sealed record WebhookResult(WebhookOutcome Outcome, int? Id = null, IReadOnlyList<FieldError>? Errors = null,
    string? SigningSecret = null)
{
    public bool Succeeded => Outcome is WebhookOutcome.Created or WebhookOutcome.Updated or WebhookOutcome.Deleted
        or WebhookOutcome.SecretRegenerated;

    public IReadOnlyList<FieldError> FieldErrors => Errors ?? [];

    public static WebhookResult Fail(WebhookOutcome outcome, params FieldError[] errors) => new(outcome, null, errors);

    /// <summary>Keeps the secret out of logs and test output.</summary>
    public override string ToString() => $"{Outcome} {Id} {string.Join("; ", FieldErrors.Select(e => e.Field + ": " + e.Message))}";
}

/// <summary>A row of the SMS webhooks list.</summary>
public sealed record WebhookListItem(int Id, string Name, SmsVendor Vendor, WebhookType Type, string SenderNumber,
    string CredentialName, string PathToken, string ModifiedBy, DateTime ModifiedAtUtc);

/// <summary>An API credential the webhook form offers.</summary>
public sealed record WebhookCredentialOption(int Id, string Name, SmsVendor Vendor, string Address);

/// <summary>A row of the inbound messages list.</summary>
/// <param name="WebhookName">Null when the webhook it arrived through was deleted.</param>
public sealed record InboundMessageItem(long Id, string? WebhookName, string ProfileNumber, string InboundNumber, string Body,
    KeywordCategory? Category, string? Keyword, bool FuzzyMatch, string? ReplyMessage, DateTime ReceivedAtUtc);

/// <summary>A row of the delivery feedback list: the current status of one sent message.</summary>
/// <param name="WebhookName">Null when the webhook of its latest receipt was deleted.</param>
public sealed record DeliveryStatusItem(long Id, string? WebhookName, string ClientReference, string Status, string? Code,
    DateTime UpdatedAtUtc);
