namespace JourneyOptimizer.Sms.Core.Common;

/// <summary>
/// An error that belongs to one input field (or to the whole form when <see cref="Field"/> is empty).
/// <see cref="Message"/> is the English text, used as the localization key; <see cref="Arguments"/> fill its
/// placeholders after translation.
/// </summary>
public sealed record FieldError(string Field, string Message, params object[] Arguments)
{
    public const string FormLevel = "";
}
