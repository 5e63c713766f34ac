namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// The English field errors of a Custom credential. They are localization keys: they never contain user data,
/// and none has a placeholder.
/// </summary>
public static class CustomCredentialMessages
{
    public const string ProviderNameRequired = "Enter the provider name.";
    public const string ProviderNameTooLong = "The provider name can have at most 100 characters.";
    public const string ProviderNameControl = "The provider name cannot contain control characters.";
    public const string ProviderAppIdTooLong = "The provider AppId can have at most 200 characters.";
    public const string ProviderAppIdControl = "The provider AppId cannot contain control characters.";

    public const string ProviderUrlRequired = "Enter the provider URL.";
    public const string OAuthUrlRequired = "Enter the OAuth URL.";
    public const string UrlTooLong = "The URL can have at most 2000 characters.";
    public const string UrlNotAbsolute = "Enter an absolute URL, for example https://api.example.com/messages.";
    public const string UrlNotHttps = "The URL must start with https://.";
    public const string UrlUserInfo = "The URL cannot contain a user name or password. Use the authentication settings instead.";
    public const string UrlPrivate = "The URL points to a private, loopback or link-local address, which this installation does not allow.";

    public const string ChannelTypeInvalid = "Select SMS, RCS or MMS as the channel type.";
    public const string AuthTypeInvalid = "Select an authentication type.";

    public const string ApiTokenRequired = "Enter the API token.";
    public const string ApiTokenFormat = "The API token can only contain printable ASCII characters, without quotes or backslashes.";
    public const string ApiTokenTooLong = "The API token can have at most 2000 characters.";
    public const string ApiKeyHeaderNameRequired = "Enter the name of the header that carries the API key.";
    public const string ApiKeyHeaderNameReserved = "This header is set by the portal. Choose another header name for the API key.";

    public const string BasicUserNameRequired = "Enter the user name.";
    public const string BasicUserNameColon = "The user name cannot contain a colon (:).";
    public const string BasicUserNameControl = "The user name cannot contain control characters.";
    public const string BasicUserNameTooLong = "The user name can have at most 256 characters.";
    public const string BasicPasswordRequired = "Enter the password.";
    public const string BasicPasswordControl = "The password cannot contain control characters.";
    public const string BasicPasswordTooLong = "The password can have at most 256 characters.";

    public const string BearerTokenRequired = "Enter the bearer token.";
    public const string BearerTokenFormat = "The bearer token can only contain printable ASCII characters, without spaces.";
    public const string BearerTokenTooLong = "The bearer token can have at most 4000 characters.";

    public const string OAuthBodyRequired = "Enter the OAuth body.";
    public const string OAuthBodyNotObject = "The OAuth body must be a JSON object.";
    public const string OAuthBodyFields = "The OAuth body must contain grant_type, client_id and client_secret.";
    public const string OAuthBodyValues = "The values in the OAuth body must be text, numbers or true/false.";
    public const string OAuthBodyTooLong = "The OAuth body can have at most 4000 characters.";

    public const string JwtPayloadRequired = "Enter the JWT payload (a JSON object of claims).";
    public const string JwtPayloadNotObject = "The JWT payload must be a JSON object.";
    public const string JwtPayloadTooLong = "The JWT payload can have at most 4000 characters.";

    public const string ApiSecretKeyRequired = "Enter the API secret key.";
    public const string ApiSecretKeyControl = "The API secret key cannot contain control characters.";
    public const string ApiSecretKeyTooLong = "The API secret key can have at most 2000 characters.";
    public const string MacHashFormatRequired = "Select the MAC authorization hash format.";

    public const string ClientCertificateRequired = "Paste the client certificate (PEM).";
    public const string ClientCertificateInvalid = "The client certificate must be a PEM certificate (-----BEGIN CERTIFICATE-----).";
    public const string ClientCertificateTooLong = "The client certificate can have at most 20000 characters.";
    public const string ClientPrivateKeyRequired = "Paste the private key of the client certificate (PEM).";
    public const string ClientPrivateKeyInvalid = "The private key must be an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----).";
    public const string ClientPrivateKeyTooLong = "The private key can have at most 20000 characters.";
    public const string ClientPrivateKeyMismatch = "The private key does not belong to the client certificate.";
    public const string StoredPrivateKeyMismatch = "The stored private key does not belong to this certificate. Paste its private key.";

    public const string ContentTypeMissing = "The Content-Type header is required.";
    public const string CharsetMissing = "The Charset header is required.";
    public const string TooManyHeaders = "You can add at most 10 headers besides Content-Type and Charset.";
    public const string HeaderNameRequired = "Enter a header name.";
    public const string HeaderNameFormat = "A header name can only contain letters, digits and the characters ! # $ % & ' * + - . ^ _ ` | ~.";
    public const string HeaderNameTooLong = "A header name can have at most 100 characters.";
    public const string HeaderDuplicate = "This header is already in the list.";
    public const string HeaderReserved = "This header is set by the portal and cannot be added.";
    public const string HeaderValueRequired = "Enter a value for this header.";
    public const string HeaderValueLineBreak = "A header value cannot contain line breaks.";
    public const string HeaderValueFormat = "A header value can only contain printable ASCII characters.";
    public const string HeaderValueTooLong = "A header value can have at most 2000 characters.";
    public const string SecretHeaderValueRequired = "Enter the value of this secret header.";
    public const string FixedHeaderSecret = "The Content-Type and Charset headers cannot be secret.";
    public const string ContentTypeInvalid = "Enter a media type such as application/json.";
    public const string ContentTypeHasCharset = "Set the character set in the Charset header, not in Content-Type.";
    public const string CharsetInvalid = "Enter a character set the portal supports: utf-8, iso-8859-1 or us-ascii.";

    public const string PayloadRequired = "Enter the provider payload.";
    public const string PayloadTooLong = "The provider payload can have at most 10000 characters.";
    public const string PayloadInvalidJson = "The provider payload must be valid JSON. Put each placeholder inside quotes.";

    /// <summary>A JSON field (payload, JWT payload, OAuth body) with an escaped lone surrogate, which no provider can read.</summary>
    public const string JsonNotUnicode = "This JSON has a string that is not Unicode (an escaped lone surrogate such as \\ud800). Remove it or type the character itself.";
    public const string PayloadMissingFromNumber = "The provider payload must contain the fromNumber placeholder, in double curly braces.";
    public const string PayloadMissingToNumber = "The provider payload must contain the toNumber placeholder, in double curly braces.";
    public const string PayloadMissingMessage = "The provider payload must contain the message placeholder, in double curly braces.";
    public const string PayloadAuthOption = "With Basic or Bearer authentication, the provider payload must contain an authOption property.";

    public const string MessageIdExtractorInvalid = "Enter a field name or a dot path such as messages.0.id, without spaces.";
}
