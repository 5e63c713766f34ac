using JourneyOptimizer.Sms.Core.Channels;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.GeneralSettings.ChannelConfigurations;

/// <summary>The sandbox's channel configurations: filters, keyset paging, row actions, status polling.</summary>
public sealed class IndexModel(ChannelConfigurationQueries queries, ChannelConfigurationCommands commands,
    IStringLocalizer<SharedResource> localizer) : SandboxPageModel
{
    public const string Section = "/Administration/Channels/GeneralSettings/ChannelConfigurations/Index";

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "status")]
    public string? StatusFilter { get; set; }

    [FromQuery(Name = "type")]
    public string? TypeFilter { get; set; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public Page<ChannelConfigurationListItem> Results { get; private set; } = new([], null, null);

    public ChannelConfigurationStatus? Status => Enum.TryParse<ChannelConfigurationStatus>(StatusFilter, true, out var s)
        && Enum.IsDefined(s) && !int.TryParse(StatusFilter, out _) ? s : null;

    public SmsType? Type => Enum.TryParse<SmsType>(TypeFilter, true, out var t) && Enum.IsDefined(t) && !int.TryParse(TypeFilter, out _) ? t : null;

    public bool Filtered => Status is not null || Type is not null || !string.IsNullOrEmpty(Search);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Search = Search is { Length: > ChannelConfiguration.NameMaxLength } ? Search[..ChannelConfiguration.NameMaxLength] : Search;
        Results = await queries.ListAsync(Sandbox.Id, new ChannelConfigurationFilter(Status, Type, Search), Cursor,
            ChannelConfigurationQueries.DefaultPageSize, cancellationToken);
    }

    /// <summary>The list's polling: the state of the given rows, with translated labels, as JSON.</summary>
    public async Task<IActionResult> OnGetStatesAsync([FromQuery(Name = "ids")] int[]? ids, CancellationToken cancellationToken)
    {
        var states = await queries.StatesAsync(Sandbox.Id, ids ?? [], cancellationToken);
        return new JsonResult(states.Select(s => new
        {
            id = s.Id,
            status = s.Status.ToString(),
            label = localizer[s.Status.ToString()].Value,
            pending = s.PendingCheck?.ToString(),
            reason = string.Join(" ", s.Errors.Concat(s.PendingErrors).Select(e => localizer[e.Message, e.Arguments].Value)),
        }));
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, commands.DeactivateAsync(Sandbox.Id, id, Actor, cancellationToken), "Channel configuration “{0}” deactivated.");

    public Task<IActionResult> OnPostActivateAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, commands.ActivateAsync(Sandbox.Id, id, Actor, cancellationToken), "Channel configuration “{0}” activated.");

    public Task<IActionResult> OnPostDuplicateAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, commands.DuplicateAsync(Sandbox.Id, id, null, Actor, cancellationToken), "Channel configuration “{0}” created as a draft copy.");

    private async Task<IActionResult> ActAsync(int id, Task<ChannelConfigurationResult> action, string done)
    {
        var result = await action;
        if (result.Outcome == ChannelConfigurationOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            var configuration = await queries.FindAsync(Sandbox.Id, result.Id ?? id, HttpContext.RequestAborted);
            StatusMessage = localizer[done, configuration?.Name ?? ""];
        }
        else
        {
            ErrorMessage = string.Join(" ", result.FieldErrors.Select(e => localizer[e.Message, e.Arguments].Value));
        }

        return RedirectToPage(new { sandbox = Sandbox.Name, q = Search, status = StatusFilter, type = TypeFilter, cursor = Cursor });
    }
}
