using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>
/// What to copy from the route's sandbox to <see cref="Target"/> (ids of the route's sandbox), and how items arrive:
/// by item key (<c>ApiCredential-12</c>, as the answer names them) a new name and the vendor fields to change (such as
/// <c>inboundNumber</c> when the number clashes). <see cref="DryRun"/> answers the plan without copying.
/// </summary>
public sealed record CopyRequest(
    string? Target,
    IReadOnlyList<int>? CredentialIds = null,
    IReadOnlyList<int>? WebhookIds = null,
    IReadOnlyList<int>? ChannelConfigurationIds = null,
    IReadOnlyDictionary<string, CopyItemRequest>? Items = null,
    bool DryRun = false);

public sealed record CopyItemRequest(string? Name = null, IReadOnlyDictionary<string, string>? Fields = null);

/// <summary>
/// One item of a copy: its key, what it is, its name in the target, whether it was asked for or brought along, the
/// vendor fields offered to change, the secrets to enter after the copy (a credential's), what clashes (translated, by
/// field), and its id in the target once copied.
/// </summary>
public sealed record CopyItemResponse(string Key, CopyItemKind Kind, int SourceId, string Name, SmsVendor Vendor, bool Picked,
    IReadOnlyDictionary<string, string> Fields, IReadOnlyList<string> SecretsToEnter, IReadOnlyDictionary<string, string[]> Errors,
    int? CreatedId);

public sealed record CopyResponse(string Source, string Target, bool Copied, IReadOnlyList<CopyItemResponse> Items);

/// <summary>"Copy to another sandbox" (<see cref="SandboxCopyService"/>, as the page): Manage in both sandboxes.</summary>
public static class CopyApi
{
    public static void MapCopyApi(this RouteGroupBuilder sandbox)
    {
        sandbox.MapPost("/copy", async Task<Results<Ok<CopyResponse>, Created<CopyResponse>, ValidationProblem, ProblemHttpResult>> (
            CopyRequest request, HttpContext http, SandboxCopyService copies, SandboxService sandboxes, SandboxAccessService access,
            CancellationToken ct) =>
        {
            var source = http.RequestServices.GetRequiredService<SandboxContext>().Sandbox;
            var target = string.IsNullOrWhiteSpace(request.Target) || request.Target.Length > Sandbox.NameMaxLength
                ? null
                : await sandboxes.FindByNameAsync(request.Target, ct);
            if (target is null || target.Id == source.Id || await access.GetAccessAsync(http.User, target.Id, ct) != SandboxAccess.Manage)
            {
                return ApiProblems.ValidationFailed(http, [new FieldError("Target", SandboxCopyMessages.TargetNotAllowed)]);
            }

            var selection = new CopySelection(request.CredentialIds ?? [], request.WebhookIds ?? [], request.ChannelConfigurationIds ?? []);
            if (selection.IsEmpty)
            {
                return ApiProblems.ValidationFailed(http, [new FieldError("CredentialIds", SandboxCopyMessages.NothingPicked)]);
            }

            var choices = (request.Items ?? new Dictionary<string, CopyItemRequest>())
                .Where(i => i.Value is not null)
                .ToDictionary(i => i.Key, i => new CopyChoice(i.Value.Name,
                    i.Value.Fields?.Where(f => f.Key.Length > 0).ToDictionary(f => char.ToUpperInvariant(f.Key[0]) + f.Key[1..], f => f.Value ?? "",
                        StringComparer.Ordinal)), StringComparer.Ordinal);
            if (request.DryRun)
            {
                var plan = await copies.PlanAsync(source, target, selection, choices, ct);
                return TypedResults.Ok(ToResponse(http, plan, null));
            }

            var result = await copies.CopyAsync(source, target, selection, choices, ApiHttp.Actor(http), ct);
            if (!result.Succeeded)
            {
                return ApiProblems.ValidationFailed(http, result.Plan?.Items.SelectMany(ItemErrors) ?? []);
            }

            return TypedResults.Created($"/api/v1/sandboxes/{target.Name}/credentials", ToResponse(http, result.Plan!, result.CreatedIds));
        }).WithTags("Sandboxes").WithName("CopyToSandbox")
            .WithSummary("Copy credentials, webhooks and channel configurations to another sandbox (no secret is copied)")
            .RequireAuthorization(ApiPolicies.Manage);
    }

    /// <summary>An item's clashes under their request paths: <c>items[ApiCredential-12].fields.inboundNumber</c>.</summary>
    private static IEnumerable<FieldError> ItemErrors(CopyPlanItem item) => item.Errors.Select(e => e with
    {
        Field = e.Field.Length == 0 ? $"Items[{item.Key}]"
            : e.Field == "Name" ? $"Items[{item.Key}].Name"
            : $"Items[{item.Key}].Fields.{e.Field}",
    });

    private static CopyResponse ToResponse(HttpContext http, CopyPlan plan, IReadOnlyDictionary<string, int>? created)
    {
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return new CopyResponse(plan.Source.Name, plan.Target.Name, created is not null, [.. plan.Items.Select(i => new CopyItemResponse(
            i.Key, i.Kind, i.SourceId, i.Name, i.Vendor, i.Picked,
            i.Fields.ToDictionary(f => ApiProblems.JsonPath(f.Key), f => f.Value, StringComparer.Ordinal),
            [.. i.SecretFields.Select(ApiProblems.JsonPath)],
            ItemErrors(i).GroupBy(e => ApiProblems.JsonPath(e.Field), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => (string)localizer[e.Message, e.Arguments]).ToArray(), StringComparer.Ordinal),
            created?.GetValueOrDefault(i.Key)))]);
    }
}
