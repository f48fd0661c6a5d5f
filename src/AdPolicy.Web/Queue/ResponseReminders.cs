using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Queue;

/// <summary>
/// Tells the assignee of a refund case that its response target is near (lead time: policy setting), once per due
/// time: the reminder and the "sent for this due time" mark are saved together under the case's row version, so two
/// instances cannot both send it.
/// </summary>
public sealed class ResponseReminders(AppDbContext db, TimeProvider clock, PolicyStore policies, Notifier notifier) : ISweep
{
    public const int BatchSize = 200;

    public string Name => "response-reminders";

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var horizon = now + policy.ResponseReminderLead;

        // ix_queue_items_due finds the cases whose clock ends within the lead time.
        var candidates = await db.QueueItems.AsNoTracking()
            .Where(q => q.Kind == CaseKind.RefundRequest && q.SortDue <= horizon && q.AssigneeId != null)
            .OrderBy(q => q.SortDue)
            .Select(q => q.CaseId)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var requests = await db.RefundRequests
            .Where(r => candidates.Contains(r.Id) && r.ClockDueAt != null && (r.ReminderSentForDueAt == null || r.ReminderSentForDueAt != r.ClockDueAt))
            .ToListAsync(cancellationToken);

        var done = 0;
        var failed = 0;
        foreach (var request in requests)
        {
            var due = request.ClockDueAt!.Value;
            var overdue = due <= now;
            await notifier.NotifyAsync(
                request.AssigneeId!.Value,
                () => (
                    overdue ? NoticeWords.Format("{0} is past its response target", request.Reference) : NoticeWords.Format("{0} is due {1}", request.Reference, Display.TimeLeft(due, now)),
                    NoticeWords.Format("The response target for refund case {0} is {1}.", request.Reference, Display.Utc(due))),
                $"/Staff/Refunds/Details/{request.Id}",
                email: true,
                cancellationToken);
            request.MarkReminderSent(due);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                done++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed the case (or another instance reminded) meanwhile: the next sweep looks again.
                db.ChangeTracker.Clear();
                failed++;
            }
        }

        return new SweepResult(requests.Count, done, failed);
    }
}
