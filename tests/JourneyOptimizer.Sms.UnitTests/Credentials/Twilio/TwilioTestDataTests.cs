using System.Security.Cryptography;

namespace JourneyOptimizer.Sms.UnitTests.Credentials.Twilio;

/// <summary>
/// The Twilio contract and signature tests read only files of the repository: a fresh clone with nothing beside it
/// runs them. The specs are Twilio's, byte for byte, with their MIT license beside them.
/// </summary>
public sealed class TwilioTestDataTests
{
    [Fact]
    public void The_Twilio_test_data_is_inside_the_repository()
    {
        var root = Path.GetFullPath(RepoPaths.Root) + Path.DirectorySeparatorChar;
        var folder = Path.GetFullPath(RepoPaths.TwilioOai);

        Assert.StartsWith(root, folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        foreach (var name in new[] { "twilio_api_v2010.json", "twilio_messaging_v1.json", "signature-vectors.json", "LICENSE", "NOTES.md" })
        {
            Assert.True(File.Exists(Path.Combine(folder, name)), $"{name} is missing from {folder}.");
        }
    }

    [Theory]
    [InlineData("twilio_api_v2010.json", "99cae87a6bb1725f71363364cbd30282a13140374b2d5f9bdd5bdfa5d4c8a6d7")]
    [InlineData("twilio_messaging_v1.json", "ef8fb6b6bfee2334d3cad7ca58568a8984165a4337e7dbb1753d1c257a9e8a52")]
    [InlineData("LICENSE", "282418d5a4ca0a6cd3476637c41bb229e592fc289156d22fbfa188cec1169ff3")]
    public void Twilio_files_are_the_upstream_bytes_named_in_the_folders_readme(string name, string sha256)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.TwilioOai, name));

        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Contains(sha256, File.ReadAllText(Path.Combine(RepoPaths.TwilioOai, "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_license_beside_the_specs_is_Twilios_MIT_license()
    {
        var license = File.ReadAllText(Path.Combine(RepoPaths.TwilioOai, "LICENSE"));

        Assert.StartsWith("MIT License", license, StringComparison.Ordinal);
        Assert.Contains("Twilio, Inc.", license, StringComparison.Ordinal);
    }
}
