using System.Text.Json;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Security;
using M = JourneyOptimizer.Sms.Core.Credentials.Custom.CustomCredentialMessages;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>The result of <see cref="CustomCredentialMapper.Map"/>: the configuration and secrets to store, or field errors.</summary>
public sealed class CustomCredentialMapping
{
    internal CustomCredentialMapping(IReadOnlyList<FieldError> errors, CustomProviderConfiguration? configuration,
        CustomProviderSecrets? secrets, IReadOnlyList<string> changedSecretFields)
    {
        Errors = errors;
        Configuration = configuration;
        Secrets = secrets;
        ChangedSecretFields = changedSecretFields;
    }

    public bool Succeeded => Errors.Count == 0;

    /// <summary>A required secret that is blank and not stored, or a private key that does not fit the certificate.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>Set when <see cref="Succeeded"/>.</summary>
    public CustomProviderConfiguration? Configuration { get; }

    /// <summary>Set when <see cref="Succeeded"/>.</summary>
    public CustomProviderSecrets? Secrets { get; }

    /// <summary>
    /// The secret fields whose value is new, replaced or removed compared with the stored secrets, by field name
    /// (<c>ApiToken</c>, <c>BasicPassword</c>, <c>BearerToken</c>, <c>OAuthBody</c>, <c>ApiSecretKey</c>,
    /// <c>ClientPrivateKeyPem</c>, <c>Headers[name]</c>), for the audit log. Never the values.
    /// </summary>
    public IReadOnlyList<string> ChangedSecretFields { get; }
}

/// <summary>
/// Turns a validated <see cref="CustomCredentialInput"/> into what is stored, and back into a form. Pure: no
/// database, no network, no clock. A blank secret field keeps the value in <c>existing</c> (on edit); secrets the
/// chosen auth type does not use are dropped.
/// </summary>
public static class CustomCredentialMapper
{
    /// <param name="input">An input that <see cref="CustomCredentialInputValidator"/> accepted.</param>
    /// <param name="existing">The stored secrets on edit; null on create.</param>
    public static CustomCredentialMapping Map(CustomCredentialInput input, CustomProviderSecrets? existing)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stored = existing ?? CustomProviderSecrets.Empty;
        var errors = new List<FieldError>();
        var auth = input.AuthType;

        string? apiToken = null, password = null, bearer = null, oauthBody = null, secretKey = null, privateKey = null;
        switch (auth)
        {
            case CustomAuthType.ApiKey or CustomAuthType.Jwt:
                apiToken = Take(nameof(input.ApiToken), input.ApiToken, stored.ApiToken, M.ApiTokenRequired);
                break;
            case CustomAuthType.Mac:
                apiToken = Take(nameof(input.ApiToken), input.ApiToken, stored.ApiToken, M.ApiTokenRequired);
                secretKey = Take(nameof(input.ApiSecretKey), input.ApiSecretKey, stored.ApiSecretKey, M.ApiSecretKeyRequired);
                break;
            case CustomAuthType.Basic:
                password = string.IsNullOrEmpty(input.BasicPassword)
                    ? Take(nameof(input.BasicPassword), null, stored.BasicPassword, M.BasicPasswordRequired)
                    : input.BasicPassword;   // a password is taken exactly as typed
                break;
            case CustomAuthType.Bearer:
                bearer = Take(nameof(input.BearerToken), input.BearerToken, stored.BearerToken, M.BearerTokenRequired);
                break;
            case CustomAuthType.OAuth:
                oauthBody = Take(nameof(input.OAuthBody), input.OAuthBody, stored.OAuthBody, M.OAuthBodyRequired);
                break;
            default:
                break;
        }

        string? certificatePem = null, thumbprint = null, subject = null;
        DateTime? notAfter = null;
        if (input.MtlsEnabled)
        {
            certificatePem = input.ClientCertificatePem?.Trim() ?? "";
            privateKey = Take(nameof(input.ClientPrivateKeyPem), input.ClientPrivateKeyPem, stored.ClientPrivateKeyPem,
                M.ClientPrivateKeyRequired);
            if (privateKey is not null)
            {
                using var certificate = ClientCertificatePem.TryCombine(certificatePem, privateKey);
                if (certificate is null)
                {
                    errors.Add(new FieldError(nameof(input.ClientPrivateKeyPem),
                        string.IsNullOrWhiteSpace(input.ClientPrivateKeyPem) ? M.StoredPrivateKeyMismatch : M.ClientPrivateKeyMismatch));
                }
                else
                {
                    thumbprint = ClientCertificatePem.Thumbprint(certificate);
                    subject = certificate.Subject;
                    notAfter = certificate.NotAfter.ToUniversalTime();
                }
            }
        }

