using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Complaints;

/// <summary>A filed complaint and its tracking token; <paramref name="Duplicate"/> when the same form had already filed it.</summary>
public sealed record FiledComplaint(AceComplaint Complaint, string TrackingToken, bool Duplicate = false);

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
    EnforcementDesk enforcement,
    Deadlines.DeadlineEnforcer enforcer,
    IOptions<ComplaintLimits> limits)
{
    /// <summary>
    /// Files a complaint with its deadlines and files. Refusals go into <paramref name="errors"/>; null then.
    /// <paramref name="beforeSave"/> sees the complaint, numbered, just before the one SaveChanges that stores it.
    /// </summary>
    /// <param name="input">The complaint as the form (or the API) gave it, already validated.</param>
    /// <param name="filedBy">The complainant, or staff recording it for them.</param>
    /// <param name="errors">Where refusals go.</param>
    /// <param name="cancellationToken">Cancels the filing.</param>
    /// <param name="limitPerEmail">
    /// False for a partner's intake through the API: a rights agency files many complaints from one address, and the
    /// partner's key is rate-limited instead.
    /// </param>
    public async Task<FiledComplaint?> FileAsync(
        ComplaintInput input, Actor filedBy, FieldErrors errors, CancellationToken cancellationToken, bool limitPerEmail = true, Action<AceComplaint>? beforeSave = null)
    {
        if (input.SubmissionKey == Guid.Empty)
        {
            return await FileOnceAsync(input, filedBy, errors, limitPerEmail, beforeSave, cancellationToken);
        }

        // Two sendings of one form: the second waits here on the key's lock until the first commits, then finds its complaint.
        var keyHash = TrackingTokens.SubmissionHash(input.SubmissionKey);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({keyHash}, 0))", cancellationToken);
        if (await FindSubmittedAsync(input.SubmissionKey, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var filed = await FileOnceAsync(input, filedBy, errors, limitPerEmail, beforeSave, cancellationToken);
        if (filed is not null)
        {
            db.ComplaintSubmissions.Add(new ComplaintSubmission(keyHash, filed.Complaint.Id, filed.Complaint.FiledAt));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return filed;
    }

    /// <summary>The complaint a form with this submission key already filed, with the same tracking token; null if none.</summary>
    public async Task<FiledComplaint?> FindSubmittedAsync(Guid submissionKey, CancellationToken cancellationToken)
    {
        if (submissionKey == Guid.Empty)
        {
            return null;
        }

        var keyHash = TrackingTokens.SubmissionHash(submissionKey);
        var complaint = await db.AceComplaints.AsNoTracking()
            .Where(c => db.ComplaintSubmissions.Any(s => s.KeyHash == keyHash && s.ComplaintId == c.Id))
            .FirstOrDefaultAsync(cancellationToken);
        return complaint is null ? null : new FiledComplaint(complaint, TrackingTokens.ForSubmission(submissionKey).Token, Duplicate: true);
    }

    private async Task<FiledComplaint?> FileOnceAsync(
        ComplaintInput input, Actor filedBy, FieldErrors errors, bool limitPerEmail, Action<AceComplaint>? beforeSave, CancellationToken cancellationToken)
    {
        var target = await FindTargetAsync(input.CampaignOrAdId, cancellationToken);
        if (target is null)
        {
            errors.Add(
                "Input.CampaignOrAdId",
                Sentences.Format("No campaign or ad has the id \"{0}\". Check the id shown with the ad (like CMP-101-001 or AD-101-001A).", input.CampaignOrAdId.Trim()));
            return null;
        }

        var now = clock.GetUtcNow();
        if (limitPerEmail && filedBy.Kind == ActorKind.Complainant && await FiledInLastHourAsync(input.Email, now, cancellationToken) >= limits.Value.MaxPerEmailPerHour)
        {
            errors.Add(
                string.Empty,
                Sentences.Format(
                    "This email address has filed {0} complaints in the last hour, the most we accept. Follow them with their tracking links, or wait an hour before filing another.",
                    limits.Value.MaxPerEmailPerHour));
            return null;
        }

        await using var staged = await attachments.StageAsync(input.Files, errors, "Input.Files", cancellationToken);
        if (!errors.IsValid)
        {
            return null;
        }

        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var (token, hash) = input.SubmissionKey == Guid.Empty ? TrackingTokens.New() : TrackingTokens.ForSubmission(input.SubmissionKey);
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
            errors.Add(string.Empty, Sentences.Of(rule));
            return null;
        }

        if (await OpenDuplicateOfAsync(complaint, policy, cancellationToken) is { } other)
        {
            complaint.JoinGroupOf(other, policy.DuplicateComplaintWindow);
        }

        complaint.NumberComplainant(await ComplainantNumberAsync(complaint, cancellationToken));
        db.AceComplaints.Add(complaint);
        await db.NumberAsync(complaint, cancellationToken);
        db.Deadlines.AddRange(deadlines);

        // The complainant's own files show on their tracking page; staff see them with the complaint.
        await staged.AttachAsync(
            db, CaseKind.AceComplaint, complaint.Id, complaint.OrganisationId, filedBy, now, _ => { }, cancellationToken,
            visibleToComplainant: filedBy.Kind == ActorKind.Complainant);
        await notices.ComplaintFiledAsync(complaint, deadlines, cancellationToken);

        // The link by email, in the filing's own transaction: a double submit finds this complaint and files (and emails) nothing.
        notices.TrackingLink(complaint, token, TrackingLinkReason.Filed);
        beforeSave?.Invoke(complaint);
        await db.SaveChangesAsync(cancellationToken);
        return new FiledComplaint(complaint, token);
    }

    /// <summary>
    /// Upholds: records the violation (a strike for IP), stops the ads as its tier says, judges the complaint's
    /// deadlines as of now (SPEC 5), tells the advertiser, and starts the correct-similar-content deadline from that notice.
    /// </summary>
    public async Task<Violation> UpholdAsync(
        AceComplaint complaint, ViolationTier tier, string reason, Actor staff, CancellationToken cancellationToken, bool penaltyFromRefusedRefund = false)
    {
        var deadlines = await GroupDeadlinesAsync(complaint, cancellationToken);
        return await UpholdAndJudgeAsync(
            complaint, deadlines, staff, (version, now) => complaint.Uphold(tier, reason, staff, version, now, penaltyFromRefusedRefund), cancellationToken);
    }

    /// <summary>
    /// A different staff member reviews the complainant's contest of a rejection. Upheld: the violation is recorded and
    /// the deadlines the rejection cancelled come back and are judged as for any complaint upheld after they fell due
    /// (SPEC 5: met if the advertiser removed the content in time, otherwise enforced at once), by the same path as
    /// <see cref="UpholdAsync"/>; the advertiser is told why the decision changed. Turned down: the rejection stands
    /// for good. The complainant is told either way.
    /// </summary>
    public async Task<Violation?> DecideContestAsync(
        AceComplaint complaint, bool uphold, ViolationTier? tier, string reason, Actor staff, CancellationToken cancellationToken, bool penaltyFromRefusedRefund = false)
    {
        if (!uphold)
        {
            complaint.TurnDownContest(reason, staff, clock.GetUtcNow());
            notices.ContestDecided(complaint, reason);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        var cancelled = await db.Deadlines
            .Where(d => d.ComplaintId == complaint.Id && d.State == DeadlineState.Cancelled && d.Kind != DeadlineKind.CorrectSimilarContent)
            .ToListAsync(cancellationToken);
        var violation = await UpholdAndJudgeAsync(complaint, cancelled, staff, (version, now) =>
        {
            var recorded = complaint.UpholdOnContest(tier!.Value, reason, staff, version, now, penaltyFromRefusedRefund);
            foreach (var deadline in cancelled)
            {
                deadline.Reinstate(complaint);
            }

            return recorded;
        }, cancellationToken);
        notices.ContestDecided(complaint, reason);
        await notices.DecisionChangedOnContestAsync(complaint, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return violation;
    }

    /// <summary>
    /// The one path of an uphold, first-time or on review of a contest: <paramref name="decide"/> upholds the complaint
    /// (and makes its deadlines pending), then each deadline is judged as of now, the violation recorded, what fell due
    /// unreviewed enforced at once, and the complainant told.
    /// </summary>
    private async Task<Violation> UpholdAndJudgeAsync(
        AceComplaint complaint, List<Deadline> deadlines, Actor staff, Func<int, DateTimeOffset, Violation> decide, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (policy, version) = await policies.CurrentAsync(cancellationToken);
        var ads = await AdsConcernedAsync(complaint, cancellationToken);
        var removedByAdvertiserAt = ads.Count > 0 && ads.All(a => a is { Status: AdStatus.Removed, StoppedByPlatform: false })
            ? ads.Max(a => a.StatusChangedAt)
            : null;

        var violation = decide(version, now);
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
                deadline.Cancel(Fact.Of(FactKind.ContentRemovedAtUphold), now);
            }
        }

        await enforcement.RecordViolationAsync(violation, ads, complaint, staff, policy, now, cancellationToken);

        // A deadline that passed while nobody had judged the complaint is enforced now, in this same transaction (SPEC 5).
        foreach (var deadline in enforceNow)
        {
            await enforcer.EnforceAsync(deadline, complaint, policy, now, cancellationToken);
        }

        if (complaint.ContestDecidedAt is null)
        {
            notices.ComplaintDecided(complaint);
        }

        await DecideDuplicatesAsync(complaint, staff, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return violation;
    }

    /// <summary>The complainant contests the rejection (once, within the policy's window), with a reason and files.</summary>
    public async Task<bool> ContestAsync(AceComplaint complaint, string reason, IReadOnlyList<IFormFile> files, FieldErrors errors, CancellationToken cancellationToken)
    {
        await using var staged = await attachments.StageAsync(files, errors, "Contest.Files", cancellationToken);
        if (!errors.IsValid)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        complaint.Contest(reason, policy.ContestWindow, now);
        await staged.AttachAsync(
            db, CaseKind.AceComplaint, complaint.Id, complaint.OrganisationId, complaint.Complainant, now, name => complaint.RecordComplainantFile(name, now), cancellationToken,
            visibleToComplainant: true);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The complainant adds information (text, files or both) for staff through their tracking link.</summary>
    public async Task<bool> AddInformationAsync(AceComplaint complaint, string? text, IReadOnlyList<IFormFile> files, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) && files.Count == 0)
        {
            errors.Add("Information.Text", Sentences.Get("Write the information you want to add, or choose a file."));
            return false;
        }

        await using var staged = await attachments.StageAsync(files, errors, "Information.Files", cancellationToken);
        if (!errors.IsValid)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(text))
        {
            complaint.AddInformation(text, now);
        }

        await staged.AttachAsync(
            db, CaseKind.AceComplaint, complaint.Id, complaint.OrganisationId, complaint.Complainant, now, name => complaint.RecordComplainantFile(name, now), cancellationToken,
            visibleToComplainant: true);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The complainant replies to the advertiser, who is told in the app and by email.</summary>
    public async Task ReplyAsync(AceComplaint complaint, string text, CancellationToken cancellationToken)
    {
        complaint.ReplyToAdvertiser(text, clock.GetUtcNow());
        await notices.ComplainantRepliedAsync(complaint, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Staff revoke the complainant's link and email them a new one; the old one stops working at once.</summary>
    public async Task ReissueTrackingAsync(AceComplaint complaint, Actor staff, CancellationToken cancellationToken)
    {
        var (token, hash) = TrackingTokens.New();
        complaint.ReissueTracking(hash, staff, clock.GetUtcNow());
        notices.TrackingLink(complaint, token, TrackingLinkReason.ReissuedByStaff);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Staff revoke the complainant's link (it leaked, or the complainant asked) without sending a new one.</summary>
    public async Task RevokeTrackingAsync(AceComplaint complaint, CancellationToken cancellationToken)
    {
        complaint.RevokeTracking(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// "Lost your link?" (worked after the page answered, by <see cref="LostLinkSender"/>): every open complaint filed
    /// with this address gets a new link, emailed to the address on file. One indexed lookup and one token made and
    /// hashed whether or not the address is known. Returns how many were sent (for the log's count only).
    /// </summary>
    public async Task<int> SendLinksAgainAsync(string email, CancellationToken cancellationToken)
    {
        // lower(complainant_email) has an index of its own (migration Complainant): a known and an unknown address cost one probe each.
        var address = email.Trim().ToLowerInvariant();
        var open = await db.AceComplaints
#pragma warning disable CA1862 // lower(…) = … is what the expression index serves; EF translates string.Equals with a comparison to nothing indexable.
            .Where(c => c.ComplainantEmail.ToLower() == address
#pragma warning restore CA1862
                        && c.Status != ComplaintStatus.Withdrawn
                        && (c.Status != ComplaintStatus.Rejected || c.ContestedAt == null))
            .OrderBy(c => c.FiledAt)
            .Take(limits.Value.MaxPerEmailPerHour * 4)
            .ToListAsync(cancellationToken);

        // One token is made and hashed even when nothing was found, so an unknown address costs what a known one does.
        var (spareToken, spareHash) = TrackingTokens.New();
        var now = clock.GetUtcNow();
        var actor = new Actor(null, "The complainant (lost link)", ActorKind.Complainant);
        foreach (var complaint in open)
        {
            var (token, hash) = complaint == open[0] ? (spareToken, spareHash) : TrackingTokens.New();
            complaint.ReissueTracking(hash, actor, now);
            notices.TrackingLink(complaint, token, TrackingLinkReason.AskedAgain);
        }

        await db.SaveChangesAsync(cancellationToken);
        return open.Count;
    }

    /// <summary>Rejects: the complaint sets the advertiser no deadline any more.</summary>
    public async Task RejectAsync(AceComplaint complaint, string reason, Actor staff, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var deadlines = await GroupDeadlinesAsync(complaint, cancellationToken);
        complaint.Reject(reason, staff, now);
        foreach (var deadline in deadlines)
        {
            deadline.Cancel(Fact.Of(FactKind.ComplaintRejected, EventValues.Of(EventValue.Complaint, complaint.Reference)), now);
        }

        notices.ComplaintDecided(complaint);
        await DecideDuplicatesAsync(complaint, staff, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The pending deadlines a decision on this complaint judges: its own, plus — for a kind about the ad it has none
    /// of — the oldest such deadline of another open complaint of its group, which passes to it. So the group's running
    /// deadlines follow whichever complaint staff decide (after a group decision was reopened, only the complaint that
    /// carried it still has them); the rest are cancelled with the group's decision.
    /// </summary>
    private async Task<List<Deadline>> GroupDeadlinesAsync(AceComplaint complaint, CancellationToken cancellationToken)
    {
        var own = await PendingDeadlinesAsync(complaint.Id, cancellationToken);
        var others = await DuplicatesOfAsync(complaint, cancellationToken);
        if (others.Count == 0)
        {
            return own;
        }

        var filedAt = others.ToDictionary(c => c.Id, c => c.FiledAt);
        var ids = filedAt.Keys.ToList();
        var theirs = await db.Deadlines
            .Where(d => d.ComplaintId != null && ids.Contains(d.ComplaintId.Value) && d.State == DeadlineState.Pending && d.Kind != DeadlineKind.CooperateWithComplainant)
            .ToListAsync(cancellationToken);
        foreach (var inherited in theirs
                     .Where(d => own.All(o => o.Kind != d.Kind))
                     .GroupBy(d => d.Kind)
                     .Select(g => g.OrderBy(d => filedAt[d.ComplaintId!.Value]).ThenBy(d => d.DueAt).First()))
        {
            inherited.PassToComplaint(complaint);
            own.Add(inherited);
        }

        return own;
    }

    /// <summary>The other open complaints of a complaint's duplicate group, oldest first.</summary>
    public Task<List<AceComplaint>> DuplicatesOfAsync(AceComplaint complaint, CancellationToken cancellationToken) =>
        db.AceComplaints
            .Where(c => c.GroupId == complaint.GroupId && c.Id != complaint.Id && (c.Status == ComplaintStatus.Filed || c.Status == ComplaintStatus.InReview))
            .OrderBy(c => c.FiledAt)
            .ToListAsync(cancellationToken);

    /// <summary>Takes the complaint out of its duplicate group, so it is decided on its own.</summary>
    public async Task SplitAsync(AceComplaint complaint, Actor staff, CancellationToken cancellationToken)
    {
        var others = await DuplicatesOfAsync(complaint, cancellationToken);
        complaint.SplitFromGroup(others.Count, staff, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Duplicates are decided once: the rest of the decided complaint's group gets the same decision in the same
    /// transaction, and each complainant is told. Their own deadlines are cancelled, since the decided complaint's
    /// deadlines (and its one violation) stand for the same ad and category.
    /// </summary>
    private async Task DecideDuplicatesAsync(AceComplaint decided, Actor staff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var other in await DuplicatesOfAsync(decided, cancellationToken))
        {
            if (decided.Status == ComplaintStatus.Upheld)
            {
                other.UpholdWithGroup(decided, staff, now);
            }
            else
            {
                other.Reject(decided.DecisionReason!, staff, now);
            }

            // (A deadline this decision took over from the other still reads as the other's in the database until saved.)
            foreach (var deadline in (await PendingDeadlinesAsync(other.Id, cancellationToken)).Where(d => d.ComplaintId == other.Id))
            {
                deadline.Cancel(Fact.Of(FactKind.DecidedTogether, EventValues.Of(EventValue.Complaint, other.Reference).With(EventValue.DecidedWith, decided.Reference)), now);
            }

            notices.ComplaintDecided(other);
        }
    }

    /// <summary>An open complaint about the same ad and category filed within the policy's window, whose group a new complaint joins.</summary>
    private Task<AceComplaint?> OpenDuplicateOfAsync(AceComplaint complaint, Domain.Policy.PolicySettings policy, CancellationToken cancellationToken)
    {
        var since = complaint.FiledAt - policy.DuplicateComplaintWindow;
        var adId = complaint.AdId;
        return db.AceComplaints.AsNoTracking()
            .Where(c => c.PromotionId == complaint.PromotionId && c.Category == complaint.Category && c.AdId == adId && c.FiledAt >= since
                        && (c.Status == ComplaintStatus.Filed || c.Status == ComplaintStatus.InReview))
            .OrderBy(c => c.FiledAt)
            .ThenBy(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The complainant withdraws: the complaint leaves its duplicate group and its deadlines are cancelled; an upheld
    /// complaint's violation (and strike) is removed and everything that rested on it lifted
    /// (<see cref="EnforcementDesk.RemoveViolationAsync"/>), or, when nothing was upheld, the sanctions of its missed
    /// deadlines. When it carried the violation of a group decision and others of the group still stand upheld, the
    /// violation stays: it passes to the oldest of them, with the pending deadlines about the ad. The standing is
    /// derived, so it recomputes by itself.
    /// </summary>
    public async Task WithdrawAsync(AceComplaint complaint, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var deadlines = await PendingDeadlinesAsync(complaint.Id, cancellationToken);
        var stillUpheld = complaint.Status == ComplaintStatus.Upheld ? await UpheldWithAsync(complaint, cancellationToken) : [];
        complaint.Withdraw(complaint.Complainant, now);
        var why = Fact.Of(FactKind.ComplaintWithdrawn, EventValues.Of(EventValue.Complaint, complaint.Reference));
        var violation = complaint.ViolationId is { } violationId
            ? await db.Violations.SingleOrDefaultAsync(v => v.Id == violationId, cancellationToken)
            : null;
        if (violation is { IsActive: true } && stillUpheld.Count > 0)
        {
            var heir = stillUpheld[0];
            violation.PassToComplaint(heir);
            heir.TakeOverGroupViolation(complaint, violation, now);
            foreach (var deadline in deadlines)
            {
                if (deadline.Kind == DeadlineKind.CooperateWithComplainant)
                {
                    deadline.Cancel(why, now);
                }
                else
                {
                    deadline.PassToComplaint(heir);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        foreach (var deadline in deadlines)
        {
            deadline.Cancel(why, now);
        }

        if (violation is { IsActive: true })
        {
            await enforcement.RemoveViolationAsync(violation, why, complaint.Complainant, null, now, cancellationToken);
        }
        else
        {
            await enforcement.LiftMissedDeadlinesAsync(d => d.ComplaintId == complaint.Id, complaint.Reference, why, complaint.Complainant, null, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Staff reopen an upheld decision: the complaint is back in review and its violation comes off the record with
    /// everything that rested on it; the complaint's own deadlines keep running, unenforced until it is decided again.
    /// A group decision is reopened as a whole: every complaint of the group still upheld with it goes back to review
    /// (the group's one violation comes off once), and each complainant is told by email.
    /// </summary>
    public async Task<IReadOnlyList<Fact>> ReopenAsync(AceComplaint complaint, string reason, Actor staff, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var others = complaint.Status == ComplaintStatus.Upheld ? await UpheldWithAsync(complaint, cancellationToken) : [];
        complaint.Reopen(reason, staff, now);
        notices.ComplaintReopened(complaint, reason);
        foreach (var other in others)
        {
            other.Reopen(reason, staff, now, together: complaint);
            notices.ComplaintReopened(other, reason);
        }

        var violationIds = others.Prepend(complaint).Select(c => c.ViolationId).OfType<Guid>().ToList();
        var violations = await db.Violations.Where(v => violationIds.Contains(v.Id)).ToListAsync(cancellationToken);
        IReadOnlyList<Fact> restored = [];
        foreach (var violation in violations.Where(v => v.IsActive))
        {
            var lead = others.Prepend(complaint).First(c => c.ViolationId == violation.Id);
            restored = [.. restored, .. await enforcement.RemoveViolationAsync(
                violation, Fact.Of(FactKind.DecisionReopened, EventValues.Of(EventValue.Complaint, lead.Reference)), staff, reason.Trim(), now, cancellationToken, keepComplaintDeadlines: true)];
        }

        await db.SaveChangesAsync(cancellationToken);
        return restored;
    }

    /// <summary>The other complaints of a complaint's duplicate group that stand upheld with it, oldest first.</summary>
    private Task<List<AceComplaint>> UpheldWithAsync(AceComplaint complaint, CancellationToken cancellationToken) =>
        db.AceComplaints
            .Where(c => c.GroupId == complaint.GroupId && c.Id != complaint.Id && c.Status == ComplaintStatus.Upheld)
            .OrderBy(c => c.FiledAt)
            .ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);

    /// <summary>The ads a complaint is about: the ad it names, or every ad of its promotion.</summary>
    public Task<List<Ad>> AdsConcernedAsync(AceComplaint complaint, CancellationToken cancellationToken) =>
        complaint.AdId is { } adId
            ? db.Ads.Where(a => a.Id == adId).ToListAsync(cancellationToken)
            : db.Ads.Where(a => a.PromotionId == complaint.PromotionId).OrderBy(a => a.ExternalAdId).ToListAsync(cancellationToken);

    private Task<List<Deadline>> PendingDeadlinesAsync(Guid complaintId, CancellationToken cancellationToken) =>
        db.Deadlines.Where(d => d.ComplaintId == complaintId && d.State == DeadlineState.Pending).ToListAsync(cancellationToken);

    /// <summary>
    /// The complainant's pseudonym number with this advertiser: the number the same address already has, else the next.
    /// (Two filings at the same instant could take the same number; the name never shows either way.)
    /// </summary>
    private async Task<int> ComplainantNumberAsync(AceComplaint complaint, CancellationToken cancellationToken)
    {
        var pattern = LikePattern.Escape(complaint.ComplainantEmail);
        var earlier = await db.AceComplaints
            .Where(c => c.OrganisationId == complaint.OrganisationId && c.ComplainantNumber > 0)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Same = g.Where(c => EF.Functions.ILike(c.ComplainantEmail, pattern, LikePattern.EscapeCharacter)).Min(c => (int?)c.ComplainantNumber),
                Highest = g.Max(c => (int?)c.ComplainantNumber),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return earlier?.Same ?? (earlier?.Highest ?? 0) + 1;
    }

    private Task<int> FiledInLastHourAsync(string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pattern = email.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        var since = now.AddHours(-1);
        return db.AceComplaints.CountAsync(c => c.FiledAt > since && EF.Functions.ILike(c.ComplainantEmail, pattern, "\\"), cancellationToken);
    }

    private sealed record Target(Guid OrganisationId, Guid AdAccountId, Guid PromotionId, Guid? AdId);

    /// <summary>
    /// The campaign or ad with this id, as typed: exactly first (the unique indexes), then ignoring case, because people
    /// copy ids in any case ("cmp-101-001"). The second look is a scan of promotions and ads, only for ids typed differently.
    /// </summary>
    private async Task<Target?> FindTargetAsync(string campaignOrAdId, CancellationToken cancellationToken)
    {
        var id = campaignOrAdId.Trim();
        return await FindTargetAsync(id, exact: true, cancellationToken)
            ?? (id.Any(char.IsLetter) ? await FindTargetAsync(id, exact: false, cancellationToken) : null);
    }

    private async Task<Target?> FindTargetAsync(string id, bool exact, CancellationToken cancellationToken)
    {
        var pattern = LikePattern.Escape(id);
        var byCampaign = await (
            from p in db.Promotions
            join a in db.AdAccounts on p.AdAccountId equals a.Id
            where exact ? p.ExternalCampaignId == id : EF.Functions.ILike(p.ExternalCampaignId, pattern, LikePattern.EscapeCharacter)
            select new Target(a.OrganisationId, a.Id, p.Id, null)).FirstOrDefaultAsync(cancellationToken);
        return byCampaign ?? await (
            from ad in db.Ads
            join p in db.Promotions on ad.PromotionId equals p.Id
            join a in db.AdAccounts on p.AdAccountId equals a.Id
            where exact ? ad.ExternalAdId == id : EF.Functions.ILike(ad.ExternalAdId, pattern, LikePattern.EscapeCharacter)
            select new Target(a.OrganisationId, a.Id, p.Id, (Guid?)ad.Id)).FirstOrDefaultAsync(cancellationToken);
    }
}
