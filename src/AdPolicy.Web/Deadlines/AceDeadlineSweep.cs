using AdPolicy.Domain.Common;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Deadlines;

/// <summary>
/// The deadline service's main sweep (SPEC 5). Claims due, pending deadlines with FOR UPDATE SKIP LOCKED, so any
/// number of instances share the work without ever acting on the same deadline, and handles the batch in memory and
/// writes it set-based; if anything in it fails, the batch is claimed again and each deadline handled in a savepoint
/// of its own: a failing deadline is logged with its id and skipped, the others go on. Nothing is
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

    /// <summary>
    /// What the fast path reads unlocked and locks last, in this order, checked unchanged, just before writing them: a user
    /// editing a promotion or an ad waits for the batch's last statements and its commit, not for the whole batch.
    /// </summary>
    private static readonly Type[] LockedLast = [typeof(Promotion), typeof(Ad)];

    /// <summary>Test seam: runs on the fast path once the batch is judged in memory, before its writes.</summary>
    internal Func<CancellationToken, Task>? BeforeWrite { get; set; }

    /// <summary>How many of this instance's batches failed on the fast path and were handled one at a time (for tests).</summary>
    internal int FellBack { get; private set; }

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
        Forget();

        // Savepoints are taken only where a failure must be undone; EF's own one per SaveChanges would only add round trips.
        db.Database.AutoSavepointsEnabled = false;
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var batch = await ClaimAsync(now, failedThisRun, only: [], cancellationToken);
            var outcome = await TryBatchAsync(batch, policy, now, cancellationToken);
            if (outcome is null && batch.Ids.Count > 0)
            {
                // The fallback starts over: the batch's transaction is rolled back whole (whatever failed, in memory or in
                // the database, nothing of it stays) and the same deadlines are claimed again, those another sweep took
                // meanwhile left to it, then handled one at a time. So the fast path needs no savepoint of its own.
                await transaction.RollbackAsync(cancellationToken);
                await transaction.DisposeAsync();
                Forget();
                FellBack++;
                transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var again = await ClaimAsync(now, failedThisRun, only: batch.Ids.ToArray(), cancellationToken);
                outcome = await OneByOneAsync(transaction, again.Ids, policy, failedThisRun, now, cancellationToken);
            }

            var (done, failed, lags) = outcome ?? (0, 0, []);
            if (BeforeCommit is { } hook)
            {
                await hook(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            foreach (var lag in lags)
            {
                metrics.DeadlineEnforced(lag);
            }

            if (batch.Ids.Count > 0)
            {
                LogBatch(logger, batch.Ids.Count, done, failed, lags.Count > 0 ? lags.Max().TotalSeconds : 0);
            }

            // Due counts what was claimed, so a batch that left some deadlines to a busy complaint still asks for another.
            return new SweepResult(batch.Claimed, done, failed);
        }
        finally
        {
            await transaction.DisposeAsync();
        }
    }

    /// <summary>What a batch claimed and locked: the deadlines to handle (in due order), by id, and their complaints.</summary>
    private sealed record Claim(int Claimed, List<Guid> Ids, Dictionary<Guid, Deadline> Deadlines, Dictionary<Guid, AceComplaint> Complaints);

    /// <param name="now">The sweep's moment.</param>
    /// <param name="failedThisRun">Deadlines not to claim again in this run.</param>
    /// <param name="only">When not empty, only these deadlines are claimed (the fallback claiming its batch again); empty claims any due.</param>
    /// <param name="cancellationToken">Stops the sweep.</param>
    private async Task<Claim> ClaimAsync(DateTimeOffset now, List<Guid> failedThisRun, Guid[] only, CancellationToken cancellationToken)
    {
        // Lock order, the same in every instance: the deadlines and their complaints with SKIP LOCKED (never waiting,
        // so never part of a cycle), then the promotions and ads enforcement writes, each by id: in the batch's last
        // statements (LockedLast), or here for the one-at-a-time fallback (DeadlineEnforcer.LockAsync).
        // The claim reads the deadlines themselves (tracked), so claiming and loading are one statement. A complaint
        // waiting for review is looked up by key for each candidate row (a scalar subquery, never turned into a join):
        // as NOT EXISTS the planner scanned every complaint for those flagged, once a batch, there being no index on the flag.
        var claimedRows = await db.Deadlines.FromSql($"""
            SELECT d.*, d.xmin
            FROM ace_deadlines d
            WHERE d.state = 'Pending' AND d.due_at <= {now}
              AND d.id <> ALL({failedThisRun.ToArray()})
              AND (cardinality({only}) = 0 OR d.id = ANY({only}))
              AND (d.complaint_id IS NULL OR NOT coalesce((
                  SELECT c.overdue_for_review AND c.status IN ('Filed', 'InReview')
                  FROM ace_complaints c WHERE c.id = d.complaint_id), false))
            ORDER BY d.due_at
            LIMIT {options.Value.BatchSize}
            FOR UPDATE OF d SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var deadlines = claimedRows.ToDictionary(d => d.Id);

        // Their complaints, read as they are locked, and the promotions and ads enforcement may write (DeadlineEnforcer.LockAsync),
        // locked now only for the fallback, whose SaveChanges has no lock-last step.
        // A complaint another transaction holds (a decision, a withdrawal) is left to it: its deadlines wait for the next
        // sweep. One that does not exist at all is not held by anyone: its deadline is judged, and fails (the fallback).
        var complaintIds = claimedRows.Select(d => d.ComplaintId).OfType<Guid>().Distinct().ToArray();
        var complaints = await enforcer.LockAsync(claimedRows, lockContent: only.Length > 0, cancellationToken);
        var notLocked = complaintIds.Where(id => !complaints.ContainsKey(id)).ToArray();
        var heldElsewhere = notLocked.Length == 0 ? new HashSet<Guid>() : (await db.Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM ace_complaints WHERE id = ANY({notLocked})
            """).ToListAsync(cancellationToken)).ToHashSet();
        var ids = claimedRows.Where(d => d.ComplaintId is not { } c || !heldElsewhere.Contains(c)).Select(d => d.Id).ToList();
        return new Claim(claimedRows.Count, ids, deadlines, complaints);
    }

    /// <summary>
    /// The fast path: every deadline of the batch judged in memory by the same domain code, then written set-based
    /// (<see cref="BulkWriter"/>: one INSERT or UPDATE per table, a handful of statements in one round trip), so the
    /// cost per deadline does not grow with the batch. Returns null when any deadline fails: then the caller rolls the
    /// batch back and <see cref="OneByOneAsync"/> isolates it.
    /// </summary>
    private async Task<(int Done, int Failed, List<TimeSpan> Lags)?> TryBatchAsync(Claim batch, PolicySettings policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (_, ids, deadlines, complaints) = batch;
        var lags = new List<TimeSpan>(ids.Count);
        try
        {
            // Changes are detected once, at the save: scanning the tracker per deadline is what made big batches slow.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var id in ids)
            {
                var deadline = deadlines[id];
                await HandleAsync(deadline, complaints, policy, now, cancellationToken);
                if (deadline.State == DeadlineState.Missed)
                {
                    lags.Add(now - deadline.DueAt);
                }
            }

            db.ChangeTracker.AutoDetectChangesEnabled = true;
            if (BeforeWrite is { } hook)
            {
                await hook(cancellationToken);
            }

            if (!await BulkWriter.TryWriteAsync(db, LockedLast, cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return (ids.Count, 0, lags);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogBatchFailed(logger, ids.Count, e);
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            return null;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <summary>
    /// The fallback after a failed batch, in a fresh transaction that claimed the batch again: each deadline in its own
    /// savepoint with a fresh change tracker, so one bad deadline is logged and skipped and the others go on.
    /// </summary>
    private async Task<(int Done, int Failed, List<TimeSpan> Lags)> OneByOneAsync(
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, List<Guid> ids, PolicySettings policy, List<Guid> failedThisRun, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = 0;
        var failed = 0;
        var lags = new List<TimeSpan>();
        foreach (var id in ids)
        {
            Forget();
            await transaction.CreateSavepointAsync("deadline", cancellationToken);
            try
            {
                var (deadlines, complaints) = await LoadAsync([id], cancellationToken);
                var deadline = deadlines[id];
                await HandleAsync(deadline, complaints, policy, now, cancellationToken);
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
                failed++;
                failedThisRun.Add(id);
                LogDeadlineFailed(logger, id, e);
            }
        }

        Forget();
        return (done, failed, lags);
    }

    /// <summary>A fresh change tracker for the next unit of work (what stays tracked is what made the old sweep quadratic).</summary>
    private void Forget()
    {
        db.ChangeTracker.Clear();
        enforcer.Forget();
    }

    /// <summary>One deadline and its complaint, tracked, for the one-at-a-time fallback (already locked by the batch's claim).</summary>
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
                        () => (
                            NoticeWords.Format("{0} is overdue for review", complaint.Reference),
                            NoticeWords.Format(
                                "{0} fell due {1} and nobody has decided the complaint yet. Nothing is enforced until it is decided.",
                                Sentences.What(deadline.Kind),
                                Display.Utc(deadline.DueAt))),
                        $"/Staff/Complaints/Details/{complaint.Id}",
                        email: true,
                        cancellationToken);
                }

                break;
            case DueAction.Cancel:
                deadline.Cancel(Fact.Of(FactKind.ComplaintClosed, EventValues.Of(EventValue.Status, complaint!.Status)), now);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline {DeadlineId} could not be handled; it stays pending and the next sweep tries again")]
    private static partial void LogDeadlineFailed(ILogger logger, Guid deadlineId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} deadlines failed; handling them one at a time to find the one that fails")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline batch: {Due} due, {Done} done, {Failed} failed, oldest {LagSeconds:0} s late")]
    private static partial void LogBatch(ILogger logger, int due, int done, int failed, double lagSeconds);
}
