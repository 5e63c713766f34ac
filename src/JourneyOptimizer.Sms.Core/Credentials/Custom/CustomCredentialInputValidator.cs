using System.Net.Http.Headers;
using System.Text.Json;
using FluentValidation;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.Extensions.Options;
using M = JourneyOptimizer.Sms.Core.Credentials.Custom.CustomCredentialMessages;

namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// The format rules of PRODUCT.md 3 and 3.2 that need neither the database nor the network. Secret fields are only
/// checked when they are given: whether a blank one may keep a stored value is decided by
/// <see cref="CustomCredentialMapper.Map"/>. Error property names are the input's property paths (<c>Headers[2].Name</c>).
/// </summary>
public sealed class CustomCredentialInputValidator : AbstractValidator<CustomCredentialInput>
{
    public const int MaxExtraHeaders = 10;
    public const int ProviderNameMaxLength = 100;
    public const int ProviderAppIdMaxLength = 200;
    public const int TokenMaxLength = 2000;
    public const int BearerTokenMaxLength = 4000;
    public const int UserNameMaxLength = 256;
    public const int PasswordMaxLength = 256;
    public const int JsonFieldMaxLength = 4000;
    public const int PayloadMaxLength = 10_000;
    public const int HeaderNameMaxLength = 100;
    public const int HeaderValueMaxLength = 2000;

