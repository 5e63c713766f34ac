using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Sandboxes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyOptimizer.Sms.Web.Api;

public sealed record SandboxResponse(int Id, string Name, string Title, DateTime CreatedAt, int Version);

public sealed record SandboxRenameRequest(string? Title);

public sealed record AuditEntryResponse(long Id, DateTime OccurredAt, string? Sandbox, string UserId, string UserName,
    string ObjectType, string ObjectId, string ObjectName, string Action, IReadOnlyList<AuditChange> Changes);

/// <summary>Sandboxes and the audit log: System administrators only, as the pages.</summary>
public static class SandboxApi
{
    public static void MapSandboxApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/sandboxes").WithTags("Sandboxes").RequireAuthorization(ApiPolicies.SystemAdministrator)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", async (SandboxService sandboxes, CancellationToken ct) =>
        {
            var list = await sandboxes.ListAsync(ct);
            return TypedResults.Ok(list.Select(s => new SandboxSummary(s.Id, s.Name, s.Title)).ToList());
        }).WithName("ListSandboxes").WithSummary("List the sandboxes");

        group.MapGet("/{sandboxName}", GetAsync).WithName("GetSandbox").WithSummary("Get a sandbox")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async Task<Results<Created<SandboxResponse>, ValidationProblem>> (SandboxInput input, HttpContext http,
            SandboxService sandboxes, CancellationToken ct) =>
        {
            var result = await sandboxes.CreateAsync(input, ApiHttp.Actor(http), ct);
            if (result.Outcome != SandboxOutcome.Created)
            {
                return ApiProblems.ValidationFailed(http, result.FieldErrors);
            }

            var sandbox = (await sandboxes.FindAsync(result.Id!.Value, ct))!;
            ApiHttp.SetETag(http, sandbox.Version);
            return TypedResults.Created($"/api/v1/sandboxes/{sandbox.Name}", ToResponse(sandbox));
        }).WithName("CreateSandbox").WithSummary("Create a sandbox").AcceptsIdempotencyKey();

        group.MapPatch("/{sandboxName}", async Task<Results<Ok<SandboxResponse>, ValidationProblem, ProblemHttpResult>> (
            string sandboxName, SandboxRenameRequest request, HttpContext http, SandboxService sandboxes, CancellationToken ct) =>
        {
            var found = await sandboxes.FindByNameAsync(sandboxName, ct);
            if (found is null)
            {
                return ApiProblems.NotFoundProblem(http);
            }

            var (version, refusal) = ApiHttp.ExpectedVersion(http);
            if (refusal is not null)
            {
                return refusal;
            }

            var result = await sandboxes.RenameAsync(found.Id, request.Title, version!.Value, ApiHttp.Actor(http), ct);
            switch (result.Outcome)
            {
                case SandboxOutcome.ConcurrencyConflict:
                    return ApiProblems.Stale(http);
                case SandboxOutcome.NotFound:
                    return ApiProblems.NotFoundProblem(http);
                case not SandboxOutcome.Updated:
                    return ApiProblems.ValidationFailed(http, result.FieldErrors);
            }

            var sandbox = (await sandboxes.FindAsync(found.Id, ct))!;
            ApiHttp.SetETag(http, sandbox.Version);
            return TypedResults.Ok(ToResponse(sandbox));
        }).WithName("RenameSandbox").WithSummary("Rename a sandbox (If-Match required)")
            .ProducesProblem(StatusCodes.Status404NotFound).RequiresIfMatch();
    }

    public static void MapAuditLogApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/audit-log", async (HttpContext http, AuditLogQuery query, SandboxService sandboxes, string? sandbox,
            string? objectType, string? action, string? cursor, int? pageSize, CancellationToken ct) =>
        {
            int? sandboxId = null;
            if (!string.IsNullOrEmpty(sandbox))
            {
                sandboxId = (await sandboxes.FindByNameAsync(sandbox, ct))?.Id ?? -1;
            }

            var page = await query.ListAsync(new AuditLogFilter { SandboxId = sandboxId, ObjectType = objectType, Action = action },
                cursor, ApiHttp.PageSize(pageSize), ct);
            return TypedResults.Ok(new PageResponse<AuditEntryResponse>(page.Items.Select(e => new AuditEntryResponse(e.Id,
                e.OccurredAtUtc, e.SandboxName, e.UserId, e.UserName, e.ObjectType, e.ObjectId, e.ObjectName, e.Action, e.Changes)).ToList(),
                page.NextCursor));
        }).WithTags("Audit log").WithName("ListAuditLog").WithSummary("Read the audit log, newest first")
            .RequireAuthorization(ApiPolicies.SystemAdministrator).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<SandboxResponse>, ProblemHttpResult>> GetAsync(string sandboxName, HttpContext http,
        SandboxService sandboxes, CancellationToken ct)
    {
        var found = await sandboxes.FindByNameAsync(sandboxName, ct);
        var sandbox = found is null ? null : await sandboxes.FindAsync(found.Id, ct);
        if (sandbox is null)
        {
            return ApiProblems.NotFoundProblem(http);
        }

        ApiHttp.SetETag(http, sandbox.Version);
        return TypedResults.Ok(ToResponse(sandbox));
    }

    private static SandboxResponse ToResponse(Sandbox s) => new(s.Id, s.Name, s.Title, s.CreatedAtUtc, s.Version);
}

public sealed record SandboxSummary(int Id, string Name, string Title);
