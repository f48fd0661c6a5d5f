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

        var due = string.Join(" ", deadlines.Select(d => $"{Deadline.What(d.Kind)} by {Infrastructure.Display.Utc(d.DueAt)}."));
        await SendAsync(
            complaint.OrganisationId,
            $"New complaint {complaint.Reference}: {ProhibitedCategories.Label(complaint.Category)}",
            $"{Article(AceComplaint.Describe(complaint.Type))} was filed against one of your promotions. {due} Staff will review it; nothing is enforced before they decide.",
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
        var what = $"{TierConsequences.Label(violation.Tier).ToLowerInvariant()} violation{(violation.IsStrike ? " and strike" : string.Empty)}";
        var title = notice.Kind switch
        {
            NoticeKind.SuspensionWarning => $"Suspension warning {reference}: {account.Name}",
            NoticeKind.SuspensionNotice => $"Suspension notice {reference}: {account.Name}",
            _ when violation.IsStrike => $"Strike recorded {reference}: {account.Name}",
            _ => $"Violation recorded {reference}: a {what} on {account.Name}",
        };
        var causedText = caused.Count == 0 ? "No action is taken on the ad account." : Sentences.Of(caused);
        await SendAsync(
            violation.OrganisationId,
            title,
            $"{reference}: {TierConsequences.Label(violation.Tier)} violation ({ProhibitedCategories.Label(violation.Category)}{(violation.IsStrike ? ", intellectual-property strike" : string.Empty)}): {violation.Reason} "
                + $"{causedText} Correct similar content by {Infrastructure.Display.Utc(correctionDueAt)} (48 hours from this notice, by policy). "
                + "Your ACE page shows what it caused and how to ask for a review.",
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
            $"Lifted {reference}: what rested on it is restored",
            $"{Sentences.Of(said)}{(reason is null ? string.Empty : $" Reason: {reason}")}",
            cancellationToken);

    /// <summary>A staff correction on the account (reopened decision, origin of the penalty): what was done and the reason.</summary>
    public Task StaffCorrectionAsync(Guid organisationId, string reference, Fact what, string reason, CancellationToken cancellationToken) =>
        SendAsync(organisationId, $"Correction {reference}", $"{Sentences.Of(what)} Reason: {reason}", cancellationToken);

    /// <summary>
    /// The complainant's tracking link by email (sealed in the outbox: the database keeps only its hash): at filing,
    /// when they ask for it again on "Lost your link?", and when staff issue a new one.
    /// </summary>
    public void TrackingLink(AceComplaint complaint, string token, TrackingLinkReason reason)
    {
        var about = ProhibitedCategories.Label(complaint.Category).ToLowerInvariant();
        var (title, body) = reason switch
        {
            TrackingLinkReason.Filed => (
                $"Your complaint {complaint.Reference} was received",
                $"We received your {AceComplaint.Describe(complaint.Type)} about {about}. The advertiser's deadlines started when you filed. "
                    + "With the link below you can follow it, add information and files, answer the advertiser and, if it is rejected, contest the rejection."),
            TrackingLinkReason.AskedAgain => (
                $"Your tracking link for complaint {complaint.Reference}",
                $"Someone asked for the tracking links of the complaints filed with this email address. Here is a new link for {complaint.Reference} "
                    + $"(your complaint about {about}); links sent before no longer work. If you did not ask, you can ignore this email."),
            _ => (
                $"A new tracking link for complaint {complaint.Reference}",
                $"AdPolicy support replaced the tracking link of your complaint about {about}. The old link no longer works; use this one."),
        };
        notifier.EmailTrackingLink(complaint.ComplainantEmail, title, body, TrackingTokens.PathFor(token));
    }

    /// <summary>The contest was reviewed: the complainant hears the outcome and the reviewer's reason.</summary>
    public void ContestDecided(AceComplaint complaint, string reason) =>
        notifier.EmailWithoutAccount(complaint.ComplainantEmail, complaint.ComplainantLanguage, () => (
            complaint.Status == ComplaintStatus.Upheld
                ? $"Your complaint {complaint.Reference} was upheld on review"
                : $"Your contest of complaint {complaint.Reference} was turned down",
            complaint.Status == ComplaintStatus.Upheld
                ? $"A second staff member reviewed your contest and upheld your complaint about {ProhibitedCategories.Label(complaint.Category).ToLowerInvariant()}. {reason.Trim()}"
                : $"A second staff member reviewed your contest and kept the rejection. {reason.Trim()} A rejection can be contested once, so this decision is final."));

    /// <summary>
    /// The complaint was upheld on review of the complainant's contest: the advertiser is told why the decision changed
    /// (the violation itself is notified as every violation is).
    /// </summary>
    public Task DecisionChangedOnContestAsync(AceComplaint complaint, CancellationToken cancellationToken) =>
        SendAsync(
            complaint.OrganisationId,
            $"Decision changed {complaint.Reference}: the complaint is upheld on review",
            $"Complaint {complaint.Reference} had been rejected; on {Infrastructure.Display.Utc(complaint.ContestedAt ?? complaint.DecidedAt!.Value)} the complainant contested the rejection, "
                + $"and a staff member who had not decided it reviewed the case and upheld the complaint. Why the decision changed: {complaint.DecisionReason} "
                + "The complaint's deadlines are judged as of this decision: met if you had already done what they ask in time, otherwise enforced now.",
            cancellationToken);

    /// <summary>The complainant replied to the advertiser's message: the advertiser reads it on the ACE page.</summary>
    public Task ComplainantRepliedAsync(AceComplaint complaint, CancellationToken cancellationToken) =>
        SendAsync(
            complaint.OrganisationId,
            $"{complaint.ShownToAdvertiserAs} replied on complaint {complaint.Reference}",
            $"{complaint.ShownToAdvertiserAs} answered your message about complaint {complaint.Reference}. Read the reply under the complaint on your ACE page.",
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
        await SendAsync(
            deadline.OrganisationId,
            $"Reminder {await ReferenceAsync(deadline, cancellationToken)}: {Deadline.What(deadline.Kind).ToLowerInvariant()} {Infrastructure.Display.TimeLeft(deadline.DueAt, now)}",
            $"{Deadline.What(deadline.Kind)} by {Infrastructure.Display.Utc(deadline.DueAt)}. Meeting it in time avoids the sanction the policy names for a miss; your ACE page has the button that does it.",
            cancellationToken);
    }

    /// <summary>A deadline passed unmet: what the platform did about it.</summary>
    public async Task DeadlineMissedAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        await webhooks.RaiseAsync(WebhookEventTypes.DeadlineMissed, deadline.OrganisationId, DeadlineResource.From(deadline), cancellationToken);
        await SendAsync(
            deadline.OrganisationId,
            $"Deadline missed {await ReferenceAsync(deadline, cancellationToken)}: {Deadline.What(deadline.Kind).ToLowerInvariant()}",
            $"The deadline of {Infrastructure.Display.Utc(deadline.DueAt)} passed. {Sentences.Outcome(deadline)} Meeting a later deadline does not lift this; you can ask for a review from your ACE page.",
            cancellationToken);
    }

    /// <summary>A temporary suspension ended on its own.</summary>
    public async Task SuspensionEndedAsync(AdAccount account, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        await webhooks.RaiseAsync(WebhookEventTypes.SuspensionEnded, account.OrganisationId, new { accountId = account.Id, endedAt }, cancellationToken);
        await SendAsync(
            account.OrganisationId,
            $"Suspension ended: {account.Name}",
            $"The temporary suspension of {account.Name} ended on {Infrastructure.Display.Utc(endedAt)}; its promotions deliver again. The violation stays on your record; your ACE page shows where the account stands.",
            cancellationToken);
    }

    /// <summary>A strike cleared after the account stayed in good standing.</summary>
    public Task StrikeClearedAsync(Violation strike, int goodStandingDays, CancellationToken cancellationToken) =>
        SendAsync(
            strike.OrganisationId,
            $"A strike was cleared from your record ({strike.Reference})",
            $"Your {ProhibitedCategories.Label(strike.Category).ToLowerInvariant()} strike of {Infrastructure.Display.Utc(strike.RecordedAt)} cleared after {goodStandingDays} days in good standing. The violation stays on the record.",
            cancellationToken);

    /// <summary>The shop quality score fell below the threshold: reach is limited; the notice names the recommended steps.</summary>
    public Task ReachLimitedAsync(AdAccount account, PolicySettings policy, CancellationToken cancellationToken) =>
        SendAsync(
            account.OrganisationId,
            $"Reach limited: {account.Name}",
            $"The shop quality score is {account.ShopQualityScore}, below {policy.ShopQualityThreshold}. Until it improves, the reach and frequency of your ads are limited. "
                + "Recommended steps: describe products accurately, be open about shipping times and costs, publish your return policy and response times, and disclose every cost. "
                + "See the guidance on your ACE page, where you can also ask for a review.",
            cancellationToken);

    /// <summary>A deadline started (webhook only: the advertiser's notice names it with its cause).</summary>
    public Task DeadlineCreatedAsync(Deadline deadline, CancellationToken cancellationToken) =>
        webhooks.RaiseAsync(WebhookEventTypes.DeadlineCreated, deadline.OrganisationId, DeadlineResource.From(deadline), cancellationToken);

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
            var number = db.AceComplaints.Local.FirstOrDefault(c => c.Id == complaintId)?.Number
                ?? await db.AceComplaints.Where(c => c.Id == complaintId).Select(c => c.Number).SingleAsync(cancellationToken);
            return AceComplaint.FormatReference(number);
        }

        if (deadline.ViolationId is { } violationId)
        {
            var number = db.Violations.Local.FirstOrDefault(v => v.Id == violationId)?.Number
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

        var number = db.AceComplaints.Local.FirstOrDefault(c => c.Id == complaintId)?.Number
            ?? await db.AceComplaints.Where(c => c.Id == complaintId).Select(c => c.Number).SingleAsync(cancellationToken);
        return AceComplaint.FormatReference(number);
    }

    private async Task SendAsync(Guid organisationId, string title, string body, CancellationToken cancellationToken, DateTimeOffset? at = null) =>
        await notifier.NotifyOrganisationAsync(organisationId, title, body, AcePage, email: true, at, cancellationToken);

    /// <summary>"A user complaint", "An intellectual-property complaint".</summary>
    private static string Article(string noun) => ("aeiou".Contains(char.ToLowerInvariant(noun[0]), StringComparison.Ordinal) ? "An " : "A ") + noun;
}

/// <summary>Why a complainant is sent their tracking link.</summary>
public enum TrackingLinkReason
{
    Filed,
    AskedAgain,
    ReissuedByStaff,
}
