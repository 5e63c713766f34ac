namespace JourneyOptimizer.Sms.Web;

/// <summary>
/// Marker for the portal's one translation file set (<c>Resources/SharedResource.{culture}.resx</c>).
/// Keys are the English texts.
/// </summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T>: it must be instantiable as a type argument.
public sealed class SharedResource
#pragma warning restore CA1052
{
}
