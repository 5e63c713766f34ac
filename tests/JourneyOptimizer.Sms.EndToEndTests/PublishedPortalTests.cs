using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JourneyOptimizer.Sms.EndToEndTests.Infrastructure;

namespace JourneyOptimizer.Sms.EndToEndTests;

/// <summary>
/// The portal as an operator deploys it: <c>dotnet publish</c>, then the published DLL started from <c>/</c> (a systemd
/// unit without WorkingDirectory does the same). It must find its own wwwroot and appsettings.json there.
/// </summary>
public sealed partial class PublishedPortalTests
{
    private const string AdminEmail = "published@example.com";
    private const string AdminPassword = "Publ1shed!Passw0rd";

    [GeneratedRegex("""<link rel="stylesheet" href="(/css/site\.css\?v=[^"]+)" />""")]
    private static partial Regex SiteStylesheet();

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)" """)]
    private static partial Regex AntiforgeryToken();

    [Fact]
    public async Task Started_from_the_root_folder_it_serves_a_styled_sign_in_page_and_reads_its_appsettings()
    {
        var publish = await PublishAsync();
        // The operator's appsettings.json names the first administrator: only a portal that reads it lets them in.
        var settingsPath = Path.Combine(publish, "appsettings.json");
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsPath, TestContext.Current.CancellationToken))!;
        settings["Bootstrap"] = new JsonObject { ["AdminEmail"] = AdminEmail, ["AdminPassword"] = AdminPassword };
        await File.WriteAllTextAsync(settingsPath, settings.ToJsonString(), TestContext.Current.CancellationToken);

        await using var portal = await PortalProcess.StartPublishedAsync(publish, "/");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(portal.BaseUrl),
        };

        var signIn = await http.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), TestContext.Current.CancellationToken);
        var stylesheet = SiteStylesheet().Match(signIn);
        Assert.True(stylesheet.Success, "the sign-in page links the portal's stylesheet with its version:\n" + signIn);
        using var css = await http.GetAsync(new Uri(stylesheet.Groups[1].Value, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".rail", await css.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = AdminEmail,
            ["Input.Password"] = AdminPassword,
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(signIn).Groups[1].Value,
        });
        using var signedIn = await http.PostAsync(new Uri("/account/sign-in", UriKind.Relative), form, TestContext.Current.CancellationToken);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)signedIn.StatusCode}:\n{portal.Output}");

        // Without a connection string the database is App_Data/portal.db in the portal's folder (docs/configuration.md).
        Assert.True(File.Exists(Path.Combine(publish, "App_Data", "portal.db")));
        // appsettings.json sets Microsoft.AspNetCore to Warning: ASP.NET Core's own request lines stay out of the log.
        Assert.DoesNotContain("Request starting", portal.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("setup?token=", portal.Output, StringComparison.Ordinal);
    }

    /// <summary>The web project published (from the build the tests run on) into a folder of its own.</summary>
    private static async Task<string> PublishAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "jo-sms-e2e", "published-" + Guid.NewGuid().ToString("N"));
        var project = Path.Combine(PortalProcess.RepositoryRoot(), "src", "JourneyOptimizer.Sms.Web", "JourneyOptimizer.Sms.Web.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "--no-build", "-c", PortalProcess.Configuration, "-o", folder, "-nologo", "-v", "q" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await output}\n{await errors}");
        return folder;
    }
}
