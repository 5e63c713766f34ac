using System.Globalization;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;

namespace JourneyOptimizer.Sms.Core.Channels;

/// <summary>What happened to a channel configuration command. Outcomes are values; only bugs are exceptions.</summary>
public enum ChannelConfigurationOutcome
{
    Saved,
    Submitted,
    Activated,
    Deactivated,
    Duplicated,
    Deleted,
    ChangeDiscarded,
    NotFound,
    Invalid,
    NameTaken,
    ConcurrencyConflict,

    /// <summary>Not allowed in the configuration's current status (e.g. deleting an Active one).</summary>
    NotAllowed,
}

public sealed record ChannelConfigurationResult(ChannelConfigurationOutcome Outcome, int? Id = null, IReadOnlyList<FieldError>? Errors = null)
{
    public bool Succeeded => Outcome is ChannelConfigurationOutcome.Saved or ChannelConfigurationOutcome.Submitted
        or ChannelConfigurationOutcome.Activated or ChannelConfigurationOutcome.Deactivated or ChannelConfigurationOutcome.Duplicated
        or ChannelConfigurationOutcome.Deleted or ChannelConfigurationOutcome.ChangeDiscarded;

    public IReadOnlyList<FieldError> FieldErrors => Errors ?? [];

    public static ChannelConfigurationResult Fail(ChannelConfigurationOutcome outcome, params FieldError[] errors) => new(outcome, null, errors);
}

/// <summary>The answer of a test message from a configuration: refused before sending (field errors), or the provider's answer.</summary>
public sealed record ChannelTestMessageResult(bool NotFound, IReadOnlyList<FieldError> Errors, TestMessageResult? Answer);

/// <summary>One row of the list.</summary>
public sealed record ChannelConfigurationListItem(
    int Id,
    string Name,
    ChannelConfigurationStatus Status,
    MobileChannel Channel,
    SmsType? SmsType,
    string? CredentialName,
    string? SenderNumber,
    ChangeCheckStatus? PendingCheck,
    string ModifiedBy,
    DateTime ModifiedAtUtc);

/// <summary>The list's filters: status, SMS type, and names starting with a text.</summary>
public sealed record ChannelConfigurationFilter(ChannelConfigurationStatus? Status = null, SmsType? SmsType = null, string? Search = null);

/// <summary>What the list's status polling needs about one row.</summary>
public sealed record ChannelConfigurationState(int Id, ChannelConfigurationStatus Status, ChangeCheckStatus? PendingCheck,
    IReadOnlyList<FieldError> Errors, IReadOnlyList<FieldError> PendingErrors);

/// <summary>An API credential offered as "Mobile configuration", with its vendor's name (a localization key) and its channel.</summary>
public sealed record CredentialOption(int Id, string Name, SmsVendor Vendor, string VendorName, MobileChannel Channel);

/// <summary>Why a check failed, stored as JSON: English keys and their arguments (as invariant text), translated when shown.</summary>
public static class CheckErrors
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private sealed record Stored(string Field, string Message, string[] Arguments);

    public static string? ToJson(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            return null;
        }

        var stored = errors.Select(e => new Stored(e.Field, e.Message,
            e.Arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "").ToArray())).ToList();
        var json = JsonSerializer.Serialize(stored, Options);
        while (json.Length > ChannelConfiguration.CheckErrorsMaxLength && stored.Count > 1)
        {
            stored.RemoveAt(stored.Count - 1);
            json = JsonSerializer.Serialize(stored, Options);
        }

        return json.Length <= ChannelConfiguration.CheckErrorsMaxLength ? json
            : JsonSerializer.Serialize(new[] { new Stored("", ChannelChecks.CheckFailed, []) }, Options);
    }

    public static IReadOnlyList<FieldError> FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        var stored = JsonSerializer.Deserialize<List<Stored>>(json, Options) ?? [];
        return stored.Select(s => new FieldError(s.Field, s.Message, [.. s.Arguments])).ToList();
    }
}
