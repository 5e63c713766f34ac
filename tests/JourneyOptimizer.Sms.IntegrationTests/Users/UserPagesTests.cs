using System.Net;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Users;

public sealed class UserPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string NewPassword = "N3w!Passw0rd";

    [Fact]
    public async Task CanCreateAUser_WithASetPasswordLink_WhoSetsThePassword_SignsIn_AndSeesOnlyTheirSandbox()
    {
        var sandbox = await TestData.SandboxAsync(factory, "users-a");
        await TestData.SandboxAsync(factory, "users-b");
        using var admin = await PortalClient.SignedInAsync(factory);
        var email = TestUsers.Email("link");

        var created = await CreateAsync(admin, email, "Link");

        var link = created.QuerySelector("[data-testid=set-password-link]")!.GetAttribute("value")!;
        var token = new Uri(link).Query.Split("token=")[1];
        Assert.StartsWith("http://localhost/account/set-password?token=", link, StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => db.PasswordSetupTokens.SingleAsync(t => db.Users.Any(u => u.Id == t.UserId && u.Email == email)));
        Assert.NotEqual(token, stored.TokenHash);
        Assert.DoesNotContain(token, stored.TokenHash, StringComparison.Ordinal);
        Assert.InRange(stored.ExpiresAtUtc - stored.CreatedAtUtc, TimeSpan.FromDays(7), TimeSpan.FromDays(7));

        // Permissions: View messages presets in users-a only.
        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var edit = await admin.GetDocumentAsync($"/administration/users/edit/{userId}");
        var saved = await admin.SubmitAsync(edit, "#user-form", new Dictionary<string, string> { [$"Input.Access[{sandbox.Id}]"] = "View" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var user = PortalClient.Anonymous(factory);
        var setPassword = await user.GetDocumentAsync(new Uri(link).PathAndQuery);
        Assert.Equal(email, setPassword.QuerySelector("#email")!.GetAttribute("value"));
        var mismatch = await user.SubmitAsync(setPassword, "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = "different",
        });
        Assert.Contains("do not match", PortalClient.FieldError(await Parse(mismatch), "Input.ConfirmPassword"), StringComparison.Ordinal);
        var weak = await user.SubmitAsync(setPassword, "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = "alllowercase",
            ["Input.ConfirmPassword"] = "alllowercase",
        });
        Assert.NotEqual("", PortalClient.FieldError(await Parse(weak), "Input.Password"));
        var done = await user.SubmitAsync(setPassword, "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.StartsWith("/account/sign-in", done.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The link is dead once used.
        var again = await user.GetDocumentAsync(new Uri(link).PathAndQuery);
        Assert.NotNull(again.QuerySelector("[data-testid=link-invalid]"));

        using var signedIn = await PortalClient.SignedInAsync(factory, email, NewPassword);
        var home = await signedIn.Http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(TestData.CredentialsUrl("users-a"), home.Headers.Location!.OriginalString);
        var list = await signedIn.GetDocumentAsync(TestData.CredentialsUrl("users-a"));
        Assert.Equal(["users-a"], list.QuerySelectorAll("[aria-labelledby=sandbox-switcher] a.dropdown-item").Select(a => a.FirstChild!.TextContent.Trim()));
        Assert.Null(list.QuerySelector("main a[href$='/create']"));
        Assert.Equal(HttpStatusCode.NotFound, (await signedIn.Http.GetAsync(new Uri(TestData.CredentialsUrl("users-b"), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await signedIn.Http.GetAsync(new Uri("/administration/users", UriKind.Relative))).StatusCode);

        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.ObjectType == "User" && a.ObjectId == userId)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["Created", "SetPasswordLinkIssued", "Updated", "PasswordSet"], audit);
    }

    [Fact]
    public async Task CanCreateAUser_WithAnInitialPassword()
    {
        using var admin = await PortalClient.SignedInAsync(factory);
        var email = TestUsers.Email("initial");
        var form = await admin.GetDocumentAsync("/administration/users/create");

        var response = await admin.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Mode"] = "Password",
            ["Input.Password"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.PasswordSetupTokens.AnyAsync(t => db.Users.Any(u => u.Id == t.UserId && u.Email == email))));
        using var user = PortalClient.Anonymous(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await user.SignInAsync(email, NewPassword)).StatusCode);
        var changes = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.ObjectType == "User" && a.ObjectName == email)
            .Select(a => a.ChangesJson).SingleAsync());
        Assert.DoesNotContain(NewPassword, changes, StringComparison.Ordinal);
        Assert.Contains("\"secret\":true", changes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Link", "", "Input.Email", "Enter the user's email.")]
    [InlineData("not-an-email", "Link", "", "Input.Email", "Enter a valid email address.")]
    [InlineData(PortalFactory.AdminEmail, "Link", "", "Input.Email", "A user with this email already exists.")]
    [InlineData("ADMIN@example.com", "Link", "", "Input.Email", "A user with this email already exists.")]
    [InlineData("someone@example.com", "Password", "", "Input.Password", "Enter a password.")]
    [InlineData("someone@example.com", "Password", "short1!", "Input.Password", "At least 8 characters")]
    [InlineData("someone@example.com", "Password", "longbutlowercase", "Input.Password", "must have at least one")]
    [InlineData("someone@example.com", "Sideways", "", "Input.Mode", "")]
    public async Task CannotCreateAUser_WithBadInput_TheErrorIsNextToTheField(string email, string mode, string password, string field, string expected)
    {
        using var admin = await PortalClient.SignedInAsync(factory);
        var before = await factory.WithDbAsync(db => db.Users.CountAsync());
        var form = await admin.GetDocumentAsync("/administration/users/create");

        var response = await admin.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Mode"] = mode,
            ["Input.Password"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Parse(response);
        Assert.NotEqual("", PortalClient.FieldError(page, field));
        Assert.Contains(expected, PortalClient.FieldError(page, field), StringComparison.OrdinalIgnoreCase);
        Assert.Null(page.QuerySelector("[data-testid=set-password-link]"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task AnExpiredOrUnknownLink_IsRefused()
    {
        using var admin = await PortalClient.SignedInAsync(factory);
        var email = TestUsers.Email("expired");
        var created = await CreateAsync(admin, email, "Link");
        var link = new Uri(created.QuerySelector("[data-testid=set-password-link]")!.GetAttribute("value")!).PathAndQuery;
        await factory.WithDbAsync(db => db.PasswordSetupTokens.Where(t => db.Users.Any(u => u.Id == t.UserId && u.Email == email))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1))));
        using var user = PortalClient.Anonymous(factory);

        Assert.NotNull((await user.GetDocumentAsync(link)).QuerySelector("[data-testid=link-invalid]"));
        Assert.NotNull((await user.GetDocumentAsync("/account/set-password?token=nope")).QuerySelector("[data-testid=link-invalid]"));
        Assert.NotNull((await user.GetDocumentAsync("/account/set-password")).QuerySelector("[data-testid=link-invalid]"));
    }

    [Fact]
    public async Task ANewLink_KillsTheOldOne()
    {
        using var admin = await PortalClient.SignedInAsync(factory);
        var email = TestUsers.Email("relink");
        var created = await CreateAsync(admin, email, "Link");
        var first = new Uri(created.QuerySelector("[data-testid=set-password-link]")!.GetAttribute("value")!).PathAndQuery;
        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var edit = await admin.GetDocumentAsync($"/administration/users/edit/{userId}");

        var response = await admin.SubmitAsync(edit, "#user-actions-form", new Dictionary<string, string>(), "button[formaction*='NewLink']");

        var page = await Parse(response);
        var second = new Uri(page.QuerySelector("[data-testid=set-password-link]")!.GetAttribute("value")!).PathAndQuery;
        Assert.NotEqual(first, second);
        using var user = PortalClient.Anonymous(factory);
        Assert.NotNull((await user.GetDocumentAsync(first)).QuerySelector("[data-testid=link-invalid]"));
        Assert.Null((await user.GetDocumentAsync(second)).QuerySelector("[data-testid=link-invalid]"));
    }

    [Fact]
    public async Task DisablingAUser_EndsTheirSession_AndTheyCannotSignIn_UntilEnabled()
    {
        var sandbox = await TestData.SandboxAsync(factory, "users-a");
        var email = TestUsers.Email("disable");
        var userId = await TestUsers.CreateAsync(factory, email, false, (sandbox.Id, SandboxAccess.Manage));
        using var user = await PortalClient.SignedInAsync(factory, email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync(new Uri(TestData.CredentialsUrl("users-a"), UriKind.Relative))).StatusCode);
        using var admin = await PortalClient.SignedInAsync(factory);

        await SaveAsync(admin, userId, new() { ["Input.IsDisabled"] = "true" });

        var after = await user.Http.GetAsync(new Uri(TestData.CredentialsUrl("users-a"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        using var again = PortalClient.Anonymous(factory);
        var refused = await again.SignInAsync(email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("This account is disabled.", PortalClient.FormError(await Parse(refused)), StringComparison.Ordinal);
        var list = await admin.GetDocumentAsync("/administration/users?q=" + Uri.EscapeDataString(email));
        Assert.Contains("Disabled", list.QuerySelector($"tr[data-user='{email}']")!.TextContent, StringComparison.Ordinal);

        await SaveAsync(admin, userId, new() { ["Input.IsDisabled"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync(email, TestUsers.Password)).StatusCode);
    }

    [Fact]
    public async Task AnAdministrator_CannotDisableThemselves_NorRevokeTheirOwnRole()
    {
        using var admin = await PortalClient.SignedInAsync(factory);
        var adminId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == PortalFactory.AdminEmail).Select(u => u.Id).SingleAsync());

        foreach (var fields in new[]
                 {
                     new Dictionary<string, string> { ["Input.IsDisabled"] = "true" },
                     new Dictionary<string, string> { ["Input.IsSystemAdministrator"] = "false" },
                 })
        {
            var edit = await admin.GetDocumentAsync($"/administration/users/edit/{adminId}");
            var response = await admin.SubmitAsync(edit, "#user-form", fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("You cannot disable yourself", PortalClient.FormError(await Parse(response)), StringComparison.Ordinal);
        }

        Assert.False(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == adminId).Select(u => u.IsDisabled).SingleAsync()));
    }

    [Fact]
    public async Task TheLastSystemAdministrator_CannotBeRevoked_ButCanBeOnceAnotherExists()
    {
        // A portal of its own: "the last administrator" must not depend on the administrators other tests of this
        // class made in the shared one.
        await using var portal = new PortalFactory();
        await using var scope = portal.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<UserService>();
        var other = await TestUsers.CreateAsync(portal, TestUsers.Email("admin2"), systemAdministrator: true);
        var actor = new Core.Common.Actor(other, "admin2");
        var adminId = await portal.WithDbAsync(db => db.Users.Where(u => u.Email == PortalFactory.AdminEmail).Select(u => u.Id).SingleAsync());

        // Disable the bootstrap administrator: the other one is left.
        var stamp = (await service.FindAsync(adminId, CancellationToken.None))!.ConcurrencyStamp;
        var disabled = await service.UpdateAsync(adminId, new UpdateUserInput { IsSystemAdministrator = true, IsDisabled = true }, stamp, actor, CancellationToken.None);
        Assert.Equal(UserOutcome.Updated, disabled.Outcome);
        try
        {
            // Now "other" is the last enabled one: another administrator may not revoke it.
            var third = await TestUsers.CreateAsync(portal, TestUsers.Email("admin3"), systemAdministrator: false);
            var otherStamp = (await service.FindAsync(other, CancellationToken.None))!.ConcurrencyStamp;
            var revoked = await service.UpdateAsync(other, new UpdateUserInput { IsSystemAdministrator = false }, otherStamp,
                new Core.Common.Actor(third, "admin3"), CancellationToken.None);
            Assert.Equal(UserOutcome.LastAdministrator, revoked.Outcome);
            Assert.True((await service.FindAsync(other, CancellationToken.None))!.IsSystemAdministrator);
        }
        finally
        {
            stamp = (await service.FindAsync(adminId, CancellationToken.None))!.ConcurrencyStamp;
            Assert.Equal(UserOutcome.Updated, (await service.UpdateAsync(adminId, new UpdateUserInput { IsSystemAdministrator = true }, stamp, actor,
                CancellationToken.None)).Outcome);
        }
    }

    [Fact]
    public async Task TwoAdministratorsEditingTheSameUser_TheSecondSaveIsRefused()
    {
        var sandbox = await TestData.SandboxAsync(factory, "users-a");
        var userId = await TestUsers.CreateAsync(factory, TestUsers.Email("conflict"));
        using var first = await PortalClient.SignedInAsync(factory);
        using var second = await PortalClient.SignedInAsync(factory);
        var firstForm = await first.GetDocumentAsync($"/administration/users/edit/{userId}");
        var secondForm = await second.GetDocumentAsync($"/administration/users/edit/{userId}");

        var saved = await first.SubmitAsync(firstForm, "#user-form", new Dictionary<string, string> { [$"Input.Access[{sandbox.Id}]"] = "Manage" });
        var refused = await second.SubmitAsync(secondForm, "#user-form", new Dictionary<string, string> { [$"Input.Access[{sandbox.Id}]"] = "View" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Someone else changed this user", PortalClient.FormError(await Parse(refused)), StringComparison.Ordinal);
        Assert.Equal(SandboxAccess.Manage, await factory.WithDbAsync(db => db.SandboxPermissions
            .Where(p => p.UserId == userId && p.SandboxId == sandbox.Id).Select(p => p.Access).SingleAsync()));
    }

    [Fact]
    public async Task CanResetALockout_AndMakeAUserSystemAdministrator()
    {
        // Failed sign-ins no longer lock an account; one locked before (Identity's lockout) can still be unlocked here.
        var email = TestUsers.Email("locked");
        var userId = await TestUsers.CreateAsync(factory, email);
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(15))));
        using (var attempt = PortalClient.Anonymous(factory))
        {
            Assert.Contains("locked", PortalClient.FormError(await Parse(await attempt.SignInAsync(email, TestUsers.Password))), StringComparison.Ordinal);
        }

        using var admin = await PortalClient.SignedInAsync(factory);
        var list = await admin.GetDocumentAsync("/administration/users?q=" + Uri.EscapeDataString(email));
        Assert.Contains("Locked", list.QuerySelector($"tr[data-user='{email}']")!.TextContent, StringComparison.Ordinal);
        var edit = await admin.GetDocumentAsync($"/administration/users/edit/{userId}");
        var reset = await admin.SubmitAsync(edit, "#user-actions-form", new Dictionary<string, string>(), "button[formaction*='ResetLockout']");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await SaveAsync(admin, userId, new() { ["Input.IsSystemAdministrator"] = "true" });

        using var user = await PortalClient.SignedInAsync(factory, email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync(new Uri("/administration/users", UriKind.Relative))).StatusCode);
        var actions = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.ObjectId == userId).OrderBy(a => a.Id)
            .Select(a => a.Action + " " + a.ChangesJson).ToListAsync());
        Assert.StartsWith("LockoutReset", actions[0], StringComparison.Ordinal);
        Assert.Contains("\"field\":\"System administrator\",\"oldValue\":\"No\",\"newValue\":\"Yes\"", actions[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheList_SearchesByEmail_AndPages()
    {
        var prefix = "pg" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < Web.Pages.Administration.Users.IndexModel.PageSize + 2; i++)
        {
            await TestUsers.CreateAsync(factory, $"{prefix}{i:00}@example.com");
        }

        using var admin = await PortalClient.SignedInAsync(factory);
        var first = await admin.GetDocumentAsync("/administration/users?q=" + prefix);
        var firstEmails = Emails(first);
        Assert.Equal(Web.Pages.Administration.Users.IndexModel.PageSize, firstEmails.Count);
        Assert.Equal($"{prefix}00@example.com", firstEmails[0]);
        var second = await admin.GetDocumentAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal([$"{prefix}25@example.com", $"{prefix}26@example.com"], Emails(second));
        Assert.Null(second.QuerySelector("a[rel=next]"));
        var back = await admin.GetDocumentAsync(second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(firstEmails, Emails(back));
        var none = await admin.GetDocumentAsync("/administration/users?q=nobody-" + prefix);
        Assert.Empty(Emails(none));
    }

    [Fact]
    public async Task AnUnknownUser_Is404()
    {
        using var admin = await PortalClient.SignedInAsync(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync(new Uri("/administration/users/edit/nobody", UriKind.Relative))).StatusCode);
    }

    private static List<string> Emails(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=users-table] tbody tr").Select(r => r.GetAttribute("data-user")!).ToList();

    private static async Task SaveAsync(PortalClient admin, string userId, Dictionary<string, string> fields)
    {
        var edit = await admin.GetDocumentAsync($"/administration/users/edit/{userId}");
        var response = await admin.SubmitAsync(edit, "#user-form", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    private static async Task<IHtmlDocument> CreateAsync(PortalClient admin, string email, string mode)
    {
        var form = await admin.GetDocumentAsync("/administration/users/create");
        var response = await admin.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Mode"] = mode,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Parse(response);
        Assert.NotNull(page.QuerySelector("[data-testid=user-created]"));
        return page;
    }

    private static async Task<IHtmlDocument> Parse(HttpResponseMessage response) =>
        await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
}

internal static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
