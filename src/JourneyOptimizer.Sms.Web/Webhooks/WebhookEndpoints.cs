using System.Buffers;
using System.Data.Common;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Core.Webhooks.Ingestion;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace JourneyOptimizer.Sms.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/{pathToken}</c>, the endpoint providers call (PRODUCT.md section 4). It runs in a branch of its
/// own, placed before the portal's request logging, status code pages, localization, authentication and
/// authorization (docs/decisions/0004-webhook-grouped-commits.md): a provider is authenticated by its signature, not
/// by a cookie; there is no form to protect with antiforgery; the request log would otherwise write the secret path
/// token and one line per event. The endpoint is a plain <see cref="RequestDelegate"/> (no model binding): it finds
/// the webhook, reads at most 64 KB and hands over to <see cref="WebhookIngestion"/>.
/// </summary>
public static class WebhookEndpoints
{
    private const string RouteParameter = "pathToken";

    /// <summary>Adds the webhook branch. Call before the request logging middleware.</summary>
    public static WebApplication MapWebhookEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var prefix = WebhookOptions.PathPrefix.TrimEnd('/');
        app.Map(prefix, branch =>
        {
            branch.UseRouting();
            branch.UseEndpoints(endpoints =>
                endpoints.MapPost("/{" + RouteParameter + "}", HandleAsync).WithDisplayName("Webhook"));
        });
        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var ingestion = context.RequestServices.GetRequiredService<WebhookIngestion>();
        var token = context.Request.RouteValues[RouteParameter] as string;
        var aborted = context.RequestAborted;

        ResolvedWebhook? webhook;
        try
        {
            webhook = await ingestion.FindAsync(token, aborted);
        }
        catch (DbException)
        {
            await WriteAsync(context, WebhookResponse.Refused(StatusCodes.Status503ServiceUnavailable, "The database is unavailable; retry later."));
            return;
        }

        if (webhook is null)
        {
            ingestion.ReportUnknown();
            await WriteAsync(context, WebhookResponse.Refused(StatusCodes.Status404NotFound, "Unknown webhook."));
            return;
        }

        var max = WebhookIngestionOptions.MaxBodyBytes;
        if (context.Request.ContentLength > max)
        {
            await WriteAsync(context, ingestion.Refuse(webhook, StatusCodes.Status413PayloadTooLarge, "The body is larger than 64 KB."));
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(max + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= max && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length, max + 1 - length), aborted)) > 0)
            {
                length += read;
            }

            if (length > max)
            {
                await WriteAsync(context, ingestion.Refuse(webhook, StatusCodes.Status413PayloadTooLarge, "The body is larger than 64 KB."));
                return;
            }

            var headers = context.Request.Headers;
            var request = new WebhookRequest(
                token!,
                context.Request.ContentType,
                headers.Authorization.Count > 0 ? headers.Authorization[0] : null,
                Header(headers, TwilioRequestValidator.SignatureHeaderName),
                Header(headers, WebhookIngestion.IdempotencyHeaderName),
                RequestUrl(context.Request),
                context.Request.QueryString.Value ?? "",
                buffer.AsMemory(0, length));
            await WriteAsync(context, await ingestion.HandleAsync(webhook, request, aborted));
        }
        catch (BadHttpRequestException ex)
        {
            // A body that breaks off or is malformed at the HTTP level (Kestrel's own limits included).
            await WriteAsync(context, ingestion.Refuse(webhook, ex.StatusCode, "The request body could not be read."));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static string RequestUrl(HttpRequest request) =>
        string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value);

    private static Task WriteAsync(HttpContext context, WebhookResponse response)
    {
        if (context.RequestAborted.IsCancellationRequested || context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.StatusCode = response.StatusCode;
        if (response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = "5";
        }

        if (response.StatusCode == StatusCodes.Status204NoContent)
        {
            return Task.CompletedTask;
        }

        context.Response.ContentType = response.ContentType;
        return context.Response.WriteAsync(response.Body, context.RequestAborted);
    }
}
