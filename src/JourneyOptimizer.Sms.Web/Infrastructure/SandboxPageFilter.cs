using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Sandboxes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// Resolves the <c>{sandbox}</c> route value of every sandbox page before its handler runs. A sandbox that does not
/// exist, or that the user has no permission for, is a 404 (its existence is not disclosed); a POST (or a page marked
/// <see cref="RequiresManageAttribute"/>) without the Manage permission is a 403.
/// </summary>
public sealed class SandboxPageFilter(SandboxService sandboxes, SandboxAccessService access, SandboxContext sandboxContext) : IAsyncPageFilter
{
    public const string RouteKey = "sandbox";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!context.RouteData.Values.TryGetValue(RouteKey, out var value) || value is not string name)
        {
            await next();
            return;
        }

        var http = context.HttpContext;
        var sandbox = name.Length <= Sandbox.NameMaxLength
            ? await sandboxes.FindByNameAsync(name, http.RequestAborted)
            : null;
        if (sandbox is null)
        {
            context.Result = new NotFoundResult();
            return;
        }

        var level = await access.GetAccessAsync(http.User, sandbox.Id, http.RequestAborted);
        if (level == SandboxAccess.None)
        {
            context.Result = new NotFoundResult();
            return;
        }

        // Only a user without Manage needs the question (the attribute lookup is reflection, on every request else).
        if (level < SandboxAccess.Manage
            && ((!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
                || context.ActionDescriptor.HandlerTypeInfo.IsDefined(typeof(RequiresManageAttribute), inherit: true)))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        sandboxContext.Set(sandbox, level);
        await next();
    }
}
