using System.Net;
using JourneyOptimizer.Sms.Web.Infrastructure;

namespace JourneyOptimizer.Sms.IntegrationTests.Authorization;

/// <summary>
/// Every endpoint of the portal (read from the route table, so a new page is covered the day it is added) x
/// {anonymous, View A, Manage A, Manage B, System administrator}, with the answer the conventions require:
/// <list type="bullet">
/// <item>anonymous-allowed endpoints (by their metadata): nobody is sent to sign in or refused;</item>
/// <item>System administrator pages (policy <see cref="PortalPolicies.SystemAdministrator"/>): 403 for everyone else;</item>
/// <item>sandbox pages (route has <c>{sandbox}</c>): anonymous 302 to sign-in; Manage B 404; View A GET 200 and POST 403
/// (GET too on a page marked <see cref="RequiresManageAttribute"/>);
/// Manage A and System administrator: 200, or a redirect after a POST;</item>
/// <item>every other endpoint: anonymous 302 to sign-in, any signed-in user 200 or a redirect.</item>
/// </list>
/// A route parameter without a sample value fails the test with what to add to <see cref="Samples"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixPortal portal) : IClassFixture<MatrixPortal>
{
    /// <summary>
    /// Sample values per route (or handler) parameter name. <c>id</c> depends on the page's folder: add the folder of a new
    /// page with an <c>{id}</c> here, with an object of sandbox A (and a fresh one for writes, which may delete it).
    /// </summary>
    private async Task<string?> Samples(RouteRequest request, string parameter, bool write) => parameter switch
    {
        "sandbox" => MatrixPortal.SandboxA,
        "id" when request.Name.StartsWith("/Administration/Channels/SmsSettings/ApiCredentials/", StringComparison.Ordinal) =>
            MatrixPortal.Invariant(write ? await portal.NewCredentialAsync() : portal.CredentialAId),
        "id" when request.Name.StartsWith("/Administration/Sandboxes/", StringComparison.Ordinal) => MatrixPortal.Invariant(portal.SandboxAId),
        "id" when request.Name.StartsWith("/Administration/Users/", StringComparison.Ordinal) => write ? await portal.NewUserAsync() : portal.UserId,
        "id" when request.Name.StartsWith("/Administration/Channels/SmsSettings/Webhooks/Consent", StringComparison.Ordinal) =>
            MatrixPortal.Invariant(await portal.NewConsentAsync()),
        "id" when request.Name.StartsWith("/Administration/Channels/SmsSettings/Webhooks/ConfigureInProvider", StringComparison.Ordinal) =>
            MatrixPortal.Invariant(await portal.NewTwilioWebhookAsync()),
        "id" when request.Name.StartsWith("/Administration/Channels/SmsSettings/Webhooks/", StringComparison.Ordinal) =>
            MatrixPortal.Invariant(write ? (await portal.NewWebhookAsync()).Id : portal.WebhookAId),
        "id" when request.Name.StartsWith("/Administration/Channels/GeneralSettings/ChannelConfigurations/", StringComparison.Ordinal) =>
            MatrixPortal.Invariant(write ? await portal.NewChannelConfigurationAsync() : portal.ChannelConfigurationAId),
        // The API answers a session cookie 401 whatever the object (ApiScriptTests covers its keys per permission).
        "id" or "sandboxName" or "clientReference" when request.Pattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true => "1",
        // A user's own API key: any id will do, since another user's key (or none) answers with the asker's own list.
        "id" when request.Name.StartsWith("/Profile/", StringComparison.Ordinal) => "1",
        "documentName" => "v1",
        "pathToken" => portal.WebhookAToken,
        "code" when request.Name == "/Error" => null,
        _ => null,
    };

    /// <summary>Pages whose answer is fixed by design, whoever asks (status, and the start of the redirect target).</summary>
    private static readonly Dictionary<string, (HttpStatusCode Status, string Location)> FixedAnswers = new(StringComparer.Ordinal)
    {
        ["GET /Account/AccessDenied"] = (HttpStatusCode.Forbidden, ""),
        ["POST /Account/SignOut"] = (HttpStatusCode.Redirect, "/account/sign-in"),

        // A provider's call authenticates by its signature, not a session: an unsigned empty POST is refused alike for all.
        ["POST Webhook"] = (HttpStatusCode.UnsupportedMediaType, ""),
    };

    [Fact]
    public async Task EveryEndpoint_AnswersEveryKindOfUser_AsTheConventionsRequire()
    {
        var requests = await RouteTable.ReadAsync(portal.Portal.Services);
        Assert.Contains(requests, r => r.Name == "/Administration/Users/Index");
        Assert.Contains(requests, r => r.Name == "/Administration/Channels/SmsSettings/ApiCredentials/Index" && r.Method == "POST" && r.Handler == "Verify");
        Assert.Contains(requests, r => r.Pattern.RawText == "/health/live");

        var problems = new List<string>();
        var checks = 0;

        // Signing out ends the session on the server (its cookie is refused afterwards): each session does it last.
        foreach (var request in requests.OrderBy(r => r.Method == "POST" && r.Name == "/Account/SignOut"))
        {
            foreach (var session in portal.Sessions)
            {
                var write = request.Method != "GET" && (session == portal.ManageA || session == portal.Administrator);
                var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                foreach (var name in request.Pattern.Parameters.Select(p => p.Name).Concat(request.HandlerParameters).Distinct())
                {
                    values[name] = await Samples(request, name, write);
                }

                var (url, missing) = RouteTable.Url(request, name => values.GetValueOrDefault(name));
                if (url is null)
                {
                    problems.Add($"{request}: no sample value for the route parameter(s) {string.Join(", ", missing.Select(m => "{" + m + "}"))}. " +
                                 $"Add them to {nameof(AuthorizationMatrixTests)}.{nameof(Samples)} (an object of sandbox {MatrixPortal.SandboxA}).");
                    break;
                }

                // The provider webhook endpoints live in their own Map("/webhooks") branch (outside authentication and
                // antiforgery), so their route patterns are relative to it.
                url = request.Name == "Webhook" ? "/webhooks" + url : url;
                using var response = await session.SendAsync(new HttpMethod(request.Method), url);
                checks++;
                var problem = Check(request, session, response);
                if (problem is not null)
                {
                    problems.Add($"{request.Method} {url} as {session.Name}: {problem}");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {checks} answers are wrong:\n" + string.Join("\n", problems));
        Assert.True(checks >= requests.Count * portal.Sessions.Count, $"Only {checks} checks for {requests.Count} endpoints.");
    }

    private string? Check(RouteRequest request, RawSession session, HttpResponseMessage response)
    {
        var status = response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var toSignIn = status == HttpStatusCode.Redirect && location.Contains("/account/sign-in", StringComparison.OrdinalIgnoreCase);
        var isPost = request.Method != "GET";
        string Got() => $"answered {(int)status}{(location.Length > 0 ? " -> " + location : "")}";

        if (FixedAnswers.TryGetValue($"{request.Method} {request.Name}", out var answer))
        {
            return status == answer.Status && location.StartsWith(answer.Location, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"expected {(int)answer.Status} {answer.Location}, {Got()}";
        }

        if (request.AllowsAnonymous)
        {
            return !toSignIn && status is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.NoContent
                ? null
                : $"an anonymous-allowed endpoint must answer everyone without a sign-in redirect or refusal, {Got()}";
        }

        if (session == portal.Anonymous)
        {
            var expected = request.Pattern.RawText?.StartsWith("/api", StringComparison.OrdinalIgnoreCase) == true
                ? status == HttpStatusCode.Unauthorized || (isPost && status == HttpStatusCode.UnsupportedMediaType)
                : toSignIn;
            return expected ? null : $"expected a redirect to sign-in (401 for /api), {Got()}";
        }

        if (request.Pattern.RawText?.StartsWith("/api/v1", StringComparison.OrdinalIgnoreCase) == true)
        {
            // An empty POST to an operation that takes JSON is refused by routing (415) before authentication runs.
            return status == HttpStatusCode.Unauthorized || (isPost && status == HttpStatusCode.UnsupportedMediaType)
                ? null
                : $"the API accepts only API keys, never the sign-in cookie: expected 401, {Got()}";
        }

        if (request.Policies.Contains(PortalPolicies.SystemAdministrator))
        {
            if (session != portal.Administrator)
            {
                return status == HttpStatusCode.Forbidden ? null : $"a System administrator page must answer 403, {Got()}";
            }

            return Success(status, toSignIn) ? null : $"expected success, {Got()}";
        }

        if (request.IsSandboxScoped)
        {
            if (session == portal.ManageB)
            {
                return status == HttpStatusCode.NotFound ? null : $"sandbox {MatrixPortal.SandboxA} is not theirs: expected 404, {Got()}";
            }

            if (session == portal.ViewA && (isPost || request.RequiresManage))
            {
                return status == HttpStatusCode.Forbidden ? null : $"a View user's POST (or GET of a [RequiresManage] page) must be refused with 403, {Got()}";
            }

            return Success(status, toSignIn) ? null : $"expected success, {Got()}";
        }

        return Success(status, toSignIn) ? null : $"a page for every signed-in user: expected success, {Got()}";
    }

    private static bool Success(HttpStatusCode status, bool toSignIn) =>
        status == HttpStatusCode.OK || (status == HttpStatusCode.Redirect && !toSignIn);

    [Fact]
    public async Task ARouteParameterWithoutASample_IsReportedByName()
    {
        var requests = await RouteTable.ReadAsync(portal.Portal.Services);
        var edit = requests.First(r => r.Name == "/Administration/Channels/SmsSettings/ApiCredentials/Edit" && r.Method == "GET");

        var (url, missing) = RouteTable.Url(edit, name => name == "sandbox" ? "a" : null);
        var (complete, none) = RouteTable.Url(edit, name => name switch { "sandbox" => "a", "id" => "7", _ => null });

        Assert.Null(url);
        Assert.Equal(["id"], missing);
        Assert.Equal("/sandboxes/a/Administration/Channels/SmsSettings/ApiCredentials/Edit/7", complete, ignoreCase: true);
        Assert.Empty(none);
    }
}
