using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// Writes HTML straight to the view's writer, for the rows of the two lists (docs/performance.md, third and tenth
/// rounds). A Razor row costs one view-buffer entry per literal and per value, a new string for every value the encoder
/// changes and one for every number and date; this writes the same markup without any of them. The credentials list's
/// rows gained nothing measurable from it while MVC copied every value through its paged buffer on the way out; once
/// that copy was gone (<see cref="PipeViewBufferScope"/>) they did.
/// Markup goes through <see cref="Raw"/> (literal, trusted), everything else through <see cref="Text"/>,
/// <see cref="Number"/> and <see cref="Time"/>, which encode it with the page's
/// <see cref="HtmlEncoder"/> as Razor would.
/// </summary>
public readonly struct HtmlOut(TextWriter writer, HtmlEncoder encoder)
{
    /// <summary>Trusted markup, written as it is.</summary>
    public HtmlOut Raw(string html)
    {
        writer.Write(html);
        return this;
    }

    /// <summary>Text or an attribute value, HTML-encoded.</summary>
    public HtmlOut Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            encoder.Encode(writer, text);
        }

        return this;
    }

    /// <summary>An integer in invariant digits (ids in URLs and data attributes).</summary>
    public HtmlOut Number(int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        writer.Write(digits[..length]);
        return this;
    }

    /// <summary>The same text as <see cref="Display.Time"/> (short date and time in <paramref name="culture"/>, then "UTC"), encoded.</summary>
    public HtmlOut Time(DateTime utc, CultureInfo culture)
    {
        Span<char> text = stackalloc char[64];
        if (!DateTime.SpecifyKind(utc, DateTimeKind.Utc).TryFormat(text, out var length, Display.TimeFormat, culture))
        {
            return Text(Display.Time(utc));
        }

        Encode(text[..length]);
        return Raw(Display.TimeSuffix);
    }

    private HtmlOut Encode(ReadOnlySpan<char> text)
    {
        // Every character encodes to at most 10 ("&#x10FFFF;"); a date is at most 64 characters.
        const int MaxOnStack = 64;
        var rented = text.Length > MaxOnStack ? ArrayPool<char>.Shared.Rent(text.Length * 10) : null;
        try
        {
            Span<char> encoded = rented ?? stackalloc char[MaxOnStack * 10];
            encoder.Encode(text, encoded, out _, out var written);
            writer.Write(encoded[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }

        return this;
    }
}

/// <summary>
/// The translations a table's rows repeat (action names, statuses, vendors), each looked up and HTML-encoded once per
/// page, ready for <see cref="HtmlOut.Raw"/>.
/// </summary>
public sealed class EncodedLabels(IStringLocalizer localizer, HtmlEncoder encoder)
{
    private readonly Dictionary<string, string> labels = new(StringComparer.Ordinal);

    public string this[string key]
    {
        get
        {
            if (!labels.TryGetValue(key, out var label))
            {
                labels[key] = label = encoder.Encode(localizer[key].Value);
            }

            return label;
        }
    }
}

/// <summary>
/// A table's rows as HTML content, written with <see cref="HtmlOut"/> when the page is sent (decision 0011): each list
/// writes its rows in <see cref="Write"/>, with the page's labels and culture.
/// </summary>
public abstract class HtmlRows(IStringLocalizer localizer) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        Write(new HtmlOut(writer, encoder), new EncodedLabels(localizer, encoder), encoder, CultureInfo.CurrentCulture);
    }

    protected abstract void Write(HtmlOut html, EncodedLabels labels, HtmlEncoder encoder, CultureInfo culture);
}
