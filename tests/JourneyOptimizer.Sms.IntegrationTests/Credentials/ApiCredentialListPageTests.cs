using System.Globalization;
using AngleSharp.Dom;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Localization;
using JourneyOptimizer.Sms.IntegrationTests.Users;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Credentials;

/// <summary>
/// The API credentials list as its users get it: every state a row can show, in English and Chinese, with a name full of
/// markup characters that must stay text in the cell and in every attribute; the row actions each permission gets; and
/// the keyset cursor its Next link carries.
/// </summary>
public sealed class ApiCredentialListPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Sandbox = "rows";
    private const string Markup = "<b>&\"x'y</b>";
    private static readonly DateTime VerifiedAt = new(2026, 11, 20, 10, 11, 12, DateTimeKind.Utc);
    private static readonly DateTime ModifiedAt = new(2026, 11, 21, 8, 9, 0, DateTimeKind.Utc);

    private async Task<(int Verified, int Failed, int Custom)> SeedAsync()
    {
        var sandbox = await TestData.SandboxAsync(factory, Sandbox);
        var existing = await factory.WithDbAsync(db => db.ApiCredentials.Where(c => c.SandboxId == sandbox.Id)
            .OrderBy(c => c.Name).Select(c => c.Id).ToListAsync());
        if (existing.Count == 3)
        {
            return (existing[0], existing[1], existing[2]);
        }

        var verified = await TestData.CreateTwilioAsync(factory, sandbox.Id, TestData.Twilio("a1 " + Markup));
        var failed = await TestData.CreateTwilioAsync(factory, sandbox.Id, TestData.Twilio("a2 failed"));
        await using (var scope = factory.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ApiCredentialService>().CreateAsync(sandbox.Id, SmsVendor.Custom,
                new CustomCredentialInput
                {
                    Name = "a3 custom",
                    ProviderName = "acme",
                    ProviderUrl = "https://sms.example.com/send",
                    ChannelType = CustomChannelType.Sms,
                    AuthType = CustomAuthType.ApiKey,
                    ApiToken = "api-token-abcdef9876",
                    ApiKeyHeaderName = "X-Key",
                    Headers =
                    [
                        new() { Name = CustomCredentialInput.ContentTypeHeaderName, Value = CustomCredentialInput.DefaultContentType },
                        new() { Name = CustomCredentialInput.CharsetHeaderName, Value = CustomCredentialInput.DefaultCharset },
                    ],
                    ProviderPayload = CustomCredentialInput.ExampleProviderPayload,
                    MessageIdExtractor = "messages.0.id",
                }, new Actor("test", "seed@example.com"), saveWithoutVerification: false, CancellationToken.None);
            Assert.True(result.Outcome == CredentialOutcome.Created, string.Join("; ", result.FieldErrors.Select(e => e.Field + " " + e.Message)));
        }

        await factory.WithDbAsync(async db =>
        {
            await db.ApiCredentials.Where(c => c.SandboxId == sandbox.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ModifiedAtUtc, ModifiedAt).SetProperty(c => c.ModifiedBy, "a<b>&\"'c@example.com"));
            await db.ApiCredentials.Where(c => c.Id == verified)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastVerifiedAtUtc, VerifiedAt).SetProperty(c => c.VerificationStatus, VerificationStatus.Verified)
                    .SetProperty(c => c.Address, "+1 " + Markup));
            await db.ApiCredentials.Where(c => c.Id == verified).ExecuteUpdateAsync(s => s.SetProperty(c => c.AccountType, "Trial"));
            await db.ApiCredentials.Where(c => c.Id == failed)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.VerificationStatus, VerificationStatus.Failed).SetProperty(c => c.LastVerifiedAtUtc, (DateTime?)null));
            return 0;
        });
        return await SeedAsync();
    }

    [Theory]
    [InlineData(PortalCultures.English)]
    [InlineData(PortalCultures.ChineseSimplified)]
    public async Task Each_row_shows_its_state_in_the_users_language_and_keeps_markup_as_text(string culture)
    {
        var (verifiedId, failedId, customId) = await SeedAsync();
        using var client = await LocalizedClient.SignedInAsync(factory, culture);
        var page = await LocalizedClient.GetPageAsync(client, TestData.CredentialsUrl(Sandbox));
        var rows = page.QuerySelectorAll("[data-testid=credentials-table] tbody > tr");
        Assert.Equal(3, rows.Length);
        string T(string key) => LocalizedClient.T(culture, key);
        var c = CultureInfo.GetCultureInfo(culture);
        string Time(DateTime utc) => utc.ToString("g", c) + " UTC";

        // A verified Twilio trial account, named with markup characters.
        var name = "a1 " + Markup;
        var verified = rows[0];
        Assert.Empty(verified.QuerySelectorAll("td b"));
        var link = verified.Cells(0).QuerySelector("a")!;
        Assert.Equal(name, link.TextContent);
        Assert.EndsWith("/edit/" + verifiedId, PortalClient.Resolve(page, link.GetAttribute("href")!), StringComparison.Ordinal);
        Assert.Equal("Twilio", verified.Cells(1).TextContent);
        Assert.Equal("+1 " + Markup, verified.Cells(2).TextContent);
        var badges = verified.Cells(3).QuerySelectorAll(".badge");
        Assert.Equal(["badge", "badge-status-Verified"], badges[0].ClassList);
        Assert.Equal(T("Verified"), badges[0].TextContent);
        Assert.Equal(T("Trial account"), badges[1].TextContent);
        Assert.Equal(T("A trial account can only send to verified numbers."), badges[1].GetAttribute("title"));
        Assert.Equal(Time(VerifiedAt), verified.Cells(3).QuerySelector("div.small")!.TextContent);
        Assert.Equal("a<b>&\"'c@example.com", verified.Cells(4).TextContent);
        Assert.Equal(Time(ModifiedAt), verified.Cells(5).TextContent);
        var actions = verified.Cells(6);
        Assert.Equal(T("Edit") + " " + name, actions.QuerySelector("a.btn-outline-secondary")!.GetAttribute("aria-label"));
        var verify = actions.QuerySelector("button[type=submit]")!;
        Assert.Equal(("row-actions-form", "id", verifiedId.ToString(CultureInfo.InvariantCulture), T("Verify") + " " + name),
            (verify.GetAttribute("form"), verify.GetAttribute("name"), verify.GetAttribute("value"), verify.GetAttribute("aria-label")));
        Assert.NotNull(page.GetElementById("row-actions-form"));
        var send = actions.QuerySelector("a[href*='verifyconnection/']")!;
        Assert.Equal(T("Verify SMS connection") + " " + name, send.GetAttribute("aria-label"));
        Assert.EndsWith("/verifyconnection/" + verifiedId, PortalClient.Resolve(page, send.GetAttribute("href")!), StringComparison.Ordinal);
        var delete = actions.QuerySelector("a[data-confirm]")!;
        Assert.EndsWith("/delete/" + verifiedId, PortalClient.Resolve(page, delete.GetAttribute("href")!), StringComparison.Ordinal);
        // The delete question names the row, as text in the user's language.
        Assert.Equal((string.Format(c, T("Delete the API credential “{0}”? This cannot be undone."), name), T("Delete"), T("Delete") + " " + name),
            (delete.GetAttribute("data-confirm"), delete.GetAttribute("data-confirm-ok"), delete.GetAttribute("aria-label")));

        // A failed Twilio credential: no trial badge, no verification time.
        var failed = rows[1];
        Assert.Equal(["badge", "badge-status-Failed"], Assert.Single(failed.Cells(3).QuerySelectorAll(".badge")).ClassList);
        Assert.Equal(T("Failed"), failed.Cells(3).TextContent.Trim());
        Assert.Null(failed.Cells(3).QuerySelector("div"));
        Assert.Equal(failedId.ToString(CultureInfo.InvariantCulture), failed.Cells(6).QuerySelector("button")!.GetAttribute("value"));

        // A Custom credential: not verified, and no "Verify" (only Twilio credentials are verified from the list).
        var custom = rows[2];
        Assert.Equal(T("Custom"), custom.Cells(1).TextContent);
        Assert.Equal(T("Not verified"), custom.Cells(3).TextContent.Trim());
        Assert.Equal(["badge", "badge-status-NotVerified"], custom.Cells(3).QuerySelector(".badge")!.ClassList);
        Assert.Null(custom.Cells(6).QuerySelector("button"));
        Assert.Equal(3, custom.Cells(6).QuerySelectorAll("a").Length);
        Assert.EndsWith("/edit/" + customId, PortalClient.Resolve(page, custom.Cells(0).QuerySelector("a")!.GetAttribute("href")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_who_can_only_view_gets_each_rows_Edit_link_and_no_action()
    {
        var (verifiedId, _, _) = await SeedAsync();
        var sandbox = await TestData.SandboxAsync(factory, Sandbox);
        var email = TestUsers.Email("rows-view");
        await TestUsers.CreateAsync(factory, email, false, (sandbox.Id, SandboxAccess.View));
        using var viewer = await PortalClient.SignedInAsync(factory, email, TestUsers.Password);
        using var manager = await PortalClient.SignedInAsync(factory);

        var viewed = await viewer.GetDocumentAsync(TestData.CredentialsUrl(Sandbox));
        var managed = await manager.GetDocumentAsync(TestData.CredentialsUrl(Sandbox));

        var row = viewed.QuerySelector("[data-testid=credentials-table] tbody > tr")!;
        var links = row.Cells(6).QuerySelectorAll("a");
        Assert.EndsWith("/edit/" + verifiedId, PortalClient.Resolve(viewed, Assert.Single(links).GetAttribute("href")!), StringComparison.Ordinal);
        Assert.Empty(row.Cells(6).QuerySelectorAll("button"));
        Assert.Null(viewed.GetElementById("row-actions-form"));
        Assert.Null(viewed.QuerySelector("[data-confirm]"));
        Assert.Null(viewed.QuerySelector("main a.btn-primary"));

        // The same row for a user who may manage the sandbox: Verify, Verify SMS connection and Delete too.
        var managedRow = managed.QuerySelector("[data-testid=credentials-table] tbody > tr")!;
        Assert.Equal(3, managedRow.Cells(6).QuerySelectorAll("a").Length);
        Assert.Single(managedRow.Cells(6).QuerySelectorAll("button[form=row-actions-form]"));
        Assert.NotNull(managed.QuerySelector("main a.btn-primary"));
    }

    [Fact]
    public async Task The_Next_link_carries_the_keyset_cursor_of_the_pages_last_row_and_Previous_comes_back()
    {
        const string sandboxName = "rows-paging";
        var sandbox = await TestData.SandboxAsync(factory, sandboxName);
        for (var i = await factory.WithDbAsync(db => db.ApiCredentials.CountAsync(c => c.SandboxId == sandbox.Id)); i < 52; i++)
        {
            await TestData.CreateTwilioAsync(factory, sandbox.Id, TestData.Twilio($"Page é&{i:000}"), saveWithoutVerification: true);
        }

        Page<ApiCredentialListItem> expected;
        await using (var scope = factory.CreateScope())
        {
            expected = await scope.ServiceProvider.GetRequiredService<ApiCredentialService>()
                .ListAsync(sandbox.Id, "page é", null, ApiCredentialService.DefaultPageSize, CancellationToken.None);
        }

        using var client = await PortalClient.SignedInAsync(factory);
        var first = await client.GetDocumentAsync(TestData.CredentialsUrl(sandboxName) + "?q=" + Uri.EscapeDataString("page é"));
        var next = PortalClient.Resolve(first, first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://localhost" + next).Query);
        Assert.Equal((expected.NextCursor, "page é"), (query["cursor"].ToString(), query["q"].ToString()));
        Assert.Equal([.. expected.Items.Select(i => i.Name)],
            first.QuerySelectorAll("[data-testid=credentials-table] tbody > tr").Select(r => r.Cells(0).TextContent).ToArray());

        var second = await client.GetDocumentAsync(next);
        var secondNames = second.QuerySelectorAll("[data-testid=credentials-table] tbody > tr").Select(r => r.Cells(0).TextContent).ToList();
        Assert.Equal(["Page é&050", "Page é&051"], secondNames);
        Assert.Null(second.QuerySelector("a[rel=next]"));
        var back = await client.GetDocumentAsync(PortalClient.Resolve(second, second.QuerySelector("a[rel=prev]")!.GetAttribute("href")!));
        Assert.Equal(expected.Items[0].Name, back.QuerySelector("[data-testid=credentials-table] tbody > tr")!.Cells(0).TextContent);
    }
}

internal static class RowCells
{
    public static IElement Cells(this IElement row, int index) => row.Children[index];
}
