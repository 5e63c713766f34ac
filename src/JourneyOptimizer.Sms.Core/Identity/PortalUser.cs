using Microsoft.AspNetCore.Identity;

namespace JourneyOptimizer.Sms.Core.Identity;

/// <summary>A person who signs in to the portal.</summary>
public sealed class PortalUser : IdentityUser
{
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>A disabled user cannot sign in, and an existing session ends at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>A new account signed in with its email address (the administrator at first start, or one created by an administrator).</summary>
    public static PortalUser ForEmail(string email, DateTime createdAtUtc) => new()
    {
        UserName = email,
        Email = email,
        EmailConfirmed = true,
        LockoutEnabled = true,
        CreatedAtUtc = createdAtUtc,
    };
}
