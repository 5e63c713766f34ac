using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.GeneralSettings.ChannelConfigurations;

/// <summary>
/// Edit: Draft and Failed as on Create; Active with Name and channel read-only, the change checked while the active
/// version serves (and shown when it fails); Processing and Deactivated read-only.
/// </summary>
public sealed class EditModel(ChannelConfigurationQueries queries, ChannelConfigurationCommands commands,
    IStringLocalizer<SharedResource> localizer)
    : ChannelConfigurationFormPageModel(queries, commands, localizer)
{
    /// <summary>The version the form was opened at: a save against a newer one is refused.</summary>
    [BindProperty]
    public int Version { get; set; }

    public ChannelConfiguration? Configuration { get; private set; }

    public IReadOnlyList<FieldError> CheckErrors { get; private set; } = [];

    public IReadOnlyList<FieldError> PendingErrors { get; private set; } = [];

    public bool IsActive => Configuration?.Status == ChannelConfigurationStatus.Active;

    /// <summary>Whether the form can be saved at all in the configuration's status.</summary>
    public bool Editable => CanManage && Configuration?.Status is ChannelConfigurationStatus.Draft or ChannelConfigurationStatus.Failed
        or ChannelConfigurationStatus.Active;

    public override bool NameReadOnly => IsActive;

    public override MobileChannel? RequiredChannel => IsActive ? Configuration!.Channel : null;

    public override bool CanSaveDraft => !IsActive;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        FillInput();
        return Page();
    }

    /// <summary>The form shows the pending change when there is one, else the stored (active) values.</summary>
    private void FillInput()
    {
        var c = Configuration!;
        Version = c.Version;
        var pending = c.PendingCheck is not null;
        Input = new ChannelConfigurationInput
        {
            Name = c.Name,
            Description = pending ? c.PendingDescription : c.Description,
            SmsType = pending ? c.PendingSmsType : c.SmsType,
            ApiCredentialId = pending ? c.PendingApiCredentialId : c.ApiCredentialId,
            SenderNumber = pending ? c.PendingSenderNumber : c.SenderNumber,
            Subdomain = pending ? c.PendingSubdomain : c.Subdomain,
            ExecutionField = pending ? c.PendingExecutionField : c.ExecutionField,
        };
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (IsActive)
        {
            Input.Name = Configuration!.Name;
            ModelState.Remove("Input.Name");
        }

        if (!ModelState.IsValid)
        {
            AddSubmitRequirements();
            return Page();
        }

        var result = await Commands.UpdateAsync(Sandbox.Id, id, Version, Input, IsSubmit || IsActive, Actor, cancellationToken);
        if (result.Outcome == ChannelConfigurationOutcome.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            return Refused(result);
        }

        StatusMessage = result.Outcome == ChannelConfigurationOutcome.Submitted
            ? Localizer["Channel configuration “{0}” submitted: it is checked now.", Configuration!.Name]
            : Localizer["Channel configuration “{0}” saved.", Configuration!.Name];
        return RedirectToPage("Index", new { sandbox = Sandbox.Name });
    }

    /// <summary>"Discard change": the pending change of an Active configuration is dropped.</summary>
    public async Task<IActionResult> OnPostDiscardAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var result = await Commands.DiscardChangeAsync(Sandbox.Id, id, Version, Actor, cancellationToken);
        if (result.Outcome == ChannelConfigurationOutcome.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.Clear();
            FillInput();
            return Refused(result);
        }

        StatusMessage = Localizer["The change was discarded: the active version stays in use."];
        return RedirectToPage("Edit", new { sandbox = Sandbox.Name, id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Configuration = await Queries.FindAsync(Sandbox.Id, id, cancellationToken);
        if (Configuration is null)
        {
            return false;
        }

        CheckErrors = Core.Channels.CheckErrors.FromJson(Configuration.CheckErrorsJson);
        PendingErrors = Core.Channels.CheckErrors.FromJson(Configuration.PendingErrorsJson);
        await LoadOptionsAsync(cancellationToken);
        return true;
    }
}
