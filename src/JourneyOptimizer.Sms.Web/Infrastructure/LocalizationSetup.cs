using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// The framework messages that the portal's own texts do not cover, in the user's language: ASP.NET Core Identity's
/// errors and MVC's model-binding and implicit "required" messages (server-side errors and data-val-* attributes).
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

        // Replaces Identity's describer whether AddIdentity ran before (Replace) or runs after (its TryAdd is a no-op).
        services.Replace(ServiceDescriptor.Scoped<IdentityErrorDescriber, LocalizedIdentityErrorDescriber>());

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
            options.ModelMetadataDetailsProviders.Add(new RequiredValueTypeMessageProvider());
        });
        return services;
    }

    /// <summary>
    /// MVC adds an implicit [Required] without a message to non-nullable value-type properties (a hidden Version,
    /// an enum select); its English default would reach the data-val-required attribute untranslated. An explicit
    /// [Required] with a message key takes its place and is translated by the data-annotation localizer.
    /// </summary>
    private sealed class RequiredValueTypeMessageProvider : IValidationMetadataProvider
    {
        public void CreateValidationMetadata(ValidationMetadataProviderContext context)
        {
            var type = context.Key.ModelType;
            // Not bool: a checkbox or a flag button is "false" when absent, and a top-level bound flag (such as
            // "Save without verification") that is not posted must stay valid; the unobtrusive adapters never
            // apply "required" to checkboxes anyway.
            if (context.Key.MetadataKind != ModelMetadataKind.Property || !type.IsValueType || type == typeof(bool)
                || Nullable.GetUnderlyingType(type) is not null
                || context.ValidationMetadata.ValidatorMetadata.Any(m => m is RequiredAttribute))
            {
                return;
            }

            context.ValidationMetadata.ValidatorMetadata.Add(new RequiredAttribute { ErrorMessage = RequiredFieldMessage });
        }
    }
}
