using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>
/// What the framework cannot infer for <c>/openapi/v1.json</c>: the bearer scheme (API keys) on every API operation,
/// the <c>Idempotency-Key</c> and <c>If-Match</c> headers of the operations that take them, and the <c>ETag</c> of
/// every answer that carries a versioned object.
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
        // ProblemDetailsService adds the request's traceId to every problem: the document says so. A vendor's secret
        // fields are write-only: answers never carry them (CredentialJsonOptionsSetup).
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonPropertyInfo is { AttributeProvider: System.Reflection.MemberInfo member } property
                && context.ApplicationServices.GetRequiredService<Core.Credentials.CredentialVendors>().All
                    .Any(v => v.InputType == property.DeclaringType && v.SecretFields.Contains(member.Name)))
            {
                schema.WriteOnly = true;
            }

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

            // Every answer that carries a versioned object (a Version property) carries its ETag, for If-Match.
            foreach (var answer in context.Description.SupportedResponseTypes)
            {
                if (answer.StatusCode is >= 200 and < 300 && answer.Type?.GetProperty("Version")?.PropertyType == typeof(int)
                    && operation.Responses?.TryGetValue(answer.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        out var response) == true && response is OpenApiResponse documented)
                {
                    documented.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    documented.Headers["ETag"] = new OpenApiHeader
                    {
                        Required = true,
                        Description = "The object's version: send it back as If-Match to update or delete it.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                }
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
