using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>A check's refusal: the field (JSON path of the configuration) and the reason, translated.</summary>
public sealed record CheckError(string Field, string Message);

/// <summary>An edit of an Active configuration while it is checked (or after it failed); the active values serve meanwhile.</summary>
public sealed record PendingChangeResponse(ChangeCheckStatus Check, string? Description, SmsType? SmsType, int? ApiCredentialId,
    string? SenderNumber, string? Subdomain, string? ExecutionField, IReadOnlyList<CheckError> Errors);

public sealed record ChannelConfigurationResponse(int Id, string Name, MobileChannel Channel, ChannelConfigurationStatus Status,
    string? Description, SmsType? SmsType, int? ApiCredentialId, string? SenderNumber, string? Subdomain, string? ExecutionField,
    IReadOnlyList<CheckError> Errors, DateTime? CheckedAt, PendingChangeResponse? PendingChange, DateTime CreatedAt,
    string ModifiedBy, DateTime ModifiedAt, int Version);

public sealed record ChannelConfigurationListItemResponse(int Id, string Name, ChannelConfigurationStatus Status, MobileChannel Channel,
    SmsType? SmsType, string? CredentialName, string? SenderNumber, ChangeCheckStatus? PendingCheck, string ModifiedBy, DateTime ModifiedAt);

public sealed record DuplicateRequest(string? Name);

public sealed record ChannelTestMessageRequest(string? To, string? Message);

/// <summary>Channel configurations: the same services as the pages (queries, commands, test messages).</summary>
public static class ChannelConfigurationApi
{
    public static void MapChannelConfigurationApi(this RouteGroupBuilder sandbox)
    {
        var group = sandbox.MapGroup("/channel-configurations").WithTags("Channel configurations");

        group.MapGet("/", async (HttpContext http, ChannelConfigurationQueries queries, ChannelConfigurationStatus? status,
            SmsType? smsType, string? search, string? cursor, int? pageSize, CancellationToken ct) =>
        {
            var page = await queries.ListAsync(ApiHttp.SandboxId(http), new ChannelConfigurationFilter(status, smsType, search), cursor,
                ApiHttp.PageSize(pageSize), ct);
            return TypedResults.Ok(new PageResponse<ChannelConfigurationListItemResponse>(page.Items.Select(c =>
                new ChannelConfigurationListItemResponse(c.Id, c.Name, c.Status, c.Channel, c.SmsType, c.CredentialName, c.SenderNumber,
                    c.PendingCheck, c.ModifiedBy, c.ModifiedAtUtc)).ToList(), page.NextCursor));
        }).WithName("ListChannelConfigurations").WithSummary("List channel configurations (filter by status, SMS type, name prefix)");

        group.MapGet("/{id:int}", async Task<Results<Ok<ChannelConfigurationResponse>, ProblemHttpResult>> (int id, HttpContext http,
            ChannelConfigurationQueries queries, CancellationToken ct) => await ReadAsync(http, queries, id, ct))
            .WithName("GetChannelConfiguration").WithSummary("Get a channel configuration with its check results");

        group.MapPost("/", async Task<Results<Created<ChannelConfigurationResponse>, ValidationProblem, ProblemHttpResult>> (
            ChannelConfigurationInput input, HttpContext http, ChannelConfigurationCommands commands, ChannelConfigurationQueries queries,
            bool? submit, CancellationToken ct) =>
        {
            var sandboxId = ApiHttp.SandboxId(http);
            var result = await commands.CreateAsync(sandboxId, input, submit == true, ApiHttp.Actor(http), ct);
            if (!result.Succeeded)
            {
                return ApiProblems.ValidationFailed(http, result.FieldErrors);
            }

            var configuration = (await queries.FindAsync(sandboxId, result.Id!.Value, ct))!;
            ApiHttp.SetETag(http, configuration.Version);
            return TypedResults.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{configuration.Id}", ToResponse(http, configuration));
        }).WithName("CreateChannelConfiguration")
            .WithSummary("Create a channel configuration: a Draft, or submitted for the checks with ?submit=true")
            .RequireAuthorization(ApiPolicies.Manage).AcceptsIdempotencyKey();

        group.MapPut("/{id:int}", async Task<Results<Ok<ChannelConfigurationResponse>, ValidationProblem, ProblemHttpResult>> (int id,
            ChannelConfigurationInput input, HttpContext http, ChannelConfigurationCommands commands, ChannelConfigurationQueries queries,
            bool? submit, CancellationToken ct) => await UpdateAsync(http, commands, queries, id, input, submit == true, ct))
            .WithName("UpdateChannelConfiguration")
            .WithSummary("Edit a channel configuration (If-Match required); an Active one keeps serving while the change is checked")
            .RequireAuthorization(ApiPolicies.Manage).ProducesProblem(StatusCodes.Status409Conflict)
            .RequiresIfMatch();

        group.MapPost("/{id:int}/submit", async Task<Results<Ok<ChannelConfigurationResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, HttpContext http, ChannelConfigurationCommands commands, ChannelConfigurationQueries queries, CancellationToken ct) =>
        {
            var current = await queries.FindAsync(ApiHttp.SandboxId(http), id, ct);
            if (current is null)
            {
                return ApiProblems.NotFoundProblem(http);
            }

            return await UpdateAsync(http, commands, queries, id, new ChannelConfigurationInput
            {
                Name = current.Name,
                Description = current.Description,
                SmsType = current.SmsType,
                ApiCredentialId = current.ApiCredentialId,
                SenderNumber = current.SenderNumber,
                Subdomain = current.Subdomain,
                ExecutionField = current.ExecutionField,
            }, submit: true, ct);
        }).WithName("SubmitChannelConfiguration").WithSummary("Submit a Draft or Failed configuration for the checks (If-Match required)")
            .RequireAuthorization(ApiPolicies.Manage).ProducesProblem(StatusCodes.Status409Conflict)
            .RequiresIfMatch();

