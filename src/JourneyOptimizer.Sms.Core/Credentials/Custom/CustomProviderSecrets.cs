using System.Text.Json;
using System.Text.Json.Serialization;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// Every secret of one Custom provider credential, kept together so that the service protects them as ONE
/// Data Protection blob (<see cref="ToJson"/> before <c>Protect</c>, <see cref="FromJson"/> after <c>Unprotect</c>).
/// Only the secrets the chosen auth type uses are kept. <see cref="ToString"/> never shows a value.
/// </summary>
public sealed class CustomProviderSecrets
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Dictionary<string, string> _headerValues = new(StringComparer.OrdinalIgnoreCase);

    public static CustomProviderSecrets Empty { get; } = new();

    /// <summary>API key, JWT signing key or MAC key id.</summary>
    public string? ApiToken { get; init; }

    public string? BasicPassword { get; init; }

    public string? BearerToken { get; init; }

    /// <summary>The OAuth body JSON (it holds <c>client_secret</c>).</summary>
    public string? OAuthBody { get; init; }

    /// <summary>The MAC signing key.</summary>
    public string? ApiSecretKey { get; init; }

    /// <summary>The mTLS client certificate's private key, unencrypted PEM.</summary>
    public string? ClientPrivateKeyPem { get; init; }

    /// <summary>The values of the secret headers, by header name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> HeaderValues
    {
        get => _headerValues;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var (name, secret) in value)
            {
                _headerValues[name] = secret;
            }
        }
    }

    /// <summary>The field name of a secret header's value, as used by hints and change lists: <c>Headers[name]</c>.</summary>
    public static string HeaderField(string headerName) => $"{nameof(CustomCredentialInput.Headers)}[{headerName}]";

    /// <summary>Every secret that is set, by field name (<c>ApiToken</c>, ..., <c>Headers[X-Signature]</c>).</summary>
    public IReadOnlyDictionary<string, string> ByField()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(nameof(ApiToken), ApiToken);
        Add(nameof(BasicPassword), BasicPassword);
        Add(nameof(BearerToken), BearerToken);
        Add(nameof(OAuthBody), OAuthBody);
        Add(nameof(ApiSecretKey), ApiSecretKey);
        Add(nameof(ClientPrivateKeyPem), ClientPrivateKeyPem);
        foreach (var (name, value) in _headerValues)
        {
            Add(HeaderField(name), value);
        }

        return fields;

        void Add(string field, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                fields[field] = value;
            }
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static CustomProviderSecrets FromJson(string json) =>
        JsonSerializer.Deserialize<CustomProviderSecrets>(json, JsonOptions)
        ?? throw new JsonException("The stored Custom provider secrets are empty.");

    public override string ToString() => $"{nameof(CustomProviderSecrets)} ({_headerValues.Count} secret headers, values hidden)";
}
