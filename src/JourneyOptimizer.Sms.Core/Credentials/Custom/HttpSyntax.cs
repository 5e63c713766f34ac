using System.Buffers;
using System.Text;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>The bits of HTTP syntax (RFC 9110) that the Custom credential's fields must respect.</summary>
internal static class HttpSyntax
{
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Headers the HTTP stack or the portal owns; an extra header may never have these names.</summary>
    public static readonly IReadOnlySet<string> AlwaysReservedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer",
        "Proxy-Connection", "Proxy-Authorization", "Expect", "Content-Encoding",
    };

    public const string AuthorizationHeader = "Authorization";

    /// <summary>The header that carries the MAC timestamp (see <see cref="MacSigner"/>).</summary>
    public const string MacTimestampHeader = "X-Timestamp";

    /// <summary>An RFC 9110 token: the syntax of a header name.</summary>
    public static bool IsToken(string? value) =>
        !string.IsNullOrEmpty(value) && !value.AsSpan().ContainsAnyExcept(TokenChars);

    public static bool HasLineBreak(string value) => value.AsSpan().ContainsAny('\r', '\n');

    /// <summary>Printable ASCII (space and tab allowed): what the portal sends as a header value.</summary>
    public static bool IsPrintableAscii(string value) => value.All(c => c == '\t' || (c >= ' ' && c <= '~'));

    /// <summary>Printable ASCII without space or tab.</summary>
    public static bool IsVisibleAscii(string value) => value.All(c => c > ' ' && c <= '~');

    public static bool HasControl(string value) => value.Any(char.IsControl);

    /// <summary>The headers the chosen authentication writes itself.</summary>
    public static bool IsAuthHeader(string name, CustomAuthType authType, string? apiKeyHeaderName) => authType switch
    {
        CustomAuthType.Basic or CustomAuthType.Bearer or CustomAuthType.OAuth or CustomAuthType.Jwt =>
            name.Equals(AuthorizationHeader, StringComparison.OrdinalIgnoreCase),
        CustomAuthType.Mac => name.Equals(AuthorizationHeader, StringComparison.OrdinalIgnoreCase)
            || name.Equals(MacTimestampHeader, StringComparison.OrdinalIgnoreCase),
        CustomAuthType.ApiKey => apiKeyHeaderName is not null && name.Equals(apiKeyHeaderName.Trim(), StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}

/// <summary>The character sets a payload can be sent in. JSON is UTF-8 (RFC 8259); the others are for old gateways.</summary>
internal static class CustomCharsets
{
    public static bool TryGetEncoding(string? name, out Encoding encoding)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "UTF-8":
                encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
                return true;
            case "ISO-8859-1":
                encoding = Encoding.Latin1;
                return true;
            case "US-ASCII":
                encoding = Encoding.ASCII;
                return true;
            default:
                encoding = Encoding.UTF8;
                return false;
        }
    }
}
