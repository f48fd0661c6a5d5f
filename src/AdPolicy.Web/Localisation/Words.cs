using System.Globalization;
using System.Resources;

namespace AdPolicy.Web.Localisation;

/// <summary>
/// The shared resource read without a request's services, for the static helpers every page uses
/// (<see cref="Infrastructure.Display"/>: status words, "3 h left"). Same file, same rule as
/// <c>IStringLocalizer&lt;SharedResource&gt;</c>: the key is the English text, and a missing key shows it.
/// </summary>
public static class Words
{
    private static readonly ResourceManager Shared = new("AdPolicy.Web.Resources.Localisation.SharedResource", typeof(SharedResource).Assembly);

    public static string Get(string english) =>
        Shared.GetString(english, CultureInfo.CurrentUICulture) is { Length: > 0 } said ? said : english;

    public static string Format(string english, params object[] values) =>
        string.Format(CultureInfo.CurrentCulture, Get(english), values);
}
