namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>Relative references between paths of the portal, as a browser resolves them (RFC 3986, section 5.2).</summary>
public static class RelativeUrl
{
    /// <summary>
    /// <paramref name="target"/> relative to the document at <paramref name="documentPath"/>, when the target is below
    /// the document's folder (its path up to the last <c>/</c>), else the target unchanged. A relative reference whose
    /// first segment has a colon would read as a scheme, so that one stays absolute too.
    /// </summary>
    public static string From(string documentPath, string target)
    {
        ArgumentNullException.ThrowIfNull(documentPath);
        ArgumentNullException.ThrowIfNull(target);
        var folder = documentPath.AsSpan(0, documentPath.LastIndexOf('/') + 1);
        if (folder.IsEmpty || target.Length <= folder.Length || !target.AsSpan().StartsWith(folder, StringComparison.Ordinal))
        {
            return target;
        }

        var relative = target.AsSpan(folder.Length);
        var firstSegment = relative.IndexOfAny('/', '?', '#') is var end and >= 0 ? relative[..end] : relative;
        return firstSegment.IsEmpty || firstSegment.Contains(':') || firstSegment is "." or ".."
            ? target
            : relative.ToString();
    }
}
