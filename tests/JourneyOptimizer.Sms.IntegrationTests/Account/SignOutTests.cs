using System.Net;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Authorization;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Users;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.IntegrationTests.Account;

/// <summary>
/// Sign-out ends a session on the server, with the default validation interval (one minute): a copy of the cookie
/// taken before is refused at once. <see cref="RawSession"/> keeps its cookies when a response deletes them, as a
/// captured copy would.
/// </summary>
public sealed class SignOutTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task AssertSignedInAsync(RawSession session)
    {
        using var response = await session.SendAsync(HttpMethod.Get, "/administration/users");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task AssertRefusedAsync(RawSession session)
    {
        using var response = await session.SendAsync(HttpMethod.Get, "/administration/users");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_RefusesACopyOfTheCookie_AndTheAccountsOtherSessions()
    {
        var email = TestUsers.Email("signout");
        await TestUsers.CreateAsync(factory, email, systemAdministrator: true);
        var copy = await RawSession.SignedInAsync(factory, "copy", email, TestUsers.Password);
        var other = await RawSession.SignedInAsync(factory, "other device", email, TestUsers.Password);
        await AssertSignedInAsync(copy);
        await AssertSignedInAsync(other);

        using (var signOut = await copy.SendAsync(HttpMethod.Post, "/account/sign-out"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        await AssertRefusedAsync(copy);
        await AssertRefusedAsync(other);

        // Signing in again works, and only the new session is valid.
        var again = await RawSession.SignedInAsync(factory, "again", email, TestUsers.Password);
        await AssertSignedInAsync(again);
        await AssertRefusedAsync(copy);
    }

    [Fact]
    public async Task SignOutEverywhere_OnTheUsersPage_EndsTheUsersSessions_AndIsAudited()
    {
        var email = TestUsers.Email("everywhere");
        var prod = await TestData.SandboxAsync(factory, "prod");
        var id = await TestUsers.CreateAsync(factory, email, false, (prod.Id, SandboxAccess.View));
        var session = await RawSession.SignedInAsync(factory, "user", email, TestUsers.Password);
        using (var page = await session.SendAsync(HttpMethod.Get, TestData.CredentialsUrl("prod")))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using var admin = await PortalClient.SignedInAsync(factory);
        var edit = await admin.GetDocumentAsync("/administration/users/edit/" + id);
        Assert.Contains("every session of this user", edit.QuerySelector("#sign-out-everywhere-help")!.TextContent, StringComparison.Ordinal);
        var ended = await admin.SubmitAsync(edit, "#user-actions-form", new Dictionary<string, string>(), "[data-testid=sign-out-everywhere]");

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        using (var refused = await session.SendAsync(HttpMethod.Get, TestData.CredentialsUrl("prod")))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("http://localhost/account/sign-in", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        // The administrator's own session goes on; the change is in the audit log.
        Assert.Contains("Every session of this user was ended.", (await admin.GetDocumentAsync(ended.Headers.Location!.OriginalString)).Body!.TextContent,
            StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ObjectType == "User" && a.ObjectId == id && a.Action == "SignedOutEverywhere")));
    }
}
