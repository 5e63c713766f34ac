using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Authorization;

/// <summary>One request the portal answers: a page handler or a minimal API endpoint, with what its metadata says.</summary>
public sealed record RouteRequest(
    string Name,
    string Method,
    string? Handler,
    RoutePattern Pattern,
    bool AllowsAnonymous,
    IReadOnlyList<string> Policies,
    IReadOnlyList<string> HandlerParameters,
    bool IsPage,
    bool RequiresManage = false)
{
    public bool IsSandboxScoped => Pattern.GetParameter("sandbox") is not null;

    public override string ToString() => $"{Method} {Name}{(Handler is null ? "" : "?handler=" + Handler)} ({Pattern.RawText})";
}

/// <summary>
/// Every endpoint of the running portal, read from its <see cref="EndpointDataSource"/>: each Razor page with each of
/// its handler methods (GET and POST, named handlers too), and every other route endpoint (health checks, minimal
/// APIs, webhook endpoints) with its HTTP methods. A page added tomorrow is in this list without anyone editing a test.
/// </summary>
public static class RouteTable
{
    public static async Task<IReadOnlyList<RouteRequest>> ReadAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var loader = services.GetRequiredService<PageLoader>();
        var requests = new List<RouteRequest>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var metadata = endpoint.Metadata;
            var anonymous = metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            if (metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, metadata);
                var handlers = compiled.HandlerMethods
                    .Select(h => (Method: h.HttpMethod.ToUpperInvariant(), Handler: h.Name,
                        Parameters: h.Parameters.Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => p.Name).ToList()))
                    .ToList();
                if (handlers.Count == 0)
                {
                    // A page without a model answers GET by rendering.
                    handlers.Add(("GET", null, []));
                }

                foreach (var (method, handler, parameters) in handlers.Distinct(HandlerComparer.Instance))
                {
                    requests.Add(new RouteRequest(page.ViewEnginePath, method, handler, endpoint.RoutePattern, anonymous, policies,
                        parameters, IsPage: true,
                        RequiresManage: compiled.HandlerTypeInfo.IsDefined(typeof(RequiresManageAttribute), inherit: true)));
                }
            }
            else
            {
                var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
                foreach (var method in methods)
                {
                    requests.Add(new RouteRequest(endpoint.DisplayName ?? endpoint.RoutePattern.RawText ?? "?", method.ToUpperInvariant(), null,
                        endpoint.RoutePattern, anonymous, policies, [], IsPage: false));
                }
            }
        }

        return requests;
    }

    /// <summary>
    /// The URL of a request with the sample values filled in; null, with the missing parameter names, when a required
    /// route parameter has no sample.
    /// </summary>
    public static (string? Url, IReadOnlyList<string> Missing) Url(RouteRequest request, Func<string, string?> sample)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sample);
        var missing = new List<string>();
        var segments = new List<string>();
        foreach (var segment in request.Pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text += literal.Content;
                        break;
                    case RoutePatternSeparatorPart separator:
                        text += separator.Content;
                        break;
                    case RoutePatternParameterPart parameter:
                        var value = sample(parameter.Name);
                        if (value is not null)
                        {
                            text += Uri.EscapeDataString(value);
                        }
                        else if (!parameter.IsOptional && parameter.Default is null)
                        {
                            missing.Add(parameter.Name);
                        }

                        break;
                }
            }

            if (text.Length > 0)
            {
                segments.Add(text);
            }
        }

        var query = new List<string>();
        if (request.Handler is not null)
        {
            query.Add("handler=" + Uri.EscapeDataString(request.Handler));
        }

        foreach (var name in request.HandlerParameters.Where(p => request.Pattern.GetParameter(p) is null))
        {
            if (sample(name) is { } value)
            {
                query.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
            }
        }

        var url = "/" + string.Join("/", segments) + (query.Count == 0 ? "" : "?" + string.Join("&", query));
        return (missing.Count == 0 ? url : null, missing);
    }

    private sealed class HandlerComparer : IEqualityComparer<(string Method, string? Handler, List<string> Parameters)>
    {
        public static readonly HandlerComparer Instance = new();

        public bool Equals((string Method, string? Handler, List<string> Parameters) x, (string Method, string? Handler, List<string> Parameters) y) =>
            x.Method == y.Method && string.Equals(x.Handler, y.Handler, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Method, string? Handler, List<string> Parameters) obj) =>
            HashCode.Combine(obj.Method, obj.Handler?.ToUpperInvariant());
    }
}
