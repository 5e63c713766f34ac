using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Hosting;

/// <summary>
/// Which folder the portal takes its appsettings.json and wwwroot from. The published portal started from another
/// folder is the end-to-end test <c>PublishedPortalTests</c>; these are the rules and the test host's case.
/// </summary>
public sealed class PortalContentRootTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Application = "/opt/portal/";

    [Fact]
    public void Started_from_any_other_folder_the_portal_takes_its_own_folder() =>
        Assert.Equal(Application, PortalContentRoot.Resolve([], "/", Application));

    [Fact]
    public void Started_from_the_web_projects_folder_as_dotnet_run_does_the_framework_keeps_it()
    {
        var project = Path.Combine(Path.GetTempPath(), "jo-sms-content-root-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(project);
        try
        {
            File.WriteAllText(Path.Combine(project, "JourneyOptimizer.Sms.Web.csproj"), "<Project />");
            Assert.Null(PortalContentRoot.Resolve([], project, Application));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Theory]
    [InlineData("--contentRoot", "/srv/portal")]
    [InlineData("--contentroot=/srv/portal", null)]
    public void A_content_root_given_on_the_command_line_is_the_frameworks_to_apply(string argument, string? value) =>
        Assert.Null(PortalContentRoot.Resolve(value is null ? [argument] : [argument, value], "/", Application));

    [Fact]
    public void The_test_host_keeps_the_content_root_it_asks_for()
    {
        var environment = factory.Services.GetRequiredService<IWebHostEnvironment>();

        Assert.True(File.Exists(Path.Combine(environment.ContentRootPath, "appsettings.json")), environment.ContentRootPath);
        Assert.True(File.Exists(Path.Combine(environment.WebRootPath, "css", "site.css")), environment.WebRootPath);
    }
}
