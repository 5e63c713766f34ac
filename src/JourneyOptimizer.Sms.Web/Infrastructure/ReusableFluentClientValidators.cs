using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// FluentValidation's client-side adapters (the <c>data-val-*</c> attributes of a form), built once per property instead
/// of on every render (docs/performance.md, seventh round). FluentValidation marks them not reusable because a
/// validator may be scoped to the request; MVC then asks every client provider again for every field of every form it
/// renders, resolving the validator and building its adapters each time. The portal's validators are singletons
/// (<c>AddValidatorsFromAssemblyContaining</c> with <see cref="ServiceLifetime.Singleton"/>), no rule selects rule sets
/// per action, and an adapter builds its message when it writes the attributes, in the culture of that request
/// (<see cref="LocalizedValidationMessages"/>), so the same adapters serve every request.
/// </summary>
internal sealed class ReusableFluentClientValidators(IClientModelValidatorProvider inner) : IClientModelValidatorProvider
{
    public IClientModelValidatorProvider Inner { get; } = inner;

    public void CreateValidators(ClientValidatorProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var before = context.Results.Count;
        Inner.CreateValidators(context);
        for (var i = before; i < context.Results.Count; i++)
        {
            context.Results[i].IsReusable = true;
        }
    }

    /// <summary>Wraps FluentValidation's provider in MVC's list (after FluentValidation's own setup has added it).</summary>
    public static IServiceCollection AddReusableFluentClientValidators(IServiceCollection services)
    {
        services.AddOptions<MvcViewOptions>().PostConfigure(options =>
        {
            var providers = options.ClientModelValidatorProviders;
            for (var i = 0; i < providers.Count; i++)
            {
                if (providers[i] is FluentValidationClientModelValidatorProvider)
                {
                    providers[i] = new ReusableFluentClientValidators(providers[i]);
                }
            }
        });
        return services;
    }
}
