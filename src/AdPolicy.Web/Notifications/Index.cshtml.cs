using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Notifications;

/// <summary>The signed-in person's notification centre: newest first, keyset-paged on (created_at, id); only their own.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(AppDbContext db, UnreadBadge badge, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public int Unread { get; private set; }

    public string? Next { get; private set; }

    public bool IsFirstPage { get; private set; }

    public async Task OnGetAsync(DateTimeOffset? beforeAt, Guid? beforeId, CancellationToken cancellationToken)
    {
        var userId = User.Id();
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        IsFirstPage = beforeAt is null || beforeId is null;
        if (beforeAt is { } at && beforeId is { } id)
        {
            query = query.Where(n => n.CreatedAt < at || (n.CreatedAt == at && n.Id.CompareTo(id) < 0));
        }

        var page = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        Items = page.Take(PageSize).ToList();
        if (page.Count > PageSize)
        {
            var last = Items[^1];
            Next = $"?beforeAt={Uri.EscapeDataString(last.CreatedAt.ToString("O"))}&beforeId={last.Id}";
        }

        Unread = await badge.RefreshAsync(db, userId, cancellationToken);
    }

    public async Task<IActionResult> OnPostMarkReadAsync(Guid id, CancellationToken cancellationToken)
    {
        var userId = User.Id();
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
        if (notification is null)
        {
            return NotFound();
        }

        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = NoticeWords.Format("Marked “{0}” as read.", notification.Title);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMarkAllReadAsync(CancellationToken cancellationToken)
    {
        var userId = User.Id();
        var now = clock.GetUtcNow();
        var marked = await db.Notifications
            .Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        badge.Changed(userId); // not a save, so the interceptor does not see it
        TempData["Status"] = marked switch
        {
            0 => NoticeWords.Get("You had no unread notifications."),
            1 => NoticeWords.Get("Marked 1 notification as read."),
            _ => NoticeWords.Format("Marked {0} notifications as read.", marked),
        };
        return RedirectToPage();
    }
}
