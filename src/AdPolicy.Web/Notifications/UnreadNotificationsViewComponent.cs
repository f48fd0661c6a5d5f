using System.Text.Encodings.Web;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Localisation;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Notifications;

/// <summary>
/// The header link to the notification centre, with the number of unread notifications. It is on every page a
/// signed-in person opens, so it writes its few elements itself (issue 17): a view of its own meant a view lookup, a
/// view context and a link tag helper on every page view.
/// </summary>
public sealed class UnreadNotificationsViewComponent(AppDbContext db, PageLinks links, IStringLocalizer<SharedResource> words) : ViewComponent
{
    /// <summary>Counting stops here: the badge shows "99+" and the query never walks more rows than this.</summary>
    public const int Cap = 100;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var count = UserClaimsPrincipal.Identity?.IsAuthenticated == true
            ? await CountAsync(db, UserClaimsPrincipal.Id(), HttpContext.RequestAborted)
            : 0;
        var encoder = HtmlEncoder.Default;
        var badge = count > 0
            ? $"<span class=\"badge rounded-pill text-bg-danger\" data-testid=\"unread-count\">{Badge(count)}</span><span class=\"visually-hidden\">{encoder.Encode(words["unread"])}</span>"
            : string.Empty;
        return new HtmlContentViewComponentResult(new HtmlString(
            $"<a class=\"nav-link\" href=\"{encoder.Encode(links.To(HttpContext, "/Notifications/Index"))}\" data-testid=\"notifications-link\">{encoder.Encode(words["Notifications"])} {badge}</a>"));
    }

    /// <summary>Unread notifications of a user, up to <see cref="Cap"/>, from the partial index on unread rows.</summary>
    public static Task<int> CountAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken) => Unread(db, userId, cancellationToken);

    /// <summary>Compiled once: it runs on every page a signed-in person opens (issue 17).</summary>
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<int>> Unread = EF.CompileAsyncQuery(
        (AppDbContext db, Guid userId, CancellationToken _) => db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).Take(Cap).Count());

    public static string Badge(int count) => count >= Cap ? $"{Cap - 1}+" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
