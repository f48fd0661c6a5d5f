using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// Who may open a page follows from where it lives. Pages sit in their feature's folder (<c>Refunds/New</c>); a feature's
/// pages for another audience sit in a subfolder named after it: <c>Staff/</c> (support, reviewers, admins),
/// <c>Admin/</c>, <c>Public/</c> (anyone). Other pages take their feature's audience. A page in no listed feature gets
/// nothing from here and states its own (the sign-in pages, the error pages).
/// </summary>
public static class PageAudiences
{
    public const string StaffFolder = "Staff";

    public const string AdminFolder = "Admin";

    public const string PublicFolder = "Public";

    /// <param name="conventions">The Razor Pages conventions.</param>
    /// <param name="featureAudiences">Each feature folder's own audience (an authorisation policy).</param>
    /// <param name="staff">The policy of <c>Staff/</c> pages.</param>
    /// <param name="admin">The policy of <c>Admin/</c> pages.</param>
    public static void AuthorizeByFolder(this PageConventionCollection conventions, IReadOnlyDictionary<string, string> featureAudiences, string staff, string admin) =>
        conventions.AddFolderApplicationModelConvention("/", page =>
        {
            var folders = page.ViewEnginePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[..^1];
            if (folders.Contains(PublicFolder))
            {
                page.EndpointMetadata.Add(new AllowAnonymousAttribute());
            }
            else if (folders.Contains(StaffFolder))
            {
                page.EndpointMetadata.Add(new AuthorizeAttribute(staff));
            }
            else if (folders.Contains(AdminFolder))
            {
                page.EndpointMetadata.Add(new AuthorizeAttribute(admin));
            }
            else if (folders.Length > 0 && featureAudiences.TryGetValue(folders[0], out var audience))
            {
                page.EndpointMetadata.Add(new AuthorizeAttribute(audience));
            }
        });
}
