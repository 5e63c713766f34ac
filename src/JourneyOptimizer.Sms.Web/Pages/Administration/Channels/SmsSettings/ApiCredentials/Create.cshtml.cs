using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

[RequiresManage]
public sealed class CreateModel(ApiCredentialService credentials, PendingSecrets pendingSecrets, IStringLocalizer<SharedResource> localizer)
    : ApiCredentialFormPageModel(pendingSecrets, localizer)
{
    public override bool RendersAllVendors => true;

    public void OnGet()
    {
    }

    /// <summary>Without JavaScript, "Apply" re-renders the form with the chosen vendor's (or auth type's) fields.</summary>
    public IActionResult OnPostVendor()
    {
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            KeepTypedSecret();
            return Page();
        }

        RestorePendingSecret();
        var result = Input.Vendor switch
        {
            SmsVendor.Twilio => await credentials.CreateTwilioAsync(Sandbox.Id, Input.Twilio, Actor, SaveWithoutVerification, cancellationToken),
            SmsVendor.Custom => await credentials.CreateCustomAsync(Sandbox.Id, Input.Custom, Actor, cancellationToken),
            _ => CredentialResult.Fail(CredentialOutcome.Invalid, new Core.Common.FieldError("Vendor", "Choose the SMS vendor.")),
        };
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        var name = Input.Name!.Trim();
        StatusMessage = Input.Vendor == SmsVendor.Custom
            ? Localizer["API credential “{0}” created. Send a test message to verify it.", name]
            : SaveWithoutVerification
                ? Localizer["API credential “{0}” saved without verification.", name]
                : Localizer["API credential “{0}” created and verified.", name];
        return RedirectToPage("Index", new { sandbox = Sandbox.Name });
    }

    protected override Task PrepareAsync(int? id, CancellationToken cancellationToken) => Task.CompletedTask;
}
