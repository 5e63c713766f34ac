using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Sandboxes;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels;

/// <summary>
/// "Copy to another sandbox": pick credentials, webhooks and channel configurations and the target (step 1), see what
/// will be created and what clashes, rename or change what clashes (step 2), and copy. Manage is needed in this
/// sandbox (the filter) and in the target (checked here on every post). Without JavaScript: each step is a form post.
/// </summary>
[RequiresManage]
public sealed class CopyToSandboxModel(
    SandboxCopyService copies,
    SandboxService sandboxes,
    SandboxAccessService access,
    IStringLocalizer<SharedResource> localizer) : SandboxPageModel
{
    /// <summary>Bound on GET too, so that a link can open the picker with items ticked.</summary>
    [BindProperty(SupportsGet = true)]
    public List<int> CredentialIds { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public List<int> WebhookIds { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public List<int> ChannelIds { get; set; } = [];

    /// <summary>The target sandbox's name.</summary>
    [BindProperty]
    public string? Target { get; set; }

    /// <summary>The preview's choices by item key: the name in the target and the vendor fields to change.</summary>
    [BindProperty]
    public Dictionary<string, CopyItemForm> Items { get; set; } = new(StringComparer.Ordinal);

    public CopyCandidates Candidates { get; private set; } = new([], [], []);

    public IReadOnlyList<SandboxRef> Targets { get; private set; } = [];

    /// <summary>Set in step 2.</summary>
    public CopyPlan? Plan { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Step 1, with the items named in the query string (<c>?CredentialIds=3&amp;WebhookIds=5</c>) ticked.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadPickerAsync(cancellationToken);
        return Page();
    }

    /// <summary>Step 2: what the copy will create and what clashes.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        var target = await CheckTargetAsync(cancellationToken);
        if (target is null || Selection().IsEmpty)
        {
            if (Selection().IsEmpty)
            {
                ModelState.AddModelError(string.Empty, localizer[SandboxCopyMessages.NothingPicked]);
            }

            await LoadPickerAsync(cancellationToken);
            return Page();
        }

        ShowPlan(await copies.PlanAsync(Sandbox, target, Selection(), Choices(), cancellationToken));
        return Page();
    }

    /// <summary>Back to step 1 with the same items ticked.</summary>
    public async Task<IActionResult> OnPostChangeAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadPickerAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCopyAsync(CancellationToken cancellationToken)
    {
        var target = await CheckTargetAsync(cancellationToken);
        if (target is null)
        {
            await LoadPickerAsync(cancellationToken);
            return Page();
        }

        var result = await copies.CopyAsync(Sandbox, target, Selection(), Choices(), Actor, cancellationToken);
        switch (result.Outcome)
        {
            case CopyOutcome.Copied:
                int Count(CopyItemKind kind) => result.Plan!.Items.Count(i => i.Kind == kind);
                StatusMessage = localizer["Copied from sandbox “{0}”: API credentials {1}, SMS webhooks {2}, channel configurations {3}. Edit each copied API credential and enter its secrets: secrets are not copied.",
                    Sandbox.Name, Count(CopyItemKind.ApiCredential), Count(CopyItemKind.Webhook), Count(CopyItemKind.ChannelConfiguration)];
                return RedirectToPage("SmsSettings/ApiCredentials/Index", new { sandbox = target.Name });
            case CopyOutcome.Clashes:
                ModelState.AddModelError(string.Empty, localizer["Nothing was copied: change what clashes, then copy again."]);
                ShowPlan(result.Plan!);
                return Page();
            default:
                ModelState.AddModelError(string.Empty, localizer[SandboxCopyMessages.NothingPicked]);
                await LoadPickerAsync(cancellationToken);
                return Page();
        }
    }

    private CopySelection Selection() => new(CredentialIds, WebhookIds, ChannelIds);

    /// <summary>The posted choices; a value the binder could not make (a hand-made post) counts as none.</summary>
    private Dictionary<string, CopyChoice> Choices() => (Items ?? []).Where(i => i.Value is not null).ToDictionary(i => i.Key,
        i => new CopyChoice(i.Value.Name ?? "", (i.Value.Fields ?? []).Where(f => f.Key is not null)
            .ToDictionary(f => f.Key, f => f.Value ?? "", StringComparer.Ordinal)),
        StringComparer.Ordinal);

    /// <summary>The target, when it exists, is not this sandbox and the user may manage it; else the error beside the field.</summary>
    private async Task<SandboxRef?> CheckTargetAsync(CancellationToken cancellationToken)
    {
        var target = string.IsNullOrWhiteSpace(Target) ? null : await sandboxes.FindByNameAsync(Target, cancellationToken);
        if (target is null || target.Id == Sandbox.Id
            || await access.GetAccessAsync(User, target.Id, cancellationToken) != SandboxAccess.Manage)
        {
            ModelState.AddModelError(nameof(Target), localizer[SandboxCopyMessages.TargetNotAllowed]);
            return null;
        }

        return target;
    }

    private async Task LoadPickerAsync(CancellationToken cancellationToken)
    {
        Plan = null;
        Candidates = await copies.CandidatesAsync(Sandbox.Id, cancellationToken);
        var visible = await sandboxes.ListForUserAsync(Actor.UserId, User.IsSystemAdministrator(), cancellationToken);
        var targets = new List<SandboxRef>();
        foreach (var sandbox in visible.Where(s => s.Id != Sandbox.Id))
        {
            if (await access.GetAccessAsync(User, sandbox.Id, cancellationToken) == SandboxAccess.Manage)
            {
                targets.Add(sandbox);
            }
        }

        Targets = targets;
    }

    /// <summary>Shows the plan: every item's name and fields as planned, its clashes beside them.</summary>
    private void ShowPlan(CopyPlan plan)
    {
        Plan = plan;
        Items = new Dictionary<string, CopyItemForm>(StringComparer.Ordinal);
        foreach (var item in plan.Items)
        {
            var prefix = $"{nameof(Items)}[{item.Key}]";
            Items[item.Key] = new CopyItemForm { Name = item.Name, Fields = item.Fields.ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.Ordinal) };
            ModelState.Remove($"{prefix}.{nameof(CopyItemForm.Name)}");
            foreach (var field in item.Fields.Keys)
            {
                ModelState.Remove($"{prefix}.{nameof(CopyItemForm.Fields)}[{field}]");
            }

            foreach (var error in item.Errors)
            {
                var key = error.Field == nameof(CopyItemForm.Name) ? $"{prefix}.{nameof(CopyItemForm.Name)}"
                    : item.Fields.ContainsKey(error.Field) ? $"{prefix}.{nameof(CopyItemForm.Fields)}[{error.Field}]"
                    : prefix;
                ModelState.AddModelError(key, localizer[error.Message, error.Arguments]);
            }
        }
    }
}

/// <summary>One item's choices in the preview form.</summary>
public sealed class CopyItemForm
{
    public string? Name { get; set; }

    public Dictionary<string, string?> Fields { get; set; } = new(StringComparer.Ordinal);
}
