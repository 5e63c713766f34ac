namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>What the shared form partial needs from the Create and Edit pages.</summary>
public interface IApiCredentialFormPage
{
    ApiCredentialForm Input { get; }

    /// <summary>
    /// Create renders every vendor's fields (the vendor picker switches between them); Edit only the credential's own,
    /// since its vendor never changes (and the unused fieldsets cost a third of the page's time).
    /// </summary>
    bool RendersAllVendors { get; }

    /// <summary>The stored Auth Token's last characters on Edit; null on Create.</summary>
    string? AuthTokenHint { get; }

    /// <summary>True after a submit that the provider could not check: the form offers "Save without verification".</summary>
    bool OfferSaveWithoutVerification { get; }

    /// <summary>The typed secret, encrypted for the "Save without verification" round trip (never the secret itself).</summary>
    string? PendingAuthToken { get; }

    /// <summary>The last characters of each stored secret of a Custom credential, by field name (empty on Create).</summary>
    IReadOnlyDictionary<string, string> SecretHints { get; }
}
