using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.GeneralSettings.ChannelConfigurations;

/// <summary>The confirmation (a page without JavaScript, a modal dialog with it) and the delete itself.</summary>
[RequiresManage]
public sealed class DeleteModel(ChannelConfigurationQueries queries, ChannelConfigurationCommands commands,
    IStringLocalizer<SharedResource> localizer) : SandboxPageModel
{
    public ChannelConfiguration? Configuration { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Configuration = await queries.FindAsync(Sandbox.Id, id, cancellationToken);
        return Configuration is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Configuration = await queries.FindAsync(Sandbox.Id, id, cancellationToken);
        if (Configuration is null)
        {
            return NotFound();
        }

        var result = await commands.DeleteAsync(Sandbox.Id, id, Actor, cancellationToken);
        if (result.Outcome == ChannelConfigurationOutcome.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.FieldErrors, string.Empty, localizer);
            return Page();
        }

        StatusMessage = localizer["Channel configuration “{0}” deleted.", Configuration.Name];
        return RedirectToPage("Index", new { sandbox = Sandbox.Name });
    }
}
