using FluentValidation;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;
using M = JourneyOptimizer.Sms.Core.Credentials.Sinch.SinchCredentialMessages;

namespace JourneyOptimizer.Sms.Core.Credentials.Sinch;

/// <summary>
/// The format rules of a Sinch (SMS) credential that need neither the database nor the network. The API Token is
/// checked only when given: whether a blank one may keep a stored value is the service's decision.
/// </summary>
public sealed class SinchCredentialInputValidator : AbstractValidator<SinchCredentialInput>
{
    public const int MaxInputLength = 200;

    // Whole-value patterns: they run on the server and, through the unobtrusive "regex" adapter, in the browser.
    internal const string ServicePlanIdPattern = @"^\s*[0-9a-fA-F]{32}\s*$";
    internal const string TokenPattern = @"^\s*[!-~]{8,200}\s*$";
    internal const string NumberShape = @"^\s*(?:\+[0-9 ().\-]{4,30}|[0-9]{3,8})\s*$";

    public SinchCredentialInputValidator()
    {
        RuleFor(x => x.Name).ApiCredentialName();

        RuleFor(x => x.ServiceId)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(M.ServiceIdRequired)
            .MaximumLength(MaxInputLength).WithMessage(M.ServiceIdFormat)
            .Matches(ServicePlanIdPattern).WithMessage(M.ServiceIdFormat);

        RuleFor(x => x.ApiToken)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(MaxInputLength + 20).WithMessage(M.ApiTokenFormat)
            .Matches(TokenPattern).WithMessage(M.ApiTokenFormat)
            .When(x => !string.IsNullOrEmpty(x.ApiToken));

        RuleFor(x => x.InboundNumber).InboundNumber();

        RuleFor(x => x.OverrideUrl)
            .Custom((url, context) => CheckHttpsUrl(url, context))
            .When(x => !string.IsNullOrWhiteSpace(x.OverrideUrl));

        RuleFor(x => x.WebhookSecret).WebhookSecret().When(x => !string.IsNullOrEmpty(x.WebhookSecret));
    }

    /// <summary>
    /// An https URL that Sinch calls (not the portal): no user info, at most 2000 characters. Private addresses are
    /// the administrator's business here, as the portal never connects to it.
    /// </summary>
    internal static void CheckHttpsUrl<T>(string? url, ValidationContext<T> context)
    {
        var message = CustomUrlRules.Check(url, allowPrivateNetworks: true) switch
        {
            UrlProblem.None or UrlProblem.Missing => null,
            UrlProblem.TooLong => CustomCredentialMessages.UrlTooLong,
            UrlProblem.NotHttps => CustomCredentialMessages.UrlNotHttps,
            UrlProblem.UserInfo => CustomCredentialMessages.UrlUserInfo,
            _ => CustomCredentialMessages.UrlNotAbsolute,
        };
        if (message is not null)
        {
            context.AddFailure(message);
        }
    }
}

/// <summary>The HMAC secret Sinch signs callbacks with (Sinch SMS and Sinch RCS); optional, so callers check it only when given.</summary>
internal static class WebhookSecretRules
{
    public static IRuleBuilderOptions<T, string?> WebhookSecret<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .MaximumLength(SinchCredentialInputValidator.MaxInputLength + 20).WithMessage(M.WebhookSecretFormat)
            .Matches(SinchCredentialInputValidator.TokenPattern).WithMessage(M.WebhookSecretFormat);
}

/// <summary>Rules shared by the vendors whose credentials carry an inbound number (Sinch, Infobip).</summary>
internal static class InboundNumberRules
{
    /// <summary>Required; E.164 (normalised by libphonenumber) or a short code of 3 to 8 digits; Twilio's sentences.</summary>
    public static IRuleBuilderOptions<T, string?> InboundNumber<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(M.InboundNumberRequired)
            .MaximumLength(40).WithMessage(TwilioCredentialInputValidator.NumberMessage)
            .Matches(SinchCredentialInputValidator.NumberShape).WithMessage(TwilioCredentialInputValidator.NumberMessage)
            .Must(v => PhoneNumberRules.TryNormalizeNumberOrShortCode(v) is not null).WithMessage(TwilioCredentialInputValidator.NumberMessage);
}
