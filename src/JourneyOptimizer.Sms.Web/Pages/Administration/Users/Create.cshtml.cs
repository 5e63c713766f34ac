using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Users;

/// <summary>
/// Create a user with a one-time set-password link (shown once on this page, never stored in clear) or an initial
/// password. The page answers the POST itself when it shows a link, so the token never travels in a cookie or URL
/// of this portal other than the link itself.
/// </summary>
public sealed class CreateModel(UserService users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public CreateUserInput Input { get; set; } = new();

    /// <summary>After a create with a link: the link to give to the user.</summary>
    public string? SetPasswordLink { get; private set; }

    public string? CreatedUserId { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.CreateAsync(Input, User.ToActor(), cancellationToken);
        if (result.Outcome != UserOutcome.Created)
        {
            ModelState.AddFieldErrors(result.FieldErrors, nameof(Input), localizer);
            return Page();
        }

        if (result.SetPasswordToken is null)
        {
            StatusMessage = localizer["User “{0}” created.", Input.Email!.Trim()];
            return RedirectToPage("Edit", new { id = result.Id });
        }

        CreatedUserId = result.Id;
        SetPasswordLink = SetPasswordLinks.Build(Request, Url, result.SetPasswordToken);
        return Page();
    }
}

/// <summary>The absolute set-password link for a token, on the host the administrator uses.</summary>
public static class SetPasswordLinks
{
    public static string Build(HttpRequest request, IUrlHelper url, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(url);
        return url.PageLink("/Account/SetPassword", values: new { token }, protocol: request.Scheme, host: request.Host.Value)
               ?? throw new InvalidOperationException("The set-password page has no route.");
    }
}
