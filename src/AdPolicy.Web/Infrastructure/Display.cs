using System.Globalization;
using AdPolicy.Domain.Common;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace AdPolicy.Web.Infrastructure;

public static class Display
{
    /// <summary>"1,234.50 EUR" (English), "1.234,50 EUR" (Spanish): the amount in the reader's culture, with its currency code.</summary>
    public static string Money(decimal amount, string currency) => Money(new Money(amount, currency));

    public static string Money(Money money) => string.Create(CultureInfo.CurrentCulture, $"{money.Amount:N2} {money.Currency}");

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>"1 strike", "3 strikes": a count with its noun in the right number.</summary>
    public static string Count(long count, string noun, string? plural = null) =>
        $"{count.ToString("N0", CultureInfo.CurrentCulture)} {(count == 1 ? noun : plural ?? noun + "s")}";

    /// <summary>"312 bytes", "1.4 KB", "2.0 MB": a file size that never says 0 KB.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => Count(bytes, "byte"),
        < 1024 * 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.CurrentCulture) + " KB",
        _ => (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.CurrentCulture) + " MB",
    };

    public static string Percent(decimal share) => share.ToString("P1", CultureInfo.CurrentCulture);

    /// <summary>
    /// A moment in text written once for everyone (a stored notice, a sentence kept with a case): "2026-12-08 22:59 UTC".
    /// Pages and emails rewrite these in the reader's zone (<see cref="Localisation.Zones.InZone"/>); a page showing a
    /// moment of its own uses <c>&lt;local-time&gt;</c> or <see cref="Localisation.Reader.At"/>.
    /// </summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public const string Left = "{0} left";

    public const string OverdueBy = "overdue by {0}";

    /// <summary>"3 h 20 min left" / "overdue by 2 h" — the time left on a clock, in the reader's language.</summary>
    public static string TimeLeft(DateTimeOffset due, DateTimeOffset now)
    {
        var left = due - now;
        var text = Span(left.Duration());
        return left < TimeSpan.Zero ? Localisation.Words.Format(OverdueBy, text) : Localisation.Words.Format(Left, text);
    }

    /// <summary>An enum value as words in the reader's language: PerformanceShortfall → "Performance shortfall", "Déficit de rendimiento".</summary>
    public static string Words<T>(T value)
        where T : struct, Enum => Words(value.ToString());

    public static string Words(string? pascal)
    {
        if (string.IsNullOrEmpty(pascal))
        {
            return string.Empty;
        }

        return Localisation.Words.Get(English(pascal));
    }

    /// <summary>The English words of an enum value's name (the key its translation is kept under).</summary>
    public static string English(string pascal)
    {
        // A page shows the same few names many times (issue 17: a regex each). Looked up first: counting a concurrent
        // dictionary takes all its locks, so the bound is checked only when a name is new.
        if (EnglishNames.TryGetValue(pascal, out var words))
        {
            return words;
        }

        words = SplitWords(pascal);
        if (pascal.Length <= EnglishNameMaxLength && EnglishNames.Count < EnglishNamesKept)
        {
            EnglishNames.TryAdd(pascal, words);
        }

        return words;
    }

    private const int EnglishNameMaxLength = 64;

    private const int EnglishNamesKept = 2_000;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> EnglishNames = new(StringComparer.Ordinal);

    private static string SplitWords(string pascal)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(pascal, "(?<=[a-z0-9])(?=[A-Z])", " ").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>What <c>&lt;local-time&gt;</c> writes, for a loop that writes many (a tag helper per row costs more than the row).</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent LocalTime(Localisation.Reader reader, DateTimeOffset value)
    {
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Default;
        return new Microsoft.AspNetCore.Html.HtmlString(
            $"<time datetime=\"{value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}\" title=\"{encoder.Encode(reader.Zone.Id)}\">{encoder.Encode(reader.At(value))}</time>");
    }

    /// <summary>
    /// A countdown in a list of many: only its due time and its text; the list's element carries the rest once
    /// (<see cref="CountdownShared"/>), which site.js reads from the nearest holder.
    /// </summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent CountdownInList(DateTimeOffset due, DateTimeOffset now) =>
        new Microsoft.AspNetCore.Html.HtmlString(string.Create(CultureInfo.InvariantCulture,
            $"<span data-countdown=\"{due.UtcDateTime:O}\"{(due < now ? " class=\"overdue\"" : "")}>{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(TimeLeft(due, now))}</span>"));

    /// <summary>The attributes every <see cref="CountdownInList"/> inside an element shares, written once on it.</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent CountdownShared(DateTimeOffset now)
    {
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Default;
        return new Microsoft.AspNetCore.Html.HtmlString(string.Create(CultureInfo.InvariantCulture,
            $"data-now=\"{now.UtcDateTime:O}\" data-left=\"{encoder.Encode(Localisation.Words.Get(Left))}\" data-overdue=\"{encoder.Encode(Localisation.Words.Get(OverdueBy))}\""));
    }

    /// <summary>
    /// A timeline line's heading: "Claimed → in review", or only "Withdrawn" when the event's own word already says the
    /// status it moved to ("Withdrawn by the complainant" for Withdrawn → "withdrawn by the complainant"), so no word
    /// repeats and no status moves to itself. With <paramref name="from"/> (staff pages): "Claimed: submitted → in
    /// review", "Withdrawn (was in review)".
    /// </summary>
    public static string EventTitle<TKind>(TKind kind, string? from, string? to)
        where TKind : struct, Enum
    {
        var what = Words(kind);
        if (to is null || string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            return what;
        }

        if (to.StartsWith(what, StringComparison.OrdinalIgnoreCase))
        {
            var said = char.ToUpperInvariant(to[0]) + to[1..];
            return from is null ? said : $"{said} (was {from})";
        }

        return from is null ? $"{what} → {to}" : $"{what}: {from} → {to}";
    }

    public static string Span(TimeSpan span) => span.TotalDays >= 2
        ? $"{(int)span.TotalDays} d {span.Hours} h"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(0, span.Minutes)} min";
}

/// <summary>
/// <c>&lt;local-time value="@x" /&gt;</c>: the one way a page shows a moment — in the reader's time zone and culture,
/// with the zone named ("8 Dec 2026, 23:59 CET"; the IANA name in the title), rendered on the server.
/// </summary>
[HtmlTargetElement("local-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper(Localisation.Reader reader) : TagHelper
{
    public DateTimeOffset? Value { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (Value is not { } value)
        {
            output.Content.SetContent("—");
            return;
        }

        output.Attributes.SetAttribute("datetime", value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        output.Attributes.SetAttribute("title", reader.Zone.Id);
        output.Content.SetContent(reader.At(value));
    }
}

/// <summary><c>&lt;countdown due="@x" now="@now" /&gt;</c>: time left on a clock, kept live by site.js.</summary>
[HtmlTargetElement("countdown", TagStructure = TagStructure.WithoutEndTag)]
public sealed class CountdownTagHelper : TagHelper
{
    public DateTimeOffset Due { get; set; }

    public DateTimeOffset Now { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("data-countdown", Due.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        output.Attributes.SetAttribute("data-now", Now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        output.Attributes.SetAttribute("data-left", Localisation.Words.Get(Display.Left));
        output.Attributes.SetAttribute("data-overdue", Localisation.Words.Get(Display.OverdueBy));
        if (Due < Now)
        {
            output.Attributes.SetAttribute("class", "overdue");
        }

        output.Content.SetContent(Display.TimeLeft(Due, Now));
    }
}
