using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// Model binding's own messages as sentences. An empty or unreadable number or date says what to enter, named by the
/// field's <c>[Display(Name = "the amount you are asking for")]</c> ("Enter the amount you are asking for."), never
/// "The value '' is invalid."; every other field gets a plain sentence too.
/// </summary>
public sealed class BindingMessages : IBindingMetadataProvider
{
    public static void Configure(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueMustNotBeNullAccessor(_ => "Fill in this field.");
        messages.SetMissingBindRequiredValueAccessor(_ => "Fill in this field.");
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"\"{value}\" is not a value this field accepts.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"\"{value}\" is not a value this field accepts.");
        messages.SetValueIsInvalidAccessor(value => $"\"{value}\" is not a value this field accepts.");
        messages.SetUnknownValueIsInvalidAccessor(_ => "This field's value is not one it accepts.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "This field's value is not one it accepts.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Fill in the form.");
        messages.SetMissingKeyOrValueAccessor(() => "Fill in this field.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Enter a number.");
        options.ModelMetadataDetailsProviders.Add(new BindingMessages());
    }

    public void CreateBindingMetadata(BindingMetadataProviderContext context)
    {
        if (context.Key.MetadataKind != ModelMetadataKind.Property || Kind(context.Key.ModelType) is not var (kind, example))
        {
            return;
        }

        var what = context.PropertyAttributes?.OfType<DisplayAttribute>().FirstOrDefault()?.GetName() ?? kind;
        var messages = context.BindingMetadata.ModelBindingMessageProvider is DefaultModelBindingMessageProvider inherited
            ? new DefaultModelBindingMessageProvider(inherited)
            : new DefaultModelBindingMessageProvider();
        var empty = $"Enter {what}.";
        var unreadable = $"Enter {what} as {kind}, for example {example}.";
        messages.SetValueMustNotBeNullAccessor(_ => empty);
        messages.SetMissingBindRequiredValueAccessor(_ => empty);
        messages.SetMissingKeyOrValueAccessor(() => empty);
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => string.IsNullOrWhiteSpace(value) ? empty : unreadable);
        messages.SetValueIsInvalidAccessor(value => string.IsNullOrWhiteSpace(value) ? empty : unreadable);
        messages.SetUnknownValueIsInvalidAccessor(_ => unreadable);
        context.BindingMetadata.ModelBindingMessageProvider = messages;
    }

    private static (string Kind, string Example)? Kind(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return ("a date", "2026-12-31");
        }

        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
        {
            return ("a number", "1500.50");
        }

        return type == typeof(int) || type == typeof(long) || type == typeof(short)
            ? ("a whole number", "12")
            : null;
    }
}
