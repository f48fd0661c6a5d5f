using System.Globalization;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Data;
using AdPolicy.Web.Api;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Complaints;

/// <summary>
/// Every ACE notice in one place: what the advertiser is told, when, and how (SPEC 3.2, 5). Everything that changes an
/// account's record reaches the advertiser in the app and by email, in every region, with the case reference and a
/// link to the ACE page; the EMEA real-time summary is an extra view on that page, not the channel.
/// Notices are rows added to the caller's DbContext by <see cref="Notifier"/>: saved with the change that causes them, or not at all.
/// </summary>
public sealed class AceNotices(Notifier notifier, AppDbContext db, WebhookPublisher webhooks)
{
    public const string AcePage = "/Ace";

    /// <summary>A complaint was filed against the advertiser: it and its deadlines, counted from the filing.</summary>
    public async Task ComplaintFiledAsync(AceComplaint complaint, IEnumerable<Deadline> deadlines, CancellationToken cancellationToken)
    {
        await webhooks.RaiseAsync(
            WebhookEventTypes.ComplaintFiled,
            complaint.OrganisationId,
            new { complaintId = complaint.Id, complaint.Reference, complaint.Type, complaint.Category, complaint.AdAccountId, complaint.PromotionId, complaint.AdId, complaint.FiledAt },
            cancellationToken);
        foreach (var deadline in deadlines)
        {
            await DeadlineCreatedAsync(deadline, cancellationToken);
        }

        await SendAsync(
            complaint.OrganisationId,
            () => (
                NoticeWords.Format("New complaint {0}: {1}", complaint.Reference, Category(complaint.Category)),
                string.Join(
                    " ",
                    NoticeWords.Get(complaint.Type == ComplaintType.IntellectualProperty
                        ? "An intellectual-property complaint was filed against one of your promotions."
                        : "A user complaint was filed against one of your promotions."),
                    string.Join(" ", deadlines.Select(d => NoticeWords.Format("{0} by {1}.", Sentences.What(d.Kind), Infrastructure.Display.Utc(d.DueAt)))),
                    NoticeWords.Get("Staff will review it; nothing is enforced before they decide."))),
            cancellationToken);
    }

    /// <summary>
    /// A violation was recorded, of any tier, in any region: what it caused (strike, suspension), and the 48 hours to
    /// correct similar content, which count from this notice. Written at <paramref name="at"/>; the caller starts the
    /// correction deadline there.
    /// </summary>
    public async Task ViolationRecordedAsync(
        Violation violation, AdAccount account, string reference, IReadOnlyList<Fact> caused, DateTimeOffset correctionDueAt, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var data = ViolationResource.From(violation);
        await webhooks.RaiseAsync(WebhookEventTypes.ViolationRecorded, violation.OrganisationId, data, cancellationToken);
        if (violation.IsStrike)
        {
            await webhooks.RaiseAsync(WebhookEventTypes.StrikeRecorded, violation.OrganisationId, data, cancellationToken);
        }

        var notice = TierConsequences.NoticeFor(violation.Tier, account.Region);
        await SendAsync(
            violation.OrganisationId,
            () =>
            {
                var tier = TierViolation(violation.Tier);
                var title = notice.Kind switch
                {
                    NoticeKind.SuspensionWarning => NoticeWords.Format("Suspension warning {0}: {1}", reference, account.Name),
                    NoticeKind.SuspensionNotice => NoticeWords.Format("Suspension notice {0}: {1}", reference, account.Name),
                    _ when violation.IsStrike => NoticeWords.Format("Strike recorded {0}: {1}", reference, account.Name),
                    _ => NoticeWords.Format("Violation recorded {0}: a {1} on {2}", reference, tier.ToLower(CultureInfo.CurrentCulture), account.Name),
                };
                var causedText = caused.Count == 0 ? NoticeWords.Get("No action is taken on the ad account.") : Sentences.Of(caused);
                return (
                    title,
                    string.Join(
                        " ",
                        NoticeWords.Format(violation.IsStrike ? "{0}: {1} ({2}, intellectual-property strike): {3}" : "{0}: {1} ({2}): {3}", reference, tier, Category(violation.Category), violation.Reason),
                        causedText,
                        NoticeWords.Format("Correct similar content by {0} ({1} hours from this notice, by policy).", Infrastructure.Display.Utc(correctionDueAt), (int)Math.Round((correctionDueAt - at).TotalHours)),
                        NoticeWords.Get("Your ACE page shows what it caused and how to ask for a review.")));
            },
            cancellationToken,
            at);
    }

