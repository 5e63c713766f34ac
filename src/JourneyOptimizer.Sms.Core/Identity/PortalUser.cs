using Microsoft.AspNetCore.Identity;

namespace JourneyOptimizer.Sms.Core.Identity;

/// <summary>A person who signs in to the portal.</summary>
public sealed class PortalUser : IdentityUser
{
    public DateTime CreatedAtUtc { get; set; }
}
