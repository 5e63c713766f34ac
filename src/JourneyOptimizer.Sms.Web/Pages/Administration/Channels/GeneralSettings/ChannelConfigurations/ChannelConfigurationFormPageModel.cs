using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.GeneralSettings.ChannelConfigurations;

/// <summary>What Create and Edit share: the input, the button pressed, the credentials to choose from, the refusal mapping.</summary>
public abstract class ChannelConfigurationFormPageModel(
    ChannelConfigurationQueries queries,
    ChannelConfigurationCommands commands,
    IStringLocalizer<SharedResource> localizer)
    : SandboxPageModel
{
    public const string SubmitIntent = "submit";
    public const string DraftIntent = "draft";

    protected ChannelConfigurationQueries Queries { get; } = queries;

    protected ChannelConfigurationCommands Commands { get; } = commands;

    protected IStringLocalizer<SharedResource> Localizer { get; } = localizer;

    [BindProperty]
    public ChannelConfigurationInput Input { get; set; } = new();

    /// <summary>The button pressed: "submit" (default) or "draft".</summary>
    [BindProperty]
    public string? Intent { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public bool IsSubmit => !string.Equals(Intent, DraftIntent, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<CredentialOption> CredentialOptions { get; private set; } = [];

    /// <summary>Active configurations keep their name and channel.</summary>
    public virtual bool NameReadOnly => false;

    /// <summary>Set when only credentials of this channel may be chosen.</summary>
    public virtual MobileChannel? RequiredChannel => null;

    /// <summary>Drafts can be saved unchecked (Create, Draft, Failed).</summary>
    public virtual bool CanSaveDraft => true;

    protected async Task LoadOptionsAsync(CancellationToken cancellationToken)
    {
        var all = await Queries.CredentialOptionsAsync(Sandbox.Id, cancellationToken);
        CredentialOptions = RequiredChannel is { } channel ? all.Where(o => o.Channel == channel).ToList() : all;
    }

    /// <summary>
    /// On Submit, the fields that Submit needs are reported with the format errors, so that one empty Submit lists
    /// every missing field at once instead of one per round trip.
    /// </summary>
    protected void AddSubmitRequirements()
    {
        if (!IsSubmit)
        {
            return;
        }

        foreach (var missing in ChannelConfigurationRules.RequiredForSubmit(Input))
        {
            var key = nameof(Input) + "." + missing.Field;
            if (ModelState.GetFieldValidationState(key) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            {
                ModelState.AddModelError(key, Localizer[missing.Message]);
            }
        }
    }

    /// <summary>Shows a refusal next to its fields (translated) and the form again.</summary>
    protected IActionResult Refused(ChannelConfigurationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ModelState.AddFieldErrors(result.FieldErrors, nameof(Input), Localizer);
        return Page();
    }
}
