using System.Text.Json;
using JourneyOptimizer.Sms.Core.Credentials;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>What Create and Edit share: the form, the "Save without verification" round trip, the row buttons.</summary>
public abstract class ApiCredentialFormPageModel(CredentialVendors vendors, PendingSecrets pendingSecrets, IStringLocalizer<SharedResource> localizer)
    : SandboxPageModel, IApiCredentialFormPage
{
    [BindProperty]
    public ApiCredentialForm Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Set by the "Save without verification" button.</summary>
    [BindProperty]
    public bool SaveWithoutVerification { get; set; }

    [BindProperty]
    public string? PendingSecret { get; set; }

    public bool OfferSaveWithoutVerification { get; private set; }

    public IReadOnlyCollection<string> KeptSecretFields { get; private set; } = [];

    public abstract IReadOnlyList<ICredentialVendor> FormVendors { get; }

    public abstract bool IsEdit { get; }

    public IReadOnlyDictionary<string, string> SecretHints { get; protected set; } = new Dictionary<string, string>();

    protected CredentialVendors Vendors => vendors;

    /// <summary>The chosen vendor (the first one while none is chosen).</summary>
    protected ICredentialVendor Vendor => vendors.Find(Input.Vendor) ?? vendors.All[0];

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    public ApiCredentialInput FieldsOf(ICredentialVendor vendor)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        return vendor.Vendor == Input.Vendor && Input.Fields is { } fields && vendor.InputType.IsInstanceOfType(fields)
            ? fields
            : vendor.NewInput();
    }

    /// <summary>"Add" of a list of rows: one more row (works without JavaScript).</summary>
    public async Task<IActionResult> OnPostAddRowAsync(int? id, string? rows, CancellationToken cancellationToken)
    {
        var refusal = await PrepareAsync(id, cancellationToken);
        ModelState.Clear();
        (Input.Fields as IEditableRows)?.AddRow(rows ?? "");
        return refusal ?? Page();
    }

    /// <summary>The bin icon of a row.</summary>
    public async Task<IActionResult> OnPostRemoveRowAsync(int? id, string? rows, int index, CancellationToken cancellationToken)
    {
        var refusal = await PrepareAsync(id, cancellationToken);
        ModelState.Clear();
        (Input.Fields as IEditableRows)?.RemoveRow(rows ?? "", index);
        return refusal ?? Page();
    }

    /// <summary>Loads what the page shows besides the posted form (the stored credential on Edit); a refusal when it cannot.</summary>
    protected abstract Task<IActionResult?> PrepareAsync(int? id, CancellationToken cancellationToken);

    /// <summary>
    /// The secrets typed before a "could not be checked" answer come back encrypted: blank secret fields of the chosen
    /// vendor's input take them again.
    /// </summary>
    protected void RestorePendingSecrets()
    {
        var json = pendingSecrets.Unprotect(PendingSecret);
        if (json is null || Input.Fields is not { } fields)
        {
            return;
        }

        Dictionary<string, string>? values;
        try
        {
            values = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException)
        {
            return;
        }

        foreach (var field in Vendor.SecretFields)
        {
            var property = fields.GetType().GetProperty(field);
            if (property?.PropertyType == typeof(string) && string.IsNullOrEmpty((string?)property.GetValue(fields))
                && values?.GetValueOrDefault(field) is { } value)
            {
                property.SetValue(fields, value);
            }
        }
    }

    /// <summary>
    /// A refused save (bad field, provider unreachable) keeps the secrets just typed, whatever the vendor: the browser
    /// gets them back only encrypted, and the next post uses them where the fields are left blank.
    /// </summary>
    protected void KeepTypedSecrets()
    {
        RestorePendingSecrets();
        PendingSecret = ProtectTypedSecrets();
    }

    /// <summary>
    /// Shows a form that failed its validator. On Create the vendor's rules for a new credential (a required secret,
    /// which the validator cannot require because Edit keeps a blank one) are added, so that one submit lists every
    /// missing field.
    /// </summary>
    protected IActionResult Invalid()
    {
        KeepTypedSecrets();
        if (!IsEdit && Input.Fields is { } fields && vendors.Find(Input.Vendor) is { } vendor)
        {
            var prefix = ApiCredentialForm.FieldPrefix(vendor.Vendor);
            var missing = vendor.Validate(fields, isNew: true)
                .Where(e => ModelState[$"{prefix}.{e.Field}"] is not { Errors.Count: > 0 });
            ModelState.AddFieldErrors(missing, prefix, localizer);
        }

        return Page();
    }

    /// <summary>Shows a refused save: the field errors, and the offer to save without verification when it applies.</summary>
    protected IActionResult Refused(CredentialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var prefix = result.FieldErrors.Any(e => e.Field == ApiCredentialService.VendorField) ? "Input" : ApiCredentialForm.FieldPrefix(Input.Vendor);
        ModelState.AddFieldErrors(result.FieldErrors, prefix, localizer);
        OfferSaveWithoutVerification = result.Outcome == CredentialOutcome.ProviderUnreachable;
        KeepTypedSecrets();
        return Page();
    }

    private string? ProtectTypedSecrets()
    {
        if (Input.Fields is not { } fields)
        {
            return null;
        }

        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Vendor.SecretFields)
        {
            if (fields.GetType().GetProperty(field)?.GetValue(fields) is string { Length: > 0 } value)
            {
                typed[field] = value;
            }
        }

        KeptSecretFields = typed.Keys;
        return typed.Count == 0 ? null : pendingSecrets.Protect(JsonSerializer.Serialize(typed));
    }
}
