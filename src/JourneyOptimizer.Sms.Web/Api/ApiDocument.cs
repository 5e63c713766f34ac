using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>
/// What the framework cannot infer for <c>/openapi/v1.json</c>: the bearer scheme (API keys) on every API operation,
/// and the <c>Idempotency-Key</c> and <c>If-Match</c> headers of the operations that take them.
/// </summary>
public static class ApiDocument
{
    public const string SecuritySchemeName = "apiKey";

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "SMS channel administration API",
                Version = "v1",
                Description = "API credentials, SMS webhooks, channel configurations, activity and consent per sandbox, with the " +
                    "portal's rules and permissions. Authenticate with a personal API key (user menu > API keys) as " +
                    "`Authorization: Bearer <key>`. Errors are RFC 9457 problem details; updates and deletes need `If-Match`.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "jo_{prefix}_{secret}",
                Description = "A personal API key. It acts with its user's permissions in each sandbox.",
            };
            return Task.CompletedTask;
        });
        // ProblemDetailsService adds the request's traceId to every problem: the document says so.
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
            {
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = [],
            });
            operation.Parameters ??= [];
            if (metadata.OfType<IdempotentCreateMetadata>().Any())
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyFilter.HeaderName,
                    In = ParameterLocation.Header,
                    Description = "Any unique value (e.g. a UUID): a retry with the same key and body returns the first answer " +
                        "for 24 hours; the same key with another body is a 422.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 },
                });
            }

            if (metadata.OfType<IfMatchMetadata>().Any())
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = true,
                    Description = "The ETag of the object as you read it: 412 when it changed since, 428 when missing.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            return Task.CompletedTask;
        });
    }
}
