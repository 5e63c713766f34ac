using System.Net;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Sandboxes;

public sealed class SandboxPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task CanCreateASandbox_AndSwitchToIt()
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var form = await client.GetDocumentAsync("/administration/sandboxes/create");

        var response = await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = "staging-eu",
            ["Input.Title"] = "Staging (EU)",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await client.GetDocumentAsync(TestData.CredentialsUrl("prod"));
        var switcher = list.QuerySelectorAll("[aria-labelledby=sandbox-switcher] a.dropdown-item").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(TestData.CredentialsUrl("staging-eu"), switcher);
        var staging = await client.GetDocumentAsync(TestData.CredentialsUrl("staging-eu"));
        Assert.Equal("staging-eu", staging.QuerySelector("[data-testid=current-sandbox]")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("", "Enter a name.")]
    [InlineData("Prod", "lower-case letters")]
    [InlineData("my sandbox", "lower-case letters")]
    [InlineData("-dev", "lower-case letters")]
    [InlineData("prod", "already exists")]
    public async Task CannotCreateASandbox_WithABadName(string name, string expected)
    {
        using var client = await PortalClient.SignedInAsync(factory);
        var before = await factory.WithDbAsync(db => db.Sandboxes.CountAsync());
        var form = await client.GetDocumentAsync("/administration/sandboxes/create");

        var response = await client.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Title"] = "A title",
        });

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, PortalClient.FieldError(page, "Input.Name"), StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Sandboxes.CountAsync()));
    }

    [Fact]
    public async Task CanRenameASandbox_TheNameStays()
    {
        var sandbox = await TestData.SandboxAsync(factory, "rename-me");
        using var client = await PortalClient.SignedInAsync(factory);
        var form = await client.GetDocumentAsync($"/administration/sandboxes/edit/{sandbox.Id}");

        var response = await client.SubmitAsync(form, "main form", new Dictionary<string, string> { ["Title"] = "Renamed" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Sandboxes.SingleAsync(s => s.Id == sandbox.Id));
        Assert.Equal(("rename-me", "Renamed"), (stored.Name, stored.Title));
    }

    [Fact]
    public async Task CannotManageSandboxes_WithoutBeingSystemAdministrator_AndSeesOnlyPermittedSandboxes()
    {
        const string email = "viewer@example.com";
        const string password = "V1ewer!Pass";
        var dev = await TestData.SandboxAsync(factory, "viewer-dev");
        await using (var scope = factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = email, Email = email, LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.SmsDbContext>();
            db.SandboxPermissions.Add(new SandboxPermission { UserId = user.Id, SandboxId = dev.Id, Access = SandboxAccess.View });
            await db.SaveChangesAsync();
        }

        using var client = await PortalClient.SignedInAsync(factory, email, password);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(new Uri("/administration/sandboxes", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(new Uri(TestData.CredentialsUrl("prod"), UriKind.Relative))).StatusCode);
        var home = await client.Http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(TestData.CredentialsUrl("viewer-dev"), home.Headers.Location!.OriginalString);
        var list = await client.GetDocumentAsync(TestData.CredentialsUrl("viewer-dev"));
        Assert.Null(list.QuerySelector("a[href$='/create']"));
        Assert.Single(list.QuerySelectorAll("[aria-labelledby=sandbox-switcher] a.dropdown-item"));

        // A View user's forged POST is refused even with a valid antiforgery token.
        var token = list.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>(TestData.TwilioForm(TestData.Twilio()))
        {
            ["__RequestVerificationToken"] = token,
        });
        var forged = await client.Http.PostAsync(new Uri(TestData.CredentialsUrl("viewer-dev") + "/create", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ApiCredentials.AnyAsync(c => c.SandboxId == dev.Id)));
    }
}
