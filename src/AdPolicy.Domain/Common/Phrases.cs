using System.Runtime.CompilerServices;

namespace AdPolicy.Domain.Common;

/// <summary>
/// Sentences the domain derives (a standing, what a sanction rests on, a broken rule) are
/// <see cref="FormattableString"/>s: an English template and its values, worded by whoever shows them — in the reader's
/// language — and read as English by <see cref="FormattableString.ToString()"/> for logs and the API.
/// </summary>
public static class Phrases
{
    /// <summary>The phrases one after another, separated by a space.</summary>
    public static FormattableString Join(IEnumerable<FormattableString> phrases)
    {
        var parts = phrases.ToArray();
        return FormattableStringFactory.Create(string.Join(" ", Enumerable.Range(0, parts.Length).Select(i => $"{{{i}}}")), parts);
    }

    /// <summary>A phrase that is already words of no language (a name, a reference) or a person's own.</summary>
    public static FormattableString Verbatim(string text) => $"{text}";
}
