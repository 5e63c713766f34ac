namespace JourneyOptimizer.Sms.Core.Identity;

/// <summary>The first administrator, from configuration (e.g. <c>Bootstrap__AdminEmail</c>). Used only while no user exists.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }
}
