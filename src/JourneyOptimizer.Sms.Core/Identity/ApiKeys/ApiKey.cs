namespace JourneyOptimizer.Sms.Core.Identity.ApiKeys;

/// <summary>
/// A personal key for the REST API. The key itself (<c>jo_{Prefix}_{secret}</c>) is shown once; only the SHA-256 hash
/// of the whole key is stored, and the short public <see cref="Prefix"/> finds the row without scanning.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 12;
    public const int HashLength = 64;

    public int Id { get; set; }

    public required string UserId { get; set; }

    public required string Name { get; set; }

    public required string Prefix { get; set; }

    public required string KeyHash { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? LastUsedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}
