using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Deadlines;

/// <summary>
/// The deadline service's main sweep (SPEC 5). Claims due, pending deadlines with FOR UPDATE SKIP LOCKED, so any
/// number of instances share the work without ever acting on the same deadline, and handles each one in a savepoint
/// of the batch's transaction: a failing deadline is logged with its id and skipped, the others go on. Nothing is
/// visible until the batch commits, so a crash at any point loses nothing and doubles nothing: the next run finds
/// the same deadlines still pending. A deadline of a complaint nobody has judged is never enforced: its complaint is
/// raised to the top of the queue as overdue for review instead, and the deadline waits for the decision.
/// </summary>
public sealed partial class AceDeadlineSweep(
    AppDbContext db,
    TimeProvider clock,
    PolicyStore policies,
    DeadlineEnforcer enforcer,
    Notifier notifier,
    IOptions<DeadlineServiceOptions> options,
    AdPolicyMetrics metrics,
    ILogger<AceDeadlineSweep> logger) : ISweep
{
    public string Name => "ace-deadlines";

    /// <summary>Test seam: runs after the batch's work and before its commit (a crash there must lose nothing).</summary>
    internal Func<CancellationToken, Task>? BeforeCommit { get; set; }

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var total = SweepResult.Nothing;
        var failedThisRun = new List<Guid>();
        for (var round = 0; round < options.Value.MaxBatchesPerSweep; round++)
        {
            var batch = await RunBatchAsync(policy, failedThisRun, cancellationToken);
            total = new SweepResult(total.Due + batch.Due, total.Done + batch.Done, total.Failed + batch.Failed);
            if (batch.Due < options.Value.BatchSize)
            {
                break;
            }
        }

        return total;
    }

    /// <param name="policy">The policy in force.</param>
    /// <param name="failedThisRun">Deadlines that failed earlier in this run: skipped until the next run, so a few broken rows cannot fill every batch.</param>
    /// <param name="cancellationToken">Stops the sweep.</param>
    private async Task<SweepResult> RunBatchAsync(PolicySettings policy, List<Guid> failedThisRun, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        db.ChangeTracker.Clear();

        // The batch's own savepoint isolates each deadline; EF's extra one per SaveChanges would only add round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await db.Database.SqlQuery<Guid>($"""
            SELECT d.id AS "Value"
            FROM ace_deadlines d
            WHERE d.state = 'Pending' AND d.due_at <= {now}
              AND d.id <> ALL({failedThisRun.ToArray()})
              AND NOT EXISTS (
                  SELECT 1 FROM ace_complaints c
                  WHERE c.id = d.complaint_id AND c.overdue_for_review AND c.status IN ('Filed', 'InReview'))
            ORDER BY d.due_at
            LIMIT {options.Value.BatchSize}
            FOR UPDATE OF d SKIP LOCKED
            """).ToListAsync(cancellationToken);

        var done = 0;
        var failed = 0;
        var lags = new List<TimeSpan>(ids.Count);
        (Dictionary<Guid, Deadline> Deadlines, Dictionary<Guid, AceComplaint> Complaints)? loaded = await LoadAsync(ids, cancellationToken);
        foreach (var id in ids)
        {
            await transaction.CreateSavepointAsync("deadline", cancellationToken);
            try
            {
                var batch = loaded ?? await LoadAsync(ids, cancellationToken);
                loaded = batch;
                var deadline = batch.Deadlines[id];
                await HandleAsync(deadline, batch.Complaints, policy, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.ReleaseSavepointAsync("deadline", cancellationToken);
                if (deadline.State == DeadlineState.Missed)
                {
                    lags.Add(now - deadline.DueAt);
                }

                done++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await transaction.RollbackToSavepointAsync("deadline", cancellationToken);
                db.ChangeTracker.Clear();
                loaded = null;
                failed++;
                failedThisRun.Add(id);
                LogDeadlineFailed(logger, id, e);
            }
        }

        if (BeforeCommit is { } hook)
        {
            await hook(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var lag in lags)
        {
            metrics.DeadlineEnforced(lag);
        }

        if (ids.Count > 0)
        {
            var lag = now - (await db.Deadlines.AsNoTracking().Where(d => ids.Contains(d.Id)).MinAsync(d => (DateTimeOffset?)d.DueAt, cancellationToken) ?? now);
            LogBatch(logger, ids.Count, done, failed, lag.TotalSeconds);
        }

        return new SweepResult(ids.Count, done, failed);
    }

    /// <summary>The batch's deadlines and their complaints, tracked, in two queries.</summary>
    private async Task<(Dictionary<Guid, Deadline> Deadlines, Dictionary<Guid, AceComplaint> Complaints)> LoadAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var deadlines = await db.Deadlines.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var complaintIds = deadlines.Values.Where(d => d.ComplaintId != null).Select(d => d.ComplaintId!.Value).Distinct().ToList();
        var complaints = await db.AceComplaints.Where(c => complaintIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return (deadlines, complaints);
    }

    private async Task HandleAsync(Deadline deadline, Dictionary<Guid, AceComplaint> complaints, PolicySettings policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var complaint = deadline.ComplaintId is { } complaintId
            ? complaints.GetValueOrDefault(complaintId) ?? throw new InvalidOperationException($"Deadline {deadline.Id} names complaint {complaintId}, which does not exist.")
            : null;
        switch (deadline.WhatIsDue(complaint, now))
        {
            case DueAction.Enforce:
                await enforcer.EnforceAsync(deadline, complaint, policy, now, cancellationToken);
                break;
            case DueAction.FlagComplaintOverdue:
                complaint!.FlagOverdueForReview(now);
                if (complaint.AssigneeId is { } assignee)
                {
                    await notifier.NotifyAsync(
                        assignee,
                        $"{complaint.Reference} is overdue for review",
                        $"{Deadline.What(deadline.Kind)} fell due {Display.Utc(deadline.DueAt)} and nobody has decided the complaint yet. Nothing is enforced until it is decided.",
                        $"/Staff/Complaints/Details/{complaint.Id}",
                        email: true,
                        cancellationToken);
                }

                break;
            case DueAction.Cancel:
                deadline.Cancel($"Its complaint was {AceComplaint.Describe(complaint!.Status)}.", now);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline {DeadlineId} could not be handled; it stays pending and the next sweep tries again")]
    private static partial void LogDeadlineFailed(ILogger logger, Guid deadlineId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline batch: {Due} due, {Done} done, {Failed} failed, oldest {LagSeconds:0} s late")]
    private static partial void LogBatch(ILogger logger, int due, int done, int failed, double lagSeconds);
}
