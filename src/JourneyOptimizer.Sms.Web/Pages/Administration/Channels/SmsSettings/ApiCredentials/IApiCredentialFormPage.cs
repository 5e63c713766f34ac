using JourneyOptimizer.Sms.Core.Credentials;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>What the shared form views (<c>_VendorFields</c> and each vendor's partial) need from Create and Edit.</summary>
public interface IApiCredentialFormPage
{
    /// <summary>The key under which a vendor's partial finds this page in its view data.</summary>
    const string ViewDataKey = "ApiCredentialFormPage";

    ApiCredentialForm Input { get; }

    /// <summary>The vendors the form offers (Create) or the one of the credential (Edit).</summary>
    IReadOnlyList<ICredentialVendor> FormVendors { get; }

    /// <summary>True on Edit: secrets are stored (their hints shown) and a blank one keeps the stored value.</summary>
    bool IsEdit { get; }

    /// <summary>True after a submit that the provider could not check: the form offers "Save without verification".</summary>
    bool OfferSaveWithoutVerification { get; }

    /// <summary>The typed secrets, encrypted for the "Save without verification" round trip (never the secrets themselves).</summary>
    string? PendingSecret { get; }

    /// <summary>The names of the secret fields that <see cref="PendingSecret"/> holds: a blank one is not missing.</summary>
    IReadOnlyCollection<string> KeptSecretFields { get; }

    /// <summary>The last characters of each stored secret, by input field name (empty on Create).</summary>
    IReadOnlyDictionary<string, string> SecretHints { get; }

    /// <summary>The fields a vendor's partial shows: the posted ones for the chosen vendor, else an empty form.</summary>
    ApiCredentialInput FieldsOf(ICredentialVendor vendor);

    /// <summary>The view data of a vendor's partial: field names prefixed <c>Input.{Vendor}</c>, this page under <see cref="ViewDataKey"/>.</summary>
    ViewDataDictionary FieldsViewData(ICredentialVendor vendor, ViewDataDictionary parent)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        var data = new ViewDataDictionary(parent) { [ViewDataKey] = this };
        data.TemplateInfo.HtmlFieldPrefix = ApiCredentialForm.FieldPrefix(vendor.Vendor);
        return data;
    }
}

public static class ApiCredentialFormViewData
{
    /// <summary>The form page, from a vendor partial's view data.</summary>
    public static IApiCredentialFormPage CredentialFormPage(this ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        return (IApiCredentialFormPage)viewData[IApiCredentialFormPage.ViewDataKey]!;
    }

    /// <summary>
    /// The browser's "required" message of a secret that a new credential needs (its input's <c>required-message</c>,
    /// <see cref="Infrastructure.RequiredMessageTagHelper"/>), or null when it is not required: on Edit a blank secret
    /// keeps the stored one, and a refused save may have kept the one typed in <paramref name="fields"/> (the posted
    /// vendor's; the other vendors' partials still need theirs). The vendor's validator cannot say so itself, since the
    /// same validator serves Edit.
    /// </summary>
    public static string? RequiredOnCreate(this IApiCredentialFormPage page, ApiCredentialInput fields, string field, LocalizedString message)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(message);
        var kept = ReferenceEquals(page.Input.Fields, fields) && page.KeptSecretFields.Contains(field);
        return page.IsEdit || kept ? null : message.Value;
    }
}
