using System.Net;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Account;

public sealed class SignInTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> ProtectedPages => new()
    {
        "/",
        TestData.CredentialsUrl("prod"),
        TestData.CredentialsUrl("prod") + "/create",
        TestData.CredentialsUrl("prod") + "/edit/1",
        TestData.CredentialsUrl("prod") + "/delete/1",
        TestData.CredentialsUrl("nope"),
        "/administration/sandboxes",
        "/administration/sandboxes/create",
        "/administration/sandboxes/edit/1",
    };

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task CannotOpenAPage_Anonymously_IsSentToSignIn(string url)
    {
        using var client = PortalClient.Anonymous(factory);

        var response = await client.Http.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/account/sign-in")]
    [InlineData("/lib/bootstrap/bootstrap.min.css")]
    [InlineData("/lib/bootstrap-icons/font/bootstrap-icons.min.css")]
    [InlineData("/js/site.js")]
    public async Task CanOpen_Anonymously(string url)
    {
        using var client = PortalClient.Anonymous(factory);

        var response = await client.Http.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CanSignInAndOut_TheReturnUrlIsFollowedOnlyWhenLocal()
    {
        using var client = PortalClient.Anonymous(factory);
        var page = await client.GetDocumentAsync("/account/sign-in?ReturnUrl=%2Fadministration%2Fsandboxes");
        Assert.NotNull(page.QuerySelector("label[for=Input_Email]"));
        Assert.NotNull(page.QuerySelector("label[for=Input_Password]"));
        Assert.Equal("Sign in", page.QuerySelector("main button[type=submit]")!.TextContent.Trim());

        var signIn = await client.SubmitAsync(page, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = PortalFactory.AdminEmail,
            ["Input.Password"] = PortalFactory.AdminPassword,
        });
        Assert.Equal("/administration/sandboxes", signIn.Headers.Location!.OriginalString);
        var home = await client.Http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("/sandboxes/prod/administration/channels/smssettings/apicredentials", home.Headers.Location!.OriginalString);
        var list = await client.GetDocumentAsync(TestData.CredentialsUrl("prod"));
        Assert.Equal("prod", list.QuerySelector("[data-testid=current-sandbox]")!.TextContent.Trim());

        var signOut = await client.SubmitAsync(list, "form[action='/account/sign-out']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await client.Http.GetAsync(new Uri(TestData.CredentialsUrl("prod"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/sign-in", after.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var evil = PortalClient.Anonymous(factory);
        var evilPage = await evil.GetDocumentAsync("/account/sign-in?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        var evilSignIn = await evil.SubmitAsync(evilPage, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = PortalFactory.AdminEmail,
            ["Input.Password"] = PortalFactory.AdminPassword,
        });
        Assert.Equal("/", evilSignIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task CannotSignIn_WithAWrongPassword_AndFailuresDoNotLockTheAccount()
    {
        const string email = "lockme@example.com";
        const string password = "Corr3ct!Horse";
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True((await users.CreateAsync(new PortalUser { UserName = email, Email = email, LockoutEnabled = true }, password)).Succeeded);
        }

        using var client = PortalClient.Anonymous(factory);
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var response = await client.SignInAsync(email, "Wrong!Passw0rd");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
            Assert.Equal("The email or password is incorrect.", PortalClient.FormError(page));
        }

        // Nobody can lock the owner out by typing their email with wrong passwords (failures are limited per source).
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, password)).StatusCode);
    }

    [Fact]
    public async Task CannotSignIn_WithEmptyFields_ErrorsAreNextToTheFields()
    {
        using var client = PortalClient.Anonymous(factory);
        var response = await client.SignInAsync("", "");

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Enter your email.", PortalClient.FieldError(page, "Input.Email"));
        Assert.Equal("Enter your password.", PortalClient.FieldError(page, "Input.Password"));
    }
}
