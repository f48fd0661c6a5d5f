using System.Linq.Expressions;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Data;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Localisation;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Complaints;

/// <summary>
/// What changes an ad account's record, whatever asked for it: a violation recorded (an upheld complaint or an ACE
/// evaluation) and, the other way, everything that rested on a violation or a missed deadline lifted (a withdrawn
/// complaint, an approved review, a reopened decision, a staff lift) — one code path each way. Every change is told
/// to the advertiser, written to the account's history and, for a complaint, to its timeline. The standing and the
/// ladder are derived, so they recompute by themselves. Works on the caller's DbContext; the caller saves once.
/// </summary>
public sealed class EnforcementDesk(AppDbContext db, AceStandings standings, AceNotices notices)
{
    /// <summary>
    /// Puts a new violation on the record: numbered before anything quotes it, its ads stopped as its tier says, the
    /// advertiser told (in the app and by email, in every region) and the 48-hour correction deadline started from that notice.
    /// </summary>
    public async Task<Deadline> RecordViolationAsync(Violation violation, IReadOnlyList<Ad> ads, AceComplaint? complaint, Actor by, PolicySettings policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.Violations.Add(violation);
        await db.NumberAsync(violation, cancellationToken);
        var reference = complaint?.Reference ?? violation.Reference;
        var stoppedFor = Fact.Of(FactKind.AdStoppedForViolation, EventValues.Of(EventValue.Violation, reference).With(EventValue.Tier, violation.Tier));
        foreach (var ad in ads)
        {
            ad.Enforce(violation.AdEffect, stoppedFor, now);
        }

        var recorded = Fact.Of(FactKind.ViolationRecorded, Values(violation).With(EventValue.Category, violation.Category).With(EventValue.Complaint, complaint?.Reference));

        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == violation.AdAccountId, cancellationToken);
        var standing = await standings.WithAsync(account, violation, cancellationToken);
        var caused = standing.Sanctions.Where(s => s.ViolationId == violation.Id)
            .Select(s => Fact.Of(FactKind.SuspensionStarted, EventValues.Of(EventValue.SanctionKind, s.Kind.ToString()).With(EventValue.Until, s.EndsAt)))
            .ToList();
        var stopped = ads.Where(a => a.StatusChangedAt == now && a.StoppedByPlatform).Select(a => a.ExternalAdId).ToList();
        if (stopped.Count > 0)
        {
            caused.Insert(0, Fact.Of(FactKind.AdsStopped, EventValues.Of(EventValue.Effect, violation.AdEffect.ToString()).With(EventValue.Ads, string.Join(", ", stopped))));
        }

