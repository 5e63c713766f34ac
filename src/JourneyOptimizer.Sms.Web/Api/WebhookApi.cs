using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>
/// A webhook with its Webhook URL. <see cref="SigningSecret"/> (Custom) is in the answer of a create or a regeneration
/// only: the portal keeps its hash, so it is shown once.
/// </summary>
public sealed record WebhookResponse(int Id, string Name, SmsVendor Vendor, WebhookType Type, int ApiCredentialId, string SenderNumber,
    string WebhookUrl, bool HasSigningSecret, string? SigningSecretHint, KeywordsInput Keywords, PayloadMappingInput Mapping,
    DateTime CreatedAt, string ModifiedBy, DateTime ModifiedAt, int Version, string? SigningSecret = null) : IOneTimeSecretResponse
{
    public object WithoutSecret() => this with { SigningSecret = null };
}

public sealed record WebhookListItemResponse(int Id, string Name, SmsVendor Vendor, WebhookType Type, string SenderNumber,
    string CredentialName, string WebhookUrl, string ModifiedBy, DateTime ModifiedAt);

/// <summary>SMS webhooks: the same service as the pages (<see cref="WebhookService"/>).</summary>
public static class WebhookApi
{
    public static void MapWebhookApi(this RouteGroupBuilder sandbox)
    {
        var group = sandbox.MapGroup("/webhooks").WithTags("SMS webhooks");

        group.MapGet("/", async (HttpContext http, WebhookService webhooks, IOptions<WebhookOptions> options, string? search,
            string? cursor, int? pageSize, CancellationToken ct) =>
        {
            var page = await webhooks.ListAsync(ApiHttp.SandboxId(http), search, cursor, ApiHttp.PageSize(pageSize), ct);
            return TypedResults.Ok(new PageResponse<WebhookListItemResponse>(page.Items.Select(w => new WebhookListItemResponse(w.Id,
                w.Name, w.Vendor, w.Type, w.SenderNumber, w.CredentialName,
                WebhookFormPageModel.BuildWebhookUrl(http.Request, options, w.PathToken), w.ModifiedBy, w.ModifiedAtUtc)).ToList(),
                page.NextCursor));
        }).WithName("ListWebhooks").WithSummary("List SMS webhooks (search by name prefix, keyset paging)");

        group.MapGet("/{id:int}", async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> (int id, HttpContext http,
            WebhookService webhooks, IOptions<WebhookOptions> options, CancellationToken ct) =>
        {
            var webhook = await webhooks.FindAsync(ApiHttp.SandboxId(http), id, ct);
            if (webhook is null)
            {
                return ApiProblems.NotFoundProblem(http);
            }

            ApiHttp.SetETag(http, webhook.Version);
            return TypedResults.Ok(ToResponse(http, options, webhook));
        }).WithName("GetWebhook").WithSummary("Get an SMS webhook with its Webhook URL");

        group.MapPost("/", async Task<Results<Created<WebhookResponse>, ValidationProblem, ProblemHttpResult>> (WebhookInput input,
            HttpContext http, WebhookService webhooks, IOptions<WebhookOptions> options, CancellationToken ct) =>
        {
            var sandboxId = ApiHttp.SandboxId(http);
            var result = await webhooks.CreateAsync(sandboxId, input, ApiHttp.Actor(http), ct);
            if (!result.Succeeded)
            {
                return ApiProblems.ValidationFailed(http, result.FieldErrors);
            }

            var webhook = (await webhooks.FindAsync(sandboxId, result.Id!.Value, ct))!;
            ApiHttp.SetETag(http, webhook.Version);
            return TypedResults.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{webhook.Id}",
                ToResponse(http, options, webhook) with { SigningSecret = result.SigningSecret });
        }).WithName("CreateWebhook").WithSummary("Create an SMS webhook (a Custom webhook's signing secret is in this answer only)")
            .RequireAuthorization(ApiPolicies.Manage).AcceptsIdempotencyKey();

