using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// A form's inputs and validation messages, written as MVC's input and validation-message tag helpers write them
/// (decision 0012): the same id and name, the posted value when the form comes back (else the model's), the error class
/// and the error message from the model state, and the <c>data-val-*</c> attributes MVC's client-validation provider gives
/// the property. For the API credential form, which the Edit page renders on every visit: its tag helpers, the
/// expression tree each <c>asp-for</c> builds and the attributes each field asks the validators for were a third of
/// the page's time (docs/performance.md, eleventh round).
/// </summary>
public sealed class FormFields(ViewContext viewContext, ClientValidationAttributes validation)
{
    /// <summary>MVC's class for an input whose value was refused (<c>HtmlHelper.ValidationInputCssClassName</c>).</summary>
    public const string InputErrorClass = "input-validation-error";

    /// <summary>An input with the model's <paramref name="value"/>, or the value posted for <paramref name="name"/> if the form came back.</summary>
    /// <param name="name">The field's name, a property path from the view's model (<c>Input.Twilio.Name</c>).</param>
    /// <param name="type">The input's type.</param>
    /// <param name="cssClass">The input's classes (the error class is added to them), or null.</param>
    /// <param name="value">The model's value, formatted as MVC formats it (<see cref="Convert.ToString(object, IFormatProvider)"/> in the current culture).</param>
    /// <param name="attributes">More attributes, trusted markup written as it is (<c>maxlength="100" aria-describedby="name-help"</c>).</param>
    public IHtmlContent Input(string name, string type, string? cssClass, string? value, string? attributes = null) =>
        new Field(this, name, type, cssClass, attributes, value, posted: true);

    /// <summary>A password input: always empty, whatever was posted, as <c>value=""</c> on an <c>asp-for</c> input writes it.</summary>
    public IHtmlContent Password(string name, string? cssClass, string? attributes = null) =>
        new Field(this, name, "password", cssClass, attributes, string.Empty, posted: false);

    /// <summary>The field's validation message, as <c>&lt;span asp-validation-for="name" class="cssClass"&gt;</c> writes it.</summary>
    public IHtmlContent Message(string name, string? cssClass = null) => new ValidationMessage(this, name, cssClass);

    private ViewContext Context => viewContext;

    private ClientValidationAttributes Validation => validation;

    private ModelStateDictionary ModelState => viewContext.ViewData.ModelState;

    private static void WriteClass(TextWriter writer, HtmlEncoder encoder, string? cssClass, string? generated)
    {
        // As the tag helpers merge a generated class into the markup's: appended, even when it is already there.
        var classes = string.IsNullOrEmpty(cssClass) ? generated : generated is null ? cssClass : cssClass + " " + generated;
        if (!string.IsNullOrEmpty(classes))
        {
            writer.Write("class=\"");
            encoder.Encode(writer, classes);
            writer.Write("\" ");
        }
    }

    private sealed class Field(FormFields form, string name, string type, string? cssClass, string? attributes, string? value, bool posted)
        : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var context = form.Context;
            form.ModelState.TryGetValue(name, out var entry);
            var written = posted && entry?.RawValue is { } raw ? PostedValue(raw) : value;

            writer.Write("<input ");
            WriteClass(writer, encoder, cssClass, entry is { Errors.Count: > 0 } ? InputErrorClass : null);
            if (!string.IsNullOrEmpty(attributes))
            {
                writer.Write(attributes);
                writer.Write(' ');
            }

            writer.Write("type=\"");
            encoder.Encode(writer, type);
            writer.Write('"');
            writer.Write(form.Validation.For(context, name, encoder));
            writer.Write(" id=\"");
            encoder.Encode(writer, form.Validation.Id(name));
            writer.Write("\" name=\"");
            encoder.Encode(writer, name);
            writer.Write("\" value=\"");
            encoder.Encode(writer, written ?? string.Empty);
            writer.Write("\" />");
        }

        // MVC's conversion of a posted value to the string it writes back: the first of several, a single one as it is.
        private static string? PostedValue(object raw) => raw switch
        {
            string text => text,
            string[] values => values.Length > 0 ? values[0] : null,
            _ => Convert.ToString(raw, CultureInfo.CurrentCulture),
        };
    }

    private sealed class ValidationMessage(FormFields form, string name, string? cssClass) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var state = form.ModelState;
            ModelError? error = null;
            if (state.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
            {
                error = entry.Errors.FirstOrDefault(e => !string.IsNullOrEmpty(e.ErrorMessage)) ?? entry.Errors[0];
            }

            writer.Write("<span ");
            WriteClass(writer, encoder, cssClass, error is null ? HtmlHelper.ValidationMessageValidCssClassName : HtmlHelper.ValidationMessageCssClassName);
            writer.Write("data-valmsg-for=\"");
            encoder.Encode(writer, name);
            writer.Write("\" data-valmsg-replace=\"true\">");
            if (error is not null)
            {
                // As MVC: the error's message, or for a value that could not be converted, the "is invalid" message.
                var message = string.IsNullOrEmpty(error.ErrorMessage)
                    ? form.Context.ViewData.ModelMetadata.ModelBindingMessageProvider.ValueIsInvalidAccessor(entry!.AttemptedValue ?? "null")
                    : error.ErrorMessage;
                encoder.Encode(writer, message);
            }

            writer.Write("</span>");
        }
    }
}

/// <summary>
/// The <c>data-val-*</c> attributes of a form field, as MVC's <see cref="ValidationHtmlAttributeProvider"/> writes them,
/// HTML-encoded, kept per view model, field and language. They depend on nothing else: the client adapters read the
/// property's rules, not its value, and build their messages in the request's language
/// (<see cref="ReusableFluentClientValidators"/>).
/// </summary>
public sealed class ClientValidationAttributes(ValidationHtmlAttributeProvider provider, IOptions<MvcViewOptions> options)
{
    private readonly ConcurrentDictionary<Key, string> cache = new();
    private readonly string dotReplacement = options.Value.HtmlHelperOptions.IdAttributeDotReplacement;

    /// <summary>The id MVC gives the field named <paramref name="name"/> (<see cref="TagBuilder.CreateSanitizedId"/>).</summary>
    public string Id(string name) => TagBuilder.CreateSanitizedId(name, dotReplacement);

    /// <summary>The attributes, each with a leading space, for <paramref name="name"/> on <paramref name="context"/>'s model.</summary>
    public string For(ViewContext context, string name, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(encoder);
        var key = new Key(context.ViewData.ModelMetadata.ModelType, name, CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name,
            context.ClientValidationEnabled);
        if (!cache.TryGetValue(key, out var html))
        {
            html = cache.GetOrAdd(key, Build(context, name, encoder));
        }

        return html;
    }

    private string Build(ViewContext context, string name, HtmlEncoder encoder)
    {
        var explorer = context.ViewData.ModelExplorer;
        foreach (var property in name.Split('.'))
        {
            explorer = explorer.GetExplorerForProperty(property)
                ?? throw new ArgumentException($"{explorer.ModelType.Name} has no property {property} (in {name}).", nameof(name));
        }

        var attributes = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        provider.AddValidationAttributes(context, explorer, attributes);
        var html = new StringBuilder();
        foreach (var (attribute, value) in attributes)
        {
            html.Append(' ').Append(attribute).Append("=\"").Append(encoder.Encode(value)).Append('"');
        }

        return html.ToString();
    }

    private readonly record struct Key(Type Model, string Name, string Culture, string UiCulture, bool Enabled);
}
