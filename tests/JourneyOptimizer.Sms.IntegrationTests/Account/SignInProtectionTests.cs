using System.Net;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.IntegrationTests.Account;

/// <summary>
/// The portal with two test seams: a request's client address comes from the X-Test-Source header (the in-memory server
/// has none), and the password hasher counts its checks. The limit on failed sign-ins is the portal's default (the
/// other tests' portals lift it).
/// </summary>
public sealed class SignInPortal : IAsyncDisposable
{
    public const string SourceHeader = "X-Test-Source";

    public SignInPortal()
    {
        Factory = new PortalFactory
        {
            Options = new PortalOptions
            {
                Settings = new Dictionary<string, string?>
                {
                    ["SignIn:MaxFailuresPerSource"] =
                        new Web.Infrastructure.SignInThrottleOptions().MaxFailuresPerSource.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                Services = services =>
                {
                    services.AddSingleton(Checks);
                    services.AddScoped<IPasswordHasher<PortalUser>>(sp => new CountingPasswordHasher(
                        new PasswordHasher<PortalUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()), Checks));
                    services.AddSingleton<IStartupFilter, SourceFromHeader>();
                },
            },
        };
    }

    public PortalFactory Factory { get; }

    public CountingPasswordHasher.Counter Checks { get; } = new();

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    private sealed class SourceFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[SourceHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return following(context);
            });
            next(app);
        };
    }
}

/// <summary>Identity's hasher, counting how many passwords it checks.</summary>
public sealed class CountingPasswordHasher(IPasswordHasher<PortalUser> inner, CountingPasswordHasher.Counter counter) : IPasswordHasher<PortalUser>
{
    public sealed class Counter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
    {
        counter.Add();
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// Sign-in does not tell which emails exist (the same answer after the same work), and guessing is limited per source,
/// so that nobody can lock the real owner out.
/// </summary>
public sealed class SignInProtectionTests(SignInPortal portal) : IClassFixture<SignInPortal>
{
    private const string Incorrect = "The email or password is incorrect.";

    private readonly PortalFactory factory = portal.Factory;

    private async Task<(HttpStatusCode Status, string Error)> SignInAsync(string source, string email, string password)
    {
        using var client = PortalClient.Anonymous(factory);
        client.Http.DefaultRequestHeaders.Add(SignInPortal.SourceHeader, source);
        using var response = await client.SignInAsync(email, password);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, PortalClient.FormError(page));
    }

    /// <summary>The answer to a sign-in and how many passwords it checked.</summary>
    private async Task<(string Error, int Checks)> AttemptAsync(string source, string email, string password)
    {
        var before = portal.Checks.Count;
        var (_, error) = await SignInAsync(source, email, password);
        return (error, portal.Checks.Count - before);
    }

    [Fact]
    public async Task UnknownKnownAndDisabledEmails_GetTheSameAnswer_AfterOnePasswordCheckEach()
    {
        var known = TestUsers.Email("known");
        await TestUsers.CreateAsync(factory, known);
        var disabled = TestUsers.Email("disabled");
        var disabledId = await TestUsers.CreateAsync(factory, disabled);
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == disabledId).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true)));

        Assert.Equal((Incorrect, 1), await AttemptAsync("192.0.2.10", "nobody-" + TestData.Hex32()[..8] + "@example.com", "Wr0ng!Password"));
        Assert.Equal((Incorrect, 1), await AttemptAsync("192.0.2.10", known, "Wr0ng!Password"));
        Assert.Equal((Incorrect, 1), await AttemptAsync("192.0.2.10", disabled, "Wr0ng!Password"));

        // Only the right password learns that the account is disabled.
        Assert.Equal(("This account is disabled.", 1), await AttemptAsync("192.0.2.10", disabled, TestUsers.Password));
    }

    [Fact]
    public async Task TenFailuresFromOneSource_StopThatSource_NotTheOwner_AndNoAccountIsLocked()
    {
        var owner = TestUsers.Email("owner");
        var ownerId = await TestUsers.CreateAsync(factory, owner, systemAdministrator: true);
        const string attacker = "198.51.100.7";

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal((HttpStatusCode.OK, Incorrect), await SignInAsync(attacker, owner, "Guess!" + i + "abc"));
        }

        // The source is stopped, even with the right password, and whatever the email; the account is not locked.
        var (status, error) = await SignInAsync(attacker, owner, TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Too many failed sign-ins from your network. Try again in 15 minutes.", error);
        Assert.Equal(error, (await SignInAsync(attacker, "someone-else@example.com", "Guess!abc1")).Error);
        Assert.Null((await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == ownerId))).LockoutEnd);

        // The owner, from elsewhere (IPv6 here), signs in.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync("2001:db8:1:2::5", owner, TestUsers.Password)).Status);
    }
}
