using System.Globalization;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
using JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// <see cref="FormFields"/> writes the API credential form's inputs and validation messages without tag helpers
/// (decision 0012). Each must be the element MVC's own input and validation-message tag helpers make from the same
/// markup, model and model state: same attributes with the same values, same message. Checked on a fresh form, on a
/// form that comes back with posted values and errors (values and messages made of markup characters), in the three
/// languages and in an order that would show an attribute kept for the wrong language.
/// </summary>
public sealed class FormFieldsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Markup = "<b>&\"x'y</b> 中";

    // Each field as the partial writes it: name, type, classes, more attributes.
    private static readonly (string Name, string Type, string Class, string Attributes)[] Fields =
    [
        ("Input.Twilio.Name", "text", "form-control", "maxlength=\"100\" aria-describedby=\"name-help\""),
        ("Input.Twilio.AccountSid", "text", "form-control font-monospace", "maxlength=\"200\" autocomplete=\"off\" placeholder=\"AC…\""),
        ("Input.Twilio.AuthToken", "password", "form-control font-monospace", "autocomplete=\"new-password\" maxlength=\"200\""),
        ("Input.Twilio.MessagingServiceSid", "text", "form-control font-monospace", "maxlength=\"200\""),
        ("Input.Twilio.InboundNumber", "tel", "form-control", "maxlength=\"40\" placeholder=\"+14155550100\""),
        ("Input.Vendor", "hidden", "", ""),
    ];

    private sealed class FormPage : IApiCredentialFormPage
    {
        public ApiCredentialForm Input { get; } = new()
        {
            Vendor = SmsVendor.Twilio,
            Twilio = new()
            {
                Name = "stored " + Markup,
                AccountSid = "AC" + new string('a', 32),
                AuthToken = "the stored token must never be written",
                MessagingServiceSid = "MG" + new string('b', 32),
                InboundNumber = "+14155550100",
            },
        };

        public bool RendersAllVendors => false;

        public string? AuthTokenHint => "abcd";

        public bool OfferSaveWithoutVerification => false;

        public string? PendingAuthToken => null;

        public IReadOnlyDictionary<string, string> SecretHints { get; } = new Dictionary<string, string>();
    }

    private sealed class NoView : IView
    {
        public string Path => "/Test.cshtml";

        public Task RenderAsync(ViewContext context) => Task.CompletedTask;
    }

    private static string ModelValue(FormPage page, string name) => name switch
    {
        "Input.Twilio.Name" => page.Input.Twilio.Name!,
        "Input.Twilio.AccountSid" => page.Input.Twilio.AccountSid!,
        "Input.Twilio.MessagingServiceSid" => page.Input.Twilio.MessagingServiceSid!,
        "Input.Twilio.InboundNumber" => page.Input.Twilio.InboundNumber!,
        "Input.Vendor" => page.Input.Vendor.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static ViewContext NewViewContext(IServiceProvider services, ModelStateDictionary state)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var viewData = new ViewDataDictionary<IApiCredentialFormPage>(services.GetRequiredService<IModelMetadataProvider>(), state)
        {
            Model = new FormPage(),
        };
        var tempData = services.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        return new ViewContext(new ActionContext(http, new RouteData(), new ActionDescriptor()), new NoView(), viewData, tempData,
            TextWriter.Null, new HtmlHelperOptions());
    }

    private static string Write(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static TagHelperAttributeList Attributes(string markup)
    {
        var element = new HtmlParser().ParseDocument($"<div {markup}></div>").QuerySelector("div")!;
        var list = new TagHelperAttributeList();
        foreach (var attribute in element.Attributes)
        {
            list.Add(attribute.Name, attribute.Value);
        }

        return list;
    }

    // What the markup <input asp-for="name" class=".." type=".." [value=""] ...> made with MVC's InputTagHelper.
    private static async Task<string> TagHelperInputAsync(IServiceProvider services, ViewContext context, string name, string type,
        string cssClass, string markup)
    {
        var expression = services.GetRequiredService<ModelExpressionProvider>()
            .CreateModelExpression((ViewDataDictionary<IApiCredentialFormPage>)context.ViewData, name);
        var helper = new InputTagHelper(services.GetRequiredService<IHtmlGenerator>()) { For = expression, ViewContext = context };
        var output = Attributes(markup);
        if (cssClass.Length > 0)
        {
            output.Insert(0, new TagHelperAttribute("class", cssClass));
        }

        var all = new TagHelperAttributeList(output);
        // The old markup gave text inputs no type (the tag helper writes "text"), "tel" and "hidden" as a type, and the
        // password input type="password" value="" (bound to the tag helper: not in the output's own attributes).
        if (type != "text")
        {
            helper.InputTypeName = type;
            all.Add("type", type);
        }

        if (type == "password")
        {
            helper.Value = string.Empty;
            all.Add("value", string.Empty);
        }

        return await RunAsync(helper, "input", TagMode.SelfClosing, all, output);
    }

    private static async Task<string> TagHelperMessageAsync(IServiceProvider services, ViewContext context, string name)
    {
        var expression = services.GetRequiredService<ModelExpressionProvider>()
            .CreateModelExpression((ViewDataDictionary<IApiCredentialFormPage>)context.ViewData, name);
        var helper = new ValidationMessageTagHelper(services.GetRequiredService<IHtmlGenerator>()) { For = expression, ViewContext = context };
        var output = new TagHelperAttributeList { { "class", "field-validation-error" } };
        return await RunAsync(helper, "span", TagMode.StartTagAndEndTag, new TagHelperAttributeList(output), output);
    }

    private static async Task<string> RunAsync(TagHelper helper, string tag, TagMode mode, TagHelperAttributeList all, TagHelperAttributeList attributes)
    {
        var context = new TagHelperContext(tag, all, new Dictionary<object, object>(), "test");
        var output = new TagHelperOutput(tag, attributes, (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()))
        {
            TagMode = mode,
        };
        helper.Init(context);
        await helper.ProcessAsync(context, output);
        return Write(output);
    }

    // An element as the browser reads it: its name, its attributes (any order) and its text.
    private static string Parsed(string html)
    {
        var body = new HtmlParser().ParseDocument("<body>" + html).Body!;
        var element = Assert.Single(body.Children);
        var attributes = element.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => $"{a.Name}=[{a.Value}]");
        return $"<{element.LocalName} {string.Join(" ", attributes)}>{element.TextContent}";
    }

    private async Task<List<(string Name, string Ours, string Mvc)>> RenderBothAsync(string culture, Action<ModelStateDictionary>? post)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var accessor = factory.Services.GetRequiredService<IHttpContextAccessor>();
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var state = new ModelStateDictionary();
            post?.Invoke(state);
            var context = NewViewContext(services, state);
            accessor.HttpContext = context.HttpContext;
            var page = (FormPage)context.ViewData.Model!;
            var fields = new FormFields(context, services.GetRequiredService<ClientValidationAttributes>());
            var results = new List<(string, string, string)>();
            foreach (var (name, type, cssClass, attributes) in Fields)
            {
                var ours = type == "password"
                    ? fields.Password(name, cssClass, attributes)
                    : fields.Input(name, type, cssClass.Length == 0 ? null : cssClass, ModelValue(page, name), attributes.Length == 0 ? null : attributes);
                results.Add((name, Parsed(Write(ours)), Parsed(await TagHelperInputAsync(services, context, name, type, cssClass, attributes))));
                if (type != "hidden")
                {
                    results.Add((name + " message", Parsed(Write(fields.Message(name, "field-validation-error"))),
                        Parsed(await TagHelperMessageAsync(services, context, name))));
                }
            }

            return results;
        }
        finally
        {
            accessor.HttpContext = null;
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    private static void Posted(ModelStateDictionary state)
    {
        state.SetModelValue("Input.Twilio.Name", "posted " + Markup, "posted " + Markup);
        state.AddModelError("Input.Twilio.Name", "The name " + Markup + " is taken.");
        state.SetModelValue("Input.Twilio.AccountSid", new[] { "AC first", "AC second" }, "AC first,AC second");
        // An error with no message (an exception): MVC shows its "value is invalid" message with the posted value.
        state.AddModelError("Input.Twilio.AccountSid", new InvalidOperationException("not shown"), new EmptyModelMetadataProvider().GetMetadataForType(typeof(string)));
        state.SetModelValue("Input.Twilio.AuthToken", "posted secret", "posted secret");
        state.AddModelError("Input.Twilio.AuthToken", "Enter the Auth Token.");
        state.SetModelValue("Input.Twilio.MessagingServiceSid", "MG posted", "MG posted");
        state.SetModelValue("Input.Vendor", "Custom", "Custom");
        state.AddModelError("Input.Vendor", "Choose the SMS vendor.");
    }

    [Fact]
    public async Task A_fresh_form_is_written_as_the_tag_helpers_write_it_in_each_language()
    {
        // English, Chinese, English again and Portuguese: an attribute kept for the wrong language shows on the way back.
        foreach (var culture in new[] { "en", "zh-Hans", "en", "pt-BR" })
        {
            var results = await RenderBothAsync(culture, post: null);
            Assert.All(results, r => Assert.Equal(r.Mvc, r.Ours));
            var name = results.Single(r => r.Name == "Input.Twilio.Name").Ours;
            Assert.Contains("data-val-required=[", name, StringComparison.Ordinal);
            Assert.Contains("value=[stored " + Markup + "]", name, StringComparison.Ordinal);
        }

        var english = await RenderBothAsync("en", post: null);
        var chinese = await RenderBothAsync("zh-Hans", post: null);
        Assert.NotEqual(english.Single(r => r.Name == "Input.Twilio.Name").Ours, chinese.Single(r => r.Name == "Input.Twilio.Name").Ours);
    }

    [Fact]
    public async Task A_form_that_comes_back_keeps_the_posted_values_and_shows_each_error_as_the_tag_helpers_do()
    {
        foreach (var culture in new[] { "en", "zh-Hans" })
        {
            var results = await RenderBothAsync(culture, Posted);
            Assert.All(results, r => Assert.Equal(r.Mvc, r.Ours));

            var name = results.Single(r => r.Name == "Input.Twilio.Name").Ours;
            Assert.Contains("value=[posted " + Markup + "]", name, StringComparison.Ordinal);
            Assert.Contains("input-validation-error", name, StringComparison.Ordinal);
            Assert.EndsWith(">The name " + Markup + " is taken.", results.Single(r => r.Name == "Input.Twilio.Name message").Ours, StringComparison.Ordinal);
            Assert.Contains("value=[AC first]", results.Single(r => r.Name == "Input.Twilio.AccountSid").Ours, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", results.Single(r => r.Name == "Input.Twilio.AuthToken").Ours, StringComparison.Ordinal);
            Assert.Contains("class=[input-validation-error]", results.Single(r => r.Name == "Input.Vendor").Ours, StringComparison.Ordinal);
            Assert.Contains("class=[field-validation-error field-validation-valid]",
                results.Single(r => r.Name == "Input.Twilio.MessagingServiceSid message").Ours, StringComparison.Ordinal);
        }
    }
}
