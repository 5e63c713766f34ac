namespace JourneyOptimizer.Sms.Web.Infrastructure;

public static class PortalPolicies
{
    public const string SystemAdministrator = "SystemAdministrator";
}
