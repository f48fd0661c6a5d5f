using System.Globalization;

namespace AdPolicy.Web.Infrastructure;

/// <summary>How much a person may write in a free-text field of a form (shown on the form as its maxlength and in words).</summary>
public static class TextLimits
{
    /// <summary>Messages, notes, questions and reasons (timeline texts hold up to twice this).</summary>
    public const int Message = 4000;

    /// <summary>The hint shown under a free-text field.</summary>
    public static string Hint(int limit) => string.Format(CultureInfo.InvariantCulture, Localisation.Words.Get("Up to {0} characters."), limit);

    /// <summary>The maxlength of a box for a whole number up to <paramref name="max"/>.</summary>
    public static int DigitsOf(int max) => max.ToString(CultureInfo.InvariantCulture).Length;

    public static string TooLong(string? text) =>
        string.Format(CultureInfo.InvariantCulture, Localisation.Words.Get("Write at most {0} characters; this has {1}."), Message, text?.Length ?? 0);
}
