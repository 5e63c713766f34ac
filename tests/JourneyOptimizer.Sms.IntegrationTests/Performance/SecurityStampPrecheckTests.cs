using System.Security.Claims;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// The portal's sign-in cookie asks Identity to validate the security stamp only when it is due (docs/performance.md,
/// sixth round): the same condition as Identity's, without building a sign-in manager on every request.
/// </summary>
public sealed class SecurityStampPrecheckTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, 60, true)]
    [InlineData(10, 60, false)]
    [InlineData(60, 60, false)]
    [InlineData(61, 60, true)]
    [InlineData(3600, 60, true)]
    [InlineData(1, 0, true)]
    public void A_session_is_due_without_an_issue_time_or_after_the_interval(int? secondsAgo, int intervalSeconds, bool due)
    {
        var context = Context(secondsAgo is null ? null : Now.AddSeconds(-secondsAgo.Value), TimeSpan.FromSeconds(intervalSeconds), out _);

        Assert.Equal(due, SecurityStampPrecheck.IsDue(context));
    }

    [Fact]
    public async Task Identity_validates_only_the_sessions_that_are_due()
    {
        var calls = 0;
        var validate = SecurityStampPrecheck.WhenDue(_ =>
        {
            calls++;
            return Task.CompletedTask;
        });

        await validate(Context(Now.AddSeconds(-30), TimeSpan.FromMinutes(1), out _));
        Assert.Equal(0, calls);
        await validate(Context(Now.AddMinutes(-2), TimeSpan.FromMinutes(1), out _));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task The_portal_cookie_hands_a_due_session_to_Identity_and_skips_a_fresh_one()
    {
        // The portal's own cookie options, with Identity's validator wrapped. The request's services here have no
        // ISecurityStampValidator, so reaching Identity's check shows as the error of a missing service.
        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme);

        await options.Events.ValidatePrincipal(Context(Now.AddSeconds(-30), TimeSpan.FromMinutes(1), out _));
        var due = Context(Now.AddMinutes(-2), TimeSpan.FromMinutes(1), out _);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => options.Events.ValidatePrincipal(due));
        Assert.Contains(nameof(ISecurityStampValidator), error.Message, StringComparison.Ordinal);
    }

    private static CookieValidatePrincipalContext Context(DateTimeOffset? issued, TimeSpan interval, out HttpContext http)
    {
        var services = new ServiceCollection();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = interval;
            o.TimeProvider = new FixedTime(Now);
        });
        http = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        var properties = new AuthenticationProperties { IssuedUtc = issued };
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("test")), properties, IdentityConstants.ApplicationScheme);
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        return new CookieValidatePrincipalContext(http, scheme, new CookieAuthenticationOptions(), ticket);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
