using System.Text.RegularExpressions;
using AdPolicy.Web.Data;
using AdPolicy.Web.Tests.Infrastructure;
using AngleSharp.Dom;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>
/// People read words, not code: no page shows an enum's identifier ("InReview", "BlockAccountAndDeposit") or any
/// other PascalCase name where a sentence or a word belongs. Every page reachable by links is crawled as each role
/// of the demo data; the visible text and the attributes people read (labels, titles, placeholders) are checked.
/// </summary>
public sealed partial class VisibleWordsTests(SecurityHeadersTests.DemoApp app) : IClassFixture<SecurityHeadersTests.DemoApp>
{
    /// <summary>Proper names that are written in PascalCase on purpose.</summary>
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal) { "AdPolicy", "PostgreSQL", "OpenAPI", "JavaScript" };

    [Theory]
    [MemberData(nameof(SecurityHeadersTests.Roles), MemberType = typeof(SecurityHeadersTests))]
    public async Task NoPageShowsAnIdentifier_AsEachRole(string who)
    {
        using var client = app.CreateAppClient();
        if (who != "anonymous")
        {
            await client.SignInAsync(who, DemoData.Password);
        }

        var found = new List<string>();
        var pages = await PageCrawler.CrawlAsync(client, 150, (url, _, document) =>
        {
            if (document?.Body is null)
            {
                return;
            }

            var text = ReadableText(document);
            found.AddRange(Identifiers(text).Select(word => $"{url}: \"{word}\" in \"{Around(text, word)}\""));
        });

        Assert.True(pages >= (who == "anonymous" ? 3 : 6), $"Only {pages} pages were reached as {who}.");
        Assert.True(found.Count == 0, "Identifiers shown to people:\n" + string.Join("\n", found.Distinct()));
    }

    [Fact]
    public void TheCheck_CatchesAnEnumNameAndLetsWordsThrough()
    {
        Assert.Equal(["InReview", "BlockAccountAndDeposit"], Identifiers("Status: InReview. Sanction BlockAccountAndDeposit applied by AdPolicy on PostgreSQL."));
        Assert.Empty(Identifiers("In review — the account and the deposit are blocked until 3 Dec 2026 (UTC). ACE tier: High."));
    }

    private static string ReadableText(IDocument document)
    {
        foreach (var hidden in document.Body!.QuerySelectorAll("script, style, template, code, pre, [hidden]").ToList())
        {
            hidden.Remove();
        }

        var attributes = document.Body.QuerySelectorAll("[title], [placeholder], [aria-label], [alt]")
            .SelectMany(e => new[] { "title", "placeholder", "aria-label", "alt" }.Select(e.GetAttribute))
            .Concat(document.Body.QuerySelectorAll("input[type=submit][value], input[type=button][value]").Select(e => e.GetAttribute("value")))
            .OfType<string>();
        // Text node by text node: adjacent cells ("Campaign", "Name") must not run together into one word.
        var text = document.Body.Descendants<IText>().Select(t => t.Data);
        return string.Join(' ', attributes.Prepend(document.Title ?? string.Empty).Concat(text));
    }

    private static string Around(string text, string word)
    {
        var at = text.IndexOf(word, StringComparison.Ordinal);
        var start = Math.Max(0, at - 40);
        return System.Text.RegularExpressions.Regex.Replace(text[start..Math.Min(text.Length, at + word.Length + 40)], @"\s+", " ");
    }

    private static List<string> Identifiers(string text) =>
        PascalCase().Matches(text).Select(m => m.Value).Where(word => !Names.Contains(word)).Distinct().ToList();

    [GeneratedRegex(@"\b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\b")]
    private static partial Regex PascalCase();
}
