using System.Globalization;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;

/// <summary>
/// A webhook's page: its Webhook URL to copy, its signing secret once right after it was made (then only its hint),
/// and the form to edit it (read-only for View users). Vendor and type never change.
/// </summary>
public sealed class EditModel(WebhookService webhooks, PendingSecrets pendingSecrets, IOptions<WebhookOptions> options,
    WebhookProviderSettings providerSettings, IStringLocalizer<SharedResource> localizer) : WebhookFormPageModel(webhooks, localizer)
{
    /// <summary>The longest the page waits for the provider's setting: past it, the page says it could not be read.</summary>
    public static readonly TimeSpan ProviderReadLimit = TimeSpan.FromSeconds(10);

    /// <summary>The TempData entry that carries a new signing secret, encrypted, to the next GET of this page only.</summary>
    public const string OneTimeSecretKey = "WebhookSecret";

    [BindProperty]
    public int Version { get; set; }

    public Webhook? Webhook { get; private set; }

    public string WebhookUrl { get; private set; } = "";

    /// <summary>
    /// What the provider has configured for this webhook's type, read for this view (never remembered); null when the
    /// vendor offers no such setting or the page is shown again after a refused save.
    /// </summary>
    public ProviderSettingView? ProviderSetting { get; private set; }

    /// <summary>The new signing secret, only on the first page shown after it was made.</summary>
    public string? OneTimeSecret { get; private set; }

    public override bool CanChooseVendorAndType => false;

    public static string SecretFor(int id, string secret) => id.ToString(CultureInfo.InvariantCulture) + ":" + secret;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await PrepareAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = WebhookService.ToInput(Webhook!);
        Version = Webhook!.Version;

        // Read once: TempData forgets it after this request, and it only ever opens on this webhook's page.
        var carried = pendingSecrets.Unprotect(TempData[OneTimeSecretKey] as string);
        var prefix = SecretFor(id, "");
        if (carried is not null && carried.StartsWith(prefix, StringComparison.Ordinal))
        {
            OneTimeSecret = carried[prefix.Length..];
            Response.Headers.CacheControl = "no-store";
        }

        ProviderSetting = await ReadProviderSettingAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await PrepareAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // The form's vendor and type are ignored: the service checks the edit as the stored ones.
        ModelState.Clear();
        var result = await Webhooks.UpdateAsync(Sandbox.Id, id, Version, Input, Actor, cancellationToken);
        if (result.Outcome == WebhookOutcome.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            return Refused(result);
        }

        StatusMessage = Localizer["SMS webhook “{0}” saved.", Input.Name!.Trim()];
        return RedirectToPage("Index", new { sandbox = Sandbox.Name });
    }

    private async Task<ProviderSettingView?> ReadProviderSettingAsync(CancellationToken cancellationToken)
    {
        if (!providerSettings.Supports(Webhook!.Vendor))
        {
            return null;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ProviderReadLimit);
        try
        {
            return await providerSettings.ReadAsync(Webhook, WebhookUrl, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A slow provider must not hold the page: it says the setting could not be read.
            return new ProviderSettingView(ProviderSettingState.Unreadable, null, "",
                new Core.Common.FieldError(Core.Common.FieldError.FormLevel, ProviderUnreachableMessage));
        }
    }

    /// <summary>The reason shown when the provider did not answer within <see cref="ProviderReadLimit"/>.</summary>
    public const string ProviderUnreachableMessage = "The provider did not answer in time. Reload the page to try again.";

    protected override async Task<bool> PrepareAsync(int? id, CancellationToken cancellationToken)
    {
        Webhook = await Webhooks.FindAsync(Sandbox.Id, id ?? 0, cancellationToken);
        if (Webhook is null)
        {
            return false;
        }

        Input.Vendor = Webhook.Vendor;
        Input.Type = Webhook.Type;
        WebhookUrl = BuildWebhookUrl(Request, options, Webhook.PathToken);
        return await base.PrepareAsync(id, cancellationToken);
    }
}
