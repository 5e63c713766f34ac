using System.Text.RegularExpressions;
using FluentValidation;

namespace JourneyOptimizer.Sms.Core.Sandboxes;

/// <summary>A new sandbox: its URL name and its title.</summary>
public sealed class SandboxInput
{
    public string? Name { get; set; }

    public string? Title { get; set; }
}

public sealed partial class SandboxInputValidator : AbstractValidator<SandboxInput>
{
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    public SandboxInputValidator()
    {
        RuleFor(x => x.Name)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a name.")
            .MaximumLength(Sandbox.NameMaxLength).WithMessage("The name can have at most 50 characters.")
            .Must(v => NamePattern().IsMatch(v!))
                .WithMessage("Use lower-case letters, digits and '-' only, starting and ending with a letter or digit.");
        RuleFor(x => x.Title)
            .Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter a title.")
            .Must(v => v!.Trim().Length <= Sandbox.TitleMaxLength).WithMessage("The title can have at most 100 characters.");
    }
}
