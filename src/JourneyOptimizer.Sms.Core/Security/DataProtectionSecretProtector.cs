using Microsoft.AspNetCore.DataProtection;

namespace JourneyOptimizer.Sms.Core.Security;

/// <summary>ASP.NET Core Data Protection with a purpose of its own; keys live in the database (shared by instances).</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    public const string Purpose = "JourneyOptimizer.Sms.Credentials.v1";

    /// <summary>The Data Protection application name: every instance (and the load-test seeder) shares one key ring.</summary>
    public const string ApplicationName = "JourneyOptimizer.Sms";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
