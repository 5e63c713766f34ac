using FluentValidation;
using JourneyOptimizer.Sms.Core.Credentials;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace JourneyOptimizer.Sms.Web.Pages.Administration.Channels.SmsSettings.ApiCredentials;

/// <summary>
/// The create/edit form: the SMS vendor, then that vendor's own input (<see cref="ICredentialVendor.InputType"/>),
/// posted under <c>Input.{Vendor}</c> (<c>Input.Twilio.AccountSid</c>, <c>Input.Custom.ProviderUrl</c>...). A vendor's
/// fields are its partial, <c>_{Vendor}Fields.cshtml</c>, whose model is its input. <see cref="ApiCredentialFormBinder"/>
/// binds the input type of the posted vendor and tells validation its real type, so that the vendor's FluentValidation
/// validator runs on it (server side, and through the client adapters in the partial).
/// </summary>
public sealed class ApiCredentialForm
{
    public SmsVendor Vendor { get; set; }

    /// <summary>The chosen vendor's fields.</summary>
    public ApiCredentialInput? Fields { get; set; }

    /// <summary>The name typed in the chosen vendor's fields.</summary>
    public string? Name => Fields?.Name;

    /// <summary>The form field prefix of a vendor's fields (where its field errors go): <c>Input.Twilio</c>.</summary>
    public static string FieldPrefix(SmsVendor vendor) => "Input." + vendor;

    /// <summary>The partial view with a vendor's fields, next to the pages: <c>_TwilioFields</c>.</summary>
    public static string PartialName(SmsVendor vendor) => "_" + vendor + "Fields";
}

/// <summary>The vendor must be one of the registered vendors; its fields are validated by their own validator.</summary>
public sealed class ApiCredentialFormValidator : AbstractValidator<ApiCredentialForm>
{
    public ApiCredentialFormValidator(CredentialVendors vendors)
    {
        ArgumentNullException.ThrowIfNull(vendors);
        RuleFor(x => x.Vendor).Must(v => vendors.Find(v) is not null).WithMessage(ApiCredentialService.ChooseVendor);
    }
}

/// <summary>
/// Binds <see cref="ApiCredentialForm"/> polymorphically (as ASP.NET Core's documented polymorphic binding does):
/// reads <c>Input.Vendor</c>, binds <c>Input.{Vendor}</c> with the framework's binder for that vendor's input type, and
/// records the input's real metadata in the validation state, so that validation (FluentValidation's auto-validation)
/// sees a <c>TwilioCredentialInput</c> at key <c>Input.Twilio</c>, not an <see cref="ApiCredentialInput"/>. An unknown
/// vendor leaves <see cref="ApiCredentialForm.Vendor"/> undefined (the validator says so) and the first vendor's empty
/// fields to render.
/// </summary>
public sealed class ApiCredentialFormBinder(CredentialVendors vendors, IReadOnlyDictionary<SmsVendor, (ModelMetadata Metadata, IModelBinder Binder)> binders)
    : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var form = new ApiCredentialForm();
        var vendorName = ModelNames.CreatePropertyModelName(bindingContext.ModelName, nameof(ApiCredentialForm.Vendor));
        var posted = bindingContext.ValueProvider.GetValue(vendorName);
        ICredentialVendor vendor;
        if (posted == ValueProviderResult.None)
        {
            vendor = vendors.All[0];
            form.Vendor = vendor.Vendor;
        }
        else
        {
            bindingContext.ModelState.SetModelValue(vendorName, posted);
            var found = vendors.Find(posted.FirstValue);
            vendor = found ?? vendors.All[0];
            form.Vendor = found?.Vendor ?? default;
        }

        var (metadata, binder) = binders[vendor.Vendor];
        var fieldsName = ApiCredentialForm.FieldPrefix(vendor.Vendor);
        ModelBindingResult result;
        using (bindingContext.EnterNestedScope(metadata, vendor.Vendor.ToString(), fieldsName, model: null))
        {
            await binder.BindModelAsync(bindingContext);
            result = bindingContext.Result;
        }

        form.Fields = result.IsModelSet && result.Model is ApiCredentialInput input ? input : vendor.NewInput();
        bindingContext.ValidationState[form.Fields] = new ValidationStateEntry { Key = fieldsName, Metadata = metadata };
        bindingContext.Result = ModelBindingResult.Success(form);
    }
}

/// <summary>Gives <see cref="ApiCredentialForm"/> its binder, with the framework's binder of every vendor's input type.</summary>
public sealed class ApiCredentialFormBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Metadata.ModelType != typeof(ApiCredentialForm))
        {
            return null;
        }

        var vendors = context.Services.GetRequiredService<CredentialVendors>();
        var binders = vendors.All.ToDictionary(v => v.Vendor, v =>
        {
            var metadata = context.MetadataProvider.GetMetadataForType(v.InputType);
            return (metadata, context.CreateBinder(metadata));
        });
        return new ApiCredentialFormBinder(vendors, binders);
    }
}
