using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JourneyOptimizer.Sms.Core.Api;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>An answer that carries a secret shown once: what an idempotent replay may repeat of it.</summary>
public interface IOneTimeSecretResponse
{
    object WithoutSecret();
}

/// <summary>Marks a create that accepts <c>Idempotency-Key</c> (the OpenAPI document names the header and the 422).</summary>
public sealed class IdempotentCreateMetadata;

/// <summary>
/// <c>Idempotency-Key</c> on creates: the first successful answer is stored with a hash of the request (method, path,
/// query and body as bound); a retry with the same key and request gets that answer again, the same key with another
/// request is a 422. Keys are per user and sandbox, kept 24 hours.
/// </summary>
public sealed class IdempotencyFilter(IdempotencyStore store, IOptions<JsonOptions> json) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var key = http.Request.Headers[HeaderName].ToString();
        if (key.Length == 0)
        {
            return await next(context);
        }

        if (key.Length > IdempotencyRecord.KeyMaxLength || key.Any(c => c is < '!' or > '~'))
        {
            return ApiProblems.Problem(http, StatusCodes.Status400BadRequest, ApiProblems.BadRequest,
                "Idempotency-Key must be 1 to 100 visible ASCII characters.");
        }

        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var sandbox = http.RequestServices.GetRequiredService<SandboxContext>();
        var sandboxId = sandbox.HasSandbox ? sandbox.Sandbox.Id : 0;
        var hash = RequestHash(context);
        var stored = await store.FindAsync(userId, sandboxId, key, http.RequestAborted);
        if (stored is not null)
        {
            return stored.RequestHash == hash
                ? new ReplayResult(stored)
                : ApiProblems.Problem(http, StatusCodes.Status422UnprocessableEntity, ApiProblems.IdempotencyMismatch,
                    "This Idempotency-Key was already used for a different request. Use a new key for a new request.");
        }

        var answer = await next(context);
        var result = answer;
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } status)
        {
            var value = (result as IValueHttpResult)?.Value;
            if (value is IOneTimeSecretResponse secret)
            {
                value = secret.WithoutSecret();
            }

            await store.SaveAsync(new IdempotencyRecord
            {
                UserId = userId,
                SandboxId = sandboxId,
                Key = key,
                RequestHash = hash,
                StatusCode = status.StatusCode!.Value,
                ResponseJson = value is null ? null : JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions),
                Location = result.GetType().GetProperty("Location")?.GetValue(result) as string,
                ETag = http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
            }, http.RequestAborted);
        }

        return answer;
    }

    private string RequestHash(EndpointFilterInvocationContext context)
    {
        var http = context.HttpContext;
        var bound = context.Arguments
            .Where(a => a is not null and not HttpContext and not CancellationToken && http.RequestServices.GetService(a.GetType()) is null)
            .Select(a => JsonSerializer.Serialize(a, a!.GetType(), json.Value.SerializerOptions));
        var text = http.Request.Method + " " + http.Request.Path + http.Request.QueryString + "\n" + string.Join("\n", bound);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The stored first answer, as it was sent.</summary>
    private sealed class ReplayResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = record.StatusCode;
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            if (record.Location is not null)
            {
                httpContext.Response.Headers.Location = record.Location;
            }

            if (record.ETag is not null)
            {
                httpContext.Response.Headers.ETag = record.ETag;
            }

            if (record.ResponseJson is not null)
            {
                httpContext.Response.ContentType = "application/json; charset=utf-8";
                await httpContext.Response.WriteAsync(record.ResponseJson, httpContext.RequestAborted);
            }
        }
    }
}

/// <summary>How an endpoint opts in to idempotent creates and to If-Match.</summary>
public static class ApiEndpointConventions
{
    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<IdempotencyFilter>().WithMetadata(new IdempotentCreateMetadata())
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static RouteHandlerBuilder RequiresIfMatch(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IfMatchMetadata())
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}

/// <summary>Marks an update or delete that needs <c>If-Match</c>.</summary>
public sealed class IfMatchMetadata;
