using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;

/// <summary>Create Webhook: on success the webhook's page shows its URL and, when its vendor uses one, its signing secret once.</summary>
[RequiresManage]
public sealed class CreateModel(WebhookService webhooks, CredentialVendors vendors, PendingSecrets pendingSecrets,
    IStringLocalizer<SharedResource> localizer)
    : WebhookFormPageModel(webhooks, localizer)
{
    public override bool CanChooseVendorAndType => true;

    /// <summary>A new form starts with the first vendor whose webhooks the portal receives.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.Vendor = vendors.WithWebhooks.First().Vendor;
        await PrepareAsync(null, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(null, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await Webhooks.CreateAsync(Sandbox.Id, Input, Actor, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        StatusMessage = Localizer["SMS webhook “{0}” created.", Input.Name!.Trim()];
        if (result.SigningSecret is not null)
        {
            TempData[EditModel.OneTimeSecretKey] = pendingSecrets.Protect(EditModel.SecretFor(result.Id!.Value, result.SigningSecret));
        }

        return RedirectToPage("Edit", new { sandbox = Sandbox.Name, id = result.Id });
    }
}
