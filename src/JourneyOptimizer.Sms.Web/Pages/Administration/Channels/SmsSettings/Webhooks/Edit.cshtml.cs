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
    IStringLocalizer<SharedResource> localizer) : WebhookFormPageModel(webhooks, localizer)
{
    /// <summary>The TempData entry that carries a new signing secret, encrypted, to the next GET of this page only.</summary>
    public const string OneTimeSecretKey = "WebhookSecret";

    [BindProperty]
    public int Version { get; set; }

    public Webhook? Webhook { get; private set; }

    public string WebhookUrl { get; private set; } = "";

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
