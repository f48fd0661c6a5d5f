using System.Globalization;
using System.Resources;

namespace AdPolicy.Web.Localisation;

/// <summary>
/// One resource of <c>Resources/</c> read without a request's services, for static helpers that word things for pages
/// (<c>AppealText</c>, <c>PolicyFields</c>, delivery phrases): <c>new ResourceWords("Appeals.AppealText")</c> reads
/// <c>Resources/Appeals/AppealText(.es).resx</c>. Same rule as <see cref="Words"/>: the key is the English text, and a
/// missing key shows it.
/// </summary>
public sealed class ResourceWords(string resource)
{
    private readonly ResourceManager _resource = new($"AdPolicy.Web.Resources.{resource}", typeof(SharedResource).Assembly);

    public string Get(string english) =>
        _resource.GetString(english, CultureInfo.CurrentUICulture) is { Length: > 0 } said ? said : english;

    public string Format(string english, params object[] values) =>
        string.Format(CultureInfo.CurrentCulture, Get(english), values);
}
