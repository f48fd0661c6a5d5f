using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Localisation;

/// <summary>
/// What a resource said for a key in a language, kept for the life of the app (issue 17): a page asks for the same
/// few dozen words on every view, a list asks for them on every row, and each ask went through ResourceManager's
/// culture fallback again. Resources are compiled into the app, so what is kept is never stale. The keys are the
/// English texts the code and views ask for; to stay bounded whatever asks, at most <see cref="Kept"/> entries per
/// resource are kept and longer keys are always looked up.
/// </summary>
internal sealed class KeptWords<T>
    where T : class
{
    private const int Kept = 4_000;

    private const int LongestKept = 500;

    private readonly ConcurrentDictionary<(string Culture, string Key), T> _said = new();

    /// <param name="key">What is asked for.</param>
    /// <param name="source">What looks it up (passed, so that no delegate is made per ask).</param>
    /// <param name="look">Looks the key up in <paramref name="source"/>.</param>
    public T Get<TSource>(string key, TSource source, Func<TSource, string, T> look)
    {
        if (key.Length > LongestKept)
        {
            return look(source, key);
        }

        var entry = (CultureInfo.CurrentUICulture.Name, key);
        if (_said.TryGetValue(entry, out var said))
        {
            return said;
        }

        said = look(source, key);
        if (_said.Count < Kept)
        {
            _said.TryAdd(entry, said);
        }

        return said;
    }
}

/// <summary>The framework's localisers (views' <c>L</c>, the shared <c>S</c>, pages' and validators' texts), each answer kept (<see cref="KeptWords{T}"/>).</summary>
public sealed class KeptStringLocalizerFactory(ResourceManagerStringLocalizerFactory resources) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<IStringLocalizer, IStringLocalizer> _kept = new(ReferenceEqualityComparer.Instance);

    public IStringLocalizer Create(Type resourceSource) => Keep(resources.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => Keep(resources.Create(baseName, location));

    // The framework's factory makes one localiser per resource and hands out the same one again; so does this one.
    private IStringLocalizer Keep(IStringLocalizer localizer) => _kept.GetOrAdd(localizer, l => new KeptStringLocalizer(l));

    private sealed class KeptStringLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        private readonly KeptWords<LocalizedString> _said = new();

        public LocalizedString this[string name] => _said.Get(name, inner, static (l, n) => l[n]);

        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                // As the framework's localiser does: the kept format (the key itself when missing), in the reader's culture.
                var format = this[name];
                return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}
