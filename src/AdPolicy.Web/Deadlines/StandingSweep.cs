using AdPolicy.Domain.Ace;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Deadlines;

/// <summary>A temporary suspension whose end the advertiser was told of (once: the key is account + end).</summary>
public sealed class SuspensionEnding
{
    public Guid AdAccountId { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    public DateTimeOffset NotifiedAt { get; set; }
}

/// <summary>
/// When the standing sweep should next look at an account: the next moment its record changes by time alone (a strike
/// clears, a suspension ends). A schedule, not a status: the standing itself is always derived from the record.
/// </summary>
public sealed class StandingCheck
{
    public Guid AdAccountId { get; set; }

    public DateTimeOffset DueAt { get; set; }
}

public static class StandingSchedule
{
    /// <summary>Asks the standing sweep to look at the account at <paramref name="at"/> (or sooner, if it already planned to).</summary>
    public static Task CheckAsync(this AppDbContext db, Guid adAccountId, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO ace_standing_checks (ad_account_id, due_at) VALUES ({adAccountId}, {at})
            ON CONFLICT (ad_account_id) DO UPDATE SET due_at = LEAST(ace_standing_checks.due_at, excluded.due_at)
            """, cancellationToken);
}

/// <summary>
/// Time passing on an account's record: strikes clear after the policy's days of good standing, and temporary
/// suspensions end. Standing is derived, so a suspension ends by itself at its end time; this sweep records and
/// announces each ending once, and clears due strikes (which changes the ladder for the next violation).
/// It works through <see cref="StandingCheck"/>s, oldest due first, each account in its own transaction holding its
/// check's row lock (SKIP LOCKED), so instances never overlap and a run that stops early leaves the rest, still due,
/// at the head of the next run.
/// </summary>
public sealed partial class StandingSweep(
    AppDbContext db,
    TimeProvider clock,
    PolicyStore policies,
    AceStandings standings,
    AceNotices notices,
    IOptions<DeadlineServiceOptions> options,
    ILogger<StandingSweep> logger) : ISweep
{
    public string Name => "ace-standing";

    /// <summary>Test seam: the accounts in the order this instance handled them.</summary>
    internal List<Guid> Handled { get; } = [];

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var longestTemporary = TimeSpan.FromDays(Math.Max(policy.FirstHighViolationSuspensionDays, Math.Max(policy.FirstStrikeSuspensionDays, policy.SecondStrikeSuspensionDays)));
        var recentSince = now - longestTemporary - TimeSpan.FromDays(7);
        var failed = new List<Guid>();
        var due = 0;
        var done = 0;
        for (var i = 0; i < options.Value.BatchSize; i++)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.StandingChecks
                .FromSql($"""
                    SELECT * FROM ace_standing_checks
                    WHERE due_at <= {now} AND ad_account_id <> ALL({failed.ToArray()})
                    ORDER BY due_at, ad_account_id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED
                    """)
                .AsNoTracking()
                .FirstOrDefaultAsync(cancellationToken);
            if (claimed is null)
            {
                break;
            }

            due++;
            try
            {
                done += await HandleAsync(claimed, policy, now, recentSince, cancellationToken) ? 1 : 0;
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                Handled.Add(claimed.AdAccountId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await transaction.RollbackAsync(cancellationToken);
                failed.Add(claimed.AdAccountId);
                LogAccountFailed(logger, claimed.AdAccountId, e);
            }
        }

        return new SweepResult(due, done, failed.Count);
    }

    private async Task<bool> HandleAsync(StandingCheck claimed, Domain.Policy.PolicySettings policy, DateTimeOffset now, DateTimeOffset recentSince, CancellationToken cancellationToken)
    {
        var accountId = claimed.AdAccountId;
        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
        var record = await standings.ForAccountAsync(account, cancellationToken);
        var changed = false;

        var dueStrikes = record.Strikes.DueNow.Select(s => s.ViolationId).ToList();
        foreach (var strike in await db.Violations.Where(v => dueStrikes.Contains(v.Id) && v.StrikeClearedAt == null).ToListAsync(cancellationToken))
        {
            strike.ClearStrike(now);
            await notices.StrikeClearedAsync(strike, policy.StrikeGoodStandingDays, cancellationToken);
            changed = true;
        }

        // A suspension that ran out (not one staff lifted: that notice went with the lift) is announced once.
        var ended = record.Standing.Sanctions
            .Where(s => s.Kind is SanctionKind.TemporarySuspension or SanctionKind.PermanentSuspension or SanctionKind.AccountAndDepositBlocked
                && !s.LiftedByStaff && s.EndsAt is { } end && end <= now && end >= recentSince)
            .Select(s => s.EndsAt!.Value)
            .Distinct()
            .ToList();
        foreach (var end in ended)
        {
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO suspension_endings (ad_account_id, ended_at, notified_at) VALUES ({accountId}, {end}, {now})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
            if (inserted == 1 && record.Standing.MayRunAds)
            {
                await notices.SuspensionEndedAsync(account, end, cancellationToken);
                changed = true;
            }
        }

        // The next moment time alone changes this record; nothing planned: the account leaves the schedule.
        var next = record.Standing.Sanctions
            .Where(s => s.EndsAt is { } end && end > now)
            .Select(s => s.EndsAt)
            .Append(record.Strikes.NextClearingAt)
            .Where(t => t is not null)
            .Min();
        if (next is { } at)
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE ace_standing_checks SET due_at = {at} WHERE ad_account_id = {accountId} AND due_at = {claimed.DueAt}", cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlAsync(
                $"DELETE FROM ace_standing_checks WHERE ad_account_id = {accountId} AND due_at = {claimed.DueAt}", cancellationToken);
        }

        return changed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The standing of ad account {AdAccountId} could not be checked; it stays due and the next sweep tries again")]
    private static partial void LogAccountFailed(ILogger logger, Guid adAccountId, Exception exception);
}
