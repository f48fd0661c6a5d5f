using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// Model binding's own messages as sentences. An empty or unreadable number or date says what to enter, named by the
/// field's <c>[Display(Name = "the amount you are asking for")]</c> ("Enter the amount you are asking for."), never
/// "The value '' is invalid."; every other field gets a plain sentence too. Each is worded when it is given, in the
/// reader's language (the shared resource, where the fields' display names are too).
/// </summary>
public sealed class BindingMessages : IBindingMetadataProvider
{
    private const string FillIn = "Fill in this field.";
    private const string NotAccepted = "\"{0}\" is not a value this field accepts.";
    private const string UnknownValue = "This field's value is not one it accepts.";

    public static void Configure(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueMustNotBeNullAccessor(_ => Words.Get(FillIn));
        messages.SetMissingBindRequiredValueAccessor(_ => Words.Get(FillIn));
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => Words.Format(NotAccepted, value));
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Words.Format(NotAccepted, value));
        messages.SetValueIsInvalidAccessor(value => Words.Format(NotAccepted, value));
        messages.SetUnknownValueIsInvalidAccessor(_ => Words.Get(UnknownValue));
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => Words.Get(UnknownValue));
        messages.SetMissingRequestBodyRequiredValueAccessor(() => Words.Get("Fill in the form."));
        messages.SetMissingKeyOrValueAccessor(() => Words.Get(FillIn));
        messages.SetNonPropertyValueMustBeANumberAccessor(() => Words.Get("Enter a number."));
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
        string Empty() => Words.Format("Enter {0}.", Words.Get(what));
        string Unreadable() => Words.Format("Enter {0} as {1}, for example {2}.", Words.Get(what), Words.Get(kind), example);
        messages.SetValueMustNotBeNullAccessor(_ => Empty());
        messages.SetMissingBindRequiredValueAccessor(_ => Empty());
        messages.SetMissingKeyOrValueAccessor(Empty);
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => string.IsNullOrWhiteSpace(value) ? Empty() : Unreadable());
        messages.SetValueIsInvalidAccessor(value => string.IsNullOrWhiteSpace(value) ? Empty() : Unreadable());
        messages.SetUnknownValueIsInvalidAccessor(_ => Unreadable());
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
