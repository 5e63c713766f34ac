namespace JourneyOptimizer.Sms.Core.Identity;

/// <summary>Role names (not translated: they are product terms).</summary>
public static class PortalRoles
{
    public const string SystemAdministrator = "System administrator";
}
