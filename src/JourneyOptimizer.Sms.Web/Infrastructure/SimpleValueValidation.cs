using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// FluentValidation validates the forms' input models; MVC's own visitor validates simple values (a route's id, a
/// search text, a cursor, a handler's arguments), for which the portal has no FluentValidation validator. Through
/// FluentValidation's auto-validation every bound value of every request, a GET's query string included, looked for a
/// <c>[CustomizeValidator]</c> attribute by reflection and built and resolved an <c>IValidator&lt;T&gt;</c> type for
/// itself: 3% of the CPU time of the credentials list (docs/performance.md, eighth round). Simple values still go
/// through MVC's validation (data annotations, if any), and their model-state entries are marked valid as before.
/// </summary>
internal sealed class SimpleValueValidation(
    IModelMetadataProvider metadataProvider,
    IList<IModelValidatorProvider> validatorProviders,
    ObjectModelValidator fluent,
    MvcOptions mvcOptions)
    : ObjectModelValidator(metadataProvider, [.. validatorProviders.Where(p => p is not FluentValidationModelValidatorProvider)])
{
    /// <summary>FluentValidation's validator, which validates everything that is not a simple value.</summary>
    public ObjectModelValidator Fluent { get; } = fluent;

    public override void Validate(ActionContext actionContext, ValidationStateDictionary? validationState, string? prefix, object? model,
        ModelMetadata metadata, object? container)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.IsComplexType)
        {
            Fluent.Validate(actionContext, validationState, prefix, model, metadata, container);
            return;
        }

        base.Validate(actionContext, validationState, prefix, model, metadata, container);
    }

    public override void Validate(ActionContext actionContext, ValidationStateDictionary? validationState, string? prefix, object? model,
        ModelMetadata metadata) => Validate(actionContext, validationState, prefix, model, metadata, container: null);

    public override void Validate(ActionContext actionContext, ValidationStateDictionary? validationState, string? prefix, object? model) =>
        Fluent.Validate(actionContext, validationState, prefix, model);

    public override ValidationVisitor GetValidationVisitor(ActionContext actionContext, IModelValidatorProvider validatorProvider,
        ValidatorCache validatorCache, IModelMetadataProvider metadataProvider, ValidationStateDictionary? validationState) =>
        new(actionContext, validatorProvider, validatorCache, metadataProvider, validationState)
        {
            MaxValidationDepth = mvcOptions.MaxValidationDepth,
            ValidateComplexTypesIfChildValidationFails = mvcOptions.ValidateComplexTypesIfChildValidationFails,
        };

    /// <summary>Wraps the validator FluentValidation's <c>AddFluentValidationAutoValidation</c> registered (call after it).</summary>
    public static IServiceCollection AddSimpleValueValidation(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IObjectModelValidator))
            ?? throw new InvalidOperationException("Call AddFluentValidationAutoValidation first.");
        services.Replace(ServiceDescriptor.Singleton<IObjectModelValidator>(provider =>
        {
            var inner = registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!);
            var options = provider.GetRequiredService<IOptions<MvcOptions>>().Value;
            return new SimpleValueValidation(provider.GetRequiredService<IModelMetadataProvider>(), options.ModelValidatorProviders,
                (ObjectModelValidator)inner, options);
        }));
        return services;
    }
}
