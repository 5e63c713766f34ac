using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;

/// <summary>
/// "Configure in {provider}": shows what the provider has configured now (read on every view) and the webhook's URL
/// that replaces it; the confirmation posts the fingerprint of the value shown, so a value that changed meanwhile is
/// shown again rather than replaced unseen.
/// </summary>
[RequiresManage]
public sealed class ConfigureInProviderModel(
    WebhookService webhooks,
    WebhookProviderSettings settings,
    CredentialVendors vendors,
    IOptions<WebhookOptions> options,
    IStringLocalizer<SharedResource> localizer) : SandboxPageModel
{
    public Webhook? Webhook { get; private set; }

    public string WebhookUrl { get; private set; } = "";

    /// <summary>The provider's setting as read for this page.</summary>
    public ProviderSettingView Current { get; private set; } = ProviderSettingView.NotSupported;

    /// <summary>The vendor's name as shown.</summary>
    public string VendorName { get; private set; } = "";

    /// <summary>The fingerprint of the value the administrator saw and confirms replacing.</summary>
    [BindProperty]
    public string? Fingerprint { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await ReadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var result = await settings.ConfigureAsync(Sandbox.Id, id, WebhookUrl, Fingerprint, Actor, cancellationToken);
        switch (result.Outcome)
        {
            case ProviderConfigureOutcome.Configured:
                StatusMessage = Webhook!.Type == WebhookType.Inbound
                    ? localizer["{0} now sends incoming messages to “{1}”.", VendorName, Webhook.Name]
                    : localizer["{0} now sends delivery receipts to “{1}”.", VendorName, Webhook.Name];
                return RedirectToPage("Edit", new { sandbox = Sandbox.Name, id });
            case ProviderConfigureOutcome.Changed:
                ModelState.AddModelError(string.Empty,
                    localizer["The setting in {0} changed since you opened this page. Check the current value and confirm again.", VendorName]);
                break;
            case ProviderConfigureOutcome.Failed:
                ModelState.AddModelError(string.Empty, localizer["Nothing was changed in {0}: {1}", VendorName,
                    localizer[result.Error!.Message, result.Error.Arguments]]);
                break;
            default:
                return NotFound();
        }

        // The confirmation now stands for the value just read: the posted fingerprint must not be rendered back.
        Current = result.Before ?? Current;
        Fingerprint = Current.Fingerprint;
        ModelState.Remove(nameof(Fingerprint));
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Webhook = await webhooks.FindAsync(Sandbox.Id, id, cancellationToken);
        if (Webhook is null || !settings.Supports(Webhook.Vendor))
        {
            return false;
        }

        VendorName = localizer[vendors[Webhook.Vendor].DisplayName];
        WebhookUrl = WebhookFormPageModel.BuildWebhookUrl(Request, options, Webhook.PathToken);
        return true;
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        Current = await settings.ReadAsync(Webhook!, WebhookUrl, cancellationToken);
        Fingerprint = Current.Fingerprint;
        Response.Headers.CacheControl = "no-store";
    }
}
