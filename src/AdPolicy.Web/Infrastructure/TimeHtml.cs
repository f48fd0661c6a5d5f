namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// A moment as <c>&lt;local-time&gt;</c> writes it, as a value to put inside a translated sentence:
/// <c>@L["Please answer by {0}.", Reader.Time(due)]</c> (the sentence is one key; the time keeps its element).
/// </summary>
public static class TimeHtml
{
    public static Microsoft.AspNetCore.Html.IHtmlContent Time(this Localisation.Reader reader, DateTimeOffset? at)
    {
        var time = new Microsoft.AspNetCore.Mvc.Rendering.TagBuilder("time");
        if (at is { } value)
        {
            time.Attributes["datetime"] = value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            time.Attributes["title"] = reader.Zone.Id;
            time.InnerHtml.Append(reader.At(value));
        }
        else
        {
            time.InnerHtml.Append("—");
        }

        return time;
    }
}
