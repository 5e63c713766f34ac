using Microsoft.Playwright;

namespace JourneyOptimizer.Sms.EndToEndTests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright. Missing Chromium skips locally and fails under CI.</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var underCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(ChromiumPath))
        {
            Assert.False(underCi, $"Chromium is missing at {ChromiumPath}: .ci/run installs it with apt-get install -y chromium.");
            Assert.Skip($"Chromium is not installed ({ChromiumPath}); install it with: apt-get install -y chromium");
        }

        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        return (playwright, browser);
    }

    /// <summary>Screenshots go under the test output folder, one file per step.</summary>
    public static async Task ScreenshotAsync(IPage page, string journey, string step)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots", journey);
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, step + ".png"), FullPage = true });
    }
}
