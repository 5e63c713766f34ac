using System.Globalization;
using JourneyOptimizer.Sms.Core.Credentials;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>How values are shown: times in the user's culture (stored data stays UTC), statuses by their label.</summary>
public static class Display
{
    public static string Time(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("g", CultureInfo.CurrentCulture) + " UTC";

    public static string Status(VerificationStatus status) => status switch
    {
        VerificationStatus.Verified => "Verified",
        VerificationStatus.Failed => "Failed",
        _ => "Not verified",
    };

    public static string SecretHint(string? hint) => string.IsNullOrEmpty(hint) ? "••••••••" : "••••••••" + hint;
}
