using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>What Create and Edit share: the form, the "Save without verification" round trip, the header rows.</summary>
public abstract class ApiCredentialFormPageModel(PendingSecrets pendingSecrets, IStringLocalizer<SharedResource> localizer)
    : SandboxPageModel, IApiCredentialFormPage
{
    [BindProperty]
    public ApiCredentialForm Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Set by the "Save without verification" button.</summary>
    [BindProperty]
    public bool SaveWithoutVerification { get; set; }

    [BindProperty]
    public string? PendingAuthToken { get; set; }

    public bool OfferSaveWithoutVerification { get; private set; }

    public abstract bool RendersAllVendors { get; }

    public string? AuthTokenHint { get; protected set; }

    public IReadOnlyDictionary<string, string> SecretHints { get; protected set; } = new Dictionary<string, string>();

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    /// <summary>"Add new parameter": one more header row (works without JavaScript).</summary>
    public async Task<IActionResult> OnPostAddHeaderAsync(int? id, CancellationToken cancellationToken)
    {
        await PrepareAsync(id, cancellationToken);
        ModelState.Clear();
        if (Input.Custom.Headers.Count < CustomCredentialInputValidator.MaxExtraHeaders + 2)
        {
            Input.Custom.Headers.Add(new CustomHeaderInput());
        }

        return Page();
    }

    /// <summary>The bin icon of a header row; Content-Type and Charset (rows 0 and 1) stay.</summary>
    public async Task<IActionResult> OnPostRemoveHeaderAsync(int? id, int index, CancellationToken cancellationToken)
    {
        await PrepareAsync(id, cancellationToken);
        ModelState.Clear();
        if (index >= 2 && index < Input.Custom.Headers.Count)
        {
            Input.Custom.Headers.RemoveAt(index);
        }

        return Page();
    }

    /// <summary>Loads what the page shows besides the posted form (the stored credential on Edit).</summary>
    protected abstract Task PrepareAsync(int? id, CancellationToken cancellationToken);

    /// <summary>The Twilio token typed before a "could not be checked" answer comes back encrypted; use it again.</summary>
    protected void RestorePendingSecret()
    {
        if (string.IsNullOrEmpty(Input.Twilio.AuthToken))
        {
            Input.Twilio.AuthToken = pendingSecrets.Unprotect(PendingAuthToken);
        }
    }

    /// <summary>
    /// A refused save (bad field, provider unreachable) keeps the Twilio token just typed: the browser gets it back
    /// only encrypted, and the next post uses it when the field is left blank.
    /// </summary>
    protected void KeepTypedSecret()
    {
        RestorePendingSecret();
        PendingAuthToken = Input.Vendor == SmsVendor.Twilio ? pendingSecrets.Protect(Input.Twilio.AuthToken) : null;
    }

    /// <summary>Shows a refused save: the field errors, and the offer to save without verification when it applies.</summary>
    protected IActionResult Refused(CredentialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ModelState.AddFieldErrors(result.FieldErrors, ApiCredentialForm.FieldPrefix(Input.Vendor), localizer);
        OfferSaveWithoutVerification = result.Outcome == CredentialOutcome.ProviderUnreachable;
        KeepTypedSecret();
        return Page();
    }
}
