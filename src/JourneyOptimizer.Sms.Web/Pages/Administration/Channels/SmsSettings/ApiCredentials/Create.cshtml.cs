using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>Create: the vendor picker shows the chosen vendor's fields (every vendor's partial is in the page).</summary>
[RequiresManage]
public sealed class CreateModel(ApiCredentialService credentials, CredentialVendors vendors, PendingSecrets pendingSecrets,
    IStringLocalizer<SharedResource> localizer)
    : ApiCredentialFormPageModel(vendors, pendingSecrets, localizer)
{
    public override IReadOnlyList<ICredentialVendor> FormVendors => Vendors.All;

    public override bool IsEdit => false;

    public void OnGet()
    {
        Input = new ApiCredentialForm { Vendor = Vendor.Vendor, Fields = Vendor.NewInput() };
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
            return Invalid();
        }

        RestorePendingSecrets();
        var result = await credentials.CreateAsync(Sandbox.Id, Input.Vendor, Input.Fields!, Actor, SaveWithoutVerification, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        var name = Input.Name!.Trim();
        StatusMessage = Vendor.VerifiedByTestMessage
            ? Localizer["API credential “{0}” created. Send a test message to verify it.", name]
            : SaveWithoutVerification
                ? Localizer["API credential “{0}” saved without verification.", name]
                : Localizer["API credential “{0}” created and verified.", name];
        return RedirectToPage("Index", new { sandbox = Sandbox.Name });
    }

    protected override Task<IActionResult?> PrepareAsync(int? id, CancellationToken cancellationToken) => Task.FromResult<IActionResult?>(null);
}
