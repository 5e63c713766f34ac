using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Users;

/// <summary>System administrators: the users, their status, role and access per sandbox.</summary>
public sealed class IndexModel(UserService users) : PageModel
{
    public const string Section = "/Administration/Users/Index";
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public Page<UserListItem> Results { get; private set; } = new([], null, null);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Search = Search?.Trim() is { Length: > 0 and <= 256 } term ? term : null;
        Results = await users.ListAsync(Search, Trim(After), Trim(Before), PageSize, cancellationToken);
    }

    private static string? Trim(string? cursor) => cursor is { Length: > 0 and <= 256 } ? cursor : null;
}
