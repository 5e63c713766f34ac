using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>
/// Edit: the same form filled in, with the credential's vendor only (it never changes: a post naming another vendor is
/// a bad request); secrets only as "set" with their last characters; blank keeps them.
/// </summary>
public sealed class EditModel(ApiCredentialService credentials, CredentialVendors vendors, PendingSecrets pendingSecrets,
    IStringLocalizer<SharedResource> localizer)
    : ApiCredentialFormPageModel(vendors, pendingSecrets, localizer)
{
    /// <summary>The version the form was opened at: a save against a newer one is refused.</summary>
    [BindProperty]
    public int Version { get; set; }

    public ApiCredential? Credential { get; private set; }

    public override IReadOnlyList<ICredentialVendor> FormVendors => Credential is null ? [] : [Vendors[Credential.Vendor]];

    public override bool IsEdit => true;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Credential = await credentials.FindAsync(Sandbox.Id, id, cancellationToken);
        if (Credential is null)
        {
            return NotFound();
        }

        var vendor = Vendors[Credential.Vendor];
        Version = Credential.Version;
        Input = new ApiCredentialForm { Vendor = vendor.Vendor, Fields = vendor.ToInput(Credential) };
        SecretHints = vendor.SecretHints(Credential);
        return Page();
    }

    /// <summary>Without JavaScript, "Apply" re-renders the form with the chosen auth type's fields.</summary>
    public async Task<IActionResult> OnPostVendorAsync(int id, CancellationToken cancellationToken)
    {
        var refusal = await PrepareAsync(id, cancellationToken);
        ModelState.Clear();
        return refusal ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var refusal = await PrepareAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        RestorePendingSecrets();
        var result = await credentials.UpdateAsync(Sandbox.Id, id, Version, Input.Fields!, Actor, SaveWithoutVerification, cancellationToken);
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

    /// <summary>Loads the stored credential: 404 when it is not in this sandbox, 400 when the form names another vendor.</summary>
    protected override async Task<IActionResult?> PrepareAsync(int? id, CancellationToken cancellationToken)
    {
        Credential = await credentials.FindAsync(Sandbox.Id, id ?? 0, cancellationToken);
        if (Credential is null)
        {
            return NotFound();
        }

        if (Input.Vendor != Credential.Vendor)
        {
            return BadRequest();
        }

        SecretHints = Vendors[Credential.Vendor].SecretHints(Credential);
        return null;
    }
}
