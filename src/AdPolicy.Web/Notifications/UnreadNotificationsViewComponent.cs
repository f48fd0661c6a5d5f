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
public sealed class UnreadNotificationsViewComponent(AppDbContext db, UnreadBadge unread, PageLinks links, IStringLocalizer<SharedResource> words) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var count = UserClaimsPrincipal.Identity?.IsAuthenticated == true
            ? await unread.CountAsync(db, UserClaimsPrincipal.Id(), HttpContext.RequestAborted)
            : 0;
        var encoder = HtmlEncoder.Default;
        var badge = count > 0
            ? $"<span class=\"badge rounded-pill text-bg-danger\" data-testid=\"unread-count\">{UnreadBadge.Text(count)}</span><span class=\"visually-hidden\">{encoder.Encode(words["unread"])}</span>"
            : string.Empty;
        return new HtmlContentViewComponentResult(new HtmlString(
            $"<a class=\"nav-link\" href=\"{encoder.Encode(links.To(HttpContext, "/Notifications/Index"))}\" data-testid=\"notifications-link\">{encoder.Encode(words["Notifications"])} {badge}</a>"));
    }
}
