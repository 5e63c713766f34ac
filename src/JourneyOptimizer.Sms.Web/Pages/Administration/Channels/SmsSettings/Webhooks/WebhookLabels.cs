using JourneyOptimizer.Sms.Core.Consent;
using JourneyOptimizer.Sms.Core.Webhooks;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.Webhooks;

/// <summary>The labels of the webhook enums, one literal key each (so the translation tests find them).</summary>
public static class WebhookLabels
{
    public static LocalizedString Type(IStringLocalizer localizer, WebhookType type)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return type == WebhookType.Feedback ? localizer["Feedback"] : localizer["Inbound"];
    }

    public static LocalizedString Category(IStringLocalizer localizer, KeywordCategory category)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return category switch
        {
            KeywordCategory.OptIn => localizer["Opt-In"],
            KeywordCategory.OptOut => localizer["Opt-Out"],
            KeywordCategory.DoubleOptIn => localizer["Double Opt-In"],
            KeywordCategory.Help => localizer["Help"],
            _ => localizer["Custom"],
        };
    }

    public static LocalizedString Field(IStringLocalizer localizer, NormalizedField field)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return field switch
        {
            NormalizedField.InboundMessage => localizer["Message text"],
            NormalizedField.ProfileNumber => localizer["Profile number"],
            NormalizedField.RequestId => localizer["Request ID"],
            NormalizedField.OriginTimestamp => localizer["Sent at (origin timestamp)"],
            NormalizedField.InboundNumber => localizer["Inbound Number"],
            NormalizedField.ClientReference => localizer["Message ID (client reference)"],
            NormalizedField.Status => localizer["Delivery status"],
            _ => localizer["Error code"],
        };
    }

    public static LocalizedString State(IStringLocalizer localizer, ConsentState state)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return state switch
        {
            ConsentState.OptedOut => localizer["Opted out"],
            ConsentState.PendingConfirmation => localizer["Waiting for confirmation"],
            _ => localizer["Opted in"],
        };
    }
}
