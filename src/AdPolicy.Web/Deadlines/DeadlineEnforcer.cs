using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Deadlines;

/// <summary>
/// What a missed deadline means, applied to tracked entities (the caller saves, in one transaction): the content
/// comes down where the deadline was a removal, the sanction the policy names is applied, the deadline is marked
/// missed with what was done, the complaint's timeline says so, and the advertiser and the case's staff are told.
/// Used by the deadline sweep and, at once, by an uphold that finds a deadline already passed.
/// </summary>
public sealed class DeadlineEnforcer(AppDbContext db, AceNotices notices, Notifier notifier, AceStandings standings)
{
    /// <summary>Promotions whose every ad is tracked (loaded by <see cref="LockAsync"/>): their ads are read from the tracker, not queried again.</summary>
    private readonly HashSet<Guid> _adsLoadedFor = [];

    /// <summary>Accounts a missed deadline of this unit of work already blocked: its sanction is not saved yet, so the standing read would miss it.</summary>
    private readonly HashSet<Guid> _blockedAccounts = [];

    /// <summary>
    /// Locks the claimed deadlines' complaints and loads every promotion and ad enforcing them may write. The complaints
    /// are locked with SKIP LOCKED (one a user holds, deciding or withdrawing it, is left to them: its deadlines wait for
    /// the next sweep, and its promotion and ad are not read). With <paramref name="lockContent"/> the promotions and then
    /// the ads are locked too, in the same statement, each by id and waited for; without it they are read unlocked, and
    /// the caller locks and checks them when it writes, in that same order (<see cref="BulkWriter"/>'s lock-last types),
    /// so a user editing a promotion waits only for the batch's last statements, not for all of it. Either way two sweeps
    /// sharing a promotion take their locks in one global order (complaints, promotions, ads, each by id) and can never
    /// deadlock. The promotions with their ads are loaded by one more query; all stay tracked, so
    /// <see cref="EnforceAsync"/> finds them without another query. Call it inside the caller's transaction, after the
    /// deadlines are claimed.
    /// </summary>
    /// <returns>The complaints locked, by id; a complaint id missing from it is held by someone else or does not exist.</returns>
    public async Task<Dictionary<Guid, AceComplaint>> LockAsync(IReadOnlyCollection<Deadline> deadlines, bool lockContent, CancellationToken cancellationToken)
    {
        var complaintIds = deadlines.Select(d => d.ComplaintId).OfType<Guid>().Distinct().Order().ToArray();
        var removals = deadlines.Where(d => d.Kind == DeadlineKind.RemoveContent && d.AdId is not null).ToList();
        var adIds = removals.Select(d => d.AdId!.Value).ToArray();
        var adComplaints = removals.Select(d => d.ComplaintId).ToArray();
        if (complaintIds.Length == 0 && adIds.Length == 0)
        {
            return [];
        }

        // Without lockContent only the complaints are locked here. With it, the ads and promotions are locked by the CTEs
        // the final SELECT depends on (PostgreSQL runs a plain CTE only when read), each evaluated whole before the next:
        // the complaints, then the promotions of those locked, then the ads of those promotions and those the removal
        // deadlines name (unless their complaint is someone else's just now).
        var complaints = !lockContent
            ? await db.AceComplaints.FromSql($"""
                SELECT *, xmin FROM ace_complaints WHERE id = ANY({complaintIds}) ORDER BY id FOR UPDATE SKIP LOCKED
                """).ToDictionaryAsync(c => c.Id, cancellationToken)
            : await db.AceComplaints.FromSql($"""
            WITH c AS MATERIALIZED (
                SELECT *, xmin FROM ace_complaints WHERE id = ANY({complaintIds}) ORDER BY id FOR UPDATE SKIP LOCKED),
            p AS MATERIALIZED (
                SELECT id FROM promotions WHERE id = ANY(ARRAY(SELECT promotion_id FROM c)) ORDER BY id FOR UPDATE),
            a AS MATERIALIZED (
                SELECT id FROM ads
                WHERE promotion_id = ANY(ARRAY(SELECT id FROM p))
                   OR id = ANY(ARRAY(
                       SELECT r.ad FROM unnest({adIds}, {adComplaints}) AS r(ad, complaint)
                       WHERE r.complaint IS NULL OR r.complaint IN (SELECT id FROM c)
                          OR NOT EXISTS (SELECT 1 FROM ace_complaints x WHERE x.id = r.complaint)))
                ORDER BY id FOR UPDATE)
            SELECT c.* FROM c WHERE (SELECT count(*) FROM a) >= 0
            """).ToDictionaryAsync(c => c.Id, cancellationToken);

        // The ads loaded are told from the promotions, not by asking the tracker (DbSet.Local detects changes on each use).
        var promotionIds = complaints.Values.Select(c => c.PromotionId).Distinct().ToArray();
        var loadedAds = new HashSet<Guid>();
        if (promotionIds.Length > 0)
        {
            var promotions = await db.Promotions.Where(p => promotionIds.Contains(p.Id)).Include(p => p.Ads).ToListAsync(cancellationToken);
            loadedAds.UnionWith(promotions.SelectMany(p => p.Ads).Select(a => a.Id));
            _adsLoadedFor.UnionWith(promotionIds);
        }

        var otherAds = removals.Where(d => d.ComplaintId is not { } c || complaints.ContainsKey(c))
            .Select(d => d.AdId!.Value).Where(id => !loadedAds.Contains(id)).Distinct().ToArray();
        if (otherAds.Length > 0)
        {
            await db.Ads.Where(a => otherAds.Contains(a.Id)).LoadAsync(cancellationToken);
        }

        return complaints;
    }

