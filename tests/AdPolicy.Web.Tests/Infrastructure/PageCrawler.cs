using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>
/// Follows the app's own links from a few starting pages, as a person clicking through it would, and hands every
/// response (and every HTML page, parsed) to the caller. Sign-out and the API reference page are not followed.
/// </summary>
public static class PageCrawler
{
    public static readonly string[] StartPages = ["/", "/Public/Complaints/New", "/Public/Guidance", "/Account/Login", "/Notifications"];

    /// <returns>How many HTML pages were visited.</returns>
    public static async Task<int> CrawlAsync(AppClient client, int maxPages, Action<string, HttpResponseMessage, IDocument?> visit)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(StartPages);
        var pages = 0;
        while (queue.TryDequeue(out var url) && seen.Count < maxPages)
        {
            if (!seen.Add(url))
            {
                continue;
            }

            var response = await client.Http.GetAsync(url, TestContext.Current.CancellationToken);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                visit(url, response, null);
                continue;
            }

            pages++;
            var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            visit(url, response, document);
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                // The API reference (/api/reference) is Scalar's page with its own policies (OpenApiContractTests checks it).
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/Account/Logout", StringComparison.Ordinal)
                    && !href.StartsWith("/api/", StringComparison.Ordinal))
                {
                    queue.Enqueue(href.Split('#')[0]);
                }
            }
        }

        return pages;
    }
}
