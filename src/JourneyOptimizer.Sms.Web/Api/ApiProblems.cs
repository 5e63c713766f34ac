using System.Text.Json;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Api;

/// <summary>
/// The API's RFC 9457 answers. Each kind of failure has a stable <c>type</c> URI that clients can switch on; titles and
/// details are in the request's language (Accept-Language), through the portal's own translations.
/// </summary>
public static class ApiProblems
{
    private const string Base = "https://journeyoptimizer-sms.invalid/problems/";
    public const string Validation = Base + "validation";
    public const string BadRequest = Base + "bad-request";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string Conflict = Base + "conflict";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string PreconditionRequired = Base + "precondition-required";
    public const string IdempotencyMismatch = Base + "idempotency-key-reused";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string ProviderUnreachable = Base + "provider-unreachable";

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        [Validation] = "One or more fields are not valid.",
        [BadRequest] = "The request could not be read.",
        [Unauthorized] = "An API key is required.",
        [Forbidden] = "Not allowed.",
        [NotFound] = "Not found.",
        [Conflict] = "Not possible in the current state.",
        [PreconditionFailed] = "The object changed since you read it.",
        [PreconditionRequired] = "If-Match is required.",
        [IdempotencyMismatch] = "This Idempotency-Key was used for another request.",
        [TooManyRequests] = "Too many requests.",
        [ProviderUnreachable] = "The provider could not be reached.",
    };

    private static IStringLocalizer Localizer(HttpContext http) =>
        http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    public static ProblemHttpResult Problem(HttpContext http, int status, string type, string detail, params object[] arguments)
    {
        var localizer = Localizer(http);
        return TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Type = type,
            Title = localizer[Titles[type]],
            Detail = localizer[detail, arguments],
        });
    }

    public static ProblemHttpResult NotFoundProblem(HttpContext http) =>
        Problem(http, StatusCodes.Status404NotFound, NotFound, "This object does not exist in this sandbox.");

    public static ProblemHttpResult Stale(HttpContext http) =>
        Problem(http, StatusCodes.Status412PreconditionFailed, PreconditionFailed,
            "Someone else changed it since you read it. Read it again and repeat your change.");

    public static ProblemHttpResult StateConflict(HttpContext http, IReadOnlyList<FieldError> errors) =>
        errors.Count > 0
            ? Problem(http, StatusCodes.Status409Conflict, Conflict, errors[0].Message, errors[0].Arguments)
            : Problem(http, StatusCodes.Status409Conflict, Conflict, "This is not possible in the object's current state.");

    /// <summary>The services' field errors under the JSON paths of the request body (camelCase), translated.</summary>
    public static ValidationProblem ValidationFailed(HttpContext http, IEnumerable<FieldError> errors)
    {
        var localizer = Localizer(http);
        var map = errors
            .GroupBy(e => JsonPath(e.Field), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => (string)localizer[e.Message, e.Arguments]).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(map, title: localizer[Titles[Validation]], type: Validation);
    }

    /// <summary><c>Mapping.InboundMessage</c> → <c>mapping.inboundMessage</c>; <c>Headers[0].Name</c> → <c>headers[0].name</c>.</summary>
    public static string JsonPath(string field) =>
        string.Join('.', field.Split('.').Select(segment => JsonNamingPolicy.CamelCase.ConvertName(segment)));

    /// <summary>For middleware that answers before an endpoint runs (authorization, rate limiting, bad requests).</summary>
    public static Task WriteAsync(IProblemDetailsService problems, HttpContext http, int status, string type, string detail)
    {
        var localizer = Localizer(http);
        http.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Type = type, Title = localizer[Titles[type]], Detail = localizer[detail] },
        }).AsTask();
    }
}
