using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// The address of a page that takes no route values, worked out once per page for the life of the app (issue 17): the
/// layout links to up to a dozen pages on every view, and a link tag helper per link generated each address again.
/// The request's path base is added per request, so the app still works behind a prefix.
/// </summary>
public sealed class PageLinks(LinkGenerator links, IFileVersionProvider versions)
{
    private readonly ConcurrentDictionary<string, string> _paths = new(StringComparer.Ordinal);

    public string To(HttpContext context, string page) =>
        context.Request.PathBase + _paths.GetOrAdd(page, p => links.GetPathByPage(p) ?? throw new InvalidOperationException($"There is no page {p}."));

    /// <summary>
    /// A file under wwwroot, with the hash of its content appended as <c>asp-append-version</c> does (the same provider,
    /// which keeps the hash until the file changes), without a tag helper created for it on every view.
    /// </summary>
    public string Versioned(HttpContext context, string file) =>
        versions.AddFileVersionToPath(context.Request.PathBase, context.Request.PathBase + file);
}
