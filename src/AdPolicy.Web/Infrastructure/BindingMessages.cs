using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// Model binding's own messages as sentences. An empty or unreadable number or date says what to enter, named by the
/// field's <c>[Display(Name = "the amount you are asking for")]</c> ("Enter the amount you are asking for."), never
/// "The value '' is invalid."; every other field gets a plain sentence too. Each message is worded when it is made, in
/// the reader's language (<c>Resources/Infrastructure/BindingMessages.resx</c>, keyed by the English text, field names too).
/// </summary>
public sealed class BindingMessages : IBindingMetadataProvider
{
    public static void Configure(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueMustNotBeNullAccessor(_ => Say("Fill in this field."));
        messages.SetMissingBindRequiredValueAccessor(_ => Say("Fill in this field."));
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => Say(NotAccepted, value));
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Say(NotAccepted, value));
        messages.SetValueIsInvalidAccessor(value => Say(NotAccepted, value));
        messages.SetUnknownValueIsInvalidAccessor(_ => Say("This field's value is not one it accepts."));
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => Say("This field's value is not one it accepts."));
        messages.SetMissingRequestBodyRequiredValueAccessor(() => Say("Fill in the form."));
        messages.SetMissingKeyOrValueAccessor(() => Say("Fill in this field."));
        messages.SetNonPropertyValueMustBeANumberAccessor(() => Say("Enter a number."));
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
        // Metadata is made once per property; the words are chosen each time a message is (the reader's language).
        string Empty() => Say("Enter {0}.", Say(what));
        string Unreadable() => Say("Enter {0} as {1}, for example {2}.", Say(what), Say(kind), Say(example));
        messages.SetValueMustNotBeNullAccessor(_ => Empty());
        messages.SetMissingBindRequiredValueAccessor(_ => Empty());
        messages.SetMissingKeyOrValueAccessor(Empty);
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => string.IsNullOrWhiteSpace(value) ? Empty() : Unreadable());
        messages.SetValueIsInvalidAccessor(value => string.IsNullOrWhiteSpace(value) ? Empty() : Unreadable());
        messages.SetUnknownValueIsInvalidAccessor(_ => Unreadable());
        context.BindingMetadata.ModelBindingMessageProvider = messages;
    }

    private const string NotAccepted = "\"{0}\" is not a value this field accepts.";

    private static readonly ResourceManager Text = new("AdPolicy.Web.Resources.Infrastructure.BindingMessages", typeof(BindingMessages).Assembly);

    /// <summary>The English sentence in the reader's language, with its values.</summary>
    private static string Say(string english, params object?[] values) =>
        string.Format(CultureInfo.CurrentCulture, Text.GetString(english, CultureInfo.CurrentUICulture) is { Length: > 0 } said ? said : english, values);

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
