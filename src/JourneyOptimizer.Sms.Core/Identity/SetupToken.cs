namespace JourneyOptimizer.Sms.Core.Identity;

/// <summary>The one-time first-start link's token, stored only as its SHA-256 hash.</summary>
public sealed class SetupToken
{
    public const int HashLength = 64;

    public int Id { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? UsedAtUtc { get; set; }
}
