using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Sandboxes;

/// <summary>Rename: the title changes; the name stays, since bookmarks carry it.</summary>
public sealed class EditModel(SandboxService sandboxes, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Sandbox? Sandbox { get; private set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Sandbox = await sandboxes.FindAsync(id, cancellationToken);
        if (Sandbox is null)
        {
            return NotFound();
        }

        Title = Sandbox.Title;
        Version = Sandbox.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Sandbox = await sandboxes.FindAsync(id, cancellationToken);
        if (Sandbox is null)
        {
            return NotFound();
        }

        var result = await sandboxes.RenameAsync(id, Title, Version, User.ToActor(), cancellationToken);
        if (result.Outcome != SandboxOutcome.Updated)
        {
            ModelState.AddFieldErrors(result.FieldErrors, string.Empty, localizer);
            return Page();
        }

        StatusMessage = localizer["Sandbox “{0}” saved.", Sandbox.Name];
        return RedirectToPage("Index");
    }
}
