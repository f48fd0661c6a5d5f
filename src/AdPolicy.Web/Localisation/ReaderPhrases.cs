using System.Globalization;
using System.Text.Encodings.Web;
using AdPolicy.Domain.Common;
using Microsoft.AspNetCore.Html;

namespace AdPolicy.Web.Localisation;

/// <summary>What a page says with the reader's zone and language beyond <see cref="Reader"/>'s own formatting.</summary>
public static class ReaderPhrases
{
    /// <summary>
    /// A sentence the domain made (<see cref="Phrase"/>) in the reader's language: its template through the shared
    /// resource, each moment in the reader's zone, each inner phrase said the same way, written text as it is.
    /// </summary>
    public static string Say(this Reader reader, Phrase phrase) =>
        phrase.Values.Count == 0
            ? Words.Get(phrase.Template)
            : Words.Format(phrase.Template, [.. phrase.Values.Select(v => v switch
            {
                DateTimeOffset at => reader.At(at),
                Phrase inner => reader.Say(inner),
                _ => v,
            })]);

    /// <summary>A moment inside a translated sentence (<c>@L["Ends {0}.", Reader.Time(x)]</c>): the markup <c>&lt;local-time&gt;</c> writes.</summary>
    public static IHtmlContent Time(this Reader reader, DateTimeOffset? at) =>
        at is not { } value
            ? new HtmlString("—")
            : new HtmlString(string.Create(
                CultureInfo.InvariantCulture,
                $"<time datetime=\"{value.UtcDateTime:O}\" title=\"{HtmlEncoder.Default.Encode(reader.Zone.Id)}\">{HtmlEncoder.Default.Encode(reader.At(value))}</time>"));
}
