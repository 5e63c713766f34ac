using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>What the portal, started as a newcomer starts it (its own process, a fresh SQLite file), sets up for itself.</summary>
public sealed class PortalStartTests
{
    /// <summary>
    /// SQLite takes its threading mode only before its first connection, so only a process of its own shows whether
    /// the portal asks in time (in a test host, another test may have opened a database first). Serialized would still
    /// work, only slower: nothing but this log line tells (docs/performance.md, twelfth round).
    /// </summary>
    [Fact]
    public async Task Sqlite_RunsInMultiThreadMode()
    {
        await using var portal = await PortalProcess.StartAsync();

        // The line is written before the portal listens; its output is read on another thread.
        for (var i = 0; i < 100 && !portal.Output.Contains("\"SqliteThreadingMode\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Contains("\"SqliteThreadingMode\":\"multi-thread\"", portal.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"SqliteThreadingMode\":\"serialized\"", portal.Output, StringComparison.Ordinal);
    }
}
