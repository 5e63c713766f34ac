namespace JourneyOptimizer.Sms.Core.Identity;

/// <summary>
/// A one-time "set your password" link given to a new user by a System administrator: stored only as the SHA-256 hash
/// of its token, valid until <see cref="ExpiresAtUtc"/>, dead once used or replaced by a newer link.
/// </summary>
public sealed class PasswordSetupToken
{
    public const int HashLength = 64;

    /// <summary>How long a link stays valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public int Id { get; set; }

    public required string UserId { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? UsedAtUtc { get; set; }
}
