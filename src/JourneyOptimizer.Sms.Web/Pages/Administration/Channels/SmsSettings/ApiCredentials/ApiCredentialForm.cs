using FluentValidation;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Credentials.Custom;
using JourneyOptimizer.Sms.Core.Credentials.Twilio;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>
/// The create/edit form: the SMS vendor first, then that vendor's fields in a nested input of its own, so a new
/// vendor adds a property, a partial and a validator without reshaping the form.
/// </summary>
public sealed class ApiCredentialForm
{
    public SmsVendor Vendor { get; set; } = SmsVendor.Twilio;

    public TwilioCredentialInput Twilio { get; set; } = new();

    public CustomCredentialInput Custom { get; set; } = new();

    /// <summary>The name typed in the chosen vendor's fields.</summary>
    public string? Name => Vendor == SmsVendor.Custom ? Custom.Name : Twilio.Name;

    /// <summary>The form field prefix of a vendor's fields, where the service's field errors go.</summary>
    public static string FieldPrefix(SmsVendor vendor) => vendor switch
    {
        SmsVendor.Twilio => "Input.Twilio",
        SmsVendor.Custom => "Input.Custom",
        _ => "Input",
    };
}

public sealed class ApiCredentialFormValidator : AbstractValidator<ApiCredentialForm>
{
    public ApiCredentialFormValidator(IValidator<TwilioCredentialInput> twilio, IValidator<CustomCredentialInput> custom)
    {
        RuleFor(x => x.Vendor).IsInEnum().WithMessage("Choose the SMS vendor.");
        RuleFor(x => x.Twilio).SetValidator(twilio).When(x => x.Vendor == SmsVendor.Twilio);
        RuleFor(x => x.Custom).SetValidator(custom).When(x => x.Vendor == SmsVendor.Custom);
    }
}
