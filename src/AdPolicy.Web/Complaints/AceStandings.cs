using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Complaints;

/// <summary>An ad account with its ACE record and the standing derived from it.</summary>
public sealed record AccountRecord(
    AdAccount Account,
    AccountStanding Standing,
    StrikeClearingResult Strikes,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<Deadline> PendingDeadlines);

/// <summary>Whether each promotion and ad on a page delivers now, and why not.</summary>
public sealed record Deliveries(IReadOnlyDictionary<Guid, DeliveryState> Promotions, IReadOnlyDictionary<Guid, DeliveryState> Ads)
{
    public static Deliveries None { get; } = new(new Dictionary<Guid, DeliveryState>(), new Dictionary<Guid, DeliveryState>());

    public DeliveryState? Of(Domain.Promotions.Promotion promotion) => Promotions.GetValueOrDefault(promotion.Id);

    public DeliveryState? Of(Domain.Promotions.Ad ad) => Ads.GetValueOrDefault(ad.Id);
}

/// <summary>
/// Reads an account's stored record (violations, sanctions for missed deadlines, quality score) and lets
/// <see cref="SanctionLadder"/> derive its standing. Nothing here decides a sanction; no status is ever stored.
/// </summary>
public sealed class AceStandings(AppDbContext db, PolicyStore policies, TimeProvider clock)
{
    public async Task<AccountRecord> ForAccountAsync(AdAccount account, CancellationToken cancellationToken = default) =>
        (await ForAccountsAsync([account], cancellationToken))[0];

    /// <summary>The account's standing as it will be once <paramref name="added"/> (not saved yet) is on the record.</summary>
    public async Task<AccountStanding> WithAsync(AdAccount account, Violation added, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var violations = await db.Violations.AsNoTracking().Where(v => v.AdAccountId == account.Id && v.Id != added.Id).ToListAsync(cancellationToken);
        var sanctions = await (
            from s in db.DeadlineSanctions.AsNoTracking()
            join d in db.Deadlines on s.DeadlineId equals d.Id
            where d.AdAccountId == account.Id
            select s).ToListAsync(cancellationToken);
        return SanctionLadder.Evaluate(account, [.. violations, added], sanctions, policy, now);
    }

    /// <summary>The account's standing as it will be once <paramref name="added"/> (a sanction for a missed deadline, not saved yet) is on the record.</summary>
    public async Task<AccountStanding> WithAsync(AdAccount account, DeadlineSanction added, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var violations = await db.Violations.AsNoTracking().Where(v => v.AdAccountId == account.Id).ToListAsync(cancellationToken);
        var sanctions = await (
            from s in db.DeadlineSanctions.AsNoTracking()
            join d in db.Deadlines on s.DeadlineId equals d.Id
            where d.AdAccountId == account.Id && s.DeadlineId != added.DeadlineId
            select s).ToListAsync(cancellationToken);
        return SanctionLadder.Evaluate(account, violations, [.. sanctions, added], policy, now);
    }

    /// <summary>The delivery of each promotion (and its ads, when loaded) as the accounts' standings allow it now.</summary>
    public async Task<Deliveries> DeliveryOfAsync(IReadOnlyCollection<Domain.Promotions.Promotion> promotions, CancellationToken cancellationToken = default)
    {
        var accountIds = promotions.Select(p => p.AdAccountId).Distinct().ToArray();
        var accounts = await AccountsById(db, accountIds).ToListAsync(cancellationToken);
        var records = await ForAccountsAsync(accounts, pendingDeadlines: false, cancellationToken);
        var standings = records.ToDictionary(r => r.Account.Id, r => r.Standing);
        var now = clock.GetUtcNow();
        return new Deliveries(
            promotions.ToDictionary(p => p.Id, p => Delivery.Of(p, standings[p.AdAccountId], now)),
            promotions.SelectMany(p => p.Ads.Select(a => (Ad: a, Promotion: p))).ToDictionary(x => x.Ad.Id, x => Delivery.Of(x.Ad, x.Promotion, standings[x.Promotion.AdAccountId], now)));
    }

    /// <summary>The records of several accounts with one query per table.</summary>
    public Task<IReadOnlyList<AccountRecord>> ForAccountsAsync(IReadOnlyList<AdAccount> accounts, CancellationToken cancellationToken = default) =>
        ForAccountsAsync(accounts, pendingDeadlines: true, cancellationToken);

    /// <summary>The records of several accounts with one query per table; without <paramref name="pendingDeadlines"/>, their running deadlines are not read (a standing does not need them).</summary>
    public async Task<IReadOnlyList<AccountRecord>> ForAccountsAsync(IReadOnlyList<AdAccount> accounts, bool pendingDeadlines, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToArray();
        var violations = await ViolationsOf(db, ids).ToListAsync(cancellationToken);
        var sanctions = await SanctionsOf(db, ids).ToListAsync(cancellationToken);
        var pending = !pendingDeadlines ? [] : await PendingDeadlinesOf(db, ids).ToListAsync(cancellationToken);
        return [.. accounts.Select(a => Evaluate(
            a,
            [.. violations.Where(v => v.AdAccountId == a.Id)],
            sanctions.Where(s => s.AdAccountId == a.Id).Select(s => s.Sanction),
            [.. pending.Where(d => d.AdAccountId == a.Id)],
            policy,
            now))];
    }

    // Compiled once (issue 17): on the ACE and promotions pages, translating and looking up each LINQ query in EF's
    // cache on every view cost more CPU than running it.
    private static readonly Func<AppDbContext, Guid[], IAsyncEnumerable<Violation>> ViolationsOf = EF.CompileAsyncQuery<AppDbContext, Guid[], Violation>(
        (AppDbContext db, Guid[] ids) => db.Violations.AsNoTracking()
            .Where(v => ids.Contains(v.AdAccountId))
            .OrderBy(v => v.RecordedAt));

    private static readonly Func<AppDbContext, Guid[], IAsyncEnumerable<AdAccount>> AccountsById = EF.CompileAsyncQuery(
        (AppDbContext db, Guid[] ids) => db.AdAccounts.AsNoTracking().Where(a => ids.Contains(a.Id)));

    private sealed record AccountSanction(Guid AdAccountId, DeadlineSanction Sanction);

    private static readonly Func<AppDbContext, Guid[], IAsyncEnumerable<AccountSanction>> SanctionsOf = EF.CompileAsyncQuery(
        (AppDbContext db, Guid[] ids) =>
            from s in db.DeadlineSanctions.AsNoTracking()
            join d in db.Deadlines on s.DeadlineId equals d.Id
            where ids.Contains(d.AdAccountId)
            select new AccountSanction(d.AdAccountId, s));

    private static readonly Func<AppDbContext, Guid[], IAsyncEnumerable<Deadline>> PendingDeadlinesOf = EF.CompileAsyncQuery<AppDbContext, Guid[], Deadline>(
        (AppDbContext db, Guid[] ids) => db.Deadlines.AsNoTracking()
            .Where(d => ids.Contains(d.AdAccountId) && d.State == DeadlineState.Pending)
            .OrderBy(d => d.DueAt));

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
