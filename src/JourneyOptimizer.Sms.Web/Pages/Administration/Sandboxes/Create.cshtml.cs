using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Sandboxes;

public sealed class CreateModel(SandboxService sandboxes, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public SandboxInput Input { get; set; } = new();

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

        var result = await sandboxes.CreateAsync(Input, User.ToActor(), cancellationToken);
        if (result.Outcome != SandboxOutcome.Created)
        {
            ModelState.AddFieldErrors(result.FieldErrors, "Input", localizer);
            return Page();
        }

        StatusMessage = localizer["Sandbox “{0}” created.", Input.Name!];
        return RedirectToPage("Index");
    }
}
