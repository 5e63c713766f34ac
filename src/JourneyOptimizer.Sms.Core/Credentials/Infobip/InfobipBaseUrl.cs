using JourneyOptimizer.Sms.Core.Credentials.Custom;

namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>
/// The API base URL as AJO asks for it: a host (<c>xxxxx.api.infobip.com</c>, <c>api-ny2.infobip.com</c>) or an https
/// URL without a path. Stored and used as <c>https://host[:port]</c>. The address rules are the Custom provider's
/// (<see cref="CustomUrlRules"/>): https only, no user info, no private, loopback or link-local literal unless
/// <c>CustomProviders:AllowPrivateNetworks</c>; names are checked again when connecting (<see cref="SsrfGuard"/>).
/// </summary>
public static class InfobipBaseUrl
{
    public const int MaxLength = 200;

    /// <summary>Why the text is not a base URL.</summary>
    public enum Problem
    {
        None = 0,
        Missing,
        TooLong,
        NotAUrl,
        NotHttps,
        UserInfo,
        HasPath,
        PrivateAddress,
    }

    public static Problem TryNormalize(string? value, bool allowPrivateNetworks, out Uri? normalized)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return Problem.Missing;
        }

        var text = value.Trim();
        if (text.Length > MaxLength)
        {
            return Problem.TooLong;
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        var problem = CustomUrlRules.Check(text, allowPrivateNetworks) switch
        {
            UrlProblem.None => Problem.None,
            UrlProblem.Missing => Problem.Missing,
            UrlProblem.TooLong => Problem.TooLong,
            UrlProblem.NotHttps => Problem.NotHttps,
            UrlProblem.UserInfo => Problem.UserInfo,
            UrlProblem.PrivateAddress => Problem.PrivateAddress,
            _ => Problem.NotAUrl,
        };
        if (problem != Problem.None)
        {
            return problem;
        }

        var uri = new Uri(text);
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || text.EndsWith('?') || text.EndsWith('#'))
        {
            return Problem.HasPath;
        }

        normalized = new Uri(uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant());
        return Problem.None;
    }
}
