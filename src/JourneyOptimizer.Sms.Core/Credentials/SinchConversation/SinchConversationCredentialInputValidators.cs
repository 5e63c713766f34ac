using FluentValidation;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using M = JourneyOptimizer.Sms.Core.Credentials.SinchConversation.SinchConversationMessages;

namespace JourneyOptimizer.Sms.Core.Credentials.SinchConversation;

/// <summary>The rules that Sinch MMS and Sinch RCS share.</summary>
internal static class SinchConversationRules
{
    public const int MaxInputLength = 400;

    // Whole-value patterns: they run on the server and, through the unobtrusive "regex" adapter, in the browser.
    public const string ProjectIdPattern = @"^\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\s*$";

    // Crockford base32 (a ULID): digits and letters except I, L, O and U.
    public const string AppIdPattern = @"^\s*[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}\s*$";
    public const string AccessKeyPattern = @"^\s*[!-9;-~]{1,100}:[!-~]{1,200}\s*$";

    public static void ProjectAndApp<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string?>> project,
        System.Linq.Expressions.Expression<Func<T, string?>> app, System.Linq.Expressions.Expression<Func<T, string?>> token)
    {
        validator.RuleFor(project)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(M.ProjectIdRequired)
            .MaximumLength(MaxInputLength).WithMessage(M.ProjectIdFormat)
            .Matches(ProjectIdPattern).WithMessage(M.ProjectIdFormat);

        validator.RuleFor(app)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(M.AppIdRequired)
            .MaximumLength(MaxInputLength).WithMessage(M.AppIdFormat)
            .Matches(AppIdPattern).WithMessage(M.AppIdFormat);

        var compiled = token.Compile();
        validator.RuleFor(token)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(MaxInputLength).WithMessage(M.ApiTokenFormat)
            .Matches(AccessKeyPattern).WithMessage(M.ApiTokenFormat)
            .When(x => !string.IsNullOrEmpty(compiled(x)));
    }
}

/// <summary>The format rules of a Sinch MMS credential. The API Token is checked only when given.</summary>
public sealed class SinchMmsCredentialInputValidator : AbstractValidator<SinchMmsCredentialInput>
{
    public SinchMmsCredentialInputValidator()
    {
        RuleFor(x => x.Name).ApiCredentialName();
        SinchConversationRules.ProjectAndApp(this, x => x.ProjectId, x => x.AppId, x => x.ApiToken);
    }
}

/// <summary>
/// The format rules of a Sinch RCS credential. Secrets are checked only when given; that the SMS fallback has both
/// its Service Plan ID and its token (new or stored) is the service's decision, as only it knows what is stored.
/// </summary>
public sealed class SinchRcsCredentialInputValidator : AbstractValidator<SinchRcsCredentialInput>
{
    public SinchRcsCredentialInputValidator()
    {
        RuleFor(x => x.Name).ApiCredentialName();
        SinchConversationRules.ProjectAndApp(this, x => x.ProjectId, x => x.AppId, x => x.ApiToken);

        RuleFor(x => x.ServicePlanId)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(SinchConversationRules.MaxInputLength).WithMessage(M.ServicePlanIdFormat)
            .Matches(SinchCredentialInputValidator.ServicePlanIdPattern).WithMessage(M.ServicePlanIdFormat)
            .When(x => !string.IsNullOrWhiteSpace(x.ServicePlanId));

        RuleFor(x => x.SmsApiToken)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(SinchConversationRules.MaxInputLength).WithMessage(M.SmsApiTokenFormat)
            .Matches(SinchCredentialInputValidator.TokenPattern).WithMessage(M.SmsApiTokenFormat)
            .When(x => !string.IsNullOrEmpty(x.SmsApiToken));

        RuleFor(x => x.ServicePlanId)
            .NotEmpty().WithMessage(M.ServicePlanIdRequiredWithSmsToken)
            .When(x => !string.IsNullOrEmpty(x.SmsApiToken));

        RuleFor(x => x.ApiRateLimit)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(M.RateLimitRequired)
            .InclusiveBetween(0, SinchRcsCredential.MaxApiRateLimit).WithMessage(M.RateLimitRange);

        RuleFor(x => x.WebhookSecret).WebhookSecret().When(x => !string.IsNullOrEmpty(x.WebhookSecret));
    }
}