        group.MapPost("/{id:int}/activate", (int id, HttpContext http, ChannelConfigurationCommands commands,
                ChannelConfigurationQueries queries, CancellationToken ct) =>
            ChangeAsync(http, queries, id, () => commands.ActivateAsync(ApiHttp.SandboxId(http), id, ApiHttp.Actor(http), ct), ct))
            .WithName("ActivateChannelConfiguration").WithSummary("Activate a Deactivated configuration")
            .RequireAuthorization(ApiPolicies.Manage).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:int}/deactivate", (int id, HttpContext http, ChannelConfigurationCommands commands,
                ChannelConfigurationQueries queries, CancellationToken ct) =>
            ChangeAsync(http, queries, id, () => commands.DeactivateAsync(ApiHttp.SandboxId(http), id, ApiHttp.Actor(http), ct), ct))
            .WithName("DeactivateChannelConfiguration").WithSummary("Deactivate an Active configuration")
            .RequireAuthorization(ApiPolicies.Manage).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:int}/duplicate", async Task<Results<Created<ChannelConfigurationResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, DuplicateRequest request, HttpContext http, ChannelConfigurationCommands commands, ChannelConfigurationQueries queries,
            CancellationToken ct) =>
        {
            var sandboxId = ApiHttp.SandboxId(http);
            var result = await commands.DuplicateAsync(sandboxId, id, request.Name, ApiHttp.Actor(http), ct);
            switch (result.Outcome)
            {
                case ChannelConfigurationOutcome.NotFound:
                    return ApiProblems.NotFoundProblem(http);
                case not ChannelConfigurationOutcome.Duplicated:
                    return ApiProblems.ValidationFailed(http, result.FieldErrors);
            }

            var copy = (await queries.FindAsync(sandboxId, result.Id!.Value, ct))!;
            ApiHttp.SetETag(http, copy.Version);
            var sandboxName = http.RequestServices.GetRequiredService<Infrastructure.SandboxContext>().Sandbox.Name;
            return TypedResults.Created($"/api/v1/sandboxes/{sandboxName}/channel-configurations/{copy.Id}", ToResponse(http, copy));
        }).WithName("DuplicateChannelConfiguration").WithSummary("Copy a configuration as a Draft")
            .RequireAuthorization(ApiPolicies.Manage);

        group.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, HttpContext http,
            ChannelConfigurationCommands commands, ChannelConfigurationQueries queries, CancellationToken ct) =>
        {
            var sandboxId = ApiHttp.SandboxId(http);
            var (version, refusal) = ApiHttp.ExpectedVersion(http);
            if (refusal is not null)
            {
                return await queries.FindAsync(sandboxId, id, ct) is null ? ApiProblems.NotFoundProblem(http) : refusal;
            }

            var result = await commands.DeleteAsync(sandboxId, id, ApiHttp.Actor(http), version, ct);
            return result.Outcome switch
            {
                ChannelConfigurationOutcome.Deleted => TypedResults.NoContent(),
                ChannelConfigurationOutcome.NotFound => ApiProblems.NotFoundProblem(http),
                ChannelConfigurationOutcome.ConcurrencyConflict => ApiProblems.Stale(http),
                _ => ApiProblems.StateConflict(http, result.FieldErrors),
            };
        }).WithName("DeleteChannelConfiguration").WithSummary("Delete a Draft or Failed configuration (If-Match required)")
            .RequireAuthorization(ApiPolicies.Manage).ProducesProblem(StatusCodes.Status409Conflict)
            .RequiresIfMatch();

        group.MapPost("/{id:int}/test-message", async Task<Results<Ok<TestMessageResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, ChannelTestMessageRequest request, HttpContext http, ChannelTestMessages tests, CancellationToken ct) =>
        {
            var result = await tests.SendTestMessageAsync(ApiHttp.SandboxId(http), id, request.To ?? "", request.Message ?? "",
                ApiHttp.Actor(http), ct);
            if (result.NotFound)
            {
                return ApiProblems.NotFoundProblem(http);
            }

            if (result.Errors.Count > 0)
            {
                return ApiProblems.ValidationFailed(http, result.Errors);
            }

            return TypedResults.Ok(CredentialApi.ToResponse(http, result.Answer!));
        }).WithName("SendChannelTestMessage").WithSummary("Send a test message with a configuration (marketing respects opt-outs)")
            .RequireAuthorization(ApiPolicies.Manage);
    }

    private static async Task<Results<Ok<ChannelConfigurationResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(HttpContext http,
        ChannelConfigurationCommands commands, ChannelConfigurationQueries queries, int id, ChannelConfigurationInput input, bool submit,
        CancellationToken ct)
    {
        var sandboxId = ApiHttp.SandboxId(http);
        if (await queries.FindAsync(sandboxId, id, ct) is null)
        {
            return ApiProblems.NotFoundProblem(http);
        }

        var (version, refusal) = ApiHttp.ExpectedVersion(http);
        if (refusal is not null)
        {
            return refusal;
        }

        var result = await commands.UpdateAsync(sandboxId, id, version!.Value, input, submit, ApiHttp.Actor(http), ct);
        switch (result.Outcome)
        {
            case ChannelConfigurationOutcome.NotFound:
                return ApiProblems.NotFoundProblem(http);
            case ChannelConfigurationOutcome.ConcurrencyConflict:
                return ApiProblems.Stale(http);
            case ChannelConfigurationOutcome.NotAllowed:
                return ApiProblems.StateConflict(http, result.FieldErrors);
            case not (ChannelConfigurationOutcome.Saved or ChannelConfigurationOutcome.Submitted):
                return ApiProblems.ValidationFailed(http, result.FieldErrors);
        }

        var configuration = (await queries.FindAsync(sandboxId, id, ct))!;
        ApiHttp.SetETag(http, configuration.Version);
        return TypedResults.Ok(ToResponse(http, configuration));
    }

    private static async Task<Results<Ok<ChannelConfigurationResponse>, ProblemHttpResult>> ChangeAsync(HttpContext http,
        ChannelConfigurationQueries queries, int id, Func<Task<ChannelConfigurationResult>> change, CancellationToken ct)
    {
        var result = await change();
        return result.Outcome switch
        {
            ChannelConfigurationOutcome.NotFound => ApiProblems.NotFoundProblem(http),
            ChannelConfigurationOutcome.Activated or ChannelConfigurationOutcome.Deactivated => await ReadAsync(http, queries, id, ct),
            _ => ApiProblems.StateConflict(http, result.FieldErrors),
        };
    }

    private static async Task<Results<Ok<ChannelConfigurationResponse>, ProblemHttpResult>> ReadAsync(HttpContext http,
        ChannelConfigurationQueries queries, int id, CancellationToken ct)
    {
        var configuration = await queries.FindAsync(ApiHttp.SandboxId(http), id, ct);
        if (configuration is null)
        {
            return ApiProblems.NotFoundProblem(http);
        }

        ApiHttp.SetETag(http, configuration.Version);
        return TypedResults.Ok(ToResponse(http, configuration));
    }

    private static ChannelConfigurationResponse ToResponse(HttpContext http, ChannelConfiguration c)
    {
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        IReadOnlyList<CheckError> Errors(string? json) => CheckErrors.FromJson(json)
            .Select(e => new CheckError(e.Field == FieldError.FormLevel ? "" : ApiProblems.JsonPath(e.Field), localizer[e.Message, e.Arguments]))
            .ToList();
        var pending = c.PendingCheck is { } check
            ? new PendingChangeResponse(check, c.PendingDescription, c.PendingSmsType, c.PendingApiCredentialId, c.PendingSenderNumber,
                c.PendingSubdomain, c.PendingExecutionField, Errors(c.PendingErrorsJson))
            : null;
        return new ChannelConfigurationResponse(c.Id, c.Name, c.Channel, c.Status, c.Description, c.SmsType, c.ApiCredentialId,
            c.SenderNumber, c.Subdomain, c.ExecutionField, Errors(c.CheckErrorsJson), c.CheckedAtUtc, pending, c.CreatedAtUtc,
            c.ModifiedBy, c.ModifiedAtUtc, c.Version);
    }
}
