using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>The sandbox's API credentials: search by name, keyset paging, row actions.</summary>
public sealed class IndexModel(ApiCredentialService credentials, CredentialVendors vendors, IStringLocalizer<SharedResource> localizer)
    : SandboxPageModel
{
    /// <summary>Each row's vendor: its name and whether the provider can check a credential ("Verify").</summary>
    public CredentialVendors Vendors => vendors;

    public const string Section = "/Administration/Channels/SmsSettings/ApiCredentials/Index";

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public Page<ApiCredentialListItem> Results { get; private set; } = new([], null, null);

    [TempData]
    public string? ErrorMessage { get; set; }

    /// <summary>Row action "Verify": re-runs the provider check and says what it found.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(int id, CancellationToken cancellationToken)
    {
        var result = await credentials.VerifyAsync(Sandbox.Id, id, Actor, cancellationToken);
        if (result.Outcome == CredentialOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Outcome == CredentialOutcome.Verified)
        {
            StatusMessage = localizer["The API credential was verified."];
        }
        else
        {
            var reasons = result.FieldErrors.Select(e => localizer[e.Message, e.Arguments].Value);
            ErrorMessage = result.Outcome switch
            {
                CredentialOutcome.ProviderUnreachable => localizer["The API credential could not be checked now."].Value + " ",
                CredentialOutcome.ProviderRejected => localizer["The provider refused the API credential."].Value + " ",
                _ => "",
            } + string.Join(" ", reasons);
        }

        return RedirectToPage(new { sandbox = Sandbox.Name, q = Search, cursor = Cursor });
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Search = Search is { Length: > ApiCredential.NameMaxLength } ? Search[..ApiCredential.NameMaxLength] : Search;
        Results = await credentials.ListAsync(Sandbox.Id, Search, Cursor, ApiCredentialService.DefaultPageSize, cancellationToken);
    }
}
