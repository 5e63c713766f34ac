using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// Writes HTML straight to the view's writer, for the rows of the channel configurations list (docs/performance.md,
/// third round). A Razor row costs one view-buffer entry per literal and per value, a new string for every value the
/// encoder changes and one for every number and date; this writes the same markup without any of them. Used only where
/// it was measured to pay: the same rewrite of the credentials list's (already lean) rows gained nothing measurable.
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
        // Every character encodes to at most 10 ("&#x10FFFF;"); dates are short.
        var rented = ArrayPool<char>.Shared.Rent(text.Length * 10);
        try
        {
            encoder.Encode(text, rented, out _, out var written);
            writer.Write(rented, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return this;
    }
}