        group.MapPut("/{id:int}", async Task<Results<Ok<WebhookResponse>, ValidationProblem, ProblemHttpResult>> (int id,
            WebhookInput input, HttpContext http, WebhookService webhooks, IOptions<WebhookOptions> options, CancellationToken ct) =>
        {
            var sandboxId = ApiHttp.SandboxId(http);
            if (await webhooks.FindAsync(sandboxId, id, ct) is null)
            {
                return ApiProblems.NotFoundProblem(http);
            }

            var (version, refusal) = ApiHttp.ExpectedVersion(http);
            if (refusal is not null)
            {
                return refusal;
            }

            var result = await webhooks.UpdateAsync(sandboxId, id, version!.Value, input, ApiHttp.Actor(http), ct);
            switch (result.Outcome)
            {
                case WebhookOutcome.NotFound:
                    return ApiProblems.NotFoundProblem(http);
                case WebhookOutcome.ConcurrencyConflict:
                    return ApiProblems.Stale(http);
                case not WebhookOutcome.Updated:
                    return ApiProblems.ValidationFailed(http, result.FieldErrors);
            }

            var webhook = (await webhooks.FindAsync(sandboxId, id, ct))!;
            ApiHttp.SetETag(http, webhook.Version);
            return TypedResults.Ok(ToResponse(http, options, webhook));
        }).WithName("UpdateWebhook").WithSummary("Edit an SMS webhook (vendor and type never change; If-Match required)")
            .RequireAuthorization(ApiPolicies.Manage).RequiresIfMatch();

        group.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, HttpContext http,
            WebhookService webhooks, CancellationToken ct) =>
        {
            var sandboxId = ApiHttp.SandboxId(http);
            var (version, refusal) = ApiHttp.ExpectedVersion(http);
            if (refusal is not null)
            {
                return await webhooks.FindAsync(sandboxId, id, ct) is null ? ApiProblems.NotFoundProblem(http) : refusal;
            }

            var result = await webhooks.DeleteAsync(sandboxId, id, ApiHttp.Actor(http), version, ct);
            return result.Outcome switch
            {
                WebhookOutcome.Deleted => TypedResults.NoContent(),
                WebhookOutcome.ConcurrencyConflict => ApiProblems.Stale(http),
                _ => ApiProblems.NotFoundProblem(http),
            };
        }).WithName("DeleteWebhook").WithSummary("Delete an SMS webhook (If-Match required)")
            .RequireAuthorization(ApiPolicies.Manage).RequiresIfMatch();

        group.MapPost("/{id:int}/regenerate-secret", async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> (int id,
            HttpContext http, WebhookService webhooks, IOptions<WebhookOptions> options, CancellationToken ct) =>
        {
            var sandboxId = ApiHttp.SandboxId(http);
            var result = await webhooks.RegenerateSecretAsync(sandboxId, id, ApiHttp.Actor(http), ct);
            switch (result.Outcome)
            {
                case WebhookOutcome.NotFound:
                    return ApiProblems.NotFoundProblem(http);
                case not WebhookOutcome.SecretRegenerated:
                    return ApiProblems.StateConflict(http, result.FieldErrors);
            }

            var webhook = (await webhooks.FindAsync(sandboxId, id, ct))!;
            ApiHttp.SetETag(http, webhook.Version);
            return TypedResults.Ok(ToResponse(http, options, webhook) with { SigningSecret = result.SigningSecret });
        }).WithName("RegenerateWebhookSecret").WithSummary("Give a Custom webhook a new signing secret (shown in this answer only)")
            .RequireAuthorization(ApiPolicies.Manage).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static WebhookResponse ToResponse(HttpContext http, IOptions<WebhookOptions> options, Webhook w)
    {
        var input = WebhookService.ToInput(w);
        return new WebhookResponse(w.Id, w.Name, w.Vendor, w.Type, w.ApiCredentialId, w.SenderNumber,
            WebhookFormPageModel.BuildWebhookUrl(http.Request, options, w.PathToken), w.SigningSecretHash is not null, w.SigningSecretHint,
            input.Keywords, input.Mapping, w.CreatedAtUtc, w.ModifiedBy, w.ModifiedAtUtc, w.Version);
    }
}
