using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;

/// <summary>The confirmation (a page without JavaScript, a modal dialog with it) and the delete itself.</summary>
[RequiresManage]
public sealed class DeleteModel(WebhookService webhooks, IStringLocalizer<SharedResource> localizer) : SandboxPageModel
{
    public Webhook? Webhook { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Webhook = await webhooks.FindAsync(Sandbox.Id, id, cancellationToken);
        return Webhook is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Webhook = await webhooks.FindAsync(Sandbox.Id, id, cancellationToken);
        if (Webhook is null)
        {
            return NotFound();
        }

        var result = await webhooks.DeleteAsync(Sandbox.Id, id, Actor, cancellationToken);
        if (result.Outcome == WebhookOutcome.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.FieldErrors, string.Empty, localizer);
            return Page();
        }

        StatusMessage = localizer["SMS webhook “{0}” deleted.", Webhook.Name];
        return RedirectToPage("Index", new { sandbox = Sandbox.Name });
    }
}