    /// <summary>What rested on a violation or a missed deadline was lifted or restored (a withdrawal, an approved review, a staff correction).</summary>
    /// <param name="organisationId">The advertiser told.</param>
    /// <param name="reference">The case it rested on.</param>
    /// <param name="said">Why, then what was restored (see <see cref="EnforcementDesk"/>).</param>
    /// <param name="reason">A staff member's own reason, if one acted.</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    public Task RestoredAsync(Guid organisationId, string reference, IReadOnlyList<Fact> said, string? reason, CancellationToken cancellationToken) =>
        SendAsync(
            organisationId,
            () => (
                NoticeWords.Format("Lifted {0}: what rested on it is restored", reference),
                Sentences.Of(said) + (reason is null ? string.Empty : " " + NoticeWords.Format("Reason: {0}", reason))),
            cancellationToken);

    /// <summary>A staff correction on the account (reopened decision, origin of the penalty): what was done and the reason.</summary>
    public Task StaffCorrectionAsync(Guid organisationId, string reference, Fact what, string reason, CancellationToken cancellationToken) =>
        SendAsync(
            organisationId,
            () => (NoticeWords.Format("Correction {0}", reference), Sentences.Of(what) + " " + NoticeWords.Format("Reason: {0}", reason)),
            cancellationToken);

    /// <summary>
    /// The complainant's tracking link by email (sealed in the outbox: the database keeps only its hash): at filing,
    /// when they ask for it again on "Lost your link?", and when staff issue a new one.
    /// </summary>
    public void TrackingLink(AceComplaint complaint, string token, TrackingLinkReason reason) =>
        notifier.EmailTrackingLink(complaint.ComplainantEmail, complaint.ComplainantLanguage, () =>
        {
            var about = AceWords.Category(complaint.Category).ToLower(CultureInfo.CurrentCulture);
            return reason switch
            {
                TrackingLinkReason.Filed => (
                    Words.Format("Your complaint {0} was received", complaint.Reference),
                    Words.Format(
                        "We received your {0} about {1}. The advertiser's deadlines started when you filed. With the link below you can follow it, add information and files, answer the advertiser and, if it is rejected, contest the rejection.",
                        AceWords.Kind(complaint.Type),
                        about)),
                TrackingLinkReason.AskedAgain => (
                    Words.Format("Your tracking link for complaint {0}", complaint.Reference),
                    Words.Format(
                        "Someone asked for the tracking links of the complaints filed with this email address. Here is a new link for {0} (your complaint about {1}); links sent before no longer work. If you did not ask, you can ignore this email.",
                        complaint.Reference,
                        about)),
                _ => (
                    Words.Format("A new tracking link for complaint {0}", complaint.Reference),
                    Words.Format("AdPolicy support replaced the tracking link of your complaint about {0}. The old link no longer works; use this one.", about)),
            };
        }, TrackingTokens.PathFor(token));

    /// <summary>The contest was reviewed: the complainant hears the outcome and the reviewer's reason, in their language.</summary>
    public void ContestDecided(AceComplaint complaint, string reason) =>
        notifier.EmailWithoutAccount(complaint.ComplainantEmail, complaint.ComplainantLanguage, () => (
            complaint.Status == ComplaintStatus.Upheld
                ? Words.Format("Your complaint {0} was upheld on review", complaint.Reference)
                : Words.Format("Your contest of complaint {0} was turned down", complaint.Reference),
            complaint.Status == ComplaintStatus.Upheld
                ? Words.Format(
                    "A second staff member reviewed your contest and upheld your complaint about {0}. {1}",
                    AceWords.Category(complaint.Category).ToLower(CultureInfo.CurrentCulture),
                    reason.Trim())
                : Words.Format("A second staff member reviewed your contest and kept the rejection. {0} A rejection can be contested once, so this decision is final.", reason.Trim())));

