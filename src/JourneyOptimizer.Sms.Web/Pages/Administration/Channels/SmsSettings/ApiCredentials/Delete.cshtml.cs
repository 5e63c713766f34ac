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

    /// <summary>Shown by the list: why the credential was not deleted (what uses it).</summary>
    [TempData]
    public string? ErrorMessage { get; set; }

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

        if (result.Outcome == CredentialOutcome.InUse)
        {
            // The reason goes to the list, which shows it beside the credential: no page that still offers Delete.
            ErrorMessage = string.Join(" ", result.FieldErrors.Select(e => localizer[e.Message, e.Arguments].Value));
            return RedirectToPage("Index", new { sandbox = Sandbox.Name });
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
