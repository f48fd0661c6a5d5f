using System.Globalization;
using System.Text;

namespace AdPolicy.Web.Evidence;

/// <summary>
/// Checks the name a user gave an uploaded file. The name is only ever shown and offered on download (files are
/// stored under generated ids), but a name that could walk a path or hide text is refused, not silently altered.
/// </summary>
public static class FileNameSanitiser
{
    public const int MaxLength = 200;

    /// <summary>A sentence saying why the name is refused, or null when it is acceptable.</summary>
    public static string? Problem(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "The file has no name.";
        }

        if (fileName.Contains("..", StringComparison.Ordinal))
        {
            return "A file name cannot contain \"..\".";
        }

        if (fileName.IndexOfAny(['/', '\\', ':']) >= 0)
        {
            return "A file name cannot contain a path separator (/, \\ or :).";
        }

        foreach (var c in fileName)
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsControl(c) || category == UnicodeCategory.Format)
            {
                return "A file name cannot contain control characters or invisible formatting marks.";
            }
        }

        if (fileName.Trim().Length > MaxLength)
        {
            return $"A file name can be at most {MaxLength} characters long.";
        }

        return null;
    }

    /// <summary>The name as it is stored and shown: trimmed and in Unicode normal form C. Refuses a name <see cref="Problem"/> refuses.</summary>
    public static string Clean(string? fileName)
    {
        if (Problem(fileName) is { } problem)
        {
            throw new ArgumentException(problem, nameof(fileName));
        }

        return fileName!.Trim().Normalize(NormalizationForm.FormC);
    }
}
