using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Sandboxes;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>Base of the pages below a sandbox: the resolved sandbox, the user's access, the acting user.</summary>
public abstract class SandboxPageModel : PageModel
{
    private SandboxContext? _sandboxContext;

    /// <summary>
    /// Resolved once per page: views read <see cref="CanManage"/> and <see cref="Sandbox"/> on every table row, and each
    /// scoped-service lookup takes the request scope's lock (docs/performance.md).
    /// </summary>
    private SandboxContext SandboxContext => _sandboxContext ??= HttpContext.RequestServices.GetRequiredService<SandboxContext>();

    public SandboxRef Sandbox => SandboxContext.Sandbox;

    public bool CanManage => SandboxContext.CanManage;

    protected Actor Actor => User.ToActor();
}
