using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Sandboxes;

namespace JourneyOptimizer.Sms.Core.Channels;

/// <summary>Where a channel configuration is in its life (PRODUCT.md 5).</summary>
public enum ChannelConfigurationStatus
{
    Draft = 1,

    /// <summary>Submitted: the background checks have not finished yet.</summary>
    Processing = 2,
    Active = 3,

    /// <summary>The checks refused it: see <see cref="ChannelConfiguration.CheckErrorsJson"/>.</summary>
    Failed = 4,
    Deactivated = 5,
}

/// <summary>What kind of messages a configuration sends. Marketing messages respect opt-outs; transactional ones do not.</summary>
public enum SmsType
{
    Marketing = 1,
    Transactional = 2,
}

/// <summary>The mobile channel of a configuration, decided by its API credential.</summary>
public enum MobileChannel
{
    Sms = 1,
    Mms = 2,
    Rcs = 3,
}

/// <summary>The check of a change submitted for an Active configuration (the active version stays in use meanwhile).</summary>
public enum ChangeCheckStatus
{
    Processing = 1,
    Failed = 2,
}

/// <summary>
/// The settings messages of one sandbox are sent with: an API credential, a sender number and the SMS type. An Active
/// configuration serves its active fields; an edit of it is kept beside them as the <c>Pending*</c> fields with its own
/// check status until the checks pass (then it replaces them) or fail (then it is shown and nothing changes). See
/// docs/decisions/0006-channel-configuration-versions.md.
/// </summary>
public sealed class ChannelConfiguration
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 1000;
    public const int SenderNumberMaxLength = 20;
    public const int SubdomainMaxLength = 253;
    public const int ExecutionFieldMaxLength = 200;
    public const int CheckErrorsMaxLength = 4000;
    public const int ClaimedByMaxLength = 100;
    public const int UserNameMaxLength = 256;

    public int Id { get; set; }

    public int SandboxId { get; set; }

    public Sandbox? Sandbox { get; set; }

    public required string Name { get; set; }

    /// <summary>Upper-case invariant form of <see cref="Name"/>: unique per sandbox, the list's order and search key.</summary>
    public string NormalizedName { get; set; } = "";

    public MobileChannel Channel { get; set; }

    public ChannelConfigurationStatus Status { get; set; }

    public string? Description { get; set; }

    /// <summary>Null only in a Draft that does not say yet.</summary>
    public SmsType? SmsType { get; set; }

    /// <summary>Null only in a Draft that does not say yet.</summary>
    public int? ApiCredentialId { get; set; }

    public ApiCredential? ApiCredential { get; set; }

    /// <summary>E.164 number, short code or alphanumeric sender ID; null only in a Draft.</summary>
    public string? SenderNumber { get; set; }

    public string? Subdomain { get; set; }

    public string? ExecutionField { get; set; }

    /// <summary>Why the last check of <see cref="Status"/> failed (<see cref="CheckErrors"/> JSON); null otherwise.</summary>
    public string? CheckErrorsJson { get; set; }

    public DateTime? CheckedAtUtc { get; set; }

    /// <summary>Set while a change of an Active configuration is checked or after its check failed; null when there is none.</summary>
    public ChangeCheckStatus? PendingCheck { get; set; }

    public string? PendingDescription { get; set; }

    public SmsType? PendingSmsType { get; set; }

    public int? PendingApiCredentialId { get; set; }

    public ApiCredential? PendingApiCredential { get; set; }

    public string? PendingSenderNumber { get; set; }

    public string? PendingSubdomain { get; set; }

    public string? PendingExecutionField { get; set; }

    public string? PendingErrorsJson { get; set; }

    /// <summary>The portal instance checking it now (a lease until <see cref="ClaimedUntilUtc"/>).</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntilUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime ModifiedAtUtc { get; set; }

    public required string ModifiedBy { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every change (not by a claim).</summary>
    public int Version { get; set; }

    /// <summary>True when the background checks have work for it.</summary>
    public bool NeedsCheck => Status == ChannelConfigurationStatus.Processing || PendingCheck == ChangeCheckStatus.Processing;

    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant();
    }

    /// <summary>Drops the pending change (applied, discarded or replaced by a status change).</summary>
    internal void ClearPendingChange()
    {
        PendingCheck = null;
        PendingDescription = null;
        PendingSmsType = null;
        PendingApiCredentialId = null;
        PendingSenderNumber = null;
        PendingSubdomain = null;
        PendingExecutionField = null;
        PendingErrorsJson = null;
    }

    /// <summary>A change makes the item new work: whoever was checking the old values loses their claim.</summary>
    internal void ReleaseClaim()
    {
        ClaimedBy = null;
        ClaimedUntilUtc = null;
    }
}
