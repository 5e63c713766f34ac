using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyOptimizer.Sms.Web.Api;

/// <param name="WebhookName">Null when the webhook it arrived through was deleted (the history is kept).</param>
public sealed record InboundMessageResponse(long Id, string? WebhookName, string ProfileNumber, string InboundNumber, string Body,
    KeywordCategory? Category, string? Keyword, bool FuzzyMatch, string? ReplyMessage, DateTime ReceivedAt);

public sealed record DeliveryStatusResponse(long Id, string? WebhookName, string ClientReference, string Status, string? Code,
    DateTime UpdatedAt);

public sealed record DeliveryEventResponse(long Id, string Status, string? Code, DateTime ReceivedAt);

public sealed record ConsentResponse(long Id, string ProfileNumber, string SenderNumber, ConsentState State, ConsentSource Source,
    string? Keyword, string ChangedBy, DateTime ChangedAt, int Version);

/// <summary>What the webhooks received (inbound messages, delivery feedback) and the consent list, as the pages show them.</summary>
public static class ActivityApi
{
    public static void MapActivityApi(this RouteGroupBuilder sandbox)
    {
        sandbox.MapGet("/inbound-messages", async (HttpContext http, WebhookService webhooks, string? search, string? cursor,
            int? pageSize, CancellationToken ct) =>
        {
            var page = await webhooks.InboundMessagesAsync(ApiHttp.SandboxId(http), search, cursor, ApiHttp.PageSize(pageSize), ct);
            return TypedResults.Ok(new PageResponse<InboundMessageResponse>(page.Items.Select(m => new InboundMessageResponse(m.Id,
                m.WebhookName, m.ProfileNumber, m.InboundNumber, m.Body, m.Category, m.Keyword, m.FuzzyMatch, m.ReplyMessage,
                m.ReceivedAtUtc)).ToList(), page.NextCursor));
        }).WithTags("Activity").WithName("ListInboundMessages").WithSummary("Inbound messages, newest first (search by number prefix)");

        sandbox.MapGet("/delivery-feedback", async (HttpContext http, WebhookService webhooks, string? search, string? cursor,
            int? pageSize, CancellationToken ct) =>
        {
            var page = await webhooks.DeliveryStatusesAsync(ApiHttp.SandboxId(http), search, cursor, ApiHttp.PageSize(pageSize), ct);
            return TypedResults.Ok(new PageResponse<DeliveryStatusResponse>(page.Items.Select(s => new DeliveryStatusResponse(s.Id,
                s.WebhookName, s.ClientReference, s.Status, s.Code, s.UpdatedAtUtc)).ToList(), page.NextCursor));
        }).WithTags("Activity").WithName("ListDeliveryFeedback")
            .WithSummary("The current delivery status per message, newest first (search by message id prefix)");

        sandbox.MapGet("/delivery-feedback/{clientReference}", async (string clientReference, HttpContext http, WebhookService webhooks,
            CancellationToken ct) =>
        {
            var events = clientReference.Length <= DeliveryFeedback.ClientReferenceMaxLength
                ? await webhooks.FeedbackEventsAsync(ApiHttp.SandboxId(http), clientReference, ct)
                : [];
            return TypedResults.Ok(events.Select(e => new DeliveryEventResponse(e.Id, e.Status, e.Code, e.ReceivedAtUtc)).ToList());
        }).WithTags("Activity").WithName("ListDeliveryEvents").WithSummary("Every receipt of one message, in order");

        var consent = sandbox.MapGroup("/consent").WithTags("Consent");
        consent.MapGet("/", async (HttpContext http, ConsentService service, string? search, string? cursor, int? pageSize,
            CancellationToken ct) =>
        {
            var page = await service.ListAsync(ApiHttp.SandboxId(http), search, cursor, ApiHttp.PageSize(pageSize), ct);
            return TypedResults.Ok(new PageResponse<ConsentResponse>(page.Items.Select(c => new ConsentResponse(c.Id, c.ProfileNumber,
                c.SenderNumber, c.State, c.Source, c.Keyword, c.ChangedBy, c.ChangedAtUtc, c.Version)).ToList(), page.NextCursor));
        }).WithName("ListConsent").WithSummary("The consent list (search by number prefix)");

        consent.MapPost("/opt-out", (ManualConsentInput input, HttpContext http, ConsentService service, CancellationToken ct) =>
            SetAsync(http, service, input, ConsentState.OptedOut, ct))
            .WithName("OptOut").WithSummary("Opt a number out of a sender number by hand").RequireAuthorization(ApiPolicies.Manage);
        consent.MapPost("/opt-in", (ManualConsentInput input, HttpContext http, ConsentService service, CancellationToken ct) =>
            SetAsync(http, service, input, ConsentState.OptedIn, ct))
            .WithName("OptIn").WithSummary("Opt a number back in to a sender number by hand").RequireAuthorization(ApiPolicies.Manage);
    }

    private static async Task<Results<NoContent, ValidationProblem>> SetAsync(HttpContext http, ConsentService service,
        ManualConsentInput input, ConsentState state, CancellationToken ct)
    {
        var result = await service.SetAsync(ApiHttp.SandboxId(http), input, state, ApiHttp.Actor(http), ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.ValidationFailed(http, result.FieldErrors);
    }
}
