namespace JourneyOptimizer.Sms.Core.Api;

/// <summary>
/// The first answer to a create sent with an <c>Idempotency-Key</c>, kept for <see cref="IdempotencyStore.Lifetime"/> so
/// that a retried request gets the same answer instead of creating a second object. Keyed by the user, the sandbox and
/// the client's key; <see cref="RequestHash"/> tells a retry from a different request that reuses the key.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 100;
    public const int HashLength = 64;
    public const int ResponseMaxLength = 32000;

    public long Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>0 for requests outside a sandbox (sandboxes themselves).</summary>
    public int SandboxId { get; set; }

    public required string Key { get; set; }

    public required string RequestHash { get; set; }

    public int StatusCode { get; set; }

    /// <summary>The JSON body of the first answer (never a secret: answers carry none, except a Custom webhook's new
    /// signing secret, which is therefore not stored: see <see cref="IdempotencyStore"/>).</summary>
    public string? ResponseJson { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