    public CustomCredentialInputValidator(IOptions<CustomProvidersOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var allowPrivate = options.Value.AllowPrivateNetworks;

        RuleFor(x => x.Name).ApiCredentialName();

        RuleFor(x => x.ProviderName)
            .Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(M.ProviderNameRequired)
            .Must(v => v!.Trim().Length <= ProviderNameMaxLength).WithMessage(M.ProviderNameTooLong)
            .Must(v => !HttpSyntax.HasControl(v!)).WithMessage(M.ProviderNameControl);

        RuleFor(x => x.ProviderAppId)
            .Cascade(CascadeMode.Stop)
            .Must(v => v!.Trim().Length <= ProviderAppIdMaxLength).WithMessage(M.ProviderAppIdTooLong)
            .Must(v => !HttpSyntax.HasControl(v!)).WithMessage(M.ProviderAppIdControl)
            .When(x => !string.IsNullOrEmpty(x.ProviderAppId));

        RuleFor(x => x.ProviderUrl).Custom((url, context) => CheckUrl(url, M.ProviderUrlRequired, allowPrivate, context));

        RuleFor(x => x.ChannelType).IsInEnum().WithMessage(M.ChannelTypeInvalid);
        RuleFor(x => x.AuthType).IsInEnum().WithMessage(M.AuthTypeInvalid);

        // API key
        When(x => x.AuthType == CustomAuthType.ApiKey, () =>
        {
            ApiTokenRules();
            RuleFor(x => x.ApiKeyHeaderName)
                .Cascade(CascadeMode.Stop)
                .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(M.ApiKeyHeaderNameRequired)
                .Must(v => v!.Trim().Length <= HeaderNameMaxLength).WithMessage(M.HeaderNameTooLong)
                .Must(v => HttpSyntax.IsToken(v!.Trim())).WithMessage(M.HeaderNameFormat)
                .Must(v => !HttpSyntax.AlwaysReservedHeaders.Contains(v!.Trim())
                        && !IsFixedHeader(v.Trim()))
                    .WithMessage(M.ApiKeyHeaderNameReserved);
        });

        // Basic
        When(x => x.AuthType == CustomAuthType.Basic, () =>
        {
            RuleFor(x => x.BasicUserName)
                .Cascade(CascadeMode.Stop)
                .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(M.BasicUserNameRequired)
                .Must(v => v!.Trim().Length <= UserNameMaxLength).WithMessage(M.BasicUserNameTooLong)
                .Must(v => !v!.Contains(':', StringComparison.Ordinal)).WithMessage(M.BasicUserNameColon)
                .Must(v => !HttpSyntax.HasControl(v!)).WithMessage(M.BasicUserNameControl);
            RuleFor(x => x.BasicPassword)
                .Cascade(CascadeMode.Stop)
                .Must(v => v!.Length <= PasswordMaxLength).WithMessage(M.BasicPasswordTooLong)
                .Must(v => !HttpSyntax.HasControl(v!)).WithMessage(M.BasicPasswordControl)
                .When(x => !string.IsNullOrEmpty(x.BasicPassword));
        });

        // Bearer
        When(x => x.AuthType == CustomAuthType.Bearer, () =>
            RuleFor(x => x.BearerToken)
                .Cascade(CascadeMode.Stop)
                .Must(v => v!.Trim().Length <= BearerTokenMaxLength).WithMessage(M.BearerTokenTooLong)
                .Must(v => HttpSyntax.IsVisibleAscii(v!.Trim())).WithMessage(M.BearerTokenFormat)
                .When(x => !string.IsNullOrWhiteSpace(x.BearerToken)));

        // OAuth 2 client credentials
        When(x => x.AuthType == CustomAuthType.OAuth, () =>
        {
            RuleFor(x => x.OAuthUrl).Custom((url, context) => CheckUrl(url, M.OAuthUrlRequired, allowPrivate, context));
            RuleFor(x => x.OAuthBody)
                .Custom((body, context) => CheckOAuthBody(body!, context))
                .When(x => !string.IsNullOrWhiteSpace(x.OAuthBody));
        });

        // JWT
        When(x => x.AuthType == CustomAuthType.Jwt, () =>
        {
            ApiTokenRules();
            RuleFor(x => x.JwtPayload)
                .Cascade(CascadeMode.Stop)
                .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(M.JwtPayloadRequired)
                .Must(v => v!.Trim().Length <= JsonFieldMaxLength).WithMessage(M.JwtPayloadTooLong)
                .Must(v => ParseObject(v!) is not null).WithMessage(M.JwtPayloadNotObject)
                .Must(v => JsonStrings.AreUnicode(v!)).WithMessage(M.JsonNotUnicode);
        });

        // MAC
        When(x => x.AuthType == CustomAuthType.Mac, () =>
        {
            ApiTokenRules();
            RuleFor(x => x.ApiSecretKey)
                .Cascade(CascadeMode.Stop)
                .Must(v => v!.Trim().Length <= TokenMaxLength).WithMessage(M.ApiSecretKeyTooLong)
                .Must(v => !HttpSyntax.HasControl(v!.Trim())).WithMessage(M.ApiSecretKeyControl)
                .When(x => !string.IsNullOrWhiteSpace(x.ApiSecretKey));
            RuleFor(x => x.MacHashFormat)
                .Cascade(CascadeMode.Stop)
                .NotNull().WithMessage(M.MacHashFormatRequired)
                .IsInEnum().WithMessage(M.MacHashFormatRequired);
        });

        // mTLS
        When(x => x.MtlsEnabled, () =>
        {
            RuleFor(x => x.ClientCertificatePem)
                .Cascade(CascadeMode.Stop)
                .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(M.ClientCertificateRequired)
                .Must(v => v!.Length <= ClientCertificatePem.MaxLength).WithMessage(M.ClientCertificateTooLong)
                .Must(IsCertificate).WithMessage(M.ClientCertificateInvalid);
            RuleFor(x => x.ClientPrivateKeyPem)
                .Cascade(CascadeMode.Stop)
                .Must(v => v!.Length <= ClientCertificatePem.MaxLength).WithMessage(M.ClientPrivateKeyTooLong)
                .Must(ClientCertificatePem.IsPrivateKeyPem).WithMessage(M.ClientPrivateKeyInvalid)
                .Must((input, key) => !IsCertificate(input.ClientCertificatePem) || KeyMatches(input.ClientCertificatePem!, key!))
                    .WithMessage(M.ClientPrivateKeyMismatch)
                .When(x => !string.IsNullOrWhiteSpace(x.ClientPrivateKeyPem));
        });

        RuleFor(x => x.Headers).Custom((headers, context) => CheckHeaders(context.InstanceToValidate, headers, context));

        RuleFor(x => x.ProviderPayload)
            .Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(M.PayloadRequired)
            .Must(v => v!.Trim().Length <= PayloadMaxLength).WithMessage(M.PayloadTooLong)
            .Must(v => CustomPayloadTemplate.IsValidJson(v!)).WithMessage(M.PayloadInvalidJson)
            .Must(v => JsonStrings.AreUnicode(v!)).WithMessage(M.JsonNotUnicode)
            .Must(v => v!.Contains(CustomPayloadTemplate.FromNumber, StringComparison.Ordinal)).WithMessage(M.PayloadMissingFromNumber)
            .Must(v => v!.Contains(CustomPayloadTemplate.ToNumber, StringComparison.Ordinal)).WithMessage(M.PayloadMissingToNumber)
            .Must(v => v!.Contains(CustomPayloadTemplate.Message, StringComparison.Ordinal)).WithMessage(M.PayloadMissingMessage)
            .Must((input, v) => input.AuthType is not (CustomAuthType.Basic or CustomAuthType.Bearer)
                    || CustomPayloadTemplate.HasProperty(v!, CustomPayloadTemplate.AuthOptionProperty))
                .WithMessage(M.PayloadAuthOption);

        RuleFor(x => x.MessageIdExtractor)
            .Must(v => MessageIdExtractor.IsValidExpression(v!.Trim())).WithMessage(M.MessageIdExtractorInvalid)
            .When(x => !string.IsNullOrWhiteSpace(x.MessageIdExtractor));
    }

