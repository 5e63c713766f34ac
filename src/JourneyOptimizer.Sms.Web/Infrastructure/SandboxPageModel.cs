using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Sandboxes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>Base of the pages below a sandbox: the resolved sandbox, the user's access, the acting user.</summary>
public abstract class SandboxPageModel : PageModel
{
    private SandboxContext? _sandboxContext;

    /// <summary>The request's sandbox, resolved by <see cref="SandboxPageFilter"/>.</summary>
    private SandboxContext SandboxContext => _sandboxContext ??= HttpContext.RequestServices.GetRequiredService<SandboxContext>();

    public SandboxRef Sandbox => SandboxContext.Sandbox;

    public bool CanManage => SandboxContext.CanManage;

    protected Actor Actor => User.ToActor();
}
