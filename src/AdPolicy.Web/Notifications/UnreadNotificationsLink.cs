using System.Text.Encodings.Web;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Localisation;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Notifications;

/// <summary>
/// The header link to the notification centre, with the number of unread notifications. It is on every page a
/// signed-in person opens, so the layout calls it directly and it writes its few elements itself (issue 17): a view
/// component was a lookup, an activation and a context of its own on every page view, and before that a view and a
/// link tag helper too.
/// </summary>
public sealed class UnreadNotificationsLink(UnreadBadge unread, PageLinks links, IStringLocalizer<SharedResource> words)
{
    public async Task<IHtmlContent> RenderAsync(HttpContext context)
    {
        var count = context.User.Identity?.IsAuthenticated == true
            ? await unread.CountAsync(
                context.RequestServices.GetRequiredService<AppDbContext>(), // the page's own context, used only if the count is not in memory
                context.User.Id(),
                context.RequestAborted)
            : 0;
        var encoder = HtmlEncoder.Default;
        var badge = count > 0
            ? $"<span class=\"badge rounded-pill text-bg-danger\" data-testid=\"unread-count\">{UnreadBadge.Text(count)}</span><span class=\"visually-hidden\">{encoder.Encode(words["unread"])}</span>"
            : string.Empty;
        return new HtmlString(
            $"<a class=\"nav-link\" href=\"{encoder.Encode(links.To(context, "/Notifications/Index"))}\" data-testid=\"notifications-link\">{encoder.Encode(words["Notifications"])} {badge}</a>");
    }
}