        string contentType = CustomCredentialInput.DefaultContentType;
        string? charset = null;
        var headers = new List<CustomHeader>();
        var headerSecrets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rows = input.Headers ?? [];
        for (var i = 0; i < rows.Count; i++)
        {
            var name = rows[i].Name?.Trim() ?? "";
            var value = rows[i].Value?.Trim() ?? "";
            if (name.Equals(CustomCredentialInput.ContentTypeHeaderName, StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (name.Equals(CustomCredentialInput.CharsetHeaderName, StringComparison.OrdinalIgnoreCase))
            {
                charset = value.Length == 0 ? null : value.ToLowerInvariant();
            }
            else if (rows[i].IsSecret)
            {
                var secret = Take($"{nameof(input.Headers)}[{i}].{nameof(CustomHeaderInput.Value)}", value,
                    stored.HeaderValues.GetValueOrDefault(name), M.SecretHeaderValueRequired);
                if (secret is not null)
                {
                    headerSecrets[name] = secret;
                }

                headers.Add(new CustomHeader(name, null, IsSecret: true));
            }
            else
            {
                headers.Add(new CustomHeader(name, value, IsSecret: false));
            }
        }

        if (errors.Count > 0)
        {
            return new CustomCredentialMapping(errors, null, null, []);
        }

        var secrets = new CustomProviderSecrets
        {
            ApiToken = apiToken,
            BasicPassword = password,
            BearerToken = bearer,
            OAuthBody = oauthBody,
            ApiSecretKey = secretKey,
            ClientPrivateKeyPem = privateKey,
            HeaderValues = headerSecrets,
        };

        var configuration = new CustomProviderConfiguration
        {
            ProviderName = input.ProviderName?.Trim() ?? "",
            ProviderAppId = Blank(input.ProviderAppId),
            ProviderUrl = input.ProviderUrl?.Trim() ?? "",
            ChannelType = input.ChannelType,
            AuthType = auth,
            ApiKeyHeaderName = auth == CustomAuthType.ApiKey ? Blank(input.ApiKeyHeaderName) : null,
            BasicUserName = auth == CustomAuthType.Basic ? Blank(input.BasicUserName) : null,
            OAuthUrl = auth == CustomAuthType.OAuth ? Blank(input.OAuthUrl) : null,
            JwtPayload = auth == CustomAuthType.Jwt ? Blank(input.JwtPayload) : null,
            MacHashFormat = auth == CustomAuthType.Mac ? input.MacHashFormat : null,
            MtlsEnabled = input.MtlsEnabled,
            ClientCertificatePem = certificatePem,
            ClientCertificateThumbprint = thumbprint,
            ClientCertificateSubject = subject,
            ClientCertificateNotAfterUtc = notAfter,
            ContentType = contentType,
            Charset = charset,
            Headers = headers,
            ProviderPayload = input.ProviderPayload?.Trim() ?? "",
            MessageIdExtractor = Blank(input.MessageIdExtractor),
            SecretHints = Hints(secrets),
        };

        return new CustomCredentialMapping([], configuration, secrets, ChangedFields(stored, secrets));

        string? Take(string field, string? typed, string? kept, string requiredMessage)
        {
            if (!string.IsNullOrWhiteSpace(typed))
            {
                return typed.Trim();
            }

            if (!string.IsNullOrEmpty(kept))
            {
                return kept;
            }

            errors.Add(new FieldError(field, requiredMessage));
            return null;
        }
    }

    /// <summary>The form of a stored credential: every non-secret field filled in, every secret blank.</summary>
    public static CustomCredentialInput ToInput(string name, CustomProviderConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var headers = new List<CustomHeaderInput>
        {
            new() { Name = CustomCredentialInput.ContentTypeHeaderName, Value = configuration.ContentType },
            new() { Name = CustomCredentialInput.CharsetHeaderName, Value = configuration.Charset ?? "" },
        };
        headers.AddRange(configuration.Headers.Select(h => new CustomHeaderInput
        {
            Name = h.Name,
            Value = h.IsSecret ? null : h.Value,
            IsSecret = h.IsSecret,
        }));

        return new CustomCredentialInput
        {
            Name = name,
            ProviderName = configuration.ProviderName,
            ProviderAppId = configuration.ProviderAppId,
            ProviderUrl = configuration.ProviderUrl,
            ChannelType = configuration.ChannelType,
            AuthType = configuration.AuthType,
            MtlsEnabled = configuration.MtlsEnabled,
            ClientCertificatePem = configuration.ClientCertificatePem,
            ApiKeyHeaderName = configuration.ApiKeyHeaderName,
            BasicUserName = configuration.BasicUserName,
            OAuthUrl = configuration.OAuthUrl,
            JwtPayload = configuration.JwtPayload,
            MacHashFormat = configuration.MacHashFormat,
            Headers = headers,
            ProviderPayload = configuration.ProviderPayload,
            MessageIdExtractor = configuration.MessageIdExtractor,
        };
    }

    /// <summary>
    /// The hint of every secret that is set, by field name: its last 4 characters (see <see cref="ISecretProtector.Hint"/>);
    /// for the OAuth body those of its <c>client_secret</c>; none for the private key.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Hints(CustomProviderSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return secrets.ByField().ToDictionary(
            pair => pair.Key,
            pair => pair.Key switch
            {
                nameof(CustomProviderSecrets.ClientPrivateKeyPem) => "",
                nameof(CustomProviderSecrets.OAuthBody) => ISecretProtector.Hint(ClientSecretOf(pair.Value) ?? ""),
                _ => ISecretProtector.Hint(pair.Value),
            },
            StringComparer.Ordinal);
    }

    private static List<string> ChangedFields(CustomProviderSecrets before, CustomProviderSecrets after)
    {
        // Header names compare case-insensitively, as HTTP does: renaming X-Key to x-key changes no secret.
        var old = new Dictionary<string, string>(before.ByField(), StringComparer.OrdinalIgnoreCase);
        var now = new Dictionary<string, string>(after.ByField(), StringComparer.OrdinalIgnoreCase);
        return now.Keys.Union(old.Keys, StringComparer.OrdinalIgnoreCase)
            .Where(field => !string.Equals(old.GetValueOrDefault(field), now.GetValueOrDefault(field), StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string? ClientSecretOf(string oauthBody) =>
        CustomCredentialInputValidator.ParseObject(oauthBody) is { } body
        && body.TryGetProperty("client_secret", out var secret) && secret.ValueKind == JsonValueKind.String
            ? secret.GetString()
            : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
