using JourneyOptimizer.Sms.Core.Sandboxes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Sandboxes;

/// <summary>System administrators: the sandboxes of the installation.</summary>
public sealed class IndexModel(SandboxService sandboxes) : PageModel
{
    public const string Section = "/Administration/Sandboxes/Index";

    public IReadOnlyList<SandboxRef> Sandboxes { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Sandboxes = await sandboxes.ListAsync(cancellationToken);
}
