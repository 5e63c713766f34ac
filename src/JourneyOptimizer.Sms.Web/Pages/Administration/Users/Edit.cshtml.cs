using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Users;

/// <summary>
/// One user: status, System administrator role, access per sandbox; reset lockout; a new set-password link; sign out
/// everywhere.
/// </summary>
public sealed class EditModel(UserService users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public UserDetails? Details { get; private set; }

    [BindProperty]
    public EditUserInput Input { get; set; } = new();

    public string? SetPasswordLink { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public bool IsSelf => Details is not null && string.Equals(Details.Id, User.ToActor().UserId, StringComparison.Ordinal);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Details = await users.FindAsync(id, cancellationToken);
        if (Details is null)
        {
            return NotFound();
        }

        Input = EditUserInput.From(Details);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        Details = await users.FindAsync(id, cancellationToken);
        if (Details is null)
        {
            return NotFound();
        }

        var update = new UpdateUserInput
        {
            IsSystemAdministrator = Input.IsSystemAdministrator,
            IsDisabled = Input.IsDisabled,
            Permissions = Input.Access.Where(a => Enum.IsDefined(a.Value)).ToDictionary(a => a.Key, a => a.Value),
        };
        var result = await users.UpdateAsync(id, update, Input.ConcurrencyStamp, User.ToActor(), cancellationToken);
        if (result.Outcome != UserOutcome.Updated)
        {
            ModelState.AddFieldErrors(result.FieldErrors, nameof(Input), localizer);
            return Page();
        }

        StatusMessage = localizer["User “{0}” saved.", Details.Email];
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostResetLockoutAsync(string id, CancellationToken cancellationToken)
    {
        var result = await users.ResetLockoutAsync(id, User.ToActor(), cancellationToken);
        if (result.Outcome == UserOutcome.NotFound)
        {
            return NotFound();
        }

        StatusMessage = localizer["The lockout was reset."];
        return RedirectToPage(new { id });
    }

    /// <summary>"Sign out everywhere": every session of the user ends at its next request (the administrator's own too).</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync(string id, CancellationToken cancellationToken)
    {
        var result = await users.SignOutEverywhereAsync(id, User.ToActor(), cancellationToken);
        if (result.Outcome == UserOutcome.NotFound)
        {
            return NotFound();
        }

        StatusMessage = localizer["Every session of this user was ended."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostNewLinkAsync(string id, CancellationToken cancellationToken)
    {
        var result = await users.IssueSetPasswordLinkAsync(id, User.ToActor(), cancellationToken);
        if (result.Outcome == UserOutcome.NotFound || result.SetPasswordToken is null)
        {
            return NotFound();
        }

        Details = await users.FindAsync(id, cancellationToken);
        if (Details is null)
        {
            return NotFound();
        }

        Input = EditUserInput.From(Details);
        SetPasswordLink = SetPasswordLinks.Build(Request, Url, result.SetPasswordToken);
        ModelState.Clear();
        return Page();
    }
}

public sealed class EditUserInput
{
    public bool IsSystemAdministrator { get; set; }

    public bool IsDisabled { get; set; }

    /// <summary>Access per sandbox id.</summary>
    public Dictionary<int, SandboxAccess> Access { get; set; } = [];

    public string? ConcurrencyStamp { get; set; }

    public static EditUserInput From(UserDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new EditUserInput
        {
            IsSystemAdministrator = details.IsSystemAdministrator,
            IsDisabled = details.IsDisabled,
            Access = details.Sandboxes.ToDictionary(s => s.SandboxId, s => s.Access),
            ConcurrencyStamp = details.ConcurrencyStamp,
        };
    }
}
