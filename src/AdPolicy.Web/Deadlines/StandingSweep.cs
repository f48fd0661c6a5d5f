using AdPolicy.Domain.Ace;
using AdPolicy.Web.Ace;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Deadlines;

/// <summary>A temporary suspension whose end the advertiser was told of (once: the key is account + end).</summary>
public sealed class SuspensionEnding
{
    public Guid AdAccountId { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    public DateTimeOffset NotifiedAt { get; set; }
}

/// <summary>
/// Time passing on an account's record: strikes clear after the policy's days of good standing, and temporary
/// suspensions end. Standing is derived, so a suspension ends by itself at its end time; this sweep records and
/// announces each ending once, and clears due strikes (which changes the ladder for the next violation).
/// Each account is handled in its own transaction holding its row lock (SKIP LOCKED), so instances never overlap.
/// </summary>
public sealed class StandingSweep(AppDbContext db, TimeProvider clock, PolicyStore policies, AceStandings standings, AceNotices notices) : ISweep
{
    private const int AccountsPerSweep = 500;

    public string Name => "ace-standing";

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var longestTemporary = TimeSpan.FromDays(Math.Max(policy.FirstHighViolationSuspensionDays, Math.Max(policy.FirstStrikeSuspensionDays, policy.SecondStrikeSuspensionDays)));
        var recentSince = now - longestTemporary - TimeSpan.FromDays(7);

        // Accounts with a strike still counting, or a violation recent enough to carry a temporary suspension.
        var accountIds = await db.Violations.AsNoTracking()
            .Where(v => v.Status == ViolationStatus.Active && ((v.IsStrike && v.StrikeClearedAt == null) || v.RecordedAt >= recentSince))
            .Select(v => v.AdAccountId)
            .Distinct()
            .Take(AccountsPerSweep)
            .ToListAsync(cancellationToken);

        var done = 0;
        foreach (var accountId in accountIds)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM ad_accounts WHERE id = {accountId} FOR UPDATE SKIP LOCKED").ToListAsync(cancellationToken);
            if (locked.Count == 0)
            {
                continue;
            }

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

            var ended = record.Standing.Sanctions
                .Where(s => s.Kind == SanctionKind.TemporarySuspension && s.EndsAt is { } end && end <= now && end >= recentSince)
                .Select(s => s.EndsAt!.Value)
                .Distinct()
                .ToList();
            foreach (var end in ended)
            {
                var inserted = await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO suspension_endings (ad_account_id, ended_at, notified_at) VALUES ({accountId}, {end}, {now})
                    ON CONFLICT DO NOTHING
                    """, cancellationToken);
                if (inserted == 1 && !record.Standing.Sanctions.Any(s => s.IsInForceAt(now) && s.Kind is SanctionKind.TemporarySuspension or SanctionKind.PermanentSuspension))
                {
                    await notices.SuspensionEndedAsync(account, end, cancellationToken);
                    changed = true;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            done += changed ? 1 : 0;
        }

        return new SweepResult(accountIds.Count, done, 0);
    }
}
