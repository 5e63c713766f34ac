using FluentValidation;
using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.GeneralSettings.ChannelConfigurations;

/// <summary>"Send test message" from an Active configuration: its credential, its sender number, its consent rule.</summary>
[RequiresManage]
public sealed class SendTestModel(ChannelConfigurationQueries queries, ChannelTestMessages testMessages,
    IStringLocalizer<SharedResource> localizer) : SandboxPageModel
{
    public ChannelConfiguration? Configuration { get; private set; }

    [BindProperty]
    public SendTestInput Input { get; set; } = new();

    public TestMessageResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Configuration = await queries.FindAsync(Sandbox.Id, id, cancellationToken);
        Input.Message = localizer[SendTestInput.DefaultMessage];
        return Configuration is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Configuration = await queries.FindAsync(Sandbox.Id, id, cancellationToken);
        if (Configuration is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var sent = await testMessages.SendTestMessageAsync(Sandbox.Id, id, Input.Number!, Input.Message!, Actor, cancellationToken);
        if (sent.NotFound)
        {
            return NotFound();
        }

        ModelState.AddFieldErrors(sent.Errors, nameof(Input), localizer);
        Result = sent.Answer;
        return Page();
    }
}

public sealed class SendTestInput
{
    /// <summary>The message the form starts with, in the user's language (a localization key).</summary>
    public const string DefaultMessage = "Test message from Journey Optimizer SMS.";

    public string? Number { get; set; }

    public string? Message { get; set; } = DefaultMessage;
}

public sealed class SendTestInputValidator : AbstractValidator<SendTestInput>
{
    public SendTestInputValidator()
    {
        RuleFor(x => x.Number).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the number to send the test message to.")
            .MaximumLength(40).WithMessage("Enter the number in international format, for example +14155550100.")
            .Must(v => Core.Common.PhoneNumberRules.TryNormalizeE164(v) is not null)
                .WithMessage("Enter the number in international format, for example +14155550100.");
        RuleFor(x => x.Message).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the message.")
            .MaximumLength(1600).WithMessage("The message can have at most 1600 characters.");
    }
}
