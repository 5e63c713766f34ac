using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.GeneralSettings.ChannelConfigurations;

/// <summary>Create channel configuration: Save as draft, or Submit (checked in the background).</summary>
[RequiresManage]
public sealed class CreateModel(ChannelConfigurationQueries queries, ChannelConfigurationCommands commands,
    IStringLocalizer<SharedResource> localizer)
    : ChannelConfigurationFormPageModel(queries, commands, localizer)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        await LoadOptionsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadOptionsAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            AddSubmitRequirements();
            return Page();
        }

        var result = await Commands.CreateAsync(Sandbox.Id, Input, IsSubmit, Actor, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        StatusMessage = IsSubmit
            ? Localizer["Channel configuration “{0}” submitted: it is checked now.", Input.Name!.Trim()]
            : Localizer["Channel configuration “{0}” saved as draft.", Input.Name!.Trim()];
        return RedirectToPage("Index", new { sandbox = Sandbox.Name });
    }
}
