using System.Text.Json.Serialization;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>A credential to create or edit: <c>vendor</c> chooses the shape, secrets are write-only (blank keeps).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "vendor")]
[JsonDerivedType(typeof(TwilioCredentialRequest), "twilio")]
public abstract class CredentialRequest
{
    public string? Name { get; set; }

    /// <summary>Save as Not verified when the provider cannot be reached (else the answer is 503).</summary>
    public bool SaveWithoutVerification { get; set; }
}

public sealed class TwilioCredentialRequest : CredentialRequest
{
    public string? AccountSid { get; set; }

    /// <summary><c>AuthToken</c> (the default) or <c>ApiKey</c>: how the portal signs in to Twilio.</summary>
    public TwilioAuthMethod AuthMethod { get; set; }

    /// <summary>
    /// Write-only. Required on create with the Auth Token method; with an API key, only for the signatures of the
    /// credential's webhooks (Twilio signs them with the Auth Token). Left out (or blank) on update keeps the stored token.
    /// </summary>
    public string? AuthToken { get; set; }

    /// <summary>With the API key method: <c>SK</c> followed by 32 hexadecimal characters.</summary>
    public string? ApiKeySid { get; set; }

    /// <summary>Write-only. With the API key method: required on create; left out (or blank) on update keeps it.</summary>
    public string? ApiKeySecret { get; set; }

    public string? MessagingServiceSid { get; set; }

    public string? InboundNumber { get; set; }

    public TwilioCredentialInput ToInput() => new()
    {
        Name = Name,
        AccountSid = AccountSid,
        AuthMethod = AuthMethod,
        AuthToken = AuthToken,
        ApiKeySid = ApiKeySid,
        ApiKeySecret = ApiKeySecret,
        MessagingServiceSid = MessagingServiceSid,
        InboundNumber = InboundNumber,
    };
}

/// <summary>Twilio's fields of a credential: never a secret, only whether it is set and its last 4 characters.</summary>
public sealed record TwilioCredentialDetails(string AccountSid, string MessagingServiceSid, string InboundNumber, bool HasAuthToken,
    string? AuthTokenHint, string? AccountType, TwilioAuthMethod AuthMethod, string? ApiKeySid, bool HasApiKeySecret,
    string? ApiKeySecretHint);

public sealed record CredentialResponse(int Id, string Name, SmsVendor Vendor, string Address, VerificationStatus VerificationStatus,
    DateTime? LastVerifiedAt, string? LastVerificationError, DateTime CreatedAt, string ModifiedBy, DateTime ModifiedAt, int Version,
    TwilioCredentialDetails? Twilio);

public sealed record CredentialListItemResponse(int Id, string Name, SmsVendor Vendor, string Address,
    VerificationStatus VerificationStatus, DateTime? LastVerifiedAt, string ModifiedBy, DateTime ModifiedAt);

public sealed record TestMessageRequest(string? To, string? Message, string? From = null);

public sealed record TestMessageResponse(bool Sent, string? MessageId, string? Status, int? ErrorCode, string? Error);

