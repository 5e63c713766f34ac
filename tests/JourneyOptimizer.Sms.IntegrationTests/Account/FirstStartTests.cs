using System.Net;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Account;

/// <summary>A first start without Bootstrap configuration: the one-time link creates the first System administrator.</summary>
public sealed class FirstStartTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new() { Options = new() { BootstrapAdministrator = false } };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<string> IssueTokenAsync()
    {
        await using var scope = _factory.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<FirstStartService>().EnsureAsync(CancellationToken.None);
        Assert.Equal(FirstStartState.SetupTokenIssued, result.State);
        return result.SetupToken!;
    }

    [Fact]
    public async Task CanCreateTheFirstAdministrator_WithTheOneTimeLink_OnlyOnce()
    {
        using var client = PortalClient.Anonymous(_factory);
        var signIn = await client.GetDocumentAsync("/account/sign-in");
        Assert.Contains("No administrator exists yet", signIn.Body!.TextContent, StringComparison.Ordinal);
        var token = await IssueTokenAsync();

        Assert.Contains("no longer valid", (await client.GetDocumentAsync("/account/setup?token=wrong")).Body!.TextContent, StringComparison.Ordinal);

        var setup = await client.GetDocumentAsync("/account/setup?token=" + token);
        var mismatch = await client.SubmitAsync(setup, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "first@example.com",
            ["Input.Password"] = "F1rst!Admin",
            ["Input.ConfirmPassword"] = "Other!Pass1",
        });
        Assert.Equal("The passwords do not match.", PortalClient.FieldError(await PortalClient.ParseAsync(await mismatch.Content.ReadAsStringAsync()), "Input.ConfirmPassword"));

        var created = await client.SubmitAsync(setup, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "first@example.com",
            ["Input.Password"] = "F1rst!Admin",
            ["Input.ConfirmPassword"] = "F1rst!Admin",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(new Uri("/administration/sandboxes", UriKind.Relative))).StatusCode);

        await using (var scope = _factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByEmailAsync("first@example.com");
            Assert.True(await users.IsInRoleAsync(user!, PortalRoles.SystemAdministrator));
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.SmsDbContext>();
            Assert.DoesNotContain(await db.SetupTokens.Select(t => t.TokenHash).ToListAsync(), h => h.Contains(token, StringComparison.Ordinal));
        }

        using var second = PortalClient.Anonymous(_factory);
        var reused = await second.GetDocumentAsync("/account/setup?token=" + token);
        Assert.Contains("no longer valid", reused.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(reused.QuerySelector("input[name='Input.Password']"));
    }
}
