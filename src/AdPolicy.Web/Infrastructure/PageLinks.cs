using System.Collections.Concurrent;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// The address of a page that takes no route values, worked out once per page for the life of the app (issue 17): the
/// layout links to up to a dozen pages on every view, and a link tag helper per link generated each address again.
/// The request's path base is added per request, so the app still works behind a prefix.
/// </summary>
public sealed class PageLinks(LinkGenerator links)
{
    private readonly ConcurrentDictionary<string, string> _paths = new(StringComparer.Ordinal);

    public string To(HttpContext context, string page) =>
        context.Request.PathBase + _paths.GetOrAdd(page, p => links.GetPathByPage(p) ?? throw new InvalidOperationException($"There is no page {p}."));
}
