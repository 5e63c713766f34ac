using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>
/// Where the portal reaches Sinch and how long it waits. Bound from the <c>Sinch</c> section. The region is the
/// installation's: Sinch keeps an account's service plans and Conversation apps in one region, and the APIs of one
/// region do not know the ids of another (they answer 401 or 404).
/// </summary>
public sealed class SinchOptions
{
    public const string SectionName = "Sinch";

    public const string RegionPlaceholder = "{region}";
    public const string DefaultSmsBaseUrlTemplate = "https://{region}.sms.api.sinch.com";
    public const string DefaultSmsRegion = "us";
    public const string DefaultConversationBaseUrl = "https://us.conversation.api.sinch.com";
    public const string DefaultAuthUrl = "https://auth.sinch.com/oauth2/token";

    /// <summary>The SMS REST API host; <c>{region}</c> is replaced with <see cref="SmsRegion"/>.</summary>
    public string SmsBaseUrlTemplate { get; set; } = DefaultSmsBaseUrlTemplate;

    /// <summary><c>us</c>, <c>eu</c>, <c>au</c>, <c>br</c> or <c>ca</c>.</summary>
    public string SmsRegion { get; set; } = DefaultSmsRegion;

    /// <summary>The Conversation API host of the apps' region (<c>https://eu.conversation.api.sinch.com</c>, <c>https://br...</c>).</summary>
    public string ConversationBaseUrl { get; set; } = DefaultConversationBaseUrl;

    /// <summary>The OAuth 2.0 token endpoint for access keys (the global one serves every region).</summary>
    public string AuthUrl { get; set; } = DefaultAuthUrl;

    /// <summary>How long one attempt of one request may take; reads are tried up to twice more.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The SMS REST API base URL with the region put in, without a trailing slash.</summary>
    public string SmsBaseUrl =>
        SmsBaseUrlTemplate.Replace(RegionPlaceholder, SmsRegion.Trim().ToLowerInvariant(), StringComparison.Ordinal).TrimEnd('/');
}

/// <summary>Checks <see cref="SinchOptions"/> on start.</summary>
internal sealed class SinchOptionsValidator : IValidateOptions<SinchOptions>
{
    public const int MaxTimeoutSeconds = 300;

    private static readonly HashSet<string> SmsRegions = new(StringComparer.OrdinalIgnoreCase) { "us", "eu", "au", "br", "ca" };

    public ValidateOptionsResult Validate(string? name, SinchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SmsBaseUrlTemplate is null
            || !IsBaseUrl(options.SmsBaseUrlTemplate.Replace(SinchOptions.RegionPlaceholder, "us", StringComparison.Ordinal)))
        {
            failures.Add($"{SinchOptions.SectionName}:{nameof(SinchOptions.SmsBaseUrlTemplate)} must be an absolute http or https URL (it may contain {SinchOptions.RegionPlaceholder}) without query, fragment or user info.");
        }

        if (options.SmsRegion is null || !SmsRegions.Contains(options.SmsRegion.Trim()))
        {
            failures.Add($"{SinchOptions.SectionName}:{nameof(SinchOptions.SmsRegion)} must be one of us, eu, au, br, ca.");
        }

        if (!IsBaseUrl(options.ConversationBaseUrl))
        {
            failures.Add($"{SinchOptions.SectionName}:{nameof(SinchOptions.ConversationBaseUrl)} must be an absolute http or https URL without query, fragment or user info.");
        }

        if (!IsBaseUrl(options.AuthUrl))
        {
            failures.Add($"{SinchOptions.SectionName}:{nameof(SinchOptions.AuthUrl)} must be an absolute http or https URL without query, fragment or user info.");
        }

        if (options.TimeoutSeconds is <= 0 or > MaxTimeoutSeconds)
        {
            failures.Add($"{SinchOptions.SectionName}:{nameof(SinchOptions.TimeoutSeconds)} must be between 1 and {MaxTimeoutSeconds}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsBaseUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}
