using JourneyOptimizer.Sms.Core.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>Puts a service's field errors next to their fields (under <paramref name="prefix"/>), translated.</summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors, string prefix,
        IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(localizer);
        foreach (var error in errors)
        {
            var key = string.IsNullOrEmpty(error.Field) ? string.Empty
                : string.IsNullOrEmpty(prefix) ? error.Field : $"{prefix}.{error.Field}";
            modelState.AddModelError(key, localizer[error.Message, error.Arguments]);
        }
    }
}
