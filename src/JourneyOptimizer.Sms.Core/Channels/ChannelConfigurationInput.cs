using FluentValidation;
using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.Core.Channels;

/// <summary>The form of a channel configuration (PRODUCT.md 5), as typed.</summary>
public sealed class ChannelConfigurationInput
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public SmsType? SmsType { get; set; }

    /// <summary>"Mobile configuration": an API credential of the same sandbox.</summary>
    public int? ApiCredentialId { get; set; }

    public string? SenderNumber { get; set; }

    public string? Subdomain { get; set; }

    public string? ExecutionField { get; set; }
}

/// <summary>
/// The format rules of PRODUCT.md 5 that need neither the database nor the network. A draft may leave SMS Type,
/// Mobile configuration and Sender number empty; <see cref="ChannelConfigurationRules.RequiredForSubmit"/> adds
/// those on Submit.
/// </summary>
public sealed class ChannelConfigurationInputValidator : AbstractValidator<ChannelConfigurationInput>
{
    public const int MaxSenderInputLength = 40;

    public ChannelConfigurationInputValidator()
    {
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(ChannelConfigurationRules.NameRequired)
            .Must(v => v!.Trim().Length <= ChannelConfiguration.NameMaxLength).WithMessage(ChannelConfigurationRules.NameTooLong)
            .Matches(ChannelConfigurationRules.NamePattern).WithMessage(ChannelConfigurationRules.NameFormat);

        RuleFor(x => x.Description)
            .MaximumLength(ChannelConfiguration.DescriptionMaxLength).WithMessage(ChannelConfigurationRules.DescriptionTooLong);

        RuleFor(x => x.SmsType).IsInEnum().WithMessage(ChannelConfigurationRules.SmsTypeRequired);

        RuleFor(x => x.ApiCredentialId).GreaterThan(0).WithMessage(ChannelConfigurationRules.CredentialRequired);

        RuleFor(x => x.SenderNumber).Cascade(CascadeMode.Stop)
            .MaximumLength(MaxSenderInputLength).WithMessage(ChannelConfigurationRules.SenderFormat)
            .Must(v => ChannelConfigurationRules.NormalizeSender(v) is not null).WithMessage(ChannelConfigurationRules.SenderFormat)
            .When(x => !string.IsNullOrWhiteSpace(x.SenderNumber));

        RuleFor(x => x.Subdomain).Cascade(CascadeMode.Stop)
            .MaximumLength(ChannelConfiguration.SubdomainMaxLength).WithMessage(ChannelConfigurationRules.SubdomainFormat)
            .Matches(ChannelConfigurationRules.SubdomainPattern).WithMessage(ChannelConfigurationRules.SubdomainFormat)
            .When(x => !string.IsNullOrWhiteSpace(x.Subdomain));

        RuleFor(x => x.ExecutionField).Cascade(CascadeMode.Stop)
            .MaximumLength(ChannelConfiguration.ExecutionFieldMaxLength).WithMessage(ChannelConfigurationRules.ExecutionFieldTooLong)
            .Matches(ChannelConfigurationRules.ExecutionFieldPattern).WithMessage(ChannelConfigurationRules.ExecutionFieldFormat)
            .When(x => !string.IsNullOrWhiteSpace(x.ExecutionField));
    }
}

/// <summary>The rules of PRODUCT.md 5 and their English messages (localization keys).</summary>
public static class ChannelConfigurationRules
{
    // Whole-value patterns: they run on the server and, through the unobtrusive "regex" adapter, in the browser.
    public const string NamePattern = @"^\s*[A-Za-z][A-Za-z0-9_.\-]*\s*$";
    public const string SubdomainPattern = @"^\s*(?=.{1,253}\s*$)(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\s*$";
    public const string ExecutionFieldPattern = @"^\s*[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\s*$";

    public const string NameRequired = "Enter a name.";
    public const string NameTooLong = "The name can have at most 100 characters.";
    public const string NameFormat = "The name must begin with a letter and contain only letters, digits, _, . and -.";
    public const string NameTaken = "A channel configuration with this name already exists in this sandbox.";
    public const string DescriptionTooLong = "The description can have at most 1000 characters.";
    public const string SmsTypeRequired = "Choose Marketing or Transactional.";
    public const string CredentialRequired = "Choose the API credential to send with.";
    public const string CredentialNotFound = "This API credential does not exist in this sandbox.";
    public const string SenderRequired = "Enter the sender number.";
    public const string SenderFormat = "Enter the sender number in international format (for example +14155550100), a short code of 3 to 8 digits, or a sender ID of 1 to 11 letters and digits with at least one letter.";
    public const string SubdomainFormat = "Enter a host name such as go.example.com.";
    public const string ExecutionFieldTooLong = "The SMS Execution Field can have at most 200 characters.";
    public const string ExecutionFieldFormat = "Enter an attribute path such as mobilePhone.number.";
    public const string ChannelChanged = "The channel of a configuration that was active cannot change: choose an API credential with the same channel.";

    /// <summary>E.164 (normalised), short code, or alphanumeric sender ID (trimmed); null when it is none of them.</summary>
    public static string? NormalizeSender(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > ChannelConfigurationInputValidator.MaxSenderInputLength)
        {
            return null;
        }

        var number = PhoneNumberRules.TryNormalizeNumberOrShortCode(value);
        if (number is not null)
        {
            return number;
        }

        // "+1 415" style input that is not a valid number must not pass as a sender ID (it has no letter anyway).
        return PhoneNumberRules.IsAlphanumericSender(value) ? value.Trim() : null;
    }

    /// <summary>The fields Submit needs besides the format rules (a draft may leave them empty).</summary>
    public static IReadOnlyList<FieldError> RequiredForSubmit(ChannelConfigurationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        if (input.SmsType is null)
        {
            errors.Add(new FieldError(nameof(ChannelConfigurationInput.SmsType), SmsTypeRequired));
        }

        if (input.ApiCredentialId is null)
        {
            errors.Add(new FieldError(nameof(ChannelConfigurationInput.ApiCredentialId), CredentialRequired));
        }

        if (string.IsNullOrWhiteSpace(input.SenderNumber))
        {
            errors.Add(new FieldError(nameof(ChannelConfigurationInput.SenderNumber), SenderRequired));
        }

        return errors;
    }

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
