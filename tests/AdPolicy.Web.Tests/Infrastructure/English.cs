using AdPolicy.Domain.Common;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>Facts worded in English, as an English reader (or the API) reads them: for assertions on what a check says.</summary>
internal static class English
{
    public static string Of(Fact? fact) => fact is null ? string.Empty : Sentences.InEnglish([fact]);

    public static List<string> Of(IEnumerable<Fact> facts) => [.. facts.Select(Of)];

    public static string Joined(IEnumerable<Fact> facts) => Sentences.InEnglish(facts.Cast<object>());
}
