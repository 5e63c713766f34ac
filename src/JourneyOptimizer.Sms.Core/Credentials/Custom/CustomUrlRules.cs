using System.Net;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>What is wrong with a Provider URL or OAuth URL, judged from its text alone (no DNS).</summary>
internal enum UrlProblem
{
    None,
    Missing,
    TooLong,
    NotAbsolute,
    NotHttps,
    UserInfo,
    PrivateAddress,
}

/// <summary>The URL rules shared by the validator and the client (redirect targets).</summary>
internal static class CustomUrlRules
{
    public const int MaxLength = 2000;

    public static UrlProblem Check(string? value, bool allowPrivateNetworks)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return UrlProblem.Missing;
        }

        var text = value.Trim();
        if (text.Length > MaxLength)
        {
            return UrlProblem.TooLong;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc || string.IsNullOrEmpty(uri.Host))
        {
            return text.Contains("://", StringComparison.Ordinal) && !text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                ? UrlProblem.NotHttps
                : UrlProblem.NotAbsolute;
        }

        return Check(uri, text, allowPrivateNetworks);
    }

    public static UrlProblem Check(Uri uri, string originalText, bool allowPrivateNetworks)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(originalText);
        if (!uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.Host))
        {
            return UrlProblem.NotAbsolute;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return UrlProblem.NotHttps;
        }

        if (uri.UserInfo.Length > 0 || Authority(originalText).Contains('@', StringComparison.Ordinal))
        {
            return UrlProblem.UserInfo;
        }

        return !allowPrivateNetworks && IsLiteralPrivateHost(uri) ? UrlProblem.PrivateAddress : UrlProblem.None;
    }

    /// <summary>
    /// True when the host is an IP literal that is not public, or <c>localhost</c>, read as the resolver reads it: the
    /// IDNA form (full-width digits and letters, ideographic and full-width dots become ASCII) without a trailing dot,
    /// so that <c>127.0.0.1.</c>, <c>１２７.０.０.１</c> and <c>127。0。0。1</c> are the loopback address they resolve to.
    /// </summary>
    public static bool IsLiteralPrivateHost(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.DnsSafeHost.Contains('%', StringComparison.Ordinal))
        {
            return true;   // a scoped IPv6 address (fe80::1%eth0) is link-local by definition
        }

        var host = ResolverHost(uri);
        if (IPAddress.TryParse(host, out var address))
        {
            return !NetworkAddressPolicy.IsPublic(address);
        }

        return NetworkAddressPolicy.IsLocalHostName(host);
    }

    /// <summary>The host name the resolver is given (IDNA, ASCII), without the trailing dot of a fully qualified name.</summary>
    private static string ResolverHost(Uri uri)
    {
        string host;
        try
        {
            host = uri.IdnHost;
        }
        catch (UriFormatException)
        {
            host = uri.DnsSafeHost;
        }

        return host.TrimEnd('.');
    }

    private static string Authority(string text)
    {
        var start = text.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        start += 3;
        var end = text.AsSpan(start).IndexOfAny('/', '?', '#');
        return end < 0 ? text[start..] : text.Substring(start, end);
    }
}