/// <summary>API credentials: the same service as the pages (<see cref="ApiCredentialService"/>).</summary>
public static class CredentialApi
{
    public static void MapCredentialApi(this RouteGroupBuilder sandbox)
    {
        var group = sandbox.MapGroup("/credentials").WithTags("API credentials");

        group.MapGet("/", async (HttpContext http, ApiCredentialService credentials, string? search, string? cursor, int? pageSize,
            CancellationToken ct) =>
        {
            var page = await credentials.ListAsync(ApiHttp.SandboxId(http), search, cursor, ApiHttp.PageSize(pageSize), ct);
            return TypedResults.Ok(new PageResponse<CredentialListItemResponse>(page.Items.Select(c => new CredentialListItemResponse(
                c.Id, c.Name, c.Vendor, c.Address, c.VerificationStatus, c.LastVerifiedAtUtc, c.ModifiedBy, c.ModifiedAtUtc)).ToList(),
                page.NextCursor));
        }).WithName("ListCredentials").WithSummary("List API credentials (search by name prefix, keyset paging)");

        group.MapGet("/{id:int}", async Task<Results<Ok<CredentialResponse>, ProblemHttpResult>> (int id, HttpContext http,
            ApiCredentialService credentials, CancellationToken ct) =>
        {
            var credential = await credentials.FindAsync(ApiHttp.SandboxId(http), id, ct);
            if (credential is null)
            {
                return ApiProblems.NotFoundProblem(http);
            }

            ApiHttp.SetETag(http, credential.Version);
            return TypedResults.Ok(ToResponse(credential));
        }).WithName("GetCredential").WithSummary("Get an API credential (secrets never)");

        group.MapPost("/", CreateAsync).WithName("CreateCredential").WithSummary("Create an API credential (verified with the provider)")
            .RequireAuthorization(ApiPolicies.Manage).AcceptsIdempotencyKey()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateCredential").WithSummary("Edit an API credential (If-Match required)")
            .RequireAuthorization(ApiPolicies.Manage).RequiresIfMatch().ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, HttpContext http,
            ApiCredentialService credentials, CancellationToken ct) =>
        {
            var (version, refusal) = ApiHttp.ExpectedVersion(http);
            var current = await credentials.FindAsync(ApiHttp.SandboxId(http), id, ct);
            if (current is null)
            {
                return ApiProblems.NotFoundProblem(http);
            }

            if (refusal is not null)
            {
                return refusal;
            }

            if (current.Version != version)
            {
                return ApiProblems.Stale(http);
            }

            var result = await credentials.DeleteAsync(ApiHttp.SandboxId(http), id, ApiHttp.Actor(http), ct);
            return result.Outcome switch
            {
                CredentialOutcome.Deleted => TypedResults.NoContent(),
                CredentialOutcome.NotFound => ApiProblems.NotFoundProblem(http),
                _ => ApiProblems.StateConflict(http, result.FieldErrors),
            };
        }).WithName("DeleteCredential").WithSummary("Delete an API credential that nothing uses (If-Match required)")
            .RequireAuthorization(ApiPolicies.Manage).ProducesProblem(StatusCodes.Status409Conflict)
            .RequiresIfMatch();

        group.MapPost("/{id:int}/verify", async Task<Results<Ok<CredentialResponse>, ValidationProblem, ProblemHttpResult>> (int id,
            HttpContext http, ApiCredentialService credentials, CancellationToken ct) =>
        {
            var sandboxId = ApiHttp.SandboxId(http);
            var result = await credentials.VerifyAsync(sandboxId, id, ApiHttp.Actor(http), ct);
            if (result.Outcome == CredentialOutcome.NotFound)
            {
                return ApiProblems.NotFoundProblem(http);
            }

            if (result.Outcome == CredentialOutcome.ProviderUnreachable)
            {
                return Unreachable(http);
            }

            var credential = (await credentials.FindAsync(sandboxId, id, ct))!;
            ApiHttp.SetETag(http, credential.Version);
            return TypedResults.Ok(ToResponse(credential));
        }).WithName("VerifyCredential").WithSummary("Check the credential with its provider again; the answer carries the status")
            .RequireAuthorization(ApiPolicies.Manage).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/{id:int}/test-message", async Task<Results<Ok<TestMessageResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, TestMessageRequest request, HttpContext http, ApiCredentialService credentials, CancellationToken ct) =>
        {
            var errors = new List<Core.Common.FieldError>();
            if (string.IsNullOrWhiteSpace(request.To))
            {
                errors.Add(new Core.Common.FieldError("To", "Enter the number to send the test message to."));
            }

            if (string.IsNullOrWhiteSpace(request.Message))
            {
                errors.Add(new Core.Common.FieldError("Message", "Enter the message."));
            }

            if (errors.Count > 0)
            {
                return ApiProblems.ValidationFailed(http, errors);
            }

            var sandboxId = ApiHttp.SandboxId(http);
            if (await credentials.FindAsync(sandboxId, id, ct) is null)
            {
                return ApiProblems.NotFoundProblem(http);
            }

            var answer = await credentials.SendTestAsync(sandboxId, id, request.From, request.To!, request.Message!, ApiHttp.Actor(http), ct);
            return TypedResults.Ok(ToResponse(http, answer));
        }).WithName("SendCredentialTestMessage").WithSummary("Send a test message through the provider (Verify SMS connection)")
            .RequireAuthorization(ApiPolicies.Manage);
    }

    internal static TestMessageResponse ToResponse(HttpContext http, TestMessageResult answer)
    {
        var localizer = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        var error = answer.ErrorKey is null ? null : (string)localizer[answer.ErrorKey, answer.ErrorArguments?.ToArray() ?? []];
        return new TestMessageResponse(answer.Sent, answer.MessageId, answer.Status, answer.ErrorCode, error);
    }

    private static async Task<Results<Created<CredentialResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CredentialRequest request, HttpContext http, ApiCredentialService credentials, CancellationToken ct)
    {
        var sandboxId = ApiHttp.SandboxId(http);
        var result = request switch
        {
            TwilioCredentialRequest twilio => await credentials.CreateAsync(sandboxId, SmsVendor.Twilio, twilio.ToInput(),
                ApiHttp.Actor(http), request.SaveWithoutVerification, ct),
            _ => throw new InvalidOperationException("Unknown credential request."),
        };
        if (!result.Succeeded)
        {
            var problem = Refusal(http, result);
            if (problem is not null)
            {
                return problem;
            }

            return ApiProblems.ValidationFailed(http, result.FieldErrors);
        }

        var credential = (await credentials.FindAsync(sandboxId, result.Id!.Value, ct))!;
        ApiHttp.SetETag(http, credential.Version);
        return TypedResults.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{credential.Id}", ToResponse(credential));
    }

    private static async Task<Results<Ok<CredentialResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id,
        CredentialRequest request, HttpContext http, ApiCredentialService credentials, CancellationToken ct)
    {
        var sandboxId = ApiHttp.SandboxId(http);
        var current = await credentials.FindAsync(sandboxId, id, ct);
        if (current is null)
        {
            return ApiProblems.NotFoundProblem(http);
        }

        var (version, refusal) = ApiHttp.ExpectedVersion(http);
        if (refusal is not null)
        {
            return refusal;
        }

        var result = request switch
        {
            TwilioCredentialRequest twilio when current is TwilioCredential => await credentials.UpdateAsync(sandboxId, id,
                version!.Value, twilio.ToInput(), ApiHttp.Actor(http), request.SaveWithoutVerification, ct),
            _ => CredentialResult.Fail(CredentialOutcome.Invalid, new Core.Common.FieldError("Vendor",
                "The SMS vendor of a credential cannot change.")),
        };
        if (!result.Succeeded)
        {
            var problem = Refusal(http, result);
            if (problem is not null)
            {
                return problem;
            }

            return ApiProblems.ValidationFailed(http, result.FieldErrors);
        }

        var credential = (await credentials.FindAsync(sandboxId, id, ct))!;
        ApiHttp.SetETag(http, credential.Version);
        return TypedResults.Ok(ToResponse(credential));
    }

    /// <summary>The refusals that are not field errors; null when the result's field errors are the answer.</summary>
    private static ProblemHttpResult? Refusal(HttpContext http, CredentialResult result) =>
        result.Outcome switch
        {
            CredentialOutcome.NotFound => ApiProblems.NotFoundProblem(http),
            CredentialOutcome.ConcurrencyConflict => ApiProblems.Stale(http),
            CredentialOutcome.ProviderUnreachable => Unreachable(http),
            CredentialOutcome.InUse => ApiProblems.StateConflict(http, result.FieldErrors),
            _ => null,
        };

    private static ProblemHttpResult Unreachable(HttpContext http) =>
        ApiProblems.Problem(http, StatusCodes.Status503ServiceUnavailable, ApiProblems.ProviderUnreachable,
            "The provider could not be reached. Try again later, or save with saveWithoutVerification.");

    private static CredentialResponse ToResponse(ApiCredential c) => new(c.Id, c.Name, c.Vendor, c.Address, c.VerificationStatus,
        c.LastVerifiedAtUtc, c.LastVerificationError, c.CreatedAtUtc, c.ModifiedBy, c.ModifiedAtUtc, c.Version,
        c is TwilioCredential t
            ? new TwilioCredentialDetails(t.AccountSid, t.MessagingServiceSid, t.InboundNumber, t.AuthTokenProtected is not null,
                t.AuthTokenHint, t.AccountType, t.AuthMethod, t.ApiKeySid, t.ApiKeySecretProtected is not null, t.ApiKeySecretHint)
            : null);
}
