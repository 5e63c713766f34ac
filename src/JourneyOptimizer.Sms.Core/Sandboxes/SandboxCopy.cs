using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Webhooks;

namespace JourneyOptimizer.Sms.Core.Sandboxes;

public enum CopyItemKind
{
    ApiCredential = 1,
    Webhook = 2,
    ChannelConfiguration = 3,
}

/// <summary>What the administrator picked in the source sandbox, by id.</summary>
public sealed record CopySelection(IReadOnlyCollection<int> CredentialIds, IReadOnlyCollection<int> WebhookIds,
    IReadOnlyCollection<int> ChannelConfigurationIds)
{
    public bool IsEmpty => CredentialIds.Count == 0 && WebhookIds.Count == 0 && ChannelConfigurationIds.Count == 0;
}

/// <summary>
/// How one item is to arrive in the target sandbox: its name there (null keeps the source's) and, for a credential,
/// the values of the vendor's fields that replace the stored ones (the field a conflict in the target names, such as
/// Twilio's inbound number).
/// </summary>
public sealed record CopyChoice(string? Name, IReadOnlyDictionary<string, string>? Fields = null);

/// <summary>
/// One item of a copy as the preview shows it: what it is, the name it gets, whether the administrator picked it or
/// another item brings it, and what clashes in the target (errors by field: <c>Name</c>, or a vendor's input field).
/// <see cref="Detail"/> is data shown beside it (a credential's address, a webhook's or channel's credential);
/// <see cref="SecretFields"/> are the secrets a copied credential will need (its form's fields).
/// </summary>
public sealed record CopyPlanItem(
    CopyItemKind Kind,
    int SourceId,
    string SourceName,
    string Name,
    SmsVendor Vendor,
    string Detail,
    bool Picked,
    IReadOnlyList<FieldError> Errors,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<string> SecretFields,
    WebhookType? WebhookType = null)
{
    /// <summary>The item's key in a form and in <see cref="CopyResult.CreatedIds"/>: <c>ApiCredential-12</c>.</summary>
    public string Key => KeyOf(Kind, SourceId);

    public bool Clashes => Errors.Count > 0;

    public static string KeyOf(CopyItemKind kind, int sourceId) =>
        kind + "-" + sourceId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What a copy would create, credentials first, then webhooks, then channel configurations.</summary>
public sealed record CopyPlan(SandboxRef Source, SandboxRef Target, IReadOnlyList<CopyPlanItem> Items)
{
    public bool CanCopy => Items.Count > 0 && Items.All(i => !i.Clashes);

    /// <summary>The drafts of the copied credentials, by source id: what <see cref="SandboxCopyService.CopyAsync"/> stores.</summary>
    internal IReadOnlyDictionary<int, ApiCredential> CredentialDrafts { get; init; } = new Dictionary<int, ApiCredential>();
}

public enum CopyOutcome
{
    Copied,

    /// <summary>Something clashes in the target (see the plan's items): nothing was copied.</summary>
    Clashes,

    NothingSelected,

    /// <summary>The target is the source, or a sandbox that does not exist.</summary>
    InvalidTarget,
}

/// <summary>The outcome, the plan it came from, and the new ids by item key.</summary>
public sealed record CopyResult(CopyOutcome Outcome, CopyPlan? Plan, IReadOnlyDictionary<string, int> CreatedIds)
{
    public bool Succeeded => Outcome == CopyOutcome.Copied;
}

/// <summary>An item the picker offers: its id, name, vendor and what the list shows beside it.</summary>
public sealed record CopyCandidate(int Id, string Name, SmsVendor Vendor, string Detail);

/// <summary>A sandbox's items that can be copied, by kind.</summary>
public sealed record CopyCandidates(IReadOnlyList<CopyCandidate> Credentials, IReadOnlyList<CopyCandidate> Webhooks,
    IReadOnlyList<CopyCandidate> ChannelConfigurations);

/// <summary>The copy's refusals (English localization keys).</summary>
public static class SandboxCopyMessages
{
    public const string CredentialNameTaken = "An API credential with this name already exists in the target sandbox.";
    public const string WebhookNameTaken = "An SMS webhook with this name already exists in the target sandbox.";
    public const string ChannelNameTaken = "A channel configuration with this name already exists in the target sandbox.";
    public const string NameTwice = "Another item of this copy has the same name.";
    public const string NameRequired = "Enter a name.";
    public const string NameTooLong = "The name can be at most 100 characters.";

    public const string SourceIncomplete =
        "This API credential has no secrets yet in this sandbox: complete it here before copying it.";

    /// <summary>The reason a copied credential is Not verified, shown on the list until its secrets are entered.</summary>
    public const string CopiedWithoutSecrets = "Copied without its secrets: edit it and enter them.";

    public const string TargetNotAllowed = "Choose a sandbox in which you have the Manage permission.";
    public const string NothingPicked = "Pick at least one item to copy.";
}
