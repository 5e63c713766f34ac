using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages;

/// <summary>The page shown for 403, 404 and unexpected errors (re-executed, so the status code is kept).</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> localizer) : PageModel
{
    public string Title { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? 500;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code is not null)
        {
            Response.StatusCode = status;
        }

        (Title, Explanation) = status switch
        {
            403 => (localizer["Access denied"].Value, localizer["You do not have permission to do this."].Value),
            404 => (localizer["Page not found"].Value, localizer["This page does not exist, or you do not have access to it."].Value),
            400 => (localizer["Bad request"].Value, localizer["The request could not be understood. Reload the page and try again."].Value),
            _ => (localizer["Something went wrong"].Value, localizer["The portal could not complete this request. Try again in a moment."].Value),
        };
    }
}
