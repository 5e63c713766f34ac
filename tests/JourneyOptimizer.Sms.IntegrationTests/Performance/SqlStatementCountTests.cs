using System.Collections.Concurrent;
using System.Data.Common;
using JourneyOptimizer.Sms.Core.Data;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// The API credentials pages issue a fixed number of SQL statements per request, whatever the number of rows shown:
/// no N+1 (one query per row), which no amount of indexing would make fast with 100,000 credentials.
/// </summary>
public sealed class SqlStatementCountTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(string Url, int FirstId)> SandboxWithAsync(string name, int credentials)
    {
        var sandbox = await TestData.SandboxAsync(factory, name);
        var first = 0;
        for (var i = 0; i < credentials; i++)
        {
            var id = await TestData.CreateTwilioAsync(factory, sandbox.Id, TestData.Twilio($"{name} {i:000}"));
            first = i == 0 ? id : first;
        }

        return (TestData.CredentialsUrl(name), first);
    }

    /// <summary>The SQL statements one GET executes (the page is fetched once before, so one-time work is not counted).</summary>
    private async Task<IReadOnlyList<string>> StatementsOfAsync(PortalClient client, string url)
    {
        await client.GetDocumentAsync(url);
        factory.Commands.Clear();
        var page = await client.GetDocumentAsync(url);
        Assert.NotNull(page.QuerySelector("main"));
        return factory.Commands.Commands;
    }

    [Fact]
    public async Task ListPage_StatementCount_DoesNotGrowWithTheNumberOfCredentials()
    {
        var (few, _) = await SandboxWithAsync("count-list-5", 5);
        var (many, _) = await SandboxWithAsync("count-list-60", 60);
        using var client = await PortalClient.SignedInAsync(factory);

        var withFew = await StatementsOfAsync(client, few);
        var withMany = await StatementsOfAsync(client, many);
        var nextPage = await StatementsOfAsync(client, many + "?cursor=" +
            (await client.GetDocumentAsync(many)).QuerySelector("a[rel=next]")!.GetAttribute("href")!.Split("cursor=")[1]);
        var search = await StatementsOfAsync(client, many + "?q=count-list-60%2000");

        var report = Report(("5 credentials", withFew), ("60 credentials", withMany), ("page 2", nextPage), ("search", search));
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(withFew.Count == withMany.Count, report);
        Assert.True(nextPage.Count == withMany.Count, report);
        Assert.True(search.Count == withMany.Count, report);
        Assert.True(withMany.Count(s => s.Contains("\"ApiCredentials\"", StringComparison.Ordinal)) == 1, report);
    }

    [Fact]
    public async Task EditPage_StatementCount_DoesNotGrowWithTheNumberOfCredentials()
    {
        var (few, fewId) = await SandboxWithAsync("count-edit-5", 5);
        var (many, manyId) = await SandboxWithAsync("count-edit-60", 60);
        using var client = await PortalClient.SignedInAsync(factory);

        var withFew = await StatementsOfAsync(client, $"{few}/edit/{fewId}");
        var withMany = await StatementsOfAsync(client, $"{many}/edit/{manyId}");

        var report = Report(("5 credentials", withFew), ("60 credentials", withMany));
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(withFew.Count == withMany.Count, report);
        Assert.True(withMany.Count(s => s.Contains("\"ApiCredentials\"", StringComparison.Ordinal)) == 1, report);
    }

    private static string Report(params (string Name, IReadOnlyList<string> Statements)[] runs) =>
        string.Join("\n\n", runs.Select(r => $"{r.Name}: {r.Statements.Count} statements\n  " + string.Join("\n  ", r.Statements)));
}