    /// <summary>
    /// The complaint was upheld on review of the complainant's contest: the advertiser is told why the decision changed
    /// (the violation itself is notified as every violation is).
    /// </summary>
    public Task DecisionChangedOnContestAsync(AceComplaint complaint, CancellationToken cancellationToken) =>
        SendAsync(
            complaint.OrganisationId,
            () => (
                NoticeWords.Format("Decision changed {0}: the complaint is upheld on review", complaint.Reference),
                NoticeWords.Format(
                    "Complaint {0} had been rejected; on {1} the complainant contested the rejection, and a staff member who had not decided it reviewed the case and upheld the complaint. Why the decision changed: {2}",
                    complaint.Reference,
                    Infrastructure.Display.Utc(complaint.ContestedAt ?? complaint.DecidedAt!.Value),
                    complaint.DecisionReason ?? string.Empty)
                    + " " + NoticeWords.Get("The complaint's deadlines are judged as of this decision: met if you had already done what they ask in time, otherwise enforced now.")),
            cancellationToken);

    /// <summary>The complainant replied to the advertiser's message: the advertiser reads it on the ACE page.</summary>
    public Task ComplainantRepliedAsync(AceComplaint complaint, CancellationToken cancellationToken) =>
        SendAsync(
            complaint.OrganisationId,
            () => (
                NoticeWords.Format("{0} replied on complaint {1}", complaint.ShownToAdvertiserAs, complaint.Reference),
                NoticeWords.Format("{0} answered your message about complaint {1}. Read the reply under the complaint on your ACE page.", complaint.ShownToAdvertiserAs, complaint.Reference)),
            cancellationToken);

    /// <summary>The complainant hears of the decision on their complaint by email too (they have no account), in the language they chose.</summary>
    public void ComplaintDecided(AceComplaint complaint) =>
        notifier.EmailWithoutAccount(complaint.ComplainantEmail, complaint.ComplainantLanguage, () =>
        {
            var outcome = Infrastructure.Display.Words(complaint.Status).ToLower(CultureInfo.CurrentCulture); // "upheld", "confirmada"
            return (
                Words.Format("Your complaint {0} was {1}", complaint.Reference, outcome),
                Words.Format("Staff {0} your complaint about {1}.", outcome, Words.Get(ProhibitedCategories.Label(complaint.Category)).ToLower(CultureInfo.CurrentCulture))
                + " " + complaint.DecisionReason);
        });

    /// <summary>Staff reopened the decision on the complaint (or on its duplicate group): the complainant is told by email.</summary>
    public void ComplaintReopened(AceComplaint complaint, string reason) =>
        notifier.EmailWithoutAccount(complaint.ComplainantEmail, complaint.ComplainantLanguage, () => (
            Words.Format("Your complaint {0} is being reviewed again", complaint.Reference),
            Words.Format(
                "Staff reopened the decision on your complaint about {0}: it is back in review and you will hear the new decision. Reason: {1}",
                Words.Get(ProhibitedCategories.Label(complaint.Category)).ToLower(CultureInfo.CurrentCulture),
                reason.Trim())));

    /// <summary>The advertiser wrote to the complainant (the outcome, with evidence): the complainant is told by email.</summary>
    public void AdvertiserWroteToComplainant(AceComplaint complaint) =>
        notifier.EmailWithoutAccount(complaint.ComplainantEmail, complaint.ComplainantLanguage, () => (
            Words.Format("The advertiser answered your complaint {0}", complaint.Reference),
            Words.Get("The advertiser sent you the outcome and the evidence for your complaint. They are on your tracking page.")));

