using Microsoft.AspNetCore.Razor.TagHelpers;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// <c>&lt;input asp-for="ApiToken" required-message="@message" /&gt;</c>: the input is required in the browser, with
/// this message, as <c>asp-for</c> marks a required property (<c>data-val-required</c>, read by jQuery's unobtrusive
/// validation), when a message is given; with null nothing is written. For fields whose rule depends on the page, such
/// as a secret that only a new credential needs: Razor writes a null <c>data-*</c> attribute as an empty one, which
/// unobtrusive validation would take as "required, with no message".
/// </summary>
[HtmlTargetElement("input", Attributes = AttributeName)]
public sealed class RequiredMessageTagHelper : TagHelper
{
    private const string AttributeName = "required-message";

    [HtmlAttributeName(AttributeName)]
    public string? RequiredMessage { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!string.IsNullOrEmpty(RequiredMessage))
        {
            output.Attributes.SetAttribute("data-val", "true");
            output.Attributes.SetAttribute("data-val-required", RequiredMessage);
        }
    }
}
