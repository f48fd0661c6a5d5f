using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace AdPolicy.Web.Localisation;

/// <summary>What a page says with the reader's zone beyond <see cref="Reader"/>'s own formatting.</summary>
public static class ReaderPhrases
{
    /// <summary>A moment inside a translated sentence (<c>@L["Ends {0}.", Reader.Time(x)]</c>): the markup <c>&lt;local-time&gt;</c> writes.</summary>
    public static IHtmlContent Time(this Reader reader, DateTimeOffset? at) =>
        at is not { } value
            ? new HtmlString("—")
            : new HtmlString(string.Create(
                CultureInfo.InvariantCulture,
                $"<time datetime=\"{value.UtcDateTime:O}\" title=\"{HtmlEncoder.Default.Encode(reader.Zone.Id)}\">{HtmlEncoder.Default.Encode(reader.At(value))}</time>"));
}
