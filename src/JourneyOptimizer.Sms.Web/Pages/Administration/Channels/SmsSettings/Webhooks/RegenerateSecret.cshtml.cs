using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;

/// <summary>
/// The confirmation and the regeneration of a webhook's signing secret (for a vendor that uses them); the new one is
/// shown once on the webhook's page.
/// </summary>
[RequiresManage]
public sealed class RegenerateSecretModel(WebhookService webhooks, CredentialVendors vendors, PendingSecrets pendingSecrets,
    IStringLocalizer<SharedResource> localizer)
    : SandboxPageModel
{
    public Webhook? Webhook { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Webhook = await webhooks.FindAsync(Sandbox.Id, id, cancellationToken);
        return Webhook is not null && vendors.Find(Webhook.Vendor)?.Webhooks?.UsesSigningSecret == true ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Webhook = await webhooks.FindAsync(Sandbox.Id, id, cancellationToken);
        if (Webhook is null)
        {
            return NotFound();
        }

        var result = await webhooks.RegenerateSecretAsync(Sandbox.Id, id, Actor, cancellationToken);
        if (result.Outcome == WebhookOutcome.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.FieldErrors, string.Empty, localizer);
            return Page();
        }

        StatusMessage = localizer["A new signing secret was made for “{0}”.", Webhook.Name];
        TempData[EditModel.OneTimeSecretKey] = pendingSecrets.Protect(EditModel.SecretFor(id, result.SigningSecret!));
        return RedirectToPage("Edit", new { sandbox = Sandbox.Name, id });
    }
}
