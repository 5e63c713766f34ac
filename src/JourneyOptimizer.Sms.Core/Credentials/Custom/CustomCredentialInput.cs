namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// The fields of a Custom provider credential as an administrator types them (the form and the REST API share it).
/// Only the fields of the chosen <see cref="AuthType"/> are read; the others are ignored.
/// </summary>
/// <remarks>
/// Secret fields (<see cref="SecretFields"/> and header values marked <see cref="CustomHeaderInput.IsSecret"/>) are
/// never sent back to the browser: left blank on edit they keep the stored value (see
/// <see cref="CustomCredentialMapper.Map"/>). The client certificate is given as PEM text (the page may read an
/// uploaded <c>.pem</c>/<c>.crt</c> file into it): <see cref="ClientCertificatePem"/> is public and shown back on edit,
/// <see cref="ClientPrivateKeyPem"/> is an unencrypted PKCS#8, PKCS#1 (RSA) or SEC1 (EC) private key and is secret.
/// A PFX converts with <c>openssl pkcs12 -in client.pfx -nokeys</c> and <c>openssl pkcs12 -in client.pfx -nocerts -nodes</c>.
/// </remarks>
public sealed class CustomCredentialInput : ApiCredentialInput, IEditableRows
{
    public const string ContentTypeHeaderName = "Content-Type";
    public const string CharsetHeaderName = "Charset";
    public const string DefaultContentType = "application/json";
    public const string DefaultCharset = "utf-8";

    /// <summary>A payload an administrator can start from (e.g. as the textarea's placeholder).</summary>
    public const string ExampleProviderPayload =
        """{"from": "{{fromNumber}}", "to": "{{toNumber}}", "text": "{{message}}"}""";

    /// <summary>The names of the top-level secret properties: blank on edit keeps the stored value.</summary>
    public static IReadOnlySet<string> SecretFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(ApiToken),
        nameof(BasicPassword),
        nameof(BearerToken),
        nameof(OAuthBody),
        nameof(ApiSecretKey),
        nameof(ClientPrivateKeyPem),
    };

    public string? ProviderName { get; set; }

    public string? ProviderAppId { get; set; }

    public string? ProviderUrl { get; set; }

    public CustomChannelType? ChannelType { get; set; }

    public CustomAuthType AuthType { get; set; } = CustomAuthType.None;

    /// <summary>"mTLS support": present <see cref="ClientCertificatePem"/> to the provider (with any auth type).</summary>
    public bool MtlsEnabled { get; set; }

    /// <summary>The client certificate in PEM; further certificates after the first are sent as its chain.</summary>
    public string? ClientCertificatePem { get; set; }

    /// <summary>Secret. The private key of the client certificate, unencrypted PEM.</summary>
    public string? ClientPrivateKeyPem { get; set; }

    /// <summary>Secret. API key (<see cref="CustomAuthType.ApiKey"/>), JWT signing key (<see cref="CustomAuthType.Jwt"/>) or MAC key id (<see cref="CustomAuthType.Mac"/>).</summary>
    public string? ApiToken { get; set; }

    /// <summary>The header that carries the API key (<see cref="CustomAuthType.ApiKey"/>), e.g. <c>X-API-Key</c>.</summary>
    public string? ApiKeyHeaderName { get; set; }

    public string? BasicUserName { get; set; }

    /// <summary>Secret.</summary>
    public string? BasicPassword { get; set; }

    /// <summary>Secret.</summary>
    public string? BearerToken { get; set; }

    public string? OAuthUrl { get; set; }

    /// <summary>Secret (it holds <c>client_secret</c>). A JSON object with <c>grant_type</c>, <c>client_id</c>, <c>client_secret</c>.</summary>
    public string? OAuthBody { get; set; }

    /// <summary>The JWT claims as a JSON object; <c>iat</c> and <c>exp</c> are added when a token is made.</summary>
    public string? JwtPayload { get; set; }

    /// <summary>Secret. The MAC signing key (<see cref="CustomAuthType.Mac"/>).</summary>
    public string? ApiSecretKey { get; set; }

    public MacHashAlgorithm? MacHashFormat { get; set; }

    /// <summary>
    /// <see cref="ContentTypeHeaderName"/> and <see cref="CharsetHeaderName"/> are always present (the form shows them
    /// first and offers no delete button for them), plus at most <see cref="CustomCredentialInputValidator.MaxExtraHeaders"/> more.
    /// </summary>
    public List<CustomHeaderInput> Headers { get; set; } =
    [
        new() { Name = ContentTypeHeaderName, Value = DefaultContentType },
        new() { Name = CharsetHeaderName, Value = DefaultCharset },
    ];

    /// <summary>The JSON template of the request body, with <c>{{fromNumber}}</c>, <c>{{toNumber}}</c> and <c>{{message}}</c>.</summary>
    public string? ProviderPayload { get; set; }

    /// <summary>Optional: a field name (first match in the answer) or a dot path such as <c>messages.0.id</c>.</summary>
    public string? MessageIdExtractor { get; set; }

    /// <summary>"Add new parameter": one more header row, up to the limit.</summary>
    public bool AddRow(string rows)
    {
        if (rows != nameof(Headers) || Headers.Count >= CustomCredentialInputValidator.MaxExtraHeaders + 2)
        {
            return false;
        }

        Headers.Add(new CustomHeaderInput());
        return true;
    }

    /// <summary>The bin icon of a header row; Content-Type and Charset (rows 0 and 1) stay.</summary>
    public bool RemoveRow(string rows, int index)
    {
        if (rows != nameof(Headers) || index < 2 || index >= Headers.Count)
        {
            return false;
        }

        Headers.RemoveAt(index);
        return true;
    }
}
