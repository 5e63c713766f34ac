using System.Globalization;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>A keyset page: <see cref="NextCursor"/> is passed back as <c>cursor</c> for the next page (null at the end).</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>What the API's handlers share: the caller, the sandbox, the page size, the entity versions as ETags.</summary>
public static class ApiHttp
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static Actor Actor(HttpContext http) => http.User.ToActor();

    public static int SandboxId(HttpContext http) => http.RequestServices.GetRequiredService<SandboxContext>().Sandbox.Id;

    public static int PageSize(int? requested) => Math.Clamp(requested ?? DefaultPageSize, 1, MaxPageSize);

    public static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void SetETag(HttpContext http, int version) => http.Response.Headers.ETag = ETag(version);

    /// <summary>
    /// The version an update or delete was based on, from <c>If-Match</c>. Null with the answer when it is missing (428)
    /// or is not one of this API's ETags (412: it cannot match the current version).
    /// </summary>
    public static (int? Version, ProblemHttpResult? Refusal) ExpectedVersion(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return (null, ApiProblems.Problem(http, StatusCodes.Status428PreconditionRequired, ApiProblems.PreconditionRequired,
                "Send the ETag you read as If-Match, so that a change by someone else is not overwritten."));
        }

        if (EntityTagHeaderValue.TryParse(header.Trim(), out var tag) && !tag.IsWeak && tag.Tag.Length > 2
            && int.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return (version, null);
        }

        return (null, ApiProblems.Stale(http));
    }
}
