using FluentValidation;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Sinch;
using Microsoft.Extensions.Options;
using M = JourneyOptimizer.Sms.Core.Credentials.Infobip.InfobipCredentialMessages;

namespace JourneyOptimizer.Sms.Core.Credentials.Infobip;

/// <summary>
/// The format rules of an Infobip credential that need neither the database nor the network. The API base URL follows
/// the Custom provider's address rules, with <c>CustomProviders:AllowPrivateNetworks</c>. The API key is checked only
/// when given.
/// </summary>
public sealed class InfobipCredentialInputValidator : AbstractValidator<InfobipCredentialInput>
{
    internal const string KeyPattern = @"^\s*[!-~]{8,200}\s*$";
    internal const string DltIdPattern = @"^\s*[A-Za-z0-9_\-]{1,50}\s*$";

    public InfobipCredentialInputValidator(IOptions<CustomProvidersOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var allowPrivate = options.Value.AllowPrivateNetworks;

        RuleFor(x => x.Name).ApiCredentialName();

        RuleFor(x => x.ApiBaseUrl).Custom((url, context) =>
        {
            var message = InfobipBaseUrl.TryNormalize(url, allowPrivate, out _) switch
            {
                InfobipBaseUrl.Problem.None => null,
                InfobipBaseUrl.Problem.Missing => M.ApiBaseUrlRequired,
                InfobipBaseUrl.Problem.TooLong => M.ApiBaseUrlTooLong,
                InfobipBaseUrl.Problem.NotHttps => CustomCredentialMessages.UrlNotHttps,
                InfobipBaseUrl.Problem.UserInfo => CustomCredentialMessages.UrlUserInfo,
                InfobipBaseUrl.Problem.PrivateAddress => CustomCredentialMessages.UrlPrivate,
                _ => M.ApiBaseUrlFormat,
            };
            if (message is not null)
            {
                context.AddFailure(message);
            }
        });

        RuleFor(x => x.ApiKey)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(220).WithMessage(M.ApiKeyFormat)
            .Matches(KeyPattern).WithMessage(M.ApiKeyFormat)
            .When(x => !string.IsNullOrEmpty(x.ApiKey));

        RuleFor(x => x.InboundNumber).InboundNumber();

        RuleFor(x => x.ValidityPeriodHours)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(M.ValidityPeriodRequired)
            .InclusiveBetween(1, InfobipCredential.MaxValidityPeriodHours).WithMessage(M.ValidityPeriodRange);

        RuleFor(x => x.PrincipalEntityId)
            .Matches(DltIdPattern).WithMessage(M.DltIdFormat)
            .When(x => !string.IsNullOrWhiteSpace(x.PrincipalEntityId));

        RuleFor(x => x.ContentTemplateId)
            .Cascade(CascadeMode.Stop)
            .Matches(DltIdPattern).WithMessage(M.DltIdFormat)
            .Must((input, _) => !string.IsNullOrWhiteSpace(input.PrincipalEntityId)).WithMessage(M.ContentTemplateNeedsPrincipal)
            .When(x => !string.IsNullOrWhiteSpace(x.ContentTemplateId));

        RuleFor(x => x.CallbackData)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(InfobipCredential.CallbackDataMaxLength).WithMessage(M.CallbackDataTooLong)
            .Must(v => !v!.Any(char.IsControl) && !v.Any(char.IsSurrogate)).WithMessage(M.CallbackDataControl)
            .When(x => !string.IsNullOrEmpty(x.CallbackData));

        RuleFor(x => x.FuzzyAutoReply)
            .Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(M.FuzzyAutoReplyRequired)
            .Must(v => v!.Trim().Length <= InfobipCredential.FuzzyAutoReplyMaxLength).WithMessage(M.FuzzyAutoReplyTooLong)
            .When(x => x.FuzzyOptOut);

        RuleFor(x => x.FuzzyAutoReply)
            .MaximumLength(InfobipCredential.FuzzyAutoReplyMaxLength).WithMessage(M.FuzzyAutoReplyTooLong)
            .When(x => !x.FuzzyOptOut && !string.IsNullOrEmpty(x.FuzzyAutoReply));
    }
}
