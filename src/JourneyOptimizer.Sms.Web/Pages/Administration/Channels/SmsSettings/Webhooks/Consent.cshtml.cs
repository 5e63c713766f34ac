using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Webhooks;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;

/// <summary>
/// The consent list (latest state per profile and sender number, most recent first) and, for Manage users, opting a
/// number out by hand or back in (audited).
/// </summary>
public sealed class ConsentModel(ConsentService consent, IStringLocalizer<SharedResource> localizer) : SandboxPageModel
{
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; set; }

    [BindProperty]
    public ManualConsentInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public Page<ConsentListItem> Results { get; private set; } = new([], null, null);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The form: opt a number out of a sender number (a record is made if there is none yet).</summary>
    public Task<IActionResult> OnPostOptOutAsync(CancellationToken cancellationToken) => SetAsync(ConsentState.OptedOut, cancellationToken);

    public Task<IActionResult> OnPostOptInAsync(CancellationToken cancellationToken) => SetAsync(ConsentState.OptedIn, cancellationToken);

    /// <summary>A row's button: opt that record's number out or in, if nobody changed it since the list was shown.</summary>
    public async Task<IActionResult> OnPostRowAsync(long id, int version, ConsentState state, CancellationToken cancellationToken)
    {
        var result = await consent.SetAsync(Sandbox.Id, id, version, state, Actor, cancellationToken);
        if (result.Outcome == ConsentOutcome.NotFound)
        {
            return NotFound();
        }

        Report(result, state);
        return RedirectToPage(new { sandbox = Sandbox.Name, q = Search, cursor = Cursor });
    }

    private async Task<IActionResult> SetAsync(ConsentState state, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await consent.SetAsync(Sandbox.Id, Input, state, Actor, cancellationToken);
        if (result.Outcome == ConsentOutcome.Invalid)
        {
            ModelState.AddFieldErrors(result.FieldErrors, "Input", localizer);
            await LoadAsync(cancellationToken);
            return Page();
        }

        Report(result, state);
        return RedirectToPage(new { sandbox = Sandbox.Name });
    }

    private void Report(ConsentResult result, ConsentState state)
    {
        if (result.Succeeded)
        {
            StatusMessage = state == ConsentState.OptedOut
                ? localizer["The number was opted out."]
                : localizer["The number was opted in."];
        }
        else
        {
            ErrorMessage = string.Join(" ", result.FieldErrors.Select(e => localizer[e.Message, e.Arguments].Value));
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Results = await consent.ListAsync(Sandbox.Id, Search, Cursor, ActivityPaging.DefaultPageSize, cancellationToken);

    public string RowUrl(ConsentListItem item, ConsentState state) =>
        Url.Page("Consent", "Row", new { sandbox = Sandbox.Name, q = Search, cursor = Cursor, id = item.Id, version = item.Version, state })!;

    public PagerModel Pager => new(Url.Page("Consent", new { sandbox = Sandbox.Name })!, Search, Results.PreviousCursor, Results.NextCursor);
}