    internal static bool IsFixedHeader(string name) =>
        name.Equals(CustomCredentialInput.ContentTypeHeaderName, StringComparison.OrdinalIgnoreCase)
        || name.Equals(CustomCredentialInput.CharsetHeaderName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The JSON object in <paramref name="json"/>, or null when it is not one.</summary>
    internal static JsonElement? ParseObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, CustomPayloadTemplate.ParseOptions);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void ApiTokenRules() =>
        RuleFor(x => x.ApiToken)
            .Cascade(CascadeMode.Stop)
            .Must(v => v!.Trim().Length <= TokenMaxLength).WithMessage(M.ApiTokenTooLong)
            .Must(v => HttpSyntax.IsPrintableAscii(v!.Trim()) && !v.Contains('"', StringComparison.Ordinal)
                    && !v.Contains('\\', StringComparison.Ordinal) && !v.Contains('\t', StringComparison.Ordinal))
                .WithMessage(M.ApiTokenFormat)
            .When(x => !string.IsNullOrWhiteSpace(x.ApiToken));

    private static void CheckUrl(string? url, string requiredMessage, bool allowPrivate, ValidationContext<CustomCredentialInput> context)
    {
        var message = CustomUrlRules.Check(url, allowPrivate) switch
        {
            UrlProblem.Missing => requiredMessage,
            UrlProblem.TooLong => M.UrlTooLong,
            UrlProblem.NotAbsolute => M.UrlNotAbsolute,
            UrlProblem.NotHttps => M.UrlNotHttps,
            UrlProblem.UserInfo => M.UrlUserInfo,
            UrlProblem.PrivateAddress => M.UrlPrivate,
            _ => null,
        };
        if (message is not null)
        {
            context.AddFailure(message);
        }
    }

    private static void CheckOAuthBody(string body, ValidationContext<CustomCredentialInput> context)
    {
        if (body.Trim().Length > JsonFieldMaxLength)
        {
            context.AddFailure(M.OAuthBodyTooLong);
            return;
        }

        if (ParseObject(body) is not { } json)
        {
            context.AddFailure(M.OAuthBodyNotObject);
            return;
        }

        if (!JsonStrings.AreUnicode(body))
        {
            context.AddFailure(M.JsonNotUnicode);
            return;
        }

        if (json.EnumerateObject().Any(p => p.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number
                or JsonValueKind.True or JsonValueKind.False)))
        {
            context.AddFailure(M.OAuthBodyValues);
            return;
        }

