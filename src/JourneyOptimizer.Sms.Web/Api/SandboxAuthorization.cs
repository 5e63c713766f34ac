using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>The API's policies: the same three levels as the pages, asked of the sandbox in the route.</summary>
public static class ApiPolicies
{
    public const string View = "Api.Sandbox.View";
    public const string Manage = "Api.Sandbox.Manage";
    public const string SystemAdministrator = "Api.SystemAdministrator";
}

/// <summary>The user needs at least <see cref="Level"/> in the sandbox named by the <c>{sandbox}</c> route value.</summary>
public sealed record SandboxPermissionRequirement(SandboxAccess Level) : IAuthorizationRequirement;

/// <summary>
/// Resolves <c>{sandbox}</c> as <see cref="SandboxPageFilter"/> does for the pages and keeps it in
/// <see cref="SandboxContext"/> for the endpoint. No permission at all fails as <see cref="NotFoundReason"/>, so that
/// the answer is 404 and a sandbox's existence is not disclosed; too little permission is a 403.
/// </summary>
public sealed class SandboxPermissionHandler(SandboxService sandboxes, SandboxAccessService access, SandboxContext sandboxContext)
    : AuthorizationHandler<SandboxPermissionRequirement>
{
    public const string NotFoundReason = "sandbox-not-found";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SandboxPermissionRequirement requirement)
    {
        if (context.Resource is not HttpContext http || http.GetRouteValue(SandboxPageFilter.RouteKey) is not string name
            || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var sandbox = name.Length <= Sandbox.NameMaxLength ? await sandboxes.FindByNameAsync(name, http.RequestAborted) : null;
        var level = sandbox is null ? SandboxAccess.None : await access.GetAccessAsync(context.User, sandbox.Id, http.RequestAborted);
        if (level == SandboxAccess.None)
        {
            context.Fail(new AuthorizationFailureReason(this, NotFoundReason));
            return;
        }

        sandboxContext.Set(sandbox!, level);
        if (level >= requirement.Level)
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>Answers the API's refusals as problem details: 401 with <c>WWW-Authenticate</c>, 404 or 403.</summary>
public sealed class ApiAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!ApiSetup.IsApiRequest(context) || authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiProblems.WriteAsync(problems, context, StatusCodes.Status401Unauthorized, ApiProblems.Unauthorized,
                "Send a valid API key as Authorization: Bearer <key>.");
            return;
        }

        var notFound = authorizeResult.AuthorizationFailure?.FailureReasons.Any(r => r.Message == SandboxPermissionHandler.NotFoundReason) == true;
        await (notFound
            ? ApiProblems.WriteAsync(problems, context, StatusCodes.Status404NotFound, ApiProblems.NotFound, "This sandbox does not exist.")
            : ApiProblems.WriteAsync(problems, context, StatusCodes.Status403Forbidden, ApiProblems.Forbidden,
                "Your permission in this sandbox does not allow this."));
    }
}
