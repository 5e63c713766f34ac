using System.Globalization;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.AuditLog;

/// <summary>An audit entry in words: one sentence for what happened, one line per field changed.</summary>
public sealed record AuditSentence(string Headline, IReadOnlyList<string> Details);

/// <summary>
/// Turns a stored entry (object type, action, changes with code field names) into sentences in the user's language
/// when the page is shown, so entries written before a wording changed read as well as new ones. Field labels are the
/// forms' labels (a credential's from its vendor, <see cref="ICredentialVendor.FieldLabels"/>); values the portal
/// writes (statuses, yes/no) are translated, data (names, numbers) is shown as is.
/// </summary>
public sealed class AuditSentences(IStringLocalizer<SharedResource> localizer, CredentialVendors vendors,
    IReadOnlyDictionary<string, string> credentialNames)
{
    /// <summary>Fields that the headline already tells, or that carry a check's reason.</summary>
    private static readonly HashSet<string> HeadlineFields =
        ["Status", "PendingChange", "VerificationStatus", "Outcome", "Source", "State", "Reason", "FromSandbox", "ToSandbox", "Copy"];

    /// <summary>Fields whose values are JSON or long text: the log says that they changed, not how.</summary>
    private static readonly HashSet<string> DocumentFields =
        ["Keywords", "PayloadMapping", "ProviderPayload", "JwtPayload", "Headers", "Description", "ClientCertificate"];

    public AuditSentence Describe(AuditLogItem entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var details = new List<string>();
        foreach (var change in entry.Changes)
        {
            if (change.Field == "Reason" && change.NewValue is { Length: > 0 } reason)
            {
                details.Add(localizer["Reason: {0}", localizer.Stored(reason).Value]);
            }
            else if (!HeadlineFields.Contains(change.Field))
            {
                details.Add(Detail(entry, change));
            }
        }

        return new AuditSentence(Headline(entry), details);
    }

    private string Headline(AuditLogItem e)
    {
        var name = e.ObjectName;
        var pending = e.Changes.Any(c => c.Field == "PendingChange");
        switch (e.Action)
        {
            case SandboxCopyService.CopiedFromAction:
                return localizer["{0} “{1}” copied from “{2}” in sandbox “{3}”", ObjectTypeLabel(e.ObjectType), name, Value(e, "Source") ?? "",
                    Value(e, "FromSandbox") ?? ""];
            case SandboxCopyService.CopiedToAction:
                return localizer["{0} “{1}” copied to sandbox “{2}” as “{3}”", ObjectTypeLabel(e.ObjectType), name, Value(e, "ToSandbox") ?? "",
                    Value(e, "Copy") ?? ""];
        }

        return e.ObjectType switch
        {
            "ApiCredential" => CredentialHeadline(e, localizer[vendors.Find(e.Vendor)?.DisplayName ?? "API"].Value),
            "ChannelConfiguration" => e.Action switch
            {
                "Created" => localizer["Channel configuration “{0}” created", name],
                "Updated" => localizer["Channel configuration “{0}” changed", name],
                "Deleted" => localizer["Channel configuration “{0}” deleted", name],
                "Submitted" when pending => localizer["Change to channel configuration “{0}” submitted", name],
                "Submitted" => localizer["Channel configuration “{0}” submitted", name],
                "CheckPassed" when pending => localizer["Change to channel configuration “{0}” checked: applied", name],
                "CheckPassed" => localizer["Channel configuration “{0}” submitted: checks passed", name],
                "CheckFailed" when pending => localizer["Change to channel configuration “{0}” checked: refused, the previous version stays in use", name],
                "CheckFailed" => localizer["Channel configuration “{0}” submitted: checks failed", name],
                "Activated" => localizer["Channel configuration “{0}” activated", name],
                "Deactivated" => localizer["Channel configuration “{0}” deactivated", name],
                "Duplicated" => localizer["Channel configuration “{0}” created as a copy of “{1}”", name, Value(e, "Source") ?? ""],
                "ChangeDiscarded" => localizer["Pending change to channel configuration “{0}” discarded", name],
                "TestMessageSent" => TestMessage(e, localizer["Channel configuration"].Value),
                _ => Fallback(e),
            },
            "Webhook" => e.Action switch
            {
                "Created" => localizer["SMS webhook “{0}” created", name],
                "Updated" => localizer["SMS webhook “{0}” changed", name],
                "Deleted" => localizer["SMS webhook “{0}” deleted", name],
                "SecretRegenerated" => localizer["Signing secret of SMS webhook “{0}” regenerated", name],
                "ConfiguredInProvider" => localizer["Provider set to send to SMS webhook “{0}”", name],
                _ => Fallback(e),
            },
            "Sandbox" => e.Action switch
            {
                "Created" => localizer["Sandbox “{0}” created", name],
                "Updated" => localizer["Sandbox “{0}” changed", name],
                _ => Fallback(e),
            },
            "User" => e.Action switch
            {
                "Created" => localizer["User {0} created", name],
                "Updated" => localizer["User {0} changed", name],
                "SetPasswordLinkIssued" => localizer["Set-password link created for {0}", name],
                "PasswordSet" => localizer["Password of {0} set", name],
                "LockoutReset" => localizer["Lockout of {0} reset", name],
                "SignedOutEverywhere" => localizer["{0} signed out everywhere", name],
                _ => Fallback(e),
            },
            "ApiKey" => e.Action switch
            {
                "Created" => localizer["API key “{0}” created", name],
                "Revoked" => localizer["API key “{0}” revoked", name],
                "FirstUsed" => localizer["API key “{0}” used for the first time", name],
                _ => Fallback(e),
            },
            "Consent" => e.Action switch
            {
                "OptedOut" => localizer["{0} opted out by an administrator", name],
                "OptedIn" => localizer["{0} opted in by an administrator", name],
                _ => Fallback(e),
            },
            _ => Fallback(e),
        };
    }

    private string CredentialHeadline(AuditLogItem e, string vendor) => e.Action switch
    {
        "Created" => localizer["{0} credential “{1}” created", vendor, e.ObjectName],
        "Updated" => localizer["{0} credential “{1}” changed", vendor, e.ObjectName],
        "Deleted" => localizer["{0} credential “{1}” deleted", vendor, e.ObjectName],
        "Verified" when Value(e, "VerificationStatus") == "Verified" => localizer["{0} credential “{1}” verified", vendor, e.ObjectName],
        "Verified" => localizer["{0} credential “{1}” failed verification", vendor, e.ObjectName],
        "TestMessageSent" => TestMessage(e, localizer["{0} credential", vendor].Value),
        "Rechecked" when Value(e, "VerificationStatus") == "Verified" =>
            localizer["{0} credential “{1}” passed its scheduled check", vendor, e.ObjectName],
        "Rechecked" => localizer["{0} credential “{1}” failed its scheduled check", vendor, e.ObjectName],
        _ => Fallback(e),
    };

    /// <summary>The stored outcome is "sent {message id}" or "failed {error code}".</summary>
    private string TestMessage(AuditLogItem e, string what)
    {
        var outcome = Value(e, "Outcome") ?? "";
        return outcome.StartsWith("sent ", StringComparison.Ordinal)
            ? localizer["Test message sent with {0} “{1}”: message ID {2}", what, e.ObjectName, outcome["sent ".Length..]]
            : localizer["Test message with {0} “{1}” refused: {2}", what, e.ObjectName,
                outcome.StartsWith("failed ", StringComparison.Ordinal) ? outcome["failed ".Length..] : outcome];
    }

    private string Fallback(AuditLogItem e) => localizer["{0} “{1}” — action {2}", ObjectTypeLabel(e.ObjectType), e.ObjectName, ActionLabel(e.Action)];

    private static string? Value(AuditLogItem e, string field) => e.Changes.FirstOrDefault(c => c.Field == field)?.NewValue;

    private string Detail(AuditLogItem entry, AuditChange c)
    {
        var label = entry.ObjectType == "ApiCredential" ? CredentialFieldLabel(entry.Vendor, c.Field) : FieldLabel(entry.ObjectType, c.Field);
        if (c.Secret || DocumentFields.Contains(c.Field))
        {
            return c.OldValue is null && c.NewValue is not null && !c.Secret ? localizer["{0} set", label] : localizer["{0} changed", label];
        }

        var from = ValueLabel(c.Field, c.OldValue);
        var to = ValueLabel(c.Field, c.NewValue);
        return (from.Length, to.Length) switch
        {
            (0, 0) => localizer["{0} changed", label],
            (0, _) => localizer["{0} set to {1}", label, to],
            (_, 0) => localizer["{0} cleared (was {1})", label, from],
            _ => localizer["{0} changed from {1} to {2}", label, from, to],
        };
    }

    public string ObjectTypeLabel(string type) => type switch
    {
        "ApiCredential" => localizer["API credential"],
        "Sandbox" => localizer["Sandbox"],
        "User" => localizer["User"],
        "Webhook" => localizer["SMS webhook"],
        "ChannelConfiguration" => localizer["Channel configuration"],
        "Consent" => localizer["Consent"],
        "ApiKey" => localizer["API key"],
        _ => type,
    };

    public string ActionLabel(string action) => action switch
    {
        "Created" => localizer["Created"],
        "Updated" => localizer["Updated"],
        "Deleted" => localizer["Deleted"],
        "Verified" => localizer["Verified"],
        "TestMessageSent" => localizer["Test message sent"],
        "Submitted" => localizer["Submitted"],
        "CheckPassed" => localizer["Checks passed"],
        "CheckFailed" => localizer["Checks failed"],
        "Activated" => localizer["Activated"],
        "Deactivated" => localizer["Deactivated"],
        "Duplicated" => localizer["Duplicated"],
        "ChangeDiscarded" => localizer["Change discarded"],
        "SecretRegenerated" => localizer["Signing secret regenerated"],
        "SetPasswordLinkIssued" => localizer["Set-password link created"],
        "PasswordSet" => localizer["Password set"],
        "LockoutReset" => localizer["Lockout reset"],
        "SignedOutEverywhere" => localizer["Signed out everywhere"],
        "Revoked" => localizer["Revoked"],
        "FirstUsed" => localizer["First used"],
        "Rechecked" => localizer["Scheduled check"],
        "ConfiguredInProvider" => localizer["Configured in the provider"],
        SandboxCopyService.CopiedFromAction => localizer["Copied from another sandbox"],
        SandboxCopyService.CopiedToAction => localizer["Copied to another sandbox"],
        _ => action,
    };

    /// <summary>
    /// A credential's field as its vendor's form names it: the entry's vendor, else (a deleted credential) any vendor
    /// that has the field.
    /// </summary>
    public string CredentialFieldLabel(string? vendor, string field)
    {
        var label = vendors.Find(vendor)?.FieldLabels.GetValueOrDefault(field)
            ?? vendors.All.Select(v => v.FieldLabels.GetValueOrDefault(field)).FirstOrDefault(l => l is not null);
        if (label is not null)
        {
            return localizer[label];
        }

        // A secret header of a Custom credential: Headers[X-Api-Key].
        return field.StartsWith("Headers[", StringComparison.Ordinal) ? localizer["Headers"] + " " + field["Headers".Length..] : FieldLabel("ApiCredential", field);
    }

    /// <summary>A field as the form that edits it names it.</summary>
    public string FieldLabel(string objectType, string field) => field switch
    {
        _ when field.StartsWith("Sandbox ", StringComparison.Ordinal) => localizer["Sandbox"] + " " + field["Sandbox ".Length..],
        "ApiCredentialId" when objectType == "ChannelConfiguration" => localizer["Mobile configuration"],
        "ApiCredentialId" => localizer["API Credentials"],
        "Vendor" => localizer["Select SMS vendor"],
        "SenderNumber" when objectType == "Webhook" => localizer["Sender Phone Number"],
        "SenderNumber" => localizer["Sender number"],
        "SmsType" => localizer["SMS Type"],
        "ExecutionField" => localizer["SMS Execution Field"],
        "Keywords" => localizer["Inbound keywords"],
        "PayloadMapping" => localizer["Payload mapping"],
        "Headers" => localizer["Headers"],
        "SigningSecret" => localizer["Signing secret"],
        "Password" => localizer["Password"],
        "Email" => localizer["Email"],
        "Role" => localizer["Role"],
        "Title" => localizer["Title"],
        "Name" => localizer["Name"],
        "Type" => localizer["Type"],
        "Channel" => localizer["Channel"],
        "Description" => localizer["Description"],
        "Subdomain" => localizer["Subdomain"],
        "ExpiresAtUtc" => localizer["Expires"],
        "InboundRequestUrl" => localizer["URL for incoming messages"],
        "StatusCallback" => localizer["URL for delivery receipts"],
        _ => field,
    };

    /// <summary>
    /// Values the portal writes (Yes/No, statuses, enum names) are translated; a credential id becomes its name;
    /// data (names, numbers, SIDs) is shown as it is.
    /// </summary>
    public string ValueLabel(string field, string? value) => (field, value) switch
    {
        (_, null or "") => "",
        ("ApiCredentialId", _) => credentialNames.TryGetValue(value, out var credential) ? "“" + credential + "”" : localizer["deleted credential #{0}", value],
        ("VerificationStatus", "NotVerified") => localizer["Not verified"],
        ("ExpiresAtUtc", _) when DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires) =>
            Display.Time(expires.ToUniversalTime()),
        (_, "true" or "Yes") => localizer["Yes"],
        (_, "false" or "No") => localizer["No"],
        (_, "Enabled" or "Disabled") => localizer[value],
        ("AuthMethod", "AuthToken") => localizer["Auth Token"],
        ("AuthMethod", "ApiKey") => localizer["API key"],
        ("AuthType", _) => value switch
        {
            "None" => localizer["No Authentication"],
            "ApiKey" => localizer["API key"],
            "OAuth" => localizer["OAuth authentication"],
            "Jwt" => localizer["JWT authentication"],
            "Mac" => localizer["MAC authentication"],
            _ => value,
        },
        ("Channel" or "ChannelType", "Sms" or "SMS") => "SMS",
        ("Channel" or "ChannelType", "Mms" or "MMS") => "MMS",
        ("Channel" or "ChannelType", "Rcs" or "RCS") => "RCS",
        (_, "None") => localizer["No access"],
        ("Vendor" or "Type" or "SmsType" or "Channel" or "Status" or "State" or "ChannelType" or "AuthType" or "VerificationStatus", _) =>
            localizer[value],
        _ => value,
    };
}
