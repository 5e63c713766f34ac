using JourneyOptimizer.Sms.Core.Sandboxes;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>
/// A connection to an SMS/MMS/RCS provider, owned by one sandbox. Stored table-per-hierarchy: each vendor is a
/// subtype with its own columns (<see cref="Twilio.TwilioCredential"/>, ...), so a new vendor adds a subtype
/// instead of reshaping this one. Everything vendor-specific is asked of its <see cref="ICredentialVendor"/>.
/// </summary>
public abstract class ApiCredential
{
    public const int NameMaxLength = 100;
    public const int UserNameMaxLength = 256;
    public const int ProtectedSecretMaxLength = 4000;
    public const int SecretHintLength = 4;
    public const int AddressMaxLength = 100;

    public int Id { get; set; }

    public int SandboxId { get; set; }

    public Sandbox? Sandbox { get; set; }

    public SmsVendor Vendor { get; protected set; }

    public string Name { get; set; } = "";

    /// <summary>Upper-case invariant form of <see cref="Name"/>: the key of the case-insensitive unique index and of search.</summary>
    public string NormalizedName { get; set; } = "";

    /// <summary>
    /// What the list shows beside the vendor, as the vendor sets it (the inbound number for Twilio, the channel type for
    /// Custom); the vendor also reads its channel from it. Denormalised so that lists never read vendor columns.
    /// </summary>
    public string Address { get; set; } = "";

    public VerificationStatus VerificationStatus { get; set; }

    public DateTime? LastVerifiedAtUtc { get; set; }

    /// <summary>The reason of the last failed check, in English (translated when shown).</summary>
    public string? LastVerificationError { get; set; }

    /// <summary>
    /// The provider's account type at the last successful check, when it has one: <c>Trial</c> (the list warns that it
    /// sends only to verified numbers) or <c>Full</c>; null before.
    /// </summary>
    public string? AccountType { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime ModifiedAtUtc { get; set; }

    public string ModifiedBy { get; set; } = "";

    /// <summary>Optimistic concurrency token, incremented on every update.</summary>
    public int Version { get; set; }

    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant();
    }
}
