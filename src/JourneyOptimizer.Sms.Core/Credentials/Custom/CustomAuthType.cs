namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>How the portal authenticates to a Custom provider (PRODUCT.md 3.2, "Auth Type").</summary>
public enum CustomAuthType
{
    /// <summary>No Authentication (optionally with a client certificate, see <c>MtlsEnabled</c>).</summary>
    None = 0,

    /// <summary>API key: the API Token in a header whose name the administrator chooses.</summary>
    ApiKey = 1,

    /// <summary>Basic: <c>Authorization: Basic base64(user:password)</c>.</summary>
    Basic = 2,

    /// <summary>Bearer: <c>Authorization: Bearer token</c>.</summary>
    Bearer = 3,

    /// <summary>OAuth 2 client credentials: a token fetched from the OAuth URL, cached, sent as a bearer token.</summary>
    OAuth = 4,

    /// <summary>JWT: an HS256 token signed with the API Token over the JWT Payload claims.</summary>
    Jwt = 5,

    /// <summary>MAC: an HMAC signature over method, path, timestamp and body.</summary>
    Mac = 6,
}
