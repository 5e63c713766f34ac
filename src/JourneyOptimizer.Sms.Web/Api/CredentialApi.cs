using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>Whether a write-only secret is stored, and its last characters: the only thing the API says of a secret.</summary>
public sealed record SecretState(bool IsSet, string? Hint);

/// <summary>
/// A credential as the API answers it: the common columns, <see cref="Settings"/> (the vendor's input as its form
/// shows it on edit, so secrets are left out) and <see cref="Secrets"/> (each secret field: set or not, and its hint).
/// </summary>
public sealed record CredentialResponse(int Id, string Name, SmsVendor Vendor, string Address, MobileChannel Channel,
    VerificationStatus VerificationStatus, DateTime? LastVerifiedAt, string? LastVerificationError, string? AccountType,
    DateTime CreatedAt, string ModifiedBy, DateTime ModifiedAt, int Version, ApiCredentialInput Settings,
    IReadOnlyDictionary<string, SecretState> Secrets);

public sealed record CredentialListItemResponse(int Id, string Name, SmsVendor Vendor, string Address,
    VerificationStatus VerificationStatus, DateTime? LastVerifiedAt, string ModifiedBy, DateTime ModifiedAt);

public sealed record TestMessageRequest(string? To, string? Message, string? From = null);

public sealed record TestMessageResponse(bool Sent, string? MessageId, string? Status, int? ErrorCode, string? Error);

/// <summary>
/// Makes every registered vendor's input (<see cref="ICredentialVendor.InputType"/>) a JSON subtype of
/// <see cref="ApiCredentialInput"/> chosen by <c>"vendor"</c>, so that a vendor plug-in is in the API (requests, answers
/// and the OpenAPI document) without an API change; a secret property is written only when it has a value, which an
/// answer never gives it.
/// </summary>
public sealed class CredentialJsonOptionsSetup(CredentialVendors vendors) : IConfigureOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>
{
    public const string DiscriminatorName = "vendor";

    public static string Discriminator(SmsVendor vendor) => JsonNamingPolicy.CamelCase.ConvertName(vendor.ToString());

    public void Configure(Microsoft.AspNetCore.Http.Json.JsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // "vendor" may come anywhere in the object, as a person writing JSON by hand expects.
        options.SerializerOptions.AllowOutOfOrderMetadataProperties = true;
        options.SerializerOptions.TypeInfoResolver =
            (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Modify);
    }

    private void Modify(JsonTypeInfo info)
    {
        if (info.Type == typeof(ApiCredentialInput))
        {
            info.PolymorphismOptions = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = DiscriminatorName,
                UnknownDerivedTypeHandling = System.Text.Json.Serialization.JsonUnknownDerivedTypeHandling.FailSerialization,
            };
            foreach (var vendor in vendors.All)
            {
                info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(vendor.InputType, Discriminator(vendor.Vendor)));
            }

