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

    [Fact]
    public async Task ParallelPostsOfTheSameLink_CreateExactlyOneAdministrator()
    {
        var token = await IssueTokenAsync();
        const int racers = 8;
        var clients = Enumerable.Range(0, racers).Select(_ => PortalClient.Anonymous(_factory)).ToList();
        try
        {
            // Every racer holds the form (and its own antiforgery token) before any of them posts.
            var pages = await Task.WhenAll(clients.Select(c => c.GetDocumentAsync("/account/setup?token=" + token)));
            using var start = new SemaphoreSlim(0);
            var posts = clients.Select(async (client, i) =>
            {
                await start.WaitAsync();
                using var response = await client.SubmitAsync(pages[i], "main form", new Dictionary<string, string>
                {
                    ["Input.Email"] = $"racer{i}@example.com",
                    ["Input.Password"] = "F1rst!Admin",
                    ["Input.ConfirmPassword"] = "F1rst!Admin",
                });
                return response.StatusCode;
            }).ToList();
            start.Release(racers);
            var answers = await Task.WhenAll(posts);

            Assert.Single(answers, status => status == HttpStatusCode.Redirect);
            Assert.Equal(1, await _factory.WithDbAsync(db => db.Users.CountAsync()));
            Assert.Equal(1, await _factory.WithDbAsync(db => db.UserRoles.CountAsync()));
            Assert.Equal(1, await _factory.WithDbAsync(db => db.SetupTokens.CountAsync(t => t.UsedAtUtc != null)));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task RefusedAdministrator_LeavesTheLinkUsable()
    {
        var token = await IssueTokenAsync();
        await using (var scope = _factory.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<FirstStartService>();

            // Identity refuses this user name (a space): nothing is created and the claim is rolled back.
            var refused = await service.CompleteAsync(token, "not an email", "F1rst!Admin", CancellationToken.None);
            Assert.NotEmpty(refused);
            Assert.True(await service.IsValidTokenAsync(token, CancellationToken.None));
        }

        await using (var scope = _factory.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<FirstStartService>();
            Assert.Empty(await service.CompleteAsync(token, "first@example.com", "F1rst!Admin", CancellationToken.None));
            Assert.False(await service.IsValidTokenAsync(token, CancellationToken.None));
            Assert.Equal(["This setup link is no longer valid."],
                await service.CompleteAsync(token, "second@example.com", "F1rst!Admin", CancellationToken.None));
        }

        Assert.Equal(1, await _factory.WithDbAsync(db => db.Users.CountAsync()));
    }
}