        string[] required = ["grant_type", "client_id", "client_secret"];
        if (!required.All(name => json.TryGetProperty(name, out var value) && value.ToString().Trim().Length > 0))
        {
            context.AddFailure(M.OAuthBodyFields);
        }
    }

    private static bool IsCertificate(string? pem)
    {
        var certificates = ClientCertificatePem.TryReadCertificates(pem);
        if (certificates is null)
        {
            return false;
        }

        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }

        return true;
    }

    private static bool KeyMatches(string certificatePem, string keyPem)
    {
        using var combined = ClientCertificatePem.TryCombine(certificatePem, keyPem);
        return combined is not null;
    }

    /// <remarks>
    /// Failures go through <c>context.AddFailure(path, message)</c>, never <c>new ValidationFailure(...)</c>: that overload
    /// puts the path under the parent's property chain (<c>Custom.Headers[2].Name</c> when this validator runs for the
    /// form's <c>Custom</c> property, so the error lands next to its field) and passes the message through the
    /// message formatter, which translates it.
    /// </remarks>
    private static void CheckHeaders(CustomCredentialInput input, List<CustomHeaderInput>? headers,
        ValidationContext<CustomCredentialInput> context)
    {
        headers ??= [];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        bool hasContentType = false, hasCharset = false;
        var extras = 0;

        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            var namePath = $"{nameof(CustomCredentialInput.Headers)}[{i}].{nameof(CustomHeaderInput.Name)}";
            var valuePath = $"{nameof(CustomCredentialInput.Headers)}[{i}].{nameof(CustomHeaderInput.Value)}";
            if (header is null)
            {
                context.AddFailure(namePath, M.HeaderNameRequired);
                continue;
            }

            var name = header.Name?.Trim() ?? "";
            var value = header.Value?.Trim() ?? "";
            string? nameError = null;
            if (name.Length == 0)
            {
                nameError = M.HeaderNameRequired;
            }
            else if (name.Length > HeaderNameMaxLength)
            {
                nameError = M.HeaderNameTooLong;
            }
            else if (!HttpSyntax.IsToken(name))
            {
                nameError = M.HeaderNameFormat;
            }
            else if (!seen.Add(name))
            {
                nameError = M.HeaderDuplicate;
            }
            else if (!IsFixedHeader(name) && (HttpSyntax.AlwaysReservedHeaders.Contains(name)
                || HttpSyntax.IsAuthHeader(name, input.AuthType, input.ApiKeyHeaderName)))
            {
                nameError = M.HeaderReserved;
            }

            if (nameError is not null)
            {
                context.AddFailure(namePath, nameError);
                continue;
            }

            var isContentType = name.Equals(CustomCredentialInput.ContentTypeHeaderName, StringComparison.OrdinalIgnoreCase);
            var isCharset = name.Equals(CustomCredentialInput.CharsetHeaderName, StringComparison.OrdinalIgnoreCase);
            hasContentType |= isContentType;
            hasCharset |= isCharset;
            if (!isContentType && !isCharset)
            {
                extras++;
            }

            string? valueError = null;
            if ((isContentType || isCharset) && header.IsSecret)
            {
                valueError = M.FixedHeaderSecret;
            }
            else if (header.Value is not null && HttpSyntax.HasLineBreak(header.Value))
            {
                valueError = M.HeaderValueLineBreak;
            }
            else if (value.Length > HeaderValueMaxLength)
            {
                valueError = M.HeaderValueTooLong;
            }
            else if (!HttpSyntax.IsPrintableAscii(value))
            {
                valueError = M.HeaderValueFormat;
            }
            else if (isContentType)
            {
                valueError = value.Length == 0 || !MediaTypeHeaderValue.TryParse(value, out var mediaType)
                    ? M.ContentTypeInvalid
                    : mediaType.CharSet is not null ? M.ContentTypeHasCharset : null;
            }
            else if (isCharset)
            {
                valueError = value.Length == 0 || CustomCharsets.TryGetEncoding(value, out _) ? null : M.CharsetInvalid;
            }
            else if (value.Length == 0 && !header.IsSecret)
            {
                valueError = M.HeaderValueRequired;
            }

            if (valueError is not null)
            {
                context.AddFailure(valuePath, valueError);
            }
        }

        if (!hasContentType)
        {
            context.AddFailure(nameof(CustomCredentialInput.Headers), M.ContentTypeMissing);
        }

        if (!hasCharset)
        {
            context.AddFailure(nameof(CustomCredentialInput.Headers), M.CharsetMissing);
        }

        if (extras > MaxExtraHeaders)
        {
            context.AddFailure(nameof(CustomCredentialInput.Headers), M.TooManyHeaders);
        }
    }
}
