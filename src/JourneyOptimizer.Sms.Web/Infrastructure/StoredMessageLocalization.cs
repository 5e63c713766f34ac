using JourneyOptimizer.Sms.Core.Common;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

public static class StoredMessageLocalization
{
    /// <summary>
    /// A message kept in a column (<see cref="StoredMessage"/>: a bare key, or a key with its arguments) in the user's
    /// language, its placeholders filled.
    /// </summary>
    public static LocalizedString Stored(this IStringLocalizer localizer, string stored)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var message = StoredMessage.Decode(stored);
        return localizer[message.Key, [.. message.Arguments]];
    }
}
