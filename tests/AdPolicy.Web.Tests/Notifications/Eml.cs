using System.Text;

namespace AdPolicy.Web.Tests.Notifications;

/// <summary>Reads the one-part plain-text emails the outbox writes: headers, and the body decoded from base64.</summary>
public static class Eml
{
    public static string Header(string eml, string name) =>
        Lines(eml).TakeWhile(l => l.Length > 0).FirstOrDefault(l => l.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase))?[(name.Length + 2)..] ?? string.Empty;

    public static string Body(string eml)
    {
        var body = string.Concat(Lines(eml).SkipWhile(l => l.Length > 0).Skip(1));
        return Header(eml, "Content-Transfer-Encoding").Equals("base64", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(body))
            : body;
    }

    private static string[] Lines(string eml) => eml.ReplaceLineEndings("\n").Split('\n');
}
