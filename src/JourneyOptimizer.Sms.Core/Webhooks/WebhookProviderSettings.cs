using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>Where the provider's setting for a webhook points, as read just now.</summary>
public enum ProviderSettingState
{
    /// <summary>The vendor has no API for it (<see cref="IProviderCallbacks"/>): the URL is pasted by hand.</summary>
    NotSupported = 0,

    /// <summary>The provider sends this webhook type's requests to this webhook.</summary>
    PointsHere = 1,

    /// <summary>The provider sends them elsewhere.</summary>
    PointsElsewhere = 2,

    /// <summary>The provider's setting is empty.</summary>
    NotSet = 3,

    /// <summary>The provider could not be asked, or refused: see <see cref="ProviderSettingView.Error"/>.</summary>
    Unreadable = 4,
}

/// <summary>
/// The provider's setting: its state, the URL shown (a portal webhook path's token replaced by "…", since a token is
/// a secret and the URL may be another webhook's), a fingerprint of the exact value to confirm a replacement against,
/// and the reason when it could not be read.
/// </summary>
public sealed record ProviderSettingView(ProviderSettingState State, string? ShownUrl, string Fingerprint, FieldError? Error)
{
    public static readonly ProviderSettingView NotSupported = new(ProviderSettingState.NotSupported, null, "", null);
}

public enum ProviderConfigureOutcome
{
    Configured,
    NotFound,
    NotSupported,

    /// <summary>The provider's setting is no longer what the administrator confirmed replacing: confirm again.</summary>
    Changed,

    /// <summary>The provider could not be reached or refused: see <see cref="ProviderConfigureResult.Error"/>.</summary>
    Failed,
}

/// <summary>The outcome of "Configure in {provider}", with the setting as read before the change.</summary>
public sealed record ProviderConfigureResult(ProviderConfigureOutcome Outcome, ProviderSettingView? Before = null, FieldError? Error = null);

