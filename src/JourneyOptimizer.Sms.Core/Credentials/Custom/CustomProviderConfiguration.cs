using System.Text.Json;
using System.Text.Json.Serialization;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// The normalized, non-secret settings of a Custom provider credential: what the database stores as JSON
/// (<see cref="ToJson"/>, <see cref="FromJson"/>). Every secret lives in <see cref="CustomProviderSecrets"/>;
/// <see cref="SecretHints"/> tells which secrets are set and their last 4 characters, so that pages never need to
/// decrypt anything to show the form.
/// </summary>
public sealed record CustomProviderConfiguration
{
    public const int CurrentSchemaVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Changes when the shape changes, so that stored JSON can be migrated.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string ProviderName { get; init; }

    public string? ProviderAppId { get; init; }

    /// <summary>The absolute https URL of the send endpoint, trimmed.</summary>
    public required string ProviderUrl { get; init; }

    public CustomChannelType? ChannelType { get; init; }

    public CustomAuthType AuthType { get; init; }

    /// <summary><see cref="CustomAuthType.ApiKey"/>: the header that carries the API token.</summary>
    public string? ApiKeyHeaderName { get; init; }

    /// <summary><see cref="CustomAuthType.Basic"/>.</summary>
    public string? BasicUserName { get; init; }

    /// <summary><see cref="CustomAuthType.OAuth"/>: the token endpoint.</summary>
    public string? OAuthUrl { get; init; }

    /// <summary><see cref="CustomAuthType.Jwt"/>: the claims, a JSON object.</summary>
    public string? JwtPayload { get; init; }

    /// <summary><see cref="CustomAuthType.Mac"/>.</summary>
    public MacHashAlgorithm? MacHashFormat { get; init; }

    public bool MtlsEnabled { get; init; }

    /// <summary>The client certificate (and chain) in PEM; public, so shown back on edit. Its key is a secret.</summary>
    public string? ClientCertificatePem { get; init; }

    /// <summary>SHA-256 of the client certificate, lower-case hex.</summary>
    public string? ClientCertificateThumbprint { get; init; }

    public string? ClientCertificateSubject { get; init; }

    public DateTime? ClientCertificateNotAfterUtc { get; init; }

    /// <summary>The media type, e.g. <c>application/json</c>.</summary>
    public required string ContentType { get; init; }

    /// <summary>e.g. <c>utf-8</c>; null sends no charset parameter.</summary>
    public string? Charset { get; init; }

    /// <summary>The extra headers (not Content-Type and Charset). A secret header has no value here.</summary>
    public IReadOnlyList<CustomHeader> Headers { get; init; } = [];

    public required string ProviderPayload { get; init; }

    public string? MessageIdExtractor { get; init; }

    /// <summary>
    /// One entry per secret that is set, keyed by <see cref="CustomProviderSecrets"/> field name
    /// (<c>ApiToken</c>, ..., <c>Headers[X-Signature]</c>): its last 4 characters, or empty when it is too short
    /// to show any (and always for the private key).
    /// </summary>
    public IReadOnlyDictionary<string, string> SecretHints { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>Content-Type</c> header as sent, e.g. <c>application/json; charset=utf-8</c>.</summary>
    [JsonIgnore]
    public string ContentTypeHeaderValue => string.IsNullOrEmpty(Charset) ? ContentType : $"{ContentType}; charset={Charset}";

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static CustomProviderConfiguration FromJson(string json) =>
        JsonSerializer.Deserialize<CustomProviderConfiguration>(json, JsonOptions)
        ?? throw new JsonException("The stored Custom provider configuration is empty.");
}

/// <summary>An extra header of a Custom provider; <see cref="Value"/> is null when the value is secret.</summary>
public sealed record CustomHeader(string Name, string? Value, bool IsSecret);
