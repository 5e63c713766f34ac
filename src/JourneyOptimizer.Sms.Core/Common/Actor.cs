namespace JourneyOptimizer.Sms.Core.Common;

/// <summary>Who performs a change: recorded as "Modified by" and in the audit log.</summary>
public sealed record Actor(string UserId, string UserName)
{
    public static readonly Actor System = new("system", "system");
}
