using JourneyOptimizer.Sms.Core.Sandboxes;

namespace JourneyOptimizer.Sms.Core.Identity;

/// <summary>A permission given to a user for one sandbox.</summary>
public sealed class SandboxPermission
{
    public required string UserId { get; set; }

    public int SandboxId { get; set; }

    public Sandbox? Sandbox { get; set; }

    public SandboxAccess Access { get; set; }
}
