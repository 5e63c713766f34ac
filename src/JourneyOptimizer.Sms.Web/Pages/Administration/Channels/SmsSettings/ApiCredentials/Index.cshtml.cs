using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>The sandbox's API credentials: search by name, keyset paging, row actions.</summary>
public sealed class IndexModel(ApiCredentialService credentials) : SandboxPageModel
{
    public const string Section = "/Administration/Channels/SmsSettings/ApiCredentials/Index";

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public Page<ApiCredentialListItem> Results { get; private set; } = new([], null, null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Search = Search is { Length: > ApiCredential.NameMaxLength } ? Search[..ApiCredential.NameMaxLength] : Search;
        Results = await credentials.ListAsync(Sandbox.Id, Search, Cursor, ApiCredentialService.DefaultPageSize, cancellationToken);
    }
}
