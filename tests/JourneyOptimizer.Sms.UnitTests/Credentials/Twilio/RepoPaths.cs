namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

/// <summary>The repository root (the folder of JourneyOptimizer.Sms.sln) and the shared folder beside it.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary><c>&lt;repo&gt;/../shared/twilio-oai</c>: Twilio's specs, NOTES.md and the signature vectors.</summary>
    public static string TwilioOai => Path.GetFullPath(Path.Combine(Root, "..", "shared", "twilio-oai"));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "JourneyOptimizer.Sms.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"JourneyOptimizer.Sms.sln not found above {AppContext.BaseDirectory}.");
    }
}
