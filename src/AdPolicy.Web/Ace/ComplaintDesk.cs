using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Data;
using AdPolicy.Web.Storage;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Ace;

public sealed record FiledComplaint(AceComplaint Complaint, string TrackingToken);

/// <summary>
/// What happens around an ACE complaint beyond the aggregate itself: finding what it is about, its deadlines, the
/// violation an uphold records, the ads it stops or frees, and the notices. The rules are the domain's; this class
/// loads, calls them in order and saves once, so each action is one transaction.
/// </summary>
public sealed class ComplaintDesk(
    AppDbContext db,
    TimeProvider clock,
    PolicyStore policies,
    CaseAttachments attachments,
    AceNotices notices,
    Deadlines.DeadlineEnforcer enforcer,
    IOptions<ComplaintLimits> limits)
{
    /// <summary>Files a complaint with its deadlines and files. Refusals go into <paramref name="modelState"/>; null then.</summary>
    /// <param name="input">The complaint as the form (or the API) gave it, already validated.</param>
    /// <param name="filedBy">The complainant, or staff recording it for them.</param>
    /// <param name="modelState">Where refusals go.</param>
    /// <param name="cancellationToken">Cancels the filing.</param>
    /// <param name="limitPerEmail">
    /// False for a partner's intake through the API: a rights agency files many complaints from one address, and the
    /// partner's key is rate-limited instead.
    /// </param>
    public async Task<FiledComplaint?> FileAsync(ComplaintInput input, Actor filedBy, ModelStateDictionary modelState, CancellationToken cancellationToken, bool limitPerEmail = true)
    {
        var target = await FindTargetAsync(input.CampaignOrAdId, cancellationToken);
        if (target is null)
        {
            modelState.AddModelError(
                "Input.CampaignOrAdId",
                $"No campaign or ad has the id \"{input.CampaignOrAdId.Trim()}\". Check the id shown with the ad (like CMP-101-001 or AD-101-001A).");
            return null;
        }

        var now = clock.GetUtcNow();
        if (limitPerEmail && filedBy.Kind == ActorKind.Complainant && await FiledInLastHourAsync(input.Email, now, cancellationToken) >= limits.Value.MaxPerEmailPerHour)
        {
            modelState.AddModelError(
                string.Empty,
                $"This email address has filed {limits.Value.MaxPerEmailPerHour} complaints in the last hour, the most we accept. "
                + "Follow them with their tracking links, or wait an hour before filing another.");
            return null;
        }

        await using var staged = await attachments.StageAsync(input.Files, modelState, "Input.Files", cancellationToken);
        if (!modelState.IsValid)
        {
            return null;
        }

        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var (token, hash) = TrackingTokens.New();
        AceComplaint complaint;
        IReadOnlyList<Deadline> deadlines;
        try
        {
            complaint = AceComplaint.File(
                input.Type, input.Category!.Value, target.OrganisationId, target.AdAccountId, target.PromotionId, target.AdId,
                input.Complainant(), input.Description, hash, filedBy, now);
            deadlines = Deadline.ForComplaint(complaint, policy);
        }
        catch (DomainRuleException rule)
        {
            modelState.AddModelError(string.Empty, rule.Message);
            return null;
        }

        db.AceComplaints.Add(complaint);
        db.Deadlines.AddRange(deadlines);

        // The complainant's own files show on their tracking page; staff see them with the complaint.
        await staged.AttachAsync(
            db, CaseKind.AceComplaint, complaint.Id, complaint.OrganisationId, filedBy, now, _ => { }, cancellationToken,
            visibleToComplainant: filedBy.Kind == ActorKind.Complainant);
        await notices.ComplaintFiledAsync(complaint, deadlines, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new FiledComplaint(complaint, token);
    }

    /// <summary>
    /// Upholds: records the violation (a strike for IP), stops the ads as its tier says, judges the complaint's
    /// deadlines as of now (SPEC 5), and starts the correct-similar-content deadline from this notification.
    /// </summary>
    public async Task<Violation> UpholdAsync(AceComplaint complaint, ViolationTier tier, string reason, Actor staff, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (policy, version) = await policies.CurrentAsync(cancellationToken);
        var ads = await AdsConcernedAsync(complaint, cancellationToken);
        var removedByAdvertiserAt = ads.Count > 0 && ads.All(a => a is { Status: AdStatus.Removed, StoppedByPlatform: false })
            ? ads.Max(a => a.StatusChangedAt)
            : null;
        var deadlines = await PendingDeadlinesAsync(complaint.Id, cancellationToken);

        var violation = complaint.Uphold(tier, reason, staff, version, now);
        var enforceNow = new List<Deadline>();
        foreach (var deadline in deadlines)
        {
            var judgement = deadline.JudgeAtUphold(
                deadline.Kind switch
                {
                    DeadlineKind.RemoveContent => removedByAdvertiserAt,
                    DeadlineKind.CooperateWithComplainant => complaint.FirstCooperationMessageAt,
                    _ => null,
                },
                now);
            if (judgement == UpholdJudgement.EnforceNow)
            {
                enforceNow.Add(deadline);
            }
            else if (judgement == UpholdJudgement.StillRunning && deadline.Kind == DeadlineKind.RemoveContent && violation.AdEffect == AdStatus.Removed)
            {
                // The uphold itself takes the content down before the deadline: nothing is left for the advertiser to miss.
                deadline.Cancel("AdPolicy removed the content when the complaint was upheld.", now);
            }
        }

        foreach (var ad in ads)
        {
            ad.Enforce(violation.AdEffect, $"{TierConsequences.Label(tier)} violation upheld on complaint {complaint.Reference}.", now);
        }

        // A deadline that passed while nobody had judged the complaint is enforced now, in this same transaction (SPEC 5).
        foreach (var deadline in enforceNow)
        {
            await enforcer.EnforceAsync(deadline, complaint, policy, now, cancellationToken);
        }

        violation.MarkNotified(now);
        var correction = Deadline.ForViolationNotice(violation, now, policy);
        db.Violations.Add(violation);
        db.Deadlines.Add(correction);
        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == complaint.AdAccountId, cancellationToken);
        await notices.ViolationRecordedAsync(violation, account, correction, cancellationToken);
        notices.ComplaintDecided(complaint);
        await db.SaveChangesAsync(cancellationToken);
        return violation;
    }

    /// <summary>Rejects: the complaint sets the advertiser no deadline any more.</summary>
    public async Task RejectAsync(AceComplaint complaint, string reason, Actor staff, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var deadlines = await PendingDeadlinesAsync(complaint.Id, cancellationToken);
        complaint.Reject(reason, staff, now);
        foreach (var deadline in deadlines)
        {
            deadline.Cancel($"Complaint {complaint.Reference} was rejected.", now);
        }

        notices.ComplaintDecided(complaint);

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The complainant withdraws: its deadlines are cancelled; an upheld complaint's violation (and strike) is removed,
    /// the ads that rested only on it are reinstated and sanctions for its missed deadlines lifted. The standing is
    /// derived, so it recomputes by itself.
    /// </summary>
    public async Task WithdrawAsync(AceComplaint complaint, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var deadlines = await PendingDeadlinesAsync(complaint.Id, cancellationToken);
        complaint.Withdraw(complaint.Complainant, now);
        var why = $"Complaint {complaint.Reference} was withdrawn by the complainant.";
        foreach (var deadline in deadlines)
        {
            deadline.Cancel(why, now);
        }

        if (complaint.ViolationId is { } violationId
            && await db.Violations.SingleOrDefaultAsync(v => v.Id == violationId, cancellationToken) is { IsActive: true } violation)
        {
            await RemoveViolationAsync(violation, why, now, cancellationToken);
        }
        else
        {
            await LiftSanctionsAsync(d => d.ComplaintId == complaint.Id, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Takes a violation (and its strike) off the record and lifts what rested on it: the deadlines it and its complaint
    /// set are cancelled, sanctions for those already missed are lifted, the ads stopped only because of it are
    /// reinstated, and the advertiser is told. Suspensions are derived, so they recompute without it. Used when the
    /// complainant withdraws and when a review request against the violation is approved; the caller saves.
    /// </summary>
    public async Task RemoveViolationAsync(Violation violation, string why, DateTimeOffset now, CancellationToken cancellationToken)
    {
        violation.Remove(why, now);
        var complaintId = violation.ComplaintId;
        var deadlines = await db.Deadlines
            .Where(d => (d.ViolationId == violation.Id || (complaintId != null && d.ComplaintId == complaintId)) && d.State == DeadlineState.Pending)
            .ToListAsync(cancellationToken);
        foreach (var deadline in deadlines.Where(d => d.IsPending))
        {
            deadline.Cancel(why, now);
        }

        await ReinstateAdsAsync(violation, now, cancellationToken);
        await LiftSanctionsAsync(d => d.ViolationId == violation.Id || (complaintId != null && d.ComplaintId == complaintId), now, cancellationToken);
        await notices.ViolationRemovedAsync(violation, why, cancellationToken);
    }

    /// <summary>Lifts the sanction a missed deadline carries (a review request against it was approved); the caller saves.</summary>
    public Task LiftDeadlineSanctionAsync(Guid deadlineId, DateTimeOffset now, CancellationToken cancellationToken) =>
        LiftSanctionsAsync(d => d.Id == deadlineId, now, cancellationToken);

    private async Task LiftSanctionsAsync(System.Linq.Expressions.Expression<Func<Deadline, bool>> ofDeadlines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sanctions = await (
            from s in db.DeadlineSanctions
            join d in db.Deadlines.Where(ofDeadlines) on s.DeadlineId equals d.Id
            where s.LiftedAt == null
            select s).ToListAsync(cancellationToken);
        foreach (var sanction in sanctions)
        {
            db.Entry(sanction).State = EntityState.Detached;
            db.DeadlineSanctions.Update(sanction with { LiftedAt = now });
        }
    }

    /// <summary>The ads a complaint is about: the ad it names, or every ad of its promotion.</summary>
    public Task<List<Ad>> AdsConcernedAsync(AceComplaint complaint, CancellationToken cancellationToken) =>
        complaint.AdId is { } adId
            ? db.Ads.Where(a => a.Id == adId).ToListAsync(cancellationToken)
            : db.Ads.Where(a => a.PromotionId == complaint.PromotionId).OrderBy(a => a.ExternalAdId).ToListAsync(cancellationToken);

    private Task<List<Deadline>> PendingDeadlinesAsync(Guid complaintId, CancellationToken cancellationToken) =>
        db.Deadlines.Where(d => d.ComplaintId == complaintId && d.State == DeadlineState.Pending).ToListAsync(cancellationToken);

    /// <summary>An ad the platform stopped is freed unless another active violation still covers it.</summary>
    private async Task ReinstateAdsAsync(Violation removed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var complaint = removed.ComplaintId is { } complaintId
            ? await db.AceComplaints.AsNoTracking().SingleAsync(c => c.Id == complaintId, cancellationToken)
            : null;
        var concerned = complaint is not null
            ? await AdsConcernedAsync(complaint, cancellationToken)
            : await db.Ads.Where(a => a.Id == removed.AdId).ToListAsync(cancellationToken);
        var others = await (
            from v in db.Violations
            where v.AdAccountId == removed.AdAccountId && v.Id != removed.Id && v.Status == ViolationStatus.Active
            join c in db.AceComplaints on v.ComplaintId equals c.Id into complaints
            from c in complaints.DefaultIfEmpty()
            select new { v.AdId, PromotionId = (Guid?)c.PromotionId }).ToListAsync(cancellationToken);
        foreach (var ad in concerned)
        {
            var stillCovered = others.Any(o => o.AdId == ad.Id || (o.AdId is null && o.PromotionId == ad.PromotionId));
            if (ad.StoppedByPlatform && !stillCovered)
            {
                ad.Reinstate(now);
            }
        }
    }

    private Task<int> FiledInLastHourAsync(string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pattern = email.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        var since = now.AddHours(-1);
        return db.AceComplaints.CountAsync(c => c.FiledAt > since && EF.Functions.ILike(c.ComplainantEmail, pattern, "\\"), cancellationToken);
    }

    private sealed record Target(Guid OrganisationId, Guid AdAccountId, Guid PromotionId, Guid? AdId);

    private async Task<Target?> FindTargetAsync(string campaignOrAdId, CancellationToken cancellationToken)
    {
        var id = campaignOrAdId.Trim();
        var byCampaign = await (
            from p in db.Promotions
            join a in db.AdAccounts on p.AdAccountId equals a.Id
            where p.ExternalCampaignId == id
            select new Target(a.OrganisationId, a.Id, p.Id, null)).FirstOrDefaultAsync(cancellationToken);
        return byCampaign ?? await (
            from ad in db.Ads
            join p in db.Promotions on ad.PromotionId equals p.Id
            join a in db.AdAccounts on p.AdAccountId equals a.Id
            where ad.ExternalAdId == id
            select new Target(a.OrganisationId, a.Id, p.Id, (Guid?)ad.Id)).FirstOrDefaultAsync(cancellationToken);
    }
}
