using System.Net;
using System.Security.Claims;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// The sign-in cookie is decrypted once per cookie value and kept for a minute (docs/performance.md, twelfth round):
/// every caller gets a copy of its own, a cookie that does not open is never kept, and the portal's cookie uses it.
/// </summary>
public sealed class CachedTicketDataFormatTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public void A_cookie_is_decrypted_once_while_it_is_kept()
    {
        var inner = new CountingFormat();
        var time = new ManualTime();
        var format = new CachedTicketDataFormat(inner, time);

        var first = format.Unprotect("cookie-a");
        var second = format.Unprotect("cookie-a");
        Assert.Equal(1, inner.Calls);
        Assert.Equal("alice", second!.Principal.Identity!.Name);
        Assert.Equal(first!.Properties.IssuedUtc, second.Properties.IssuedUtc);

        format.Unprotect("cookie-b");
        Assert.Equal(2, inner.Calls);

        time.Now += CachedTicketDataFormat.Lifetime - TimeSpan.FromSeconds(1);
        format.Unprotect("cookie-a");
        Assert.Equal(2, inner.Calls);
        time.Now += TimeSpan.FromSeconds(1);
        format.Unprotect("cookie-a");
        Assert.Equal(3, inner.Calls);
    }

    [Fact]
    public void Every_caller_gets_its_own_copy()
    {
        var format = new CachedTicketDataFormat(new CountingFormat(), new ManualTime());

        // What the cookie handler and Identity's security-stamp check do to the ticket they get.
        var first = format.Unprotect("cookie")!;
        first.Properties.IssuedUtc = DateTimeOffset.UnixEpoch;
        first.Properties.Items["changed"] = "yes";
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("added", "yes"));
        var second = format.Unprotect("cookie")!;
        second.Properties.ExpiresUtc = DateTimeOffset.UnixEpoch;

        var third = format.Unprotect("cookie")!;
        Assert.NotSame(first, second);
        Assert.Equal(CountingFormat.Issued, third.Properties.IssuedUtc);
        Assert.Equal(CountingFormat.Expires, third.Properties.ExpiresUtc);
        Assert.False(third.Properties.Items.ContainsKey("changed"));
        Assert.Null(third.Principal.FindFirst("added"));
        Assert.Equal(["alice", "System administrator"], third.Principal.Claims.Select(c => c.Value));
    }

    [Fact]
    public void A_cookie_that_does_not_open_is_never_kept()
    {
        var inner = new CountingFormat();
        var format = new CachedTicketDataFormat(inner, new ManualTime());

        Assert.Null(format.Unprotect(CountingFormat.Tampered));
        Assert.Null(format.Unprotect(CountingFormat.Tampered));
        Assert.Null(format.Unprotect(null));
        Assert.Equal(2, inner.Calls);
        Assert.Equal(0, format.Count);

        // With a purpose (a TLS token binding), every read goes to Data Protection.
        format.Unprotect("cookie", "binding");
        format.Unprotect("cookie", "binding");
        Assert.Equal(4, inner.Calls);
        Assert.Equal(0, format.Count);
    }

    [Fact]
    public void No_more_than_the_capacity_is_kept()
    {
        var inner = new CountingFormat();
        var time = new ManualTime();
        var format = new CachedTicketDataFormat(inner, time);
        for (var i = 0; i < CachedTicketDataFormat.Capacity; i++)
        {
            format.Unprotect("old-" + i);
        }

        Assert.Equal(CachedTicketDataFormat.Capacity, format.Count);

        // Full of live cookies: all of them go to make room for the next.
        format.Unprotect("new-0");
        Assert.Equal(1, format.Count);

        // Full again, half of it expired: only the expired ones go.
        for (var i = 1; i < CachedTicketDataFormat.Capacity / 2; i++)
        {
            format.Unprotect("new-" + i);
        }

        time.Now += CachedTicketDataFormat.Lifetime;
        for (var i = 0; i < CachedTicketDataFormat.Capacity / 2; i++)
        {
            format.Unprotect("newer-" + i);
        }

        Assert.Equal(CachedTicketDataFormat.Capacity, format.Count);
        format.Unprotect("newest");
        Assert.Equal((CachedTicketDataFormat.Capacity / 2) + 1, format.Count);
    }

    [Fact]
    public async Task The_portal_cookie_is_read_through_the_cache_and_still_refused_when_tampered()
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme);
        var format = Assert.IsType<CachedTicketDataFormat>(options.TicketDataFormat);
        using var signingIn = PortalClient.Anonymous(factory);
        using var signedIn = await signingIn.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var setCookie = signedIn.Headers.GetValues("Set-Cookie").Single(h => h.StartsWith(options.Cookie.Name + "=", StringComparison.Ordinal));
        var cookie = setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
        var kept = format.Count;

        using var browser = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser, cookie));
        Assert.Equal(kept + 1, format.Count);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser, cookie));
        Assert.Equal(kept + 1, format.Count);

        // The same cookie with one character changed: not a session, and not kept.
        var tampered = cookie[..^2] + (cookie[^2] == 'A' ? 'B' : 'A') + cookie[^1];
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(browser, tampered));
        Assert.Equal(kept + 1, format.Count);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient browser, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/administration/sandboxes");
        request.Headers.Add("Cookie", cookie);
        using var response = await browser.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>A ticket format that counts its decryptions and opens anything but <see cref="Tampered"/>.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public const string Tampered = "tampered";
        public static readonly DateTimeOffset Issued = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        public static readonly DateTimeOffset Expires = Issued.AddHours(8);

        public int Calls { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Calls++;
            if (protectedText is null or Tampered)
            {
                return null;
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "alice"), new Claim(ClaimTypes.Role, "System administrator")], "Identity.Application");
            return new AuthenticationTicket(new ClaimsPrincipal(identity),
                new AuthenticationProperties { IssuedUtc = Issued, ExpiresUtc = Expires }, IdentityConstants.ApplicationScheme);
        }
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
