using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Ace;
using AdPolicy.Web.Data;
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
    public async Task EnforceAsync(Deadline deadline, AceComplaint? complaint, PolicySettings policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        if (deadline.Kind == DeadlineKind.RemoveContent)
        {
            var ads = await AdsAsync(deadline, complaint, cancellationToken);
            var live = ads.Where(a => a.IsLive).ToList();
            foreach (var ad in live)
            {
                ad.Enforce(AdStatus.Removed, $"Removed by AdPolicy: the deadline to remove it passed on {Infrastructure.Display.Utc(deadline.DueAt)}.", now);
            }

            done.Add(live.Count > 0
                ? $"AdPolicy removed {string.Join(", ", live.Select(a => a.ExternalAdId))}."
                : "The content was already down.");
        }

        var sanction = deadline.SanctionFor(policy);
        if (sanction == MissedDeadlineSanction.CancelAdPlan && complaint is not null
            && await db.Promotions.FirstOrDefaultAsync(p => p.Id == complaint.PromotionId, cancellationToken) is { } promotion
            && promotion.CancelAdPlan(deadline.Id, $"Ad plan cancelled: a deadline on complaint {complaint.Reference} was missed."))
        {
            done.Add($"The ad plan {promotion.ExternalCampaignId} was cancelled; it stays cancelled until the sanction is lifted.");
        }
        else if (sanction == MissedDeadlineSanction.CancelAdPlan)
        {
            done.Add("The ad plan had already stopped, so there was no plan left to cancel.");
        }

        done.Add(sanction switch
        {
            MissedDeadlineSanction.CancelAdPlan => string.Empty,
            MissedDeadlineSanction.BlockNewAccounts => "The organisation can no longer open new ad accounts.",
            MissedDeadlineSanction.BlockAccountAndDeposit => "The ad account and its deposit are blocked until staff lift it.",
            _ => "No further sanction (policy setting).",
        });

        deadline.MarkMissed(string.Join(" ", done.Where(d => d.Length > 0)), now);
        if (sanction != MissedDeadlineSanction.None)
        {
            var imposed = DeadlineSanction.ForMissed(deadline, policy);
            db.DeadlineSanctions.Add(imposed);
            if (sanction == MissedDeadlineSanction.BlockAccountAndDeposit)
            {
                await BlockedAsync(deadline, imposed, cancellationToken);
            }
        }

        complaint?.RecordDeadlineMissed(deadline, now);
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
                $"{reference}: deadline missed",
                $"{Deadline.What(deadline.Kind)} was due {Infrastructure.Display.Utc(deadline.DueAt)}. {deadline.Outcome}",
                complaint is not null ? $"/Staff/Complaints/Details/{complaint.Id}" : $"/Staff/Accounts/Details/{deadline.AdAccountId}",
                email: true,
                cancellationToken);
        }
    }

    /// <summary>
    /// "suspension.started" for the block, in the enforcement's transaction (the deadline is missed once, so it is raised
    /// once), unless an earlier missed deadline's block is still in force: then no suspension starts.
    /// </summary>
    private async Task BlockedAsync(Deadline deadline, DeadlineSanction imposed, CancellationToken cancellationToken)
    {
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
            return await db.Ads.Where(a => a.Id == adId).ToListAsync(cancellationToken);
        }

        return complaint is null
            ? []
            : await db.Ads.Where(a => a.PromotionId == complaint.PromotionId).ToListAsync(cancellationToken);
    }
}
