namespace AdPolicy.Web.Infrastructure;

/// <summary>Typed text inside a SQL LIKE pattern, taken literally: \, % and _ are escaped with a backslash.</summary>
public static class LikePattern
{
    public const string EscapeCharacter = @"\";

    public static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
