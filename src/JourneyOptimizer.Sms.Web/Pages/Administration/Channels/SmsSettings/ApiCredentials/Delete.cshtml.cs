using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>The confirmation (a page without JavaScript, a modal dialog with it) and the delete itself.</summary>
[RequiresManage]
public sealed class DeleteModel(ApiCredentialService credentials, IStringLocalizer<SharedResource> localizer) : SandboxPageModel
{
    public ApiCredential? Credential { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Credential = await credentials.FindAsync(Sandbox.Id, id, cancellationToken);
        return Credential is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Credential = await credentials.FindAsync(Sandbox.Id, id, cancellationToken);
        if (Credential is null)
        {
            return NotFound();
        }

        var result = await credentials.DeleteAsync(Sandbox.Id, id, Actor, cancellationToken);
        if (result.Outcome == CredentialOutcome.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.FieldErrors, string.Empty, localizer);
            return Page();
        }

        StatusMessage = localizer["API credential “{0}” deleted.", Credential.Name];
        return RedirectToPage("Index", new { sandbox = Sandbox.Name });
    }
}
