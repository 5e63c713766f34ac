using System.Globalization;

namespace JourneyOptimizer.Sms.Performance.Seeder;

/// <summary>One sandbox to fill: its URL name and how many Twilio credentials it gets (<c>prod:100000</c>).</summary>
public sealed record SandboxSeed(string Name, int Count)
{
    public static SandboxSeed Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var separator = value.LastIndexOf(':');
        if (separator <= 0 || !int.TryParse(value[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"'{value}' is not NAME:COUNT (for example prod:100000).");
        }

        return new SandboxSeed(value[..separator], count);
    }
}
