using System.Buffers;
using System.Data.Common;
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

        // Sized by Content-Length when given (small pooled arrays, no large-object heap), grown up to 64 KB otherwise;
        // returned to the pool before the wait for the commit, so concurrent requests do not hold buffers.
        var declared = context.Request.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent(declared is { } n ? (int)n + 1 : 4096);
        IReadOnlyList<IngestionEvent> events;
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max)
                    {
                        break;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await context.Request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, max + 1) - length), aborted);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > max)
            {
                await WriteAsync(context, ingestion.Refuse(webhook, StatusCodes.Status413PayloadTooLarge, "The body is larger than 64 KB."));
                return;
            }

            var request = new WebhookRequest(
                token!,
                context.Request.ContentType,
                context.Request.Headers,
                RequestUrl(context.Request),
                context.Request.QueryString.Value ?? "",
                buffer.AsMemory(0, length));
            WebhookResponse? refusal;
            (events, refusal) = ingestion.Read(webhook, request);
            if (refusal is not null)
            {
                await WriteAsync(context, refusal);
                return;
            }
        }
        catch (BadHttpRequestException ex)
        {
            // A body that breaks off or is malformed at the HTTP level (Kestrel's own limits included).
            await WriteAsync(context, ingestion.Refuse(webhook, ex.StatusCode, "The request body could not be read."));
            return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await WriteAsync(context, await ingestion.StoreAsync(webhook, events, aborted));
    }

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
