using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// The framework messages that the portal's own texts do not cover, in the user's language: MVC's model-binding and
/// implicit "required" messages (server-side errors and data-val-* attributes). Identity's errors come from
/// <see cref="LocalizedIdentityErrorDescriber"/>, registered with AddIdentity.
/// Keys are English texts in <see cref="SharedResource"/>, like every other text of the portal.
/// </summary>
public static class LocalizationSetup
{
    public const string ResourcesPath = "Resources";

    /// <summary>The message of the implicit [Required] that MVC puts on non-nullable value types (ints, enums).</summary>
    public const string RequiredFieldMessage = "This field is required.";

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLocalization(options => options.ResourcesPath = ResourcesPath);

        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((options, factory) =>
        {
            var localizer = factory.Create(typeof(SharedResource));
            var messages = options.ModelBindingMessageProvider;
            messages.SetMissingBindRequiredValueAccessor(_ => localizer[RequiredFieldMessage]);
            messages.SetMissingKeyOrValueAccessor(() => localizer["A value is required."]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["A non-empty request body is required."]);
            messages.SetValueMustNotBeNullAccessor(_ => localizer[RequiredFieldMessage]);
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => localizer["The value '{0}' is not valid.", value]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["The value '{0}' is not valid.", value]);
            messages.SetValueIsInvalidAccessor(value => localizer["The value '{0}' is not valid.", value]);
            messages.SetUnknownValueIsInvalidAccessor(_ => localizer["The value is not valid."]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["The value is not valid."]);
            messages.SetValueMustBeANumberAccessor(_ => localizer["Enter a number."]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer["Enter a number."]);
        });

        // Before the data-annotation provider, which then makes the translated data-val-required from our attribute.
        services.AddOptions<MvcViewOptions>().Configure(options =>
            options.ClientModelValidatorProviders.Insert(0, new RequiredValueTypeClientMessageProvider()));
        return services;
    }

    /// <summary>
    /// MVC gives non-nullable value-type properties (a hidden Version, an enum select, a bool) an implicit client-side
    /// [Required] without a message; its English default would reach the data-val-required attribute untranslated.
    /// This provider hands the data-annotation client provider a [Required] with a message key instead, translated by
    /// the data-annotation localizer. It is client-side only, like MVC's implicit one: on the server such a property is
    /// never "missing" (a [BindProperty] bool that the form does not post, such as the "Save without verification"
    /// button, keeps its default), and an empty posted value is already a binding error (translated above).
    /// </summary>
    private sealed class RequiredValueTypeClientMessageProvider : IClientModelValidatorProvider
    {
        public void CreateValidators(ClientValidatorProviderContext context)
        {
            var metadata = context.ModelMetadata;
            if (metadata.MetadataKind != ModelMetadataKind.Property || !metadata.IsRequired
                || metadata.IsReferenceOrNullableType
                || context.Results.Any(r => r.ValidatorMetadata is RequiredAttribute))
            {
                return;
            }

            context.Results.Add(new ClientValidatorItem(new RequiredAttribute { ErrorMessage = RequiredFieldMessage }));
        }
    }
}
