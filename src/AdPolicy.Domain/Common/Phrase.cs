using System.Globalization;

namespace AdPolicy.Domain.Common;

/// <summary>
/// A sentence the domain writes for a person (why a sanction applies, what a violation caused), kept as its English
/// template and the values in it, so a page can say it in the reader's language and zone: the template is the key of
/// its translation. A value is text written by someone (a reason: shown as written), a number, a moment, or a phrase
/// (said in turn: a category, a tier, "3 days"). <see cref="English"/> is the sentence as the domain always wrote it.
/// </summary>
public sealed record Phrase(string Template, IReadOnlyList<object> Values)
{
    public Phrase(string template, params object[] values)
        : this(template, (IReadOnlyList<object>)values)
    {
    }

    /// <summary>In English, moments as "2026-12-08 22:59 UTC".</summary>
    public string English => Values.Count == 0
        ? Template
        : string.Format(CultureInfo.InvariantCulture, Template, [.. Values.Select(v => v switch
        {
            DateTimeOffset at => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Phrase phrase => phrase.English,
            _ => v,
        })]);

    /// <summary>Sentences one after another, with a space between.</summary>
    public static Phrase Join(IReadOnlyList<Phrase> sentences) =>
        new(string.Join(" ", sentences.Select((_, i) => "{" + i.ToString(CultureInfo.InvariantCulture) + "}")), [.. sentences.Cast<object>()]);

    public override string ToString() => English;
}
