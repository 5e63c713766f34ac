using Microsoft.AspNetCore.Hosting;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// Where the portal reads its appsettings.json and serves wwwroot from. ASP.NET Core's default is the working directory,
/// which is right for <c>dotnet run</c> (it runs from the project folder) and for a portal started from its own folder,
/// but a published portal started from anywhere else (<c>dotnet /opt/portal/JourneyOptimizer.Sms.Web.dll</c> from
/// <c>/</c>, a systemd unit without <c>WorkingDirectory</c>) served unstyled pages and ignored its appsettings.json,
/// log levels included.
/// </summary>
public static class PortalContentRoot
{
    /// <summary>
    /// The content root to give <see cref="WebApplicationOptions.ContentRootPath"/>: null (the framework's choice) when
    /// one is given (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>) or when the working
    /// directory is the web project's folder; otherwise the application's own folder.
    /// </summary>
    public static string? Resolve(string[] args, string workingDirectory, string applicationDirectory)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[WebHostDefaults.ContentRootKey];
        if (!string.IsNullOrEmpty(given))
        {
            return null;
        }

        var projectFile = typeof(PortalContentRoot).Assembly.GetName().Name + ".csproj";
        return File.Exists(Path.Combine(workingDirectory, projectFile)) ? null : applicationDirectory;
    }
}