        // The notice is written now, and the 48 hours to correct similar content count from it (SPEC 3.2).
        var correctionDue = now + TimeSpan.FromHours(policy.SimilarContentCorrectionHours);
        await notices.ViolationRecordedAsync(violation, account, reference, caused, correctionDue, now, cancellationToken);
        violation.MarkNotified(now);
        var correction = Deadline.ForViolationNotice(violation, now, policy);
        db.Deadlines.Add(correction);
        await notices.DeadlineCreatedAsync(correction, cancellationToken);
        await notices.SuspensionStartedAsync(account, standing, s => s.ViolationId == violation.Id, cancellationToken);
        await db.CheckAsync(account.Id, now, cancellationToken);
        // The violation's reason is the staff member's own words: the history keeps it as the line's reason.
        History(account.Id, account.OrganisationId, EnforcementEventKind.ViolationRecorded, by, now, [recorded, .. caused], violation.Reason, violation.Id, complaint?.Id);
        return correction;
    }

    /// <summary>
    /// Takes a violation (and its strike) off the record and lifts everything that rested on it: the suspension, the
    /// deadlines it and its complaint set (cancelled), the sanctions for those already missed (lifted, a cancelled ad plan
    /// restored), and the ads stopped only because of it (reinstated). Returns what was restored.
    /// </summary>
    /// <param name="violation">The violation, tracked.</param>
    /// <param name="why">Why it is removed (the complaint withdrawn, the review approved, the decision reopened).</param>
    /// <param name="by">Who removes it (the complainant, a reviewer, staff).</param>
    /// <param name="reason">A staff member's own reason, for the audit trail.</param>
    /// <param name="now">The clock.</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    /// <param name="keepComplaintDeadlines">True when the complaint goes back to review (a reopened decision): its own deadlines keep running.</param>
    public async Task<IReadOnlyList<Fact>> RemoveViolationAsync(
        Violation violation, Fact why, Actor by, string? reason, DateTimeOffset now, CancellationToken cancellationToken, bool keepComplaintDeadlines = false)
    {
        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == violation.AdAccountId, cancellationToken);
        var before = (await standings.ForAccountAsync(account, cancellationToken)).Standing;
        var restored = new List<Fact>();
        violation.Remove(why, now);
        var reference = await notices.ReferenceAsync(violation, cancellationToken);
        restored.Add(Fact.Of(FactKind.ViolationOffRecord, Values(violation)));
        restored.AddRange(before.InForce.Where(s => s.ViolationId == violation.Id).Select(Lifted));

        var complaintId = violation.ComplaintId;
        Expression<Func<Deadline, bool>> ofViolation = keepComplaintDeadlines || complaintId is null
            ? d => d.ViolationId == violation.Id
            : d => d.ViolationId == violation.Id || d.ComplaintId == complaintId;
        // Tracked deadlines the caller already ended (a withdrawal cancels its complaint's first) are skipped.
        foreach (var deadline in (await db.Deadlines.Where(ofViolation).Where(d => d.State == DeadlineState.Pending).ToListAsync(cancellationToken)).Where(d => d.IsPending))
        {
            deadline.Cancel(why, now);
            restored.Add(Fact.Of(FactKind.DeadlineCancelled, EventValues.Of(EventValue.Deadline, deadline.Kind)));
        }

        Expression<Func<Deadline, bool>> missed = complaintId is null
            ? d => d.ViolationId == violation.Id
            : d => d.ViolationId == violation.Id || d.ComplaintId == complaintId;
        restored.AddRange(await LiftMissedAsync(missed, why, null, now, cancellationToken));
        restored.AddRange(await ReinstateAdsAsync(violation, now, cancellationToken));
        await db.CheckAsync(account.Id, now, cancellationToken);
        await RecordRestoredAsync(account, complaintId, violation.Id, reference, why, restored, by, reason, EnforcementEventKind.Restored, now, cancellationToken);
        return restored;
    }

    /// <summary>
    /// Lifts the sanctions of missed deadlines (a complaint withdrawn before any violation, an approved review of a missed
    /// deadline, a staff lift) and restores what they caused (a cancelled ad plan). Returns what was restored.
    /// </summary>
    public async Task<IReadOnlyList<Fact>> LiftMissedDeadlinesAsync(
        Expression<Func<Deadline, bool>> which, string reference, Fact why, Actor by, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deadlines = await db.Deadlines.AsNoTracking().Where(which).Select(d => new { d.AdAccountId, d.ComplaintId }).ToListAsync(cancellationToken);
        var restored = await LiftMissedAsync(which, why, reason, now, cancellationToken);
        if (deadlines.Count > 0 && restored.Count > 0)
        {
            var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == deadlines[0].AdAccountId, cancellationToken);
            await RecordRestoredAsync(account, deadlines[0].ComplaintId, null, reference, why, restored, by, reason, by.Kind == ActorKind.Staff && reason is not null ? EnforcementEventKind.SanctionLifted : EnforcementEventKind.Restored, now, cancellationToken);
        }

        return restored;
    }

    /// <summary>Staff shorten a missed deadline's sanction: it ends at <paramref name="endsAt"/>, and what it caused is restored then.</summary>
    public async Task<Fact> ShortenMissedDeadlineAsync(Guid deadlineId, DateTimeOffset endsAt, Actor staff, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sanction = await db.DeadlineSanctions.AsNoTracking().SingleAsync(s => s.DeadlineId == deadlineId, cancellationToken);
        var deadline = await db.Deadlines.AsNoTracking().SingleAsync(d => d.Id == deadlineId, cancellationToken);
        DomainRuleException.Check(
            sanction.Sanction != MissedDeadlineSanction.CancelAdPlan,
            "sanction-shorten-plan",
            $"A cancelled ad plan has no end to move: lift the sanction, or reinstate the plan.");
        db.DeadlineSanctions.Update(sanction.EndAt(endsAt, reason, now));
        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == deadline.AdAccountId, cancellationToken);
        var reference = await notices.ReferenceAsync(deadline, cancellationToken);
        var ends = Fact.Of(FactKind.SanctionNowEnds, EventValues.Of(EventValue.Deadline, deadline.Kind).With(EventValue.Until, endsAt));
        await db.CheckAsync(account.Id, now, cancellationToken);
        await RecordRestoredAsync(account, deadline.ComplaintId, deadline.ViolationId, reference, Fact.Of(FactKind.StaffShortened), [ends], staff, reason, EnforcementEventKind.SanctionShortened, now, cancellationToken);
        return ends;
    }

    /// <summary>Staff lift (<paramref name="endsAt"/> null) or shorten the suspension resting on a violation; the violation stays on the record.</summary>
    public async Task<IReadOnlyList<Fact>> ChangeViolationSanctionAsync(Violation violation, DateTimeOffset? endsAt, Actor staff, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == violation.AdAccountId, cancellationToken);
        var before = (await standings.ForAccountAsync(account, cancellationToken)).Standing;
        var inForce = before.InForce.Where(s => s.ViolationId == violation.Id).ToList();
        DomainRuleException.Check(inForce.Count > 0, RuleCodes.SanctionNotInForce, $"No sanction resting on {violation.Reference} is in force now.");
        List<Fact> done;
        if (endsAt is { } end)
        {
            // A correction shortens: a new end later than the current one (9999-12-31, say) would lengthen the sanction.
            var currentEnd = inForce.Where(x => x.EndsAt is not null).Select(x => x.EndsAt).Max();
            DomainRuleException.Check(
                currentEnd is null || end < currentEnd,
                "sanction-shorten-later",
                $"The sanction now ends on {Infrastructure.Display.Utc(currentEnd ?? end)}; a correction can only make it end sooner. Choose an earlier time, or lift it.");
            violation.ShortenSanction(end, reason, staff, now);
            done = [Fact.Of(FactKind.SanctionNowEnds, EventValues.Of(EventValue.Violation, violation.Reference).With(EventValue.Until, end))];
        }
        else
        {
            violation.LiftSanction(reason, staff, now);
            done = [.. inForce.Select(Lifted)];
        }

        var reference = await notices.ReferenceAsync(violation, cancellationToken);
        await db.CheckAsync(account.Id, now, cancellationToken);
        await RecordRestoredAsync(account, violation.ComplaintId, violation.Id, reference, Fact.Of(FactKind.StaffCorrected), done, staff, reason,
            endsAt is null ? EnforcementEventKind.SanctionLifted : EnforcementEventKind.SanctionShortened, now, cancellationToken);
        return done;
    }

    /// <summary>Staff put an ad the platform stopped back: the ad delivers again when its promotion and the account allow it.</summary>
    public async Task<Fact> ReinstateAdAsync(Ad ad, Actor staff, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ad.Reinstate(now);
        var account = await AccountOfPromotionAsync(ad.PromotionId, cancellationToken);
        var reinstated = Fact.Of(FactKind.AdReinstated, EventValues.Of(EventValue.Ad, ad.ExternalAdId));
        await RecordRestoredAsync(account, null, null, ad.ExternalAdId, Fact.Of(FactKind.StaffReinstatedAd), [reinstated], staff, reason, EnforcementEventKind.AdReinstated, now, cancellationToken);
        return reinstated;
    }

    /// <summary>
    /// Staff reinstate an ad plan the platform stopped. A plan cancelled for a missed deadline is restored by lifting
    /// that deadline's sanction, so the standing and the plan never disagree.
    /// </summary>
    public async Task<IReadOnlyList<Fact>> ReinstatePlanAsync(Promotion promotion, Actor staff, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (promotion.CancelledForDeadlineId is { } deadlineId
            && await db.DeadlineSanctions.AsNoTracking().AnyAsync(s => s.DeadlineId == deadlineId && (s.LiftedAt == null || s.LiftedAt > now), cancellationToken))
        {
            var deadline = await db.Deadlines.AsNoTracking().SingleAsync(d => d.Id == deadlineId, cancellationToken);
            return await LiftMissedDeadlinesAsync(d => d.Id == deadlineId, await notices.ReferenceAsync(deadline, cancellationToken), Fact.Of(FactKind.StaffReinstatedPlan), staff, reason, now, cancellationToken);
        }

        var status = promotion.Reinstate();
        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == promotion.AdAccountId, cancellationToken);
        Fact[] reinstated = [Fact.Of(FactKind.PlanRestored, EventValues.Of(EventValue.Plan, promotion.ExternalCampaignId).With(EventValue.PlanName, promotion.Name).With(EventValue.Status, status))];
        await RecordRestoredAsync(account, null, null, promotion.ExternalCampaignId, Fact.Of(FactKind.StaffReinstatedPlan), reinstated, staff, reason, EnforcementEventKind.AdPlanReinstated, now, cancellationToken);
        return reinstated;
    }

    /// <summary>A staff correction that restores nothing by itself (a reopened decision, the origin of a penalty): audited and told.</summary>
    public async Task RecordCorrectionAsync(AdAccount account, EnforcementEventKind kind, string reference, Fact what, Actor staff, string reason, Guid? violationId, Guid? complaintId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        History(account.Id, account.OrganisationId, kind, staff, now, [what], reason, violationId, complaintId);
        await notices.StaffCorrectionAsync(account.OrganisationId, reference, what, reason, cancellationToken);
    }

    /// <summary>
    /// Lifts the sanctions of the missed deadlines given that are still in force, and restores the ad plans they
    /// cancelled (found by the deadline that cancelled them). Returns what was restored. A staff member's
    /// <paramref name="reason"/> is kept as theirs; without one, the sanction keeps <paramref name="why"/>.
    /// </summary>
    private async Task<List<Fact>> LiftMissedAsync(Expression<Func<Deadline, bool>> which, Fact why, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var missed = await (
            from s in db.DeadlineSanctions.AsNoTracking()
            join d in db.Deadlines.Where(which) on s.DeadlineId equals d.Id
            where s.LiftedAt == null || s.LiftedAt > now
            select new { Sanction = s, d.Kind, d.ComplaintId }).ToListAsync(cancellationToken);
        var restored = new List<Fact>();
        foreach (var m in missed)
        {
            var tracked = db.DeadlineSanctions.Local.FirstOrDefault(s => s.DeadlineId == m.Sanction.DeadlineId);
            if (tracked is not null)
            {
                db.Entry(tracked).State = EntityState.Detached;
            }

            db.DeadlineSanctions.Update(reason is null ? m.Sanction.EndNow(why, now) : m.Sanction.EndAt(now, reason, now));
            restored.Add(Fact.Of(FactKind.MissedSanctionLifted, EventValues.Of(EventValue.Sanction, m.Sanction.Sanction).With(EventValue.Deadline, m.Kind)));
            if (m.Sanction.Sanction == MissedDeadlineSanction.CancelAdPlan)
            {
                foreach (var promotion in await db.Promotions.Where(p => p.CancelledForDeadlineId == m.Sanction.DeadlineId).ToListAsync(cancellationToken))
                {
                    var status = promotion.Reinstate();
                    restored.Add(Fact.Of(FactKind.PlanRestored, EventValues.Of(EventValue.Plan, promotion.ExternalCampaignId).With(EventValue.PlanName, promotion.Name).With(EventValue.Status, status)));
                }
            }
        }

        return restored;
    }

    /// <summary>An ad the platform stopped for the violation (or its complaint's missed removal) is freed unless another active violation still covers it.</summary>
    private async Task<List<Fact>> ReinstateAdsAsync(Violation removed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var complaint = removed.ComplaintId is { } complaintId
            ? await db.AceComplaints.AsNoTracking().SingleAsync(c => c.Id == complaintId, cancellationToken)
            : null;
        var concerned = complaint is null
            ? await db.Ads.Where(a => a.Id == removed.AdId).ToListAsync(cancellationToken)
            : complaint.AdId is { } adId
                ? await db.Ads.Where(a => a.Id == adId).ToListAsync(cancellationToken)
                : await db.Ads.Where(a => a.PromotionId == complaint.PromotionId).OrderBy(a => a.ExternalAdId).ToListAsync(cancellationToken);
        var others = await (
            from v in db.Violations
            where v.AdAccountId == removed.AdAccountId && v.Id != removed.Id && v.Status == ViolationStatus.Active
            join c in db.AceComplaints on v.ComplaintId equals c.Id into complaints
            from c in complaints.DefaultIfEmpty()
            select new { v.AdId, PromotionId = (Guid?)c.PromotionId }).ToListAsync(cancellationToken);
        var restored = new List<Fact>();
        foreach (var ad in concerned)
        {
            var stillCovered = others.Any(o => o.AdId == ad.Id || (o.AdId is null && o.PromotionId == ad.PromotionId));
            if (ad.StoppedByPlatform && !stillCovered)
            {
                ad.Reinstate(now);
                restored.Add(Fact.Of(FactKind.AdReinstated, EventValues.Of(EventValue.Ad, ad.ExternalAdId)));
            }
        }

        return restored;
    }

    private async Task RecordRestoredAsync(
        AdAccount account, Guid? complaintId, Guid? violationId, string reference, Fact why, IReadOnlyList<Fact> restored, Actor by, string? reason,
        EnforcementEventKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Why, then what was restored (or that nothing else rested on it): the same facts on the complaint's timeline,
        // in the account's history and in the advertiser's notice, each worded for its reader.
        IReadOnlyList<Fact> said = [why, .. restored.Count == 0 ? [Fact.Of(FactKind.NothingElse)] : restored];
        if (complaintId is { } id && await db.AceComplaints.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } complaint)
        {
            complaint.RecordRestored(said, by, now);
        }

        History(account.Id, account.OrganisationId, kind, by, now, said, reason, violationId, complaintId);
        await notices.RestoredAsync(account.OrganisationId, reference, said, reason, cancellationToken);
    }

    private void History(Guid accountId, Guid organisationId, EnforcementEventKind kind, Actor by, DateTimeOffset now, IReadOnlyList<Fact> facts, string? reason, Guid? violationId, Guid? complaintId) =>
        db.EnforcementEvents.Add(EnforcementEvent.Record(accountId, organisationId, kind, by, now, facts, reason, violationId, complaintId));

    private static EventValues Values(Violation violation) =>
        EventValues.Of(EventValue.Violation, violation.Reference).With(EventValue.Tier, violation.Tier).With(EventValue.Strike, violation.IsStrike);

    private async Task<AdAccount> AccountOfPromotionAsync(Guid promotionId, CancellationToken cancellationToken) =>
        await (from p in db.Promotions join a in db.AdAccounts on p.AdAccountId equals a.Id where p.Id == promotionId select a).AsNoTracking().SingleAsync(cancellationToken);

    private static Fact Lifted(Sanction s) =>
        Fact.Of(FactKind.SuspensionLifted, EventValues.Of(EventValue.SanctionKind, s.Kind.ToString()).With(EventValue.Until, s.Kind == SanctionKind.TemporarySuspension ? s.EndsAt : null));
}
