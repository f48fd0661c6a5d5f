using System.Globalization;
using System.Resources;

namespace AdPolicy.Web.Localisation;

/// <summary>
/// One resource of <c>Resources/</c> read without a request's services — the shared words (<see cref="Words"/>), the
/// system's sentences (<see cref="Sentences"/>), the notices, and static helpers that word things for pages
/// (<c>AppealText</c>, <c>PolicyFields</c>, delivery phrases): <c>new ResourceWords("Appeals.AppealText")</c> reads
/// <c>Resources/Appeals/AppealText(.es).resx</c>. The key is the English text; a key the resource lacks is looked up in
/// <paramref name="fallback"/>, and a key missing everywhere shows its English.
/// </summary>
public sealed class ResourceWords(string resource, ResourceWords? fallback = null)
{
    private readonly ResourceManager _resource = new($"AdPolicy.Web.Resources.{resource}", typeof(SharedResource).Assembly);

    private readonly KeptWords<string> _said = new();

    public string Get(string english) => _said.Get(english, this, static (words, e) => words.Look(e));

    private string Look(string english) =>
        _resource.GetString(english, CultureInfo.CurrentUICulture) is { Length: > 0 } said ? said : fallback?.Get(english) ?? english;

    public string Format(string english, params object?[] values) =>
        string.Format(CultureInfo.CurrentCulture, Get(english), values);
}
