using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Notifications;

/// <summary>The header link to the notification centre, with the number of unread notifications.</summary>
public sealed class UnreadNotificationsViewComponent(AppDbContext db) : ViewComponent
{
    /// <summary>Counting stops here: the badge shows "99+" and the query never walks more rows than this.</summary>
    public const int Cap = 100;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var count = UserClaimsPrincipal.Identity?.IsAuthenticated == true
            ? await CountAsync(db, UserClaimsPrincipal.Id(), HttpContext.RequestAborted)
            : 0;
        return View(count);
    }

    /// <summary>Unread notifications of a user, up to <see cref="Cap"/>, from the partial index on unread rows.</summary>
    public static Task<int> CountAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken) => Unread(db, userId, cancellationToken);

    /// <summary>Compiled once: it runs on every page a signed-in person opens (issue 17).</summary>
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<int>> Unread = EF.CompileAsyncQuery(
        (AppDbContext db, Guid userId, CancellationToken _) => db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).Take(Cap).Count());

    public static string Badge(int count) => count >= Cap ? $"{Cap - 1}+" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
