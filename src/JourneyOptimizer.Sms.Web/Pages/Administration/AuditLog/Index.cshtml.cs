using System.Globalization;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Core.Sandboxes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.AuditLog;

/// <summary>
/// System administrators: who changed what, when, in which sandbox, with the fields changed (secrets only as
/// "changed"). Newest first, keyset paged; every filter is a query-string parameter, so a filtered view is a link.
/// </summary>
public sealed class IndexModel(AuditLogQuery query, SandboxService sandboxes, CredentialVendors vendors, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    public const string Section = "/Administration/AuditLog/Index";
    public const int PageSize = 50;

    /// <summary>A sandbox id, "none" (entries outside any sandbox) or empty (all).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sandbox { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ObjectType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ObjectId { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionName { get; set; }

    /// <summary>First day (yyyy-MM-dd, UTC), inclusive.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Last day (yyyy-MM-dd, UTC), inclusive.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public Page<AuditLogItem> Results { get; private set; } = new([], null, null);

    public IReadOnlyList<SandboxRef> Sandboxes { get; private set; } = [];

    public IReadOnlyList<(string Id, string Name)> Users { get; private set; } = [];

    /// <summary>Renders the entries as sentences in the user's language.</summary>
    public AuditSentences Sentences { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Sandboxes = await sandboxes.ListAsync(cancellationToken);
        Users = await query.UsersAsync(cancellationToken);
        Sentences = new AuditSentences(localizer, vendors, new Dictionary<string, string>());
        int? sandboxId = null;
        if (string.Equals(Sandbox, "none", StringComparison.Ordinal))
        {
            sandboxId = AuditLogFilter.NoSandbox;
        }
        else if (!string.IsNullOrEmpty(Sandbox))
        {
            if (int.TryParse(Sandbox, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                sandboxId = id;
            }
            else
            {
                ModelState.AddModelError(nameof(Sandbox), localizer["Choose a sandbox from the list."]);
            }
        }

        var from = ParseDay(From, nameof(From));
        var to = ParseDay(To, nameof(To));
        if (from is not null && to is not null && to < from)
        {
            ModelState.AddModelError(nameof(To), localizer["The end date must be on or after the start date."]);
        }

        if (ModelState.ErrorCount > 0)
        {
            return;
        }

        var filter = new AuditLogFilter
        {
            SandboxId = sandboxId,
            UserId = Limit(UserId, 450),
            ObjectType = Limit(ObjectType, 50),
            ObjectId = Limit(ObjectId, 50),
            Action = Limit(ActionName, 50),
            FromUtc = from,
            ToUtc = to?.AddDays(1),
        };
        Results = await query.ListAsync(filter, Limit(After, 60), PageSize, cancellationToken);
        Sentences = new AuditSentences(localizer, vendors, await query.CredentialNamesAsync(Results.Items, cancellationToken));
    }

    /// <summary>The query string of this view with another cursor.</summary>
    public Dictionary<string, string?> RouteValues(string? after) => new()
    {
        ["sandbox"] = Sandbox,
        ["user"] = UserId,
        ["objectType"] = ObjectType,
        ["objectId"] = ObjectId,
        ["action"] = ActionName,
        ["from"] = From,
        ["to"] = To,
        ["after"] = after,
    };

    private DateTime? ParseDay(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        ModelState.AddModelError(field, localizer["Enter a date like 2026-01-31."]);
        return null;
    }

    private static string? Limit(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length <= max ? value.Trim() : value[..max];
}