/// <summary>
/// "Configure in Twilio" and what the webhook page shows of the provider's setting, for any vendor that implements
/// <see cref="IProviderCallbacks"/>. The provider's value is read on every view and before every change, never taken
/// from memory; a change replaces only the value the administrator was shown (compared by fingerprint), and is audited.
/// </summary>
public sealed partial class WebhookProviderSettings(
    SmsDbContext db,
    CredentialVendors vendors,
    AuditLog audit,
    ILogger<WebhookProviderSettings> logger)
{
    /// <summary>The audit action of a provider setting pointed at a webhook.</summary>
    public const string ConfiguredInProviderAction = "ConfiguredInProvider";

    /// <summary>A failed setting's reason when the vendor gave none.</summary>
    public const string UnknownFailureMessage = "The provider refused the change.";

    /// <summary>Whether the portal can read and set the provider's setting for this vendor's webhooks.</summary>
    public bool Supports(SmsVendor vendor) => vendors.Find(vendor) is IProviderCallbacks;

    /// <summary>
    /// The provider's setting for <paramref name="webhook"/> (loaded with its credential), compared with
    /// <paramref name="webhookUrl"/>, the URL providers reach it at.
    /// </summary>
    public async Task<ProviderSettingView> ReadAsync(Webhook webhook, string webhookUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (vendors.Find(webhook.Vendor) is not IProviderCallbacks callbacks || webhook.ApiCredential is null)
        {
            return ProviderSettingView.NotSupported;
        }

        var read = await callbacks.ReadAsync(webhook.ApiCredential, webhook.Type, cancellationToken);
        if (!read.Succeeded)
        {
            LogReadFailed(logger, webhook.Id, read.ErrorKey);
        }

        return View(read, webhookUrl);
    }

    /// <summary>
    /// Points the provider's setting of the webhook at <paramref name="webhookUrl"/>, if it still holds the value whose
    /// fingerprint the administrator confirmed (<paramref name="confirmedFingerprint"/>); audited in the sandbox.
    /// </summary>
    public async Task<ProviderConfigureResult> ConfigureAsync(int sandboxId, int webhookId, string webhookUrl, string? confirmedFingerprint,
        Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var webhook = await db.Webhooks.AsNoTracking().Include(w => w.ApiCredential)
            .FirstOrDefaultAsync(w => w.Id == webhookId && w.SandboxId == sandboxId, cancellationToken);
        if (webhook?.ApiCredential is null)
        {
            return new ProviderConfigureResult(ProviderConfigureOutcome.NotFound);
        }

        if (vendors.Find(webhook.Vendor) is not IProviderCallbacks callbacks)
        {
            return new ProviderConfigureResult(ProviderConfigureOutcome.NotSupported);
        }

        var read = await callbacks.ReadAsync(webhook.ApiCredential, webhook.Type, cancellationToken);
        var before = View(read, webhookUrl);
        if (before.State == ProviderSettingState.Unreadable)
        {
            return new ProviderConfigureResult(ProviderConfigureOutcome.Failed, before, before.Error);
        }

        if (!string.Equals(before.Fingerprint, confirmedFingerprint ?? "", StringComparison.Ordinal))
        {
            return new ProviderConfigureResult(ProviderConfigureOutcome.Changed, before);
        }

        var set = await callbacks.PointAtAsync(webhook.ApiCredential, webhook.Type, new Uri(webhookUrl), cancellationToken);
        if (!set.Succeeded)
        {
            LogConfigureFailed(logger, webhook.Id, sandboxId, set.ErrorKey);
            return new ProviderConfigureResult(ProviderConfigureOutcome.Failed, before, Error(set));
        }

        audit.Record(actor, sandboxId, WebhookService.AuditObjectType, webhook.Id.ToString(CultureInfo.InvariantCulture), webhook.Name,
            ConfiguredInProviderAction,
            [new AuditChange(callbacks.SettingName(webhook.Type), before.ShownUrl, Redact(set.Url ?? webhookUrl))]);
        await db.SaveChangesAsync(cancellationToken);
        LogConfigured(logger, webhook.Id, sandboxId, webhook.Vendor, webhook.Type);
        return new ProviderConfigureResult(ProviderConfigureOutcome.Configured, before);
    }

    /// <summary>The fingerprint of a provider value: SHA-256 of it (empty for none), so the page never carries the value.</summary>
    public static string Fingerprint(string? url) =>
        string.IsNullOrEmpty(url) ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)));

    /// <summary>A URL with the token of any portal webhook path (<c>/webhooks/{token}</c>) replaced by "…".</summary>
    public static string? Redact(string? url) => url is null ? null : WebhookPathToken().Replace(url, "$1…");

    /// <summary>True when two URLs name the same resource (scheme and host compared case-insensitively).</summary>
    public static bool SameUrl(string? a, string? b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var left) && Uri.TryCreate(b, UriKind.Absolute, out var right)
            && Uri.Compare(left, right, UriComponents.HttpRequestUrl, UriFormat.UriEscaped, StringComparison.Ordinal) == 0;

    private static ProviderSettingView View(ProviderCallbackResult read, string webhookUrl)
    {
        if (!read.Succeeded)
        {
            return new ProviderSettingView(ProviderSettingState.Unreadable, null, "", Error(read));
        }

        var state = read.Url is null ? ProviderSettingState.NotSet
            : SameUrl(read.Url, webhookUrl) ? ProviderSettingState.PointsHere
            : ProviderSettingState.PointsElsewhere;
        return new ProviderSettingView(state, Redact(read.Url), Fingerprint(read.Url), null);
    }

    private static FieldError Error(ProviderCallbackResult result) =>
        new(FieldError.FormLevel, result.ErrorKey ?? UnknownFailureMessage, [.. result.ErrorArguments ?? []]);

    [GeneratedRegex("(/webhooks/)[^/?#]+", RegexOptions.CultureInvariant)]
    private static partial Regex WebhookPathToken();

    [LoggerMessage(Level = LogLevel.Information, Message = "The provider setting of webhook {WebhookId} could not be read: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, int webhookId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The provider setting of webhook {WebhookId} in sandbox {SandboxId} was not changed: {Reason}")]
    private static partial void LogConfigureFailed(ILogger logger, int webhookId, int sandboxId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Vendor} {Type} setting now points at webhook {WebhookId} in sandbox {SandboxId}")]
    private static partial void LogConfigured(ILogger logger, int webhookId, int sandboxId, SmsVendor vendor, WebhookType type);
}
