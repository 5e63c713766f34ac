using System.Security.Claims;
using JourneyOptimizer.Sms.Core.Identity.ApiKeys;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Profile;

/// <summary>
/// Revoking one of the user's API keys: the question (a page without JavaScript, the layout's dialog with it, which
/// posts here) and the revocation. Another user's key, like one that does not exist, is not shown: the answer is the
/// user's own list, as for a key already revoked.
/// </summary>
public sealed class RevokeApiKeyModel(ApiKeyService keys, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string QuestionMessage = "Revoke the API key “{0}”? Automations that use it stop working at once. This cannot be undone.";

    public ApiKeyListItem? Key { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Key = await keys.FindAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, id, cancellationToken);

        // Already revoked (another tab), or not a key of this user: nothing to ask, back to their list.
        return Key is { RevokedAtUtc: null } ? Page() : RedirectToPage("ApiKeys");
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        // Only the owner's key is revoked (the service checks); any other id changes nothing.
        if (await keys.RevokeAsync(User.ToActor(), id, cancellationToken))
        {
            StatusMessage = localizer["API key revoked."];
        }

        return RedirectToPage("ApiKeys");
    }
}