    /// <summary>Forgets what <see cref="LockAsync"/> loaded (the caller cleared its change tracker).</summary>
    public void Forget()
    {
        _adsLoadedFor.Clear();
        _blockedAccounts.Clear();
    }

    public async Task EnforceAsync(Deadline deadline, AceComplaint? complaint, PolicySettings policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = new List<Fact>();
        var facts = new EventValues();
        if (deadline.Kind == DeadlineKind.RemoveContent)
        {
            var ads = await AdsAsync(deadline, complaint, cancellationToken);
            var live = ads.Where(a => a.IsLive).ToList();
            var removedFor = Fact.Of(FactKind.AdRemovedAtMissedDeadline, EventValues.Of(EventValue.DueAt, deadline.DueAt));
            foreach (var ad in live)
            {
                ad.Enforce(AdStatus.Removed, removedFor, now);
            }

            facts.With(EventValue.RemovedAds, live.Count > 0 ? string.Join(", ", live.Select(a => a.ExternalAdId)) : "none");
            done.Add(live.Count > 0
                ? Fact.Of(FactKind.PlatformRemovedAds, EventValues.Of(EventValue.Ads, string.Join(", ", live.Select(a => a.ExternalAdId))))
                : Fact.Of(FactKind.ContentAlreadyDown));
        }

        var sanction = deadline.SanctionFor(policy);
        if (sanction == MissedDeadlineSanction.CancelAdPlan && complaint is not null
            && (db.Promotions.Local.FindEntry(complaint.PromotionId)?.Entity
                ?? await db.Promotions.FirstOrDefaultAsync(p => p.Id == complaint.PromotionId, cancellationToken)) is { } promotion
            && promotion.CancelAdPlan(deadline.Id, Fact.Of(FactKind.PlanCancelledForMissedDeadline, EventValues.Of(EventValue.Complaint, complaint.Reference))))
        {
            facts.With(EventValue.CancelledPlan, promotion.ExternalCampaignId);
            done.Add(Fact.Of(FactKind.PlanCancelled, EventValues.Of(EventValue.Plan, promotion.ExternalCampaignId)));
        }
        else if (sanction == MissedDeadlineSanction.CancelAdPlan)
        {
            done.Add(Fact.Of(FactKind.NoPlanToCancel));
        }

        if (sanction != MissedDeadlineSanction.CancelAdPlan)
        {
            done.Add(Fact.Of(FactKind.SanctionImposed, EventValues.Of(EventValue.Sanction, sanction)));
        }

        deadline.MarkMissed(done, now);
        if (sanction != MissedDeadlineSanction.None)
        {
            var imposed = DeadlineSanction.ForMissed(deadline, policy);
            db.DeadlineSanctions.Add(imposed);
            if (sanction == MissedDeadlineSanction.BlockAccountAndDeposit)
            {
                await BlockedAsync(deadline, imposed, cancellationToken);
            }
        }

        complaint?.RecordDeadlineMissed(deadline, facts.With(EventValue.Sanction, sanction), now);
        await notices.DeadlineMissedAsync(deadline, cancellationToken);
        // The case's staff: the complaint's assignee or decider; for a violation recorded from an ACE evaluation, who recorded it.
        var violation = deadline.ViolationId is { } violationId
            ? await db.Violations.AsNoTracking().Where(v => v.Id == violationId).Select(v => new { v.RecordedById, v.AdAccountId }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if ((complaint?.AssigneeId ?? complaint?.DecidedById ?? violation?.RecordedById) is { } staff)
        {
            var reference = await notices.ReferenceAsync(deadline, cancellationToken);
            await notifier.NotifyAsync(
                staff,
                () => (
                    NoticeWords.Format("{0}: deadline missed", reference),
                    NoticeWords.Format("{0} was due {1}.", Sentences.What(deadline.Kind), Infrastructure.Display.Utc(deadline.DueAt)) + " " + Sentences.Outcome(deadline)),
                complaint is not null ? $"/Staff/Complaints/Details/{complaint.Id}" : $"/Staff/Accounts/Details/{deadline.AdAccountId}",
                email: true,
                cancellationToken);
        }
    }

    /// <summary>
    /// "suspension.started" for the block, to whoever subscribed, in the enforcement's transaction (the deadline is missed once, so it is raised
    /// once), unless an earlier missed deadline's block is still in force: then no suspension starts.
    /// </summary>
    private async Task BlockedAsync(Deadline deadline, DeadlineSanction imposed, CancellationToken cancellationToken)
    {
        if (!_blockedAccounts.Add(deadline.AdAccountId))
        {
            // An earlier deadline of this batch blocked the account (as its saved sanction would show one at a time).
            return;
        }

        // The standing is read only for the webhook, and it grows with the account's record (every missed deadline's
        // sanction): with nobody subscribed it is not read at all. It was most of a batch's time for an account with
        // thousands of sanctions, held the batch's locks meanwhile, and made three sweeps slower than one.
        if (!await notices.AnyoneHearsOfSuspensionsAsync(deadline.OrganisationId, cancellationToken))
        {
            return;
        }

        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == deadline.AdAccountId, cancellationToken);
        var standing = await standings.WithAsync(account, imposed, cancellationToken);
        var alreadyBlocked = standing.InForce.Any(s => s.Kind == SanctionKind.AccountAndDepositBlocked && s.DeadlineId != deadline.Id);
        if (!alreadyBlocked)
        {
            await notices.SuspensionStartedAsync(account, standing, s => s.DeadlineId == deadline.Id, cancellationToken);
        }
    }

    private async Task<List<Ad>> AdsAsync(Deadline deadline, AceComplaint? complaint, CancellationToken cancellationToken)
    {
        if (deadline.AdId is { } adId)
        {
            return db.Ads.Local.FindEntry(adId)?.Entity is { } tracked ? [tracked] : await db.Ads.Where(a => a.Id == adId).ToListAsync(cancellationToken);
        }

        if (complaint is null)
        {
            return [];
        }

        return _adsLoadedFor.Contains(complaint.PromotionId)
            ? db.ChangeTracker.Entries<Ad>().Select(e => e.Entity).Where(a => a.PromotionId == complaint.PromotionId).ToList()
            : await db.Ads.Where(a => a.PromotionId == complaint.PromotionId).ToListAsync(cancellationToken);
    }
}
