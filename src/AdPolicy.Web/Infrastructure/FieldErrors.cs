using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// What a service refused in its input, field by field ("" for the form as a whole). Services fill it without knowing
/// who shows it: a page puts it next to its fields (<see cref="FieldErrorsModelState.AddFieldErrors"/>), the API
/// answers it as a validation problem.
/// </summary>
public sealed class FieldErrors
{
    private readonly List<(string Field, string Message)> errors = [];

    public bool IsValid => errors.Count == 0;

    public IReadOnlyList<(string Field, string Message)> All => errors;

    public void Add(string field, string message) => errors.Add((field, message));

    /// <summary>
    /// Runs the validator and records each failure under its field ("Evidence.Field"), except on a field that already
    /// has a refusal (a value the form reader could not take already says what to enter).
    /// </summary>
    public async Task<bool> ValidateAsync<T>(IValidator<T> validator, T input, string prefix)
    {
        var refused = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        var result = await validator.ValidateAsync(input);
        foreach (var error in result.Errors)
        {
            var field = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
            if (!refused.Contains(field))
            {
                Add(field, error.ErrorMessage);
            }
        }

        return result.IsValid;
    }
}

public static class FieldErrorsModelState
{
    /// <summary>Shows a service's refusals on the page, next to their fields; true when there were none.</summary>
    public static bool AddFieldErrors(this ModelStateDictionary modelState, FieldErrors errors)
    {
        foreach (var (field, message) in errors.All)
        {
            modelState.AddModelError(field, message);
        }

        return errors.IsValid;
    }
}
