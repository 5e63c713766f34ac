using System.Net;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;

namespace JourneyOptimizer.Sms.IntegrationTests.Account;

/// <summary>
/// Every kind of response carries the security headers: pages signed in or not, the Delete page (with its antiforgery
/// token, which used to be the only kind with X-Frame-Options), static files, redirects, error pages, health checks and
/// the webhook branch.
/// </summary>
public sealed class SecurityHeadersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static void AssertHeaders(HttpResponseMessage response, string what)
    {
        string Single(string name) =>
            response.Headers.TryGetValues(name, out var values) ? string.Join(" | ", values) : $"(no {name} on {what})";

        Assert.Equal(Csp, Single("Content-Security-Policy"));
        Assert.Equal("DENY", Single("X-Frame-Options"));
        Assert.Equal("nosniff", Single("X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single("Referrer-Policy"));
    }

    public static TheoryData<string, HttpStatusCode> AnonymousResponses => new()
    {
        { "/account/sign-in", HttpStatusCode.OK },
        { "/", HttpStatusCode.Redirect },
        { "/css/site.css", HttpStatusCode.OK },
        { "/js/site.js", HttpStatusCode.OK },
        { "/lib/bootstrap/bootstrap.min.css", HttpStatusCode.OK },
        { "/health/live", HttpStatusCode.OK },
        { "/account/setup?token=unknown", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(AnonymousResponses))]
    public async Task AnonymousResponses_CarryTheSecurityHeaders(string url, HttpStatusCode status)
    {
        using var client = PortalClient.Anonymous(factory);

        using var response = await client.Http.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        AssertHeaders(response, url);
    }

    [Fact]
    public async Task SignedInPages_TheirPostsAndTheWebhookBranch_CarryTheSecurityHeaders()
    {
        var sandbox = await TestData.SandboxAsync(factory, "prod");
        var id = await TestData.CreateTwilioAsync(factory, sandbox.Id, TestData.Twilio(), saveWithoutVerification: true);
        using var client = await PortalClient.SignedInAsync(factory);
        var credentials = TestData.CredentialsUrl("prod");

        foreach (var (url, status) in new[]
                 {
                     (credentials, HttpStatusCode.OK), ($"{credentials}/delete/{id}", HttpStatusCode.OK),
                     ("/administration/users", HttpStatusCode.OK), ("/administration/sandboxes/edit/999999", HttpStatusCode.NotFound),
                 })
        {
            using var response = await client.Http.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(status, response.StatusCode);
            AssertHeaders(response, url);
        }

        // A POST answered with a redirect (the language form) and a refused POST (no antiforgery token).
        var page = await client.GetDocumentAsync(credentials);
        using (var language = await client.SubmitAsync(page, "form[action$='/account/language']", new Dictionary<string, string> { ["culture"] = "en" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
            AssertHeaders(language, "language POST");
        }

        using (var refused = await client.Http.PostAsync(new Uri($"{credentials}/delete/{id}", UriKind.Relative), new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            AssertHeaders(refused, "POST without antiforgery");
        }

        using var webhook = await client.Http.PostAsync(new Uri("/webhooks/" + TestData.Hex32() + TestData.Hex32(), UriKind.Relative),
            new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
        AssertHeaders(webhook, "webhook");
    }
}
