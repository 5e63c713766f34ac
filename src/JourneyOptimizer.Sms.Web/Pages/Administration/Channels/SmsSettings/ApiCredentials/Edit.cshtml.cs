using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>Edit: the same form filled in; secrets only as "set" with their last characters; blank keeps them.</summary>
public sealed class EditModel(ApiCredentialService credentials, PendingSecrets pendingSecrets, IStringLocalizer<SharedResource> localizer)
    : SandboxPageModel, IApiCredentialFormPage
{
    [BindProperty]
    public ApiCredentialForm Input { get; set; } = new();

    /// <summary>The version the form was opened at: a save against a newer one is refused.</summary>
    [BindProperty]
    public int Version { get; set; }

    public string? AuthTokenHint { get; private set; }

    public ApiCredential? Credential { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Set by the "Save without verification" button.</summary>
    [BindProperty]
    public bool SaveWithoutVerification { get; set; }

    [BindProperty]
    public string? PendingAuthToken { get; set; }

    public bool OfferSaveWithoutVerification { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Credential = await credentials.FindAsync(Sandbox.Id, id, cancellationToken);
        if (Credential is null)
        {
            return NotFound();
        }

        Version = Credential.Version;
        Input = new ApiCredentialForm { Vendor = Credential.Vendor };
        if (Credential is TwilioCredential twilio)
        {
            Input.Twilio = new TwilioCredentialInput
            {
                Name = twilio.Name,
                AccountSid = twilio.AccountSid,
                MessagingServiceSid = twilio.MessagingServiceSid,
                InboundNumber = twilio.InboundNumber,
            };
        }

        AuthTokenHint = HintOf(Credential);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Credential = await credentials.FindAsync(Sandbox.Id, id, cancellationToken);
        if (Credential is null)
        {
            return NotFound();
        }

        // The vendor of an existing credential never changes, whatever the form says.
        Input.Vendor = Credential.Vendor;
        AuthTokenHint = HintOf(Credential);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (string.IsNullOrEmpty(Input.Twilio.AuthToken))
        {
            Input.Twilio.AuthToken = pendingSecrets.Unprotect(PendingAuthToken);
        }

        var result = Credential.Vendor switch
        {
            SmsVendor.Twilio => await credentials.UpdateTwilioAsync(Sandbox.Id, id, Version, Input.Twilio, Actor, SaveWithoutVerification, cancellationToken),
            _ => CredentialResult.Fail(CredentialOutcome.NotFound),
        };
        if (result.Outcome == CredentialOutcome.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.FieldErrors, ApiCredentialForm.FieldPrefix(Credential.Vendor), localizer);
            OfferSaveWithoutVerification = result.Outcome == CredentialOutcome.ProviderUnreachable;
            PendingAuthToken = OfferSaveWithoutVerification ? pendingSecrets.Protect(Input.Twilio.AuthToken) : null;
            return Page();
        }

        StatusMessage = localizer["API credential “{0}” saved.", Input.Twilio.Name!.Trim()];
        return RedirectToPage("Index", new { sandbox = Sandbox.Name });
    }

    private static string? HintOf(ApiCredential credential) => credential switch
    {
        TwilioCredential t => t.AuthTokenHint,
        _ => "",
    };
}
