using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Ace;

/// <summary>An ad account with its ACE record and the standing derived from it.</summary>
public sealed record AccountRecord(
    AdAccount Account,
    AccountStanding Standing,
    StrikeClearingResult Strikes,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<Deadline> PendingDeadlines);

/// <summary>
/// Reads an account's stored record (violations, sanctions for missed deadlines, quality score) and lets
/// <see cref="SanctionLadder"/> derive its standing. Nothing here decides a sanction; no status is ever stored.
/// </summary>
public sealed class AceStandings(AppDbContext db, PolicyStore policies, TimeProvider clock)
{
    public async Task<AccountRecord> ForAccountAsync(AdAccount account, CancellationToken cancellationToken = default) =>
        (await ForAccountsAsync([account], cancellationToken))[0];

    /// <summary>The records of several accounts with one query per table.</summary>
    public async Task<IReadOnlyList<AccountRecord>> ForAccountsAsync(IReadOnlyList<AdAccount> accounts, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();
        var violations = await db.Violations.AsNoTracking()
            .Where(v => ids.Contains(v.AdAccountId))
            .OrderBy(v => v.RecordedAt)
            .ToListAsync(cancellationToken);
        var sanctions = await (
            from s in db.DeadlineSanctions.AsNoTracking()
            join d in db.Deadlines on s.DeadlineId equals d.Id
            where ids.Contains(d.AdAccountId)
            select new { d.AdAccountId, Sanction = s }).ToListAsync(cancellationToken);

        // A violation or missed-deadline sanction added in this unit of work but not saved yet counts too, so a change can
        // tell (in its own transaction) what it does to the standing.
        violations.AddRange(db.ChangeTracker.Entries<Violation>()
            .Where(e => e.State == EntityState.Added && ids.Contains(e.Entity.AdAccountId))
            .Select(e => e.Entity));
        foreach (var added in db.ChangeTracker.Entries<DeadlineSanction>().Where(e => e.State == EntityState.Added).Select(e => e.Entity))
        {
            if (db.ChangeTracker.Entries<Deadline>().FirstOrDefault(d => d.Entity.Id == added.DeadlineId)?.Entity is { } deadline && ids.Contains(deadline.AdAccountId))
            {
                sanctions.Add(new { deadline.AdAccountId, Sanction = added });
            }
        }

        var pending = await db.Deadlines.AsNoTracking()
            .Where(d => ids.Contains(d.AdAccountId) && d.State == DeadlineState.Pending)
            .OrderBy(d => d.DueAt)
            .ToListAsync(cancellationToken);
        return [.. accounts.Select(a => Evaluate(
            a,
            [.. violations.Where(v => v.AdAccountId == a.Id)],
            sanctions.Where(s => s.AdAccountId == a.Id).Select(s => s.Sanction),
            [.. pending.Where(d => d.AdAccountId == a.Id)],
            policy,
            now))];
    }

    private static AccountRecord Evaluate(
        AdAccount account,
        IReadOnlyList<Violation> violations,
        IEnumerable<DeadlineSanction> sanctions,
        IReadOnlyList<Deadline> pending,
        PolicySettings policy,
        DateTimeOffset now) => new(
            account,
            SanctionLadder.Evaluate(account, violations, sanctions, policy, now),
            StrikeClearing.Evaluate(violations, policy, now),
            violations,
            pending);
}