    /// <summary>A deadline is near: the advertiser is reminded once, by email and in the app.</summary>
    public async Task DeadlineReminderAsync(Deadline deadline, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await webhooks.RaiseAsync(WebhookEventTypes.DeadlineReminded, deadline.OrganisationId, DeadlineResource.From(deadline), cancellationToken);
        var reference = await ReferenceAsync(deadline, cancellationToken);
        await SendAsync(
            deadline.OrganisationId,
            () => (
                NoticeWords.Format("Reminder {0}: {1} {2}", reference, Sentences.What(deadline.Kind).ToLower(CultureInfo.CurrentCulture), Infrastructure.Display.TimeLeft(deadline.DueAt, now)),
                NoticeWords.Format("{0} by {1}.", Sentences.What(deadline.Kind), Infrastructure.Display.Utc(deadline.DueAt))
                    + " " + NoticeWords.Get("Meeting it in time avoids the sanction the policy names for a miss; your ACE page has the button that does it.")),
            cancellationToken);
    }

    /// <summary>A deadline passed unmet: what the platform did about it.</summary>
    public async Task DeadlineMissedAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        await webhooks.RaiseAsync(WebhookEventTypes.DeadlineMissed, deadline.OrganisationId, DeadlineResource.From(deadline), cancellationToken);
        var reference = await ReferenceAsync(deadline, cancellationToken);
        await SendAsync(
            deadline.OrganisationId,
            () => (
                NoticeWords.Format("Deadline missed {0}: {1}", reference, Sentences.What(deadline.Kind).ToLower(CultureInfo.CurrentCulture)),
                string.Join(
                    " ",
                    NoticeWords.Format("The deadline of {0} passed.", Infrastructure.Display.Utc(deadline.DueAt)),
                    Sentences.Outcome(deadline),
                    NoticeWords.Get("Meeting a later deadline does not lift this; you can ask for a review from your ACE page."))),
            cancellationToken);
    }

    /// <summary>A temporary suspension ended on its own.</summary>
    public async Task SuspensionEndedAsync(AdAccount account, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        await webhooks.RaiseAsync(WebhookEventTypes.SuspensionEnded, account.OrganisationId, new { accountId = account.Id, endedAt }, cancellationToken);
        await SendAsync(
            account.OrganisationId,
            () => (
                NoticeWords.Format("Suspension ended: {0}", account.Name),
                NoticeWords.Format(
                    "The temporary suspension of {0} ended on {1}; its promotions deliver again. The violation stays on your record; your ACE page shows where the account stands.",
                    account.Name,
                    Infrastructure.Display.Utc(endedAt))),
            cancellationToken);
    }

    /// <summary>A strike cleared after the account stayed in good standing.</summary>
    public Task StrikeClearedAsync(Violation strike, int goodStandingDays, CancellationToken cancellationToken) =>
        SendAsync(
            strike.OrganisationId,
            () => (
                NoticeWords.Format("A strike was cleared from your record ({0})", strike.Reference),
                NoticeWords.Format(
                    "Your {0} strike of {1} cleared after {2} days in good standing. The violation stays on the record.",
                    Category(strike.Category).ToLower(CultureInfo.CurrentCulture),
                    Infrastructure.Display.Utc(strike.RecordedAt),
                    goodStandingDays)),
            cancellationToken);

    /// <summary>The shop quality score fell below the threshold: reach is limited; the notice names the recommended steps.</summary>
    public Task ReachLimitedAsync(AdAccount account, PolicySettings policy, CancellationToken cancellationToken) =>
        SendAsync(
            account.OrganisationId,
            () => (
                NoticeWords.Format("Reach limited: {0}", account.Name),
                string.Join(
                    " ",
                    NoticeWords.Format("The shop quality score is {0}, below {1}. Until it improves, the reach and frequency of your ads are limited.", account.ShopQualityScore!, policy.ShopQualityThreshold),
                    NoticeWords.Get("Recommended steps: describe products accurately, be open about shipping times and costs, publish your return policy and response times, and disclose every cost."),
                    NoticeWords.Get("See the guidance on your ACE page, where you can also ask for a review."))),
            cancellationToken);

    /// <summary>A deadline started (webhook only: the advertiser's notice names it with its cause).</summary>
    public Task DeadlineCreatedAsync(Deadline deadline, CancellationToken cancellationToken) =>
        webhooks.RaiseAsync(WebhookEventTypes.DeadlineCreated, deadline.OrganisationId, DeadlineResource.From(deadline), cancellationToken);

    /// <summary>
    /// Whether anyone hears of "suspension.started" from this organisation: the standing <see cref="SuspensionStartedAsync"/>
    /// needs is read from the account's whole record, so a caller with nobody listening skips reading it.
    /// </summary>
    public Task<bool> AnyoneHearsOfSuspensionsAsync(Guid organisationId, CancellationToken cancellationToken) =>
        webhooks.HasSubscribersAsync(WebhookEventTypes.SuspensionStarted, organisationId, cancellationToken);

    /// <summary>"suspension.started" when the account's derived standing, with this change, has a suspension in force that rests on it.</summary>
    public async Task SuspensionStartedAsync(AdAccount account, AccountStanding standing, Func<Sanction, bool> restsOnThis, CancellationToken cancellationToken)
    {
        var started = standing.InForce
            .Where(s => s.Kind is SanctionKind.TemporarySuspension or SanctionKind.PermanentSuspension or SanctionKind.AccountAndDepositBlocked)
            .FirstOrDefault(restsOnThis);
        if (started is not null)
        {
            await webhooks.RaiseAsync(
                WebhookEventTypes.SuspensionStarted,
                account.OrganisationId,
                new { accountId = account.Id, standing.Status, standing.SuspendedUntil, started.Kind, started.Why, started.ViolationId, started.DeadlineId },
                cancellationToken);
        }
    }

    /// <summary>The case a deadline belongs to, as the advertiser knows it: its complaint, else its violation.</summary>
    public async Task<string> ReferenceAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        if (deadline.ComplaintId is { } complaintId)
        {
            var number = db.AceComplaints.Local.FindEntry(complaintId)?.Entity.Number
                ?? await db.AceComplaints.Where(c => c.Id == complaintId).Select(c => c.Number).SingleAsync(cancellationToken);
            return AceComplaint.FormatReference(number);
        }

        if (deadline.ViolationId is { } violationId)
        {
            var number = db.Violations.Local.FindEntry(violationId)?.Entity.Number
                ?? await db.Violations.Where(v => v.Id == violationId).Select(v => v.Number).SingleAsync(cancellationToken);
            return Violation.FormatReference(number);
        }

        return "ACE";
    }

    /// <summary>The case a violation is known by: its complaint's reference, else its own.</summary>
    public async Task<string> ReferenceAsync(Violation violation, CancellationToken cancellationToken)
    {
        if (violation.ComplaintId is not { } complaintId)
        {
            return violation.Reference;
        }

        var number = db.AceComplaints.Local.FindEntry(complaintId)?.Entity.Number
            ?? await db.AceComplaints.Where(c => c.Id == complaintId).Select(c => c.Number).SingleAsync(cancellationToken);
        return AceComplaint.FormatReference(number);
    }

    /// <summary>"Slow after-sales service", in the current language.</summary>
    private static string Category(ProhibitedCategory category) => Words.Get(ProhibitedCategories.Label(category));

    /// <summary>"Low risk violation", "Infracción de riesgo bajo".</summary>
    private static string TierViolation(ViolationTier tier) => NoticeWords.Get($"{TierConsequences.Label(tier)} violation");

    /// <summary>Every member of the organisation is told in the app and by email, each in their own language, with a link to the ACE page.</summary>
    private async Task SendAsync(Guid organisationId, Func<(string Title, string Body)> write, CancellationToken cancellationToken, DateTimeOffset? at = null) =>
        await notifier.NotifyOrganisationAsync(organisationId, write, AcePage, email: true, at, cancellationToken);
}

/// <summary>Why a complainant is sent their tracking link.</summary>
public enum TrackingLinkReason
{
    Filed,
    AskedAgain,
    ReissuedByStaff,
}
