namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

/// <summary>The repository root (the folder of JourneyOptimizer.Sms.sln) and the test data inside it.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>
    /// <c>&lt;repo&gt;/tests/TestData/twilio-oai</c>: Twilio's specs (with their MIT license), NOTES.md and the signature
    /// vectors. Inside the repository, so that a fresh clone runs the contract tests with nothing beside it.
    /// </summary>
    public static string TwilioOai => Path.Combine(Root, "tests", "TestData", "twilio-oai");

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
