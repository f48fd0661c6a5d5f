using AdPolicy.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AdPolicy.Web.Infrastructure;

public static class Validation
{
    /// <summary>Runs the validator and puts each failure next to its field ("Input.Field").</summary>
    public static async Task<bool> ValidateIntoAsync<T>(this IValidator<T> validator, T input, ModelStateDictionary modelState, string prefix = "Input")
    {
        var errors = new FieldErrors();
        var valid = await errors.ValidateAsync(validator, input, prefix);
        foreach (var (field, message) in errors.All)
        {
            // A field the binder could not read already says what to enter; the validator saw only its default.
            if (!(modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0))
            {
                modelState.AddModelError(field, message);
            }
        }

        return valid && modelState.IsValid;
    }

    /// <summary>A broken domain rule becomes a page-level message.</summary>
    public static void AddRule(this ModelStateDictionary modelState, DomainRuleException rule) =>
        modelState.AddModelError(string.Empty, Localisation.Sentences.Of(rule));
}
