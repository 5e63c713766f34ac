using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Audit;

public sealed class AuditLogPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task WhoChangedThisCredential_AndWhen_FromItsEditPage()
    {
        var sandbox = await TestData.SandboxAsync(factory, "audit-a");
        var input = TestData.Twilio();
        var id = await TestData.CreateTwilioAsync(factory, sandbox.Id, input);
        using var admin = await PortalClient.SignedInAsync(factory);
        var edit = await admin.GetDocumentAsync($"{TestData.CredentialsUrl("audit-a")}/edit/{id}");
        var newToken = TestData.Hex32();
        var saved = await admin.SubmitAsync(edit, "main form", new Dictionary<string, string>
        {
            ["Input.Twilio.Name"] = "renamed-" + id.ToString(CultureInfo.InvariantCulture),
            ["Input.Twilio.AuthToken"] = newToken,
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        edit = await admin.GetDocumentAsync($"{TestData.CredentialsUrl("audit-a")}/edit/{id}");
        var history = edit.QuerySelector("[data-testid=credential-history]")!.GetAttribute("href")!;
        var log = await admin.GetDocumentAsync(history);

        var rows = log.QuerySelectorAll("[data-testid=audit-table] tbody tr");
        Assert.Equal(["Updated", "Created"], rows.Select(r => r.GetAttribute("data-action")));
        Assert.All(rows, r => Assert.Equal(id.ToString(CultureInfo.InvariantCulture), r.GetAttribute("data-object-id")));
        var update = rows[0];
        Assert.Contains(PortalFactory.AdminEmail, update.TextContent, StringComparison.Ordinal);
        Assert.Contains("audit-a", update.TextContent, StringComparison.Ordinal);
        Assert.Equal($"Twilio credential “renamed-{id}” changed", Collapse(update.QuerySelector(".audit-headline")!.TextContent));
        var changes = update.QuerySelectorAll(".audit-changes li").Select(li => Collapse(li.TextContent)).ToList();
        Assert.Contains($"Name changed from {input.Name} to renamed-{id}", changes);
        Assert.Contains("Auth Token changed", changes);
        Assert.DoesNotContain(newToken, log.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(input.AuthToken!, log.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFilters_BySandbox_User_ObjectType_Action_AndTime_AllApply()
    {
        var a = await TestData.SandboxAsync(factory, "filter-a");
        var b = await TestData.SandboxAsync(factory, "filter-b");
        var someone = await TestUsers.CreateAsync(factory, TestUsers.Email("actor"));
        var marker = "f" + Guid.NewGuid().ToString("N")[..8];
        await SeedAsync(new DateTime(2025, 1, 10, 12, 0, 0, DateTimeKind.Utc), new Actor(someone, "actor"), a.Id, "ApiCredential", marker + "-1", "Created");
        await SeedAsync(new DateTime(2025, 1, 11, 12, 0, 0, DateTimeKind.Utc), new Actor(someone, "actor"), b.Id, "ApiCredential", marker + "-2", "Deleted");
        await SeedAsync(new DateTime(2025, 1, 12, 12, 0, 0, DateTimeKind.Utc), new Actor("other", "other"), a.Id, "Sandbox", marker + "-3", "Updated");
        await SeedAsync(new DateTime(2025, 1, 13, 12, 0, 0, DateTimeKind.Utc), new Actor(someone, "actor"), null, "User", marker + "-4", "Updated");
        using var admin = await PortalClient.SignedInAsync(factory);
        const string Range = "from=2025-01-10&to=2025-01-13";

        Assert.Equal([marker + "-4", marker + "-3", marker + "-2", marker + "-1"], await NamesAsync(admin, Range, marker));
        Assert.Equal([marker + "-3", marker + "-1"], await NamesAsync(admin, $"{Range}&sandbox={a.Id}", marker));
        Assert.Equal([marker + "-4"], await NamesAsync(admin, $"{Range}&sandbox=none", marker));
        Assert.Equal([marker + "-4", marker + "-2", marker + "-1"], await NamesAsync(admin, $"{Range}&user={someone}", marker));
        Assert.Equal([marker + "-2", marker + "-1"], await NamesAsync(admin, $"{Range}&objectType=ApiCredential", marker));
        Assert.Equal([marker + "-2"], await NamesAsync(admin, $"{Range}&action=Deleted", marker));
        Assert.Equal([marker + "-3", marker + "-2"], await NamesAsync(admin, "from=2025-01-11&to=2025-01-12", marker));
        Assert.Equal([marker + "-1"], await NamesAsync(admin, $"{Range}&user={someone}&sandbox={a.Id}&objectType=ApiCredential&action=Created", marker));
    }

    [Theory]
    [InlineData("from=31/01/2025", "From")]
    [InlineData("to=yesterday", "To")]
    [InlineData("from=2025-02-01&to=2025-01-01", "To")]
    [InlineData("sandbox=abc", "Sandbox")]
    public async Task ABadFilter_ShowsAnErrorNextToIt(string query, string field)
    {
        using var admin = await PortalClient.SignedInAsync(factory);
        var page = await admin.GetDocumentAsync("/administration/auditlog?" + query);
        Assert.NotEqual("", PortalClient.FieldError(page, field));
    }

    [Fact]
    public async Task Paging_IsNewestFirst_WithoutGapsOrRepeats()
    {
        var marker = "p" + Guid.NewGuid().ToString("N")[..8];
        var start = new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var total = Web.Pages.Administration.AuditLog.IndexModel.PageSize + 7;
        for (var i = 0; i < total; i++)
        {
            // Pairs share a timestamp: the id breaks the tie, so a page boundary between them loses nothing.
            await SeedAsync(start.AddMinutes(i / 2), new Actor("pager", "pager"), null, "Paging" + marker[..4], $"{marker}-{i:000}", "Created");
        }

        using var admin = await PortalClient.SignedInAsync(factory);
        var first = await admin.GetDocumentAsync($"/administration/auditlog?objectType=Paging{marker[..4]}");
        var second = await admin.GetDocumentAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var names = Names(first).Concat(Names(second)).ToList();

        Assert.Equal(Enumerable.Range(0, total).Reverse().Select(i => $"{marker}-{i:000}"), names);
        Assert.Null(second.QuerySelector("a[rel=next]"));
    }

    private async Task SeedAsync(DateTime when, Actor actor, int? sandboxId, string type, string name, string action)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsDbContext>();
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAtUtc = when,
            SandboxId = sandboxId,
            UserId = actor.UserId,
            UserName = actor.UserName,
            ObjectType = type,
            ObjectId = name,
            ObjectName = name,
            Action = action,
        });
        await db.SaveChangesAsync();
    }

    private static async Task<List<string>> NamesAsync(PortalClient admin, string query, string marker) =>
        Names(await admin.GetDocumentAsync("/administration/auditlog?" + query)).Where(n => n.StartsWith(marker, StringComparison.Ordinal)).ToList();

    private static IEnumerable<string> Names(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=audit-table] tbody tr").Select(r => r.GetAttribute("data-object-id")!);

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
