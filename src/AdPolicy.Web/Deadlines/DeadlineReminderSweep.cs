using AdPolicy.Domain.Ace;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Deadlines;

/// <summary>
/// Reminds the advertiser of each pending deadline once, within the policy's lead time before it is due. Claimed with
/// SKIP LOCKED and saved with the reminder mark in one transaction, so two instances never send the same reminder.
/// </summary>
public sealed class DeadlineReminderSweep(
    AppDbContext db,
    TimeProvider clock,
    PolicyStore policies,
    AceNotices notices,
    IOptions<DeadlineServiceOptions> options) : ISweep
{
    public string Name => "ace-deadline-reminders";

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var horizon = now + TimeSpan.FromHours(policy.DeadlineReminderLeadHours);
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await db.Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM ace_deadlines
            WHERE state = 'Pending' AND reminder_sent_at IS NULL AND due_at > {now} AND due_at <= {horizon}
            ORDER BY due_at
            LIMIT {options.Value.BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var deadlines = await db.Deadlines.Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken);
        foreach (var deadline in deadlines.Where(d => d.IsReminderDue(policy, now)))
        {
            deadline.MarkReminderSent(now);
            await notices.DeadlineReminderAsync(deadline, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SweepResult(ids.Count, deadlines.Count, 0);
    }
}
