using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using JourneyOptimizer.Sms.Core.Identity.ApiKeys;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Profile;

/// <summary>
/// The signed-in user's own API keys: create (the key is shown once, in this answer only) and list; revoking asks first
/// (<see cref="RevokeApiKeyModel"/>).
/// </summary>
public sealed class ApiKeysModel(ApiKeyService keys, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static readonly int[] Lifetimes = [7, 30, 90, 180, 365];

    [BindProperty]
    public ApiKeyForm Input { get; set; } = new();

    public IReadOnlyList<ApiKeyListItem> Keys { get; private set; } = [];

    /// <summary>The key just created: rendered in this response and never stored in clear.</summary>
    public string? NewKey { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public DateTime Now { get; } = DateTime.UtcNow;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (created, errors) = await keys.CreateAsync(User.ToActor(), Input.Name, Input.LifetimeDays, cancellationToken);
            ModelState.AddFieldErrors(errors, "Input", localizer);
            if (created is not null)
            {
                NewKey = created.Key;
                Input = new ApiKeyForm();
                ModelState.Clear();
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Keys = await keys.ListAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
}

/// <summary>The fields of a new API key.</summary>
public sealed class ApiKeyForm
{
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Expires after")]
    public int LifetimeDays { get; set; } = 90;
}
