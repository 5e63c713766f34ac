using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Core.Credentials.Twilio;

/// <summary>Where the portal reaches Twilio and how long it waits. Bound from the <c>Twilio</c> section.</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    public const string DefaultApiBaseUrl = "https://api.twilio.com";
    public const string DefaultMessagingBaseUrl = "https://messaging.twilio.com";

    /// <summary>The v2010 ("core") API host, e.g. <c>https://api.dublin.ie1.twilio.com</c> for another region.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>The Messaging v1 API host.</summary>
    public string MessagingBaseUrl { get; set; } = DefaultMessagingBaseUrl;

    /// <summary>
    /// How long one attempt of one request may take. A read (GET) is tried at most
    /// <see cref="TwilioClient.MaxRetryAttempts"/> more times, and one call never takes longer than
    /// <see cref="TwilioClient.TotalTimeout"/>.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>Checks <see cref="TwilioOptions"/> on start.</summary>
internal sealed class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    public const int MaxTimeoutSeconds = 300;

    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckBaseUrl(options.ApiBaseUrl, nameof(TwilioOptions.ApiBaseUrl), failures);
        CheckBaseUrl(options.MessagingBaseUrl, nameof(TwilioOptions.MessagingBaseUrl), failures);
        if (options.TimeoutSeconds is <= 0 or > MaxTimeoutSeconds)
        {
            failures.Add($"{TwilioOptions.SectionName}:{nameof(TwilioOptions.TimeoutSeconds)} must be between 1 and {MaxTimeoutSeconds}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckBaseUrl(string? value, string key, List<string> failures)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            failures.Add($"{TwilioOptions.SectionName}:{key} must be an absolute http or https URL without query, fragment or user info.");
        }
    }
}