            // Without "vendor" the serializer would try the abstract base and throw NotSupportedException (a 500);
            // a JsonException makes it the API's 400 problem like any other unreadable body.
            info.CreateObject = static () => throw new JsonException("The credential's \"vendor\" is missing.");
            return;
        }

        var owner = vendors.All.FirstOrDefault(v => v.InputType == info.Type);
        if (owner is null || info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is MemberInfo member && owner.SecretFields.Contains(member.Name))
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }
        }
    }
}

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
            ApiCredentialService credentials, CredentialVendors vendors, CancellationToken ct) =>
        {
            var credential = await credentials.FindAsync(ApiHttp.SandboxId(http), id, ct);
            if (credential is null)
            {
                return ApiProblems.NotFoundProblem(http);
            }

            ApiHttp.SetETag(http, credential.Version);
            return TypedResults.Ok(ToResponse(http, credential, vendors));
        }).WithName("GetCredential").WithSummary("Get an API credential (secrets never)");

        group.MapPost("/", CreateAsync).WithName("CreateCredential").WithSummary("Create an API credential (verified with the provider)")
            .RequireAuthorization(ApiPolicies.Manage).AcceptsIdempotencyKey()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPut("/{id:int}", UpdateAsync).WithName("UpdateCredential").WithSummary("Edit an API credential (If-Match required)")
            .RequireAuthorization(ApiPolicies.Manage).RequiresIfMatch().ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, HttpContext http,
            ApiCredentialService credentials, CancellationToken ct) =>
        {
            var sandboxId = ApiHttp.SandboxId(http);
            var (version, refusal) = ApiHttp.ExpectedVersion(http);
            if (refusal is not null)
            {
                return await credentials.FindAsync(sandboxId, id, ct) is null ? ApiProblems.NotFoundProblem(http) : refusal;
            }

            var result = await credentials.DeleteAsync(sandboxId, id, ApiHttp.Actor(http), version, ct);
            return result.Outcome switch
            {
                CredentialOutcome.Deleted => TypedResults.NoContent(),
                CredentialOutcome.NotFound => ApiProblems.NotFoundProblem(http),
                CredentialOutcome.ConcurrencyConflict => ApiProblems.Stale(http),
                _ => ApiProblems.StateConflict(http, result.FieldErrors),
            };
        }).WithName("DeleteCredential").WithSummary("Delete an API credential that nothing uses (If-Match required)")
            .RequireAuthorization(ApiPolicies.Manage).ProducesProblem(StatusCodes.Status409Conflict)
            .RequiresIfMatch();

        group.MapPost("/{id:int}/verify", async Task<Results<Ok<CredentialResponse>, ValidationProblem, ProblemHttpResult>> (int id,
            HttpContext http, ApiCredentialService credentials, CredentialVendors vendors, CancellationToken ct) =>
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
            return TypedResults.Ok(ToResponse(http, credential, vendors));
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
        ApiCredentialInput input, HttpContext http, ApiCredentialService credentials, CredentialVendors vendors, CancellationToken ct,
        bool saveWithoutVerification = false)
    {
        var sandboxId = ApiHttp.SandboxId(http);
        var vendor = vendors.All.First(v => v.InputType == input.GetType());
        var result = await credentials.CreateAsync(sandboxId, vendor.Vendor, input, ApiHttp.Actor(http), saveWithoutVerification, ct);
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
        return TypedResults.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{credential.Id}", ToResponse(http, credential, vendors));
    }

    private static async Task<Results<Ok<CredentialResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id,
        ApiCredentialInput input, HttpContext http, ApiCredentialService credentials, CredentialVendors vendors, CancellationToken ct,
        bool saveWithoutVerification = false)
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

        // The vendor of a credential never changes: a body of another vendor is a field error on "vendor".
        var result = vendors[current.Vendor].InputType == input.GetType()
            ? await credentials.UpdateAsync(sandboxId, id, version!.Value, input, ApiHttp.Actor(http), saveWithoutVerification, ct)
            : CredentialResult.Fail(CredentialOutcome.Invalid, new Core.Common.FieldError(ApiCredentialService.VendorField,
                "The SMS vendor of a credential cannot change."));
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
        return TypedResults.Ok(ToResponse(http, credential, vendors));
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

    private static CredentialResponse ToResponse(HttpContext http, ApiCredential c, CredentialVendors vendors)
    {
        var vendor = vendors[c.Vendor];
        var localizer = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        var hints = vendor.SecretHints(c);
        var secrets = vendor.SecretFields.ToDictionary(JsonNamingPolicy.CamelCase.ConvertName,
            field => new SecretState(hints.ContainsKey(field), hints.GetValueOrDefault(field)), StringComparer.Ordinal);
        // The reason in the request's language, its arguments filled (the column holds a key, or a key with arguments).
        var reason = c.LastVerificationError is null ? null : localizer.Stored(c.LastVerificationError).Value;
        return new CredentialResponse(c.Id, c.Name, c.Vendor, c.Address, vendor.ChannelOf(c.Address), c.VerificationStatus,
            c.LastVerifiedAtUtc, reason, c.AccountType, c.CreatedAtUtc, c.ModifiedBy, c.ModifiedAtUtc, c.Version,
            vendor.ToInput(c), secrets);
    }
}
