using System.Net;
using AdPolicy.Web.Data;
using AdPolicy.Web.Tests.Infrastructure;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>
/// Every response carries the security headers, and every page can live under a Content-Security-Policy that allows
/// no inline script or style: the pages are crawled, link by link, as each role of the demo data.
/// </summary>
public sealed partial class SecurityHeadersTests(SecurityHeadersTests.DemoApp app) : IClassFixture<SecurityHeadersTests.DemoApp>
{
    private const int MaxPagesPerRole = 120;

    public static TheoryData<string> Roles => ["anonymous", "advertiser@lumen.example", "support@adpolicy.example", "reviewer@adpolicy.example", "admin@adpolicy.example"];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPageAsEachRole_HasTheCspAndNoInlineScriptOrStyle(string who)
    {
        using var client = app.CreateAppClient();
        if (who != "anonymous")
        {
            await client.SignInAsync(who, DemoData.Password);
        }

        var problems = new List<string>();
        var pages = await PageCrawler.CrawlAsync(client, MaxPagesPerRole, (url, response, document) =>
        {
            problems.AddRange(HeaderProblems(response).Select(p => $"{url}: {p}"));
            if (document is null)
            {
                return;
            }

            problems.AddRange(document.QuerySelectorAll("script:not([src]):not([type='application/json'])").Select(_ => $"{url}: an inline <script>"));
            problems.AddRange(document.All.SelectMany(e => e.Attributes)
                .Where(a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name == "style")
                .Select(a => $"{url}: an inline {a.Name}=\"{a.Value}\" on <{a.OwnerElement?.LocalName}>"));
        });

        Assert.Empty(problems);
        Assert.True(pages >= (who == "anonymous" ? 3 : 6), $"Only {pages} pages were reached as {who}: the crawl did not get into the app.");
    }

    /// <summary>
    /// The crawl sees the states the demo data has; a button shown only in another state (e.g. "Pay refund" on an
    /// approved case) is caught here, in the page templates themselves.
    /// </summary>
    [Fact]
    public void NoPageTemplate_HasAnInlineScriptHandlerOrStyle()
    {
        // Pages live in their feature folders across the web project (not its build output).
        var pages = Path.Combine(BrowserFixture.RepositoryRoot(), "src", "AdPolicy.Web");
        var templates = Directory.GetFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var inline = InlineCode();

        var found = templates
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(pages, f), Line: i + 1, Text: line)))
            .Where(l => inline.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(templates.Count > 30, "The page templates were not found.");
        Assert.Empty(found);
    }

    [Fact]
    public async Task StaticFilesRedirectsAndMissingPages_CarryTheHeadersToo()
    {
        using var client = app.CreateAppClient();

        foreach (var url in new[] { "/css/site.css", "/js/site.js", "/Staff/Queue", "/no-such-page" })
        {
            var response = await client.Http.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found or HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
            Assert.Empty(HeaderProblems(response));
        }
    }

    private static IEnumerable<string> HeaderProblems(HttpResponseMessage response)
    {
        var csp = Header(response, "Content-Security-Policy");
        if (csp is null)
        {
            yield return $"no Content-Security-Policy ({(int)response.StatusCode})";
            yield break;
        }

        var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        if (directives.GetValueOrDefault("script-src") != "script-src 'self'")
        {
            yield return $"script-src is \"{directives.GetValueOrDefault("script-src")}\"";
        }

        if (directives.GetValueOrDefault("style-src") != "style-src 'self'")
        {
            yield return $"style-src is \"{directives.GetValueOrDefault("style-src")}\"";
        }

        if (directives.GetValueOrDefault("frame-ancestors") != "frame-ancestors 'none'" || directives.GetValueOrDefault("object-src") != "object-src 'none'")
        {
            yield return "frame-ancestors or object-src is not 'none'";
        }

        if (Header(response, "Permissions-Policy") is not { } permissions || !permissions.Contains("camera=()", StringComparison.Ordinal))
        {
            yield return "no Permissions-Policy denying the camera";
        }

        if (Header(response, "X-Content-Type-Options") != "nosniff" || Header(response, "X-Frame-Options") != "DENY" || Header(response, "Referrer-Policy") != "no-referrer")
        {
            yield return "nosniff, DENY or no-referrer missing";
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<script(?![^>]*\b(?:src=|type=""application/json""))[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|javascript:", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex InlineCode();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    /// <summary>The app with the demo organisations, cases and logins.</summary>
    public sealed class DemoApp(PostgresFixture postgres) : AppFactory(postgres)
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await using var scope = Scope();
            await DemoData.SeedDataAsync(scope.ServiceProvider, Clock.GetUtcNow());
        }
    }
}
