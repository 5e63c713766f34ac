using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>Edit: the same form filled in; secrets only as "set" with their last characters; blank keeps them.</summary>
public sealed class EditModel(ApiCredentialService credentials, PendingSecrets pendingSecrets, IStringLocalizer<SharedResource> localizer)
    : ApiCredentialFormPageModel(pendingSecrets, localizer)
{
    /// <summary>The version the form was opened at: a save against a newer one is refused.</summary>
    [BindProperty]
    public int Version { get; set; }

    public ApiCredential? Credential { get; private set; }

    public override bool RendersAllVendors => false;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await PrepareAsync(id, cancellationToken);
        if (Credential is null)
        {
            return NotFound();
        }

        Version = Credential.Version;
        Input = new ApiCredentialForm { Vendor = Credential.Vendor };
        switch (Credential)
        {
            case CustomCredential custom:
                Input.Custom = CustomCredentialMapper.ToInput(custom.Name, custom.Configuration());
                break;
            case TwilioCredential twilio:
                Input.Twilio = new TwilioCredentialInput
                {
                    Name = twilio.Name,
                    AccountSid = twilio.AccountSid,
                    MessagingServiceSid = twilio.MessagingServiceSid,
                    InboundNumber = twilio.InboundNumber,
                };
                break;
        }

        return Page();
    }

    /// <summary>Without JavaScript, "Apply" re-renders the form with the chosen auth type's fields.</summary>
    public async Task<IActionResult> OnPostVendorAsync(int id, CancellationToken cancellationToken)
    {
        await PrepareAsync(id, cancellationToken);
        ModelState.Clear();
        return Credential is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        await PrepareAsync(id, cancellationToken);
        if (Credential is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            KeepTypedSecret();
            return Page();
        }

        RestorePendingSecret();
        var result = Credential.Vendor switch
        {
            SmsVendor.Twilio => await credentials.UpdateTwilioAsync(Sandbox.Id, id, Version, Input.Twilio, Actor, SaveWithoutVerification, cancellationToken),
            SmsVendor.Custom => await credentials.UpdateCustomAsync(Sandbox.Id, id, Version, Input.Custom, Actor, cancellationToken),
            _ => CredentialResult.Fail(CredentialOutcome.NotFound),
        };
        if (result.Outcome == CredentialOutcome.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            return Refused(result);
        }

        StatusMessage = Localizer["API credential “{0}” saved.", Input.Name!.Trim()];
        return RedirectToPage("Index", new { sandbox = Sandbox.Name });
    }

    /// <summary>Loads the stored credential; the vendor of an existing credential never changes, whatever the form says.</summary>
    protected override async Task PrepareAsync(int? id, CancellationToken cancellationToken)
    {
        Credential = await credentials.FindAsync(Sandbox.Id, id ?? 0, cancellationToken);
        if (Credential is null)
        {
            return;
        }

        Input.Vendor = Credential.Vendor;
        AuthTokenHint = (Credential as TwilioCredential)?.AuthTokenHint;
        SecretHints = (Credential as CustomCredential)?.Configuration().SecretHints ?? new Dictionary<string, string>();
    }
}
