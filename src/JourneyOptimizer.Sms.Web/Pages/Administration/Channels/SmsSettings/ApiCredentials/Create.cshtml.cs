using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

public sealed class CreateModel(ApiCredentialService credentials, PendingSecrets pendingSecrets, IStringLocalizer<SharedResource> localizer)
    : SandboxPageModel, IApiCredentialFormPage
{
    [BindProperty]
    public ApiCredentialForm Input { get; set; } = new();

    public string? AuthTokenHint => null;

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Set by the "Save without verification" button.</summary>
    [BindProperty]
    public bool SaveWithoutVerification { get; set; }

    [BindProperty]
    public string? PendingAuthToken { get; set; }

    public bool OfferSaveWithoutVerification { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>Without JavaScript, "Apply" re-renders the form with the chosen vendor's fields.</summary>
    public IActionResult OnPostVendor()
    {
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (string.IsNullOrEmpty(Input.Twilio.AuthToken))
        {
            Input.Twilio.AuthToken = pendingSecrets.Unprotect(PendingAuthToken);
        }

        var result = Input.Vendor switch
        {
            SmsVendor.Twilio => await credentials.CreateTwilioAsync(Sandbox.Id, Input.Twilio, Actor, SaveWithoutVerification, cancellationToken),
            _ => CredentialResult.Fail(CredentialOutcome.Invalid, new Core.Common.FieldError("Vendor", "Choose the SMS vendor.")),
        };
        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.FieldErrors, ApiCredentialForm.FieldPrefix(Input.Vendor), localizer);
            OfferSaveWithoutVerification = result.Outcome == CredentialOutcome.ProviderUnreachable;
            PendingAuthToken = OfferSaveWithoutVerification ? pendingSecrets.Protect(Input.Twilio.AuthToken) : null;
            return Page();
        }

        StatusMessage = SaveWithoutVerification
            ? localizer["API credential “{0}” saved without verification.", Input.Twilio.Name!.Trim()]
            : localizer["API credential “{0}” created and verified.", Input.Twilio.Name!.Trim()];
        return RedirectToPage("Index", new { sandbox = Sandbox.Name });
    }
}
