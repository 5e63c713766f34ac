using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using JourneyOptimizer.Sms.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>Per-key request budget of the REST API (<c>Api:RateLimit</c>).</summary>
public sealed class ApiRateLimitOptions
{
    public const string SectionName = "Api:RateLimit";

    /// <summary>Requests a key may make per <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The REST API's registration: API-key authentication (only on /api), the sandbox permission policies, a rate limit
/// per key, JSON in camelCase with enums as strings, problem details for every failure, and the OpenAPI document.
/// </summary>
public static class ApiSetup
{
    public const string RateLimitPolicy = "api-key";
    public const string DocumentName = "v1";

    public static bool IsApiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddScoped<IAuthorizationHandler, SandboxPermissionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.View, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().AddRequirements(new SandboxPermissionRequirement(SandboxAccess.View)))
            .AddPolicy(ApiPolicies.Manage, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().AddRequirements(new SandboxPermissionRequirement(SandboxAccess.Manage)))
            .AddPolicy(ApiPolicies.SystemAdministrator, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireRole(PortalRoles.SystemAdministrator));

        services.AddOptions<ApiRateLimitOptions>().BindConfiguration(ApiRateLimitOptions.SectionName)
            .Validate(o => o.PermitLimit > 0 && o.Window > TimeSpan.Zero, "Api:RateLimit needs a positive PermitLimit and Window.")
            .ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiRateLimitOptions>>().Value;

                // The API's scheme authenticates in the authorization step, after the limiter: the partition is the
                // presented key's public prefix (no database read), else the client address. An unknown prefix gets a
                // budget of its own, but every request of it is then refused as 401.
                var header = context.Request.Headers.Authorization.ToString();
                var partition = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    && Core.Identity.ApiKeys.ApiKeyService.TryParsePrefix(header["Bearer ".Length..].Trim(), out var prefix)
                    ? "key:" + prefix
                    : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = limits.Window,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ApiProblems.WriteAsync(context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>(),
                    context.HttpContext, StatusCodes.Status429TooManyRequests, ApiProblems.TooManyRequests,
                    "This API key made too many requests. Wait for the time in Retry-After.");
            };
        });

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>,
            CredentialJsonOptionsSetup>());
        services.AddScoped<IdempotencyFilter>();
        services.AddOpenApi(DocumentName, options => ApiDocument.Configure(options));
        return services;
    }

    /// <summary>
    /// Before routing: the API answers its own errors as problem details (never the portal's HTML error pages), and a
    /// body that cannot be read is a 400 problem, never a 500.
    /// </summary>
    public static IApplicationBuilder UsePortalApiErrors(this IApplicationBuilder app) =>
        app.UseWhen(IsApiRequest, api => api.Use(async (context, next) =>
        {
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await ApiProblems.WriteAsync(problems, context, StatusCodes.Status400BadRequest, ApiProblems.BadRequest,
                    "The request body is not valid JSON for this operation.");
                return;
            }

            if (context.Response is { StatusCode: >= 400, HasStarted: false, ContentLength: null or 0 })
            {
                var (type, detail) = context.Response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => (ApiProblems.NotFound, "This object does not exist in this sandbox."),
                    StatusCodes.Status401Unauthorized => (ApiProblems.Unauthorized, "Send a valid API key as Authorization: Bearer <key>."),
                    StatusCodes.Status403Forbidden => (ApiProblems.Forbidden, "Your permission in this sandbox does not allow this."),
                    _ => (ApiProblems.BadRequest, "The request body is not valid JSON for this operation."),
                };
                await ApiProblems.WriteAsync(problems, context, context.Response.StatusCode, type, detail);
            }
        }));

    public static void MapPortalApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", options => options.WithTitle("SMS channel administration API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();

        var v1 = app.MapGroup("/api/v1")
            .RequireRateLimiting(RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        v1.MapSandboxApi();
        v1.MapAuditLogApi();

        var sandbox = v1.MapGroup("/sandboxes/{sandbox}")
            .RequireAuthorization(ApiPolicies.View)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        sandbox.MapCredentialApi();
        sandbox.MapWebhookApi();
        sandbox.MapChannelConfigurationApi();
        sandbox.MapActivityApi();
        sandbox.MapCopyApi();
    }
}
