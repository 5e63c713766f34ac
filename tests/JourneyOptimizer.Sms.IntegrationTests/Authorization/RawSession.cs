using System.Net;
using System.Text.RegularExpressions;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;

namespace JourneyOptimizer.Sms.IntegrationTests.Authorization;

/// <summary>
/// A signed-in (or anonymous) browser reduced to its cookies and one antiforgery token: each request goes out on a
/// fresh client with those cookies, so a request that signs out or changes state cannot affect the next one.
/// </summary>
public sealed partial class RawSession
{
    private readonly PortalFactory _factory;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    private RawSession(PortalFactory factory) => _factory = factory;

    public string Name { get; private init; } = "anonymous";

    public string Token { get; private set; } = "";

    public static async Task<RawSession> AnonymousAsync(PortalFactory factory)
    {
        var session = new RawSession(factory);
        using var page = await session.SendAsync(HttpMethod.Get, "/account/sign-in");
        session.Token = TokenOf(await page.Content.ReadAsStringAsync());
        return session;
    }

    public static async Task<RawSession> SignedInAsync(PortalFactory factory, string name, string email, string password)
    {
        var session = new RawSession(factory) { Name = name };
        using (var signInPage = await session.SendAsync(HttpMethod.Get, "/account/sign-in"))
        {
            session.Token = TokenOf(await signInPage.Content.ReadAsStringAsync());
        }

        using (var signIn = await session.SendAsync(HttpMethod.Post, "/account/sign-in",
                   new() { ["Input.Email"] = email, ["Input.Password"] = password }))
        {
            Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"{name} could not sign in: {(int)signIn.StatusCode}");
        }

        // The request token is bound to the signed-in user: take it from a page rendered for them (the layout's forms).
        using var page = await session.SendAsync(HttpMethod.Get, "/account/no-access");
        session.Token = TokenOf(await page.Content.ReadAsStringAsync());
        return session;
    }

    /// <summary>Sends a request with this session's cookies; a POST carries the antiforgery token plus <paramref name="form"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Dictionary<string, string>? form = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (method != HttpMethod.Get && method != HttpMethod.Head)
        {
            var fields = new Dictionary<string, string>(form ?? []) { ["__RequestVerificationToken"] = Token };
            request.Content = new FormUrlEncodedContent(fields);
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = pair[..equals];
                var value = pair[(equals + 1)..];
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // Only the first session's cookies are kept, as a captured copy of them would be (a sign-out's cleared
                // cookie is not taken; the server refuses the kept one once the session is signed out).
                _cookies.TryAdd(name, value);
            }
        }

        return response;
    }

    private static string TokenOf(string html) =>
        TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
