namespace AdPolicy.Web.Localisation;

/// <summary>
/// The shared resource read without a request's services, for the static helpers every page uses
/// (<see cref="Infrastructure.Display"/>: status words, "3 h left"). Same file, same rule as
/// <c>IStringLocalizer&lt;SharedResource&gt;</c>: the key is the English text, and a missing key shows it.
/// </summary>
public static class Words
{
    /// <summary>The shared resource, for readers that fall back to it.</summary>
    internal static ResourceWords Shared { get; } = new("Localisation.SharedResource");

    public static string Get(string english) => Shared.Get(english);

    public static string Format(string english, params object[] values) => Shared.Format(english, values);
}
