namespace JourneyOptimizer.Sms.Core.Identity;

/// <summary>What a user may do in one sandbox. Ordered: a higher level includes the lower ones.</summary>
public enum SandboxAccess
{
    None = 0,

    /// <summary>"View messages presets": read credentials, webhooks and channel configurations (secrets never).</summary>
    View = 1,

    /// <summary>"Manage messages presets": the above plus create, edit, delete, verify, test send.</summary>
    Manage = 2,
}
