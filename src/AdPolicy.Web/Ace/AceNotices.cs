using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Api;
using AdPolicy.Web.Data;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Ace;

/// <summary>
/// Every ACE notice in one place: what the advertiser is told, when, and whether by email (SPEC 3.2, 5).
/// Notices are rows added to the caller's DbContext by <see cref="Notifier"/>: saved with the change that causes them, or not at all.
/// </summary>
public sealed class AceNotices(Notifier notifier, WebhookPublisher webhooks, AceStandings standings, AppDbContext db)
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
            await webhooks.RaiseAsync(WebhookEventTypes.DeadlineCreated, deadline.OrganisationId, DeadlineResource.From(deadline), cancellationToken);
        }

        var due = string.Join(" ", deadlines.Select(d => $"{Deadline.What(d.Kind)} by {Infrastructure.Display.Utc(d.DueAt)}."));
        await SendAsync(
            complaint.OrganisationId,
            $"New complaint {complaint.Reference}: {ProhibitedCategories.Label(complaint.Category)}",
            $"A {AceComplaint.Describe(complaint.Type)} was filed against one of your promotions. {due} Staff will review it; nothing is enforced before they decide.",
            email: true,
            cancellationToken);
    }

    /// <summary>A violation was recorded: high and critical by email and in the app; low and medium as the EMEA real-time summary.</summary>
    public async Task ViolationRecordedAsync(Violation violation, AdAccount account, Deadline correction, CancellationToken cancellationToken)
    {
        var data = ViolationResource.From(violation);
        await webhooks.RaiseAsync(WebhookEventTypes.ViolationRecorded, violation.OrganisationId, data, cancellationToken);
        if (violation.IsStrike)
        {
            await webhooks.RaiseAsync(WebhookEventTypes.StrikeRecorded, violation.OrganisationId, data, cancellationToken);
        }

        await webhooks.RaiseAsync(WebhookEventTypes.DeadlineCreated, correction.OrganisationId, DeadlineResource.From(correction), cancellationToken);
        await SuspensionStartedAsync(violation.OrganisationId, violation.AdAccountId, s => s.ViolationId == violation.Id, cancellationToken);

        var notice = TierConsequences.NoticeFor(violation.Tier, account.Region);
        if (!notice.InApp && !notice.ByEmail)
        {
            return;
        }

        var title = notice.Kind switch
        {
            NoticeKind.SuspensionWarning => $"Suspension warning: {account.Name}",
            NoticeKind.SuspensionNotice => $"Suspension notice: {account.Name}",
            _ => $"ACE summary: a {TierConsequences.Label(violation.Tier).ToLowerInvariant()} violation on {account.Name}",
        };
        await SendAsync(
            violation.OrganisationId,
            title,
            $"{TierConsequences.Label(violation.Tier)} violation ({ProhibitedCategories.Label(violation.Category)}{(violation.IsStrike ? ", intellectual-property strike" : string.Empty)}): {violation.Reason} "
                + $"Correct similar content by {Infrastructure.Display.Utc(correction.DueAt)}. Your ACE page shows what it caused and how to ask for a review.",
            email: notice.ByEmail,
            cancellationToken);
    }

    /// <summary>A violation was taken off the record (the complaint was withdrawn): what rested on it is lifted.</summary>
    public Task ViolationRemovedAsync(Violation violation, string why, CancellationToken cancellationToken) =>
        SendAsync(
            violation.OrganisationId,
            "A violation was removed from your record",
            $"The {TierConsequences.Label(violation.Tier).ToLowerInvariant()} violation ({ProhibitedCategories.Label(violation.Category)}) was removed: {why} What rested on it is lifted.",
            email: true,
            cancellationToken);

    /// <summary>The complainant hears of the decision on their complaint by email too (they have no account).</summary>
    public void ComplaintDecided(AceComplaint complaint) =>
        notifier.EmailWithoutAccount(
            complaint.ComplainantEmail,
            $"Your complaint {complaint.Reference} was {AceComplaint.Describe(complaint.Status)}",
            $"Staff {AceComplaint.Describe(complaint.Status)} your complaint about {ProhibitedCategories.Label(complaint.Category).ToLowerInvariant()}. {complaint.DecisionReason}");

    /// <summary>The advertiser wrote to the complainant (the outcome, with evidence): the complainant is told by email.</summary>
    public void AdvertiserWroteToComplainant(AceComplaint complaint) =>
        notifier.EmailWithoutAccount(
            complaint.ComplainantEmail,
            $"The advertiser answered your complaint {complaint.Reference}",
            "The advertiser sent you the outcome and the evidence for your complaint. They are on your tracking page.");

    /// <summary>A deadline is near: the advertiser is reminded once, by email and in the app.</summary>
    public async Task DeadlineReminderAsync(Deadline deadline, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await webhooks.RaiseAsync(WebhookEventTypes.DeadlineReminded, deadline.OrganisationId, DeadlineResource.From(deadline), cancellationToken);
        await SendAsync(
            deadline.OrganisationId,
            $"Reminder: {Deadline.What(deadline.Kind).ToLowerInvariant()} {Infrastructure.Display.TimeLeft(deadline.DueAt, now)}",
            $"{Deadline.What(deadline.Kind)} by {Infrastructure.Display.Utc(deadline.DueAt)}. Meeting it in time avoids the sanction the policy names for a miss; your ACE page has the button that does it.",
            email: true,
            cancellationToken);
    }

    /// <summary>A deadline passed unmet: what the platform did about it.</summary>
    public async Task DeadlineMissedAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        await webhooks.RaiseAsync(WebhookEventTypes.DeadlineMissed, deadline.OrganisationId, DeadlineResource.From(deadline), cancellationToken);
        await SuspensionStartedAsync(deadline.OrganisationId, deadline.AdAccountId, s => s.DeadlineId == deadline.Id, cancellationToken);
        await SendAsync(
            deadline.OrganisationId,
            $"Deadline missed: {Deadline.What(deadline.Kind).ToLowerInvariant()}",
            $"The deadline of {Infrastructure.Display.Utc(deadline.DueAt)} passed. {deadline.Outcome} Meeting a later deadline does not lift this; you can ask for a review from your ACE page.",
            email: true,
            cancellationToken);
    }

    /// <summary>A temporary suspension ended on its own.</summary>
    public async Task SuspensionEndedAsync(AdAccount account, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        await webhooks.RaiseAsync(WebhookEventTypes.SuspensionEnded, account.OrganisationId, new { accountId = account.Id, endedAt }, cancellationToken);
        await SendAsync(
            account.OrganisationId,
            $"Suspension ended: {account.Name}",
            $"The temporary suspension of {account.Name} ended on {Infrastructure.Display.Utc(endedAt)}. The violation stays on your record; your ACE page shows where the account stands.",
            email: true,
            cancellationToken);
    }

    /// <summary>A strike cleared after the account stayed in good standing.</summary>
    public Task StrikeClearedAsync(Violation strike, int goodStandingDays, CancellationToken cancellationToken) =>
        SendAsync(
            strike.OrganisationId,
            "A strike was cleared from your record",
            $"Your {ProhibitedCategories.Label(strike.Category).ToLowerInvariant()} strike of {Infrastructure.Display.Utc(strike.RecordedAt)} cleared after {goodStandingDays} days in good standing.",
            email: false,
            cancellationToken);

    /// <summary>The shop quality score fell below the threshold: reach is limited; the notice names the recommended steps.</summary>
    public Task ReachLimitedAsync(AdAccount account, PolicySettings policy, CancellationToken cancellationToken) =>
        SendAsync(
            account.OrganisationId,
            $"Reach limited: {account.Name}",
            $"The shop quality score is {account.ShopQualityScore}, below {policy.ShopQualityThreshold}. Until it improves, the reach and frequency of your ads are limited. "
                + "Recommended steps: describe products accurately, be open about shipping times and costs, publish your return policy and response times, and disclose every cost. "
                + "See the guidance on your ACE page, where you can also ask for a review.",
            email: true,
            cancellationToken);

    /// <summary>
    /// "suspension.started" when the account's standing, with this change, has a suspension in force that rests on it
    /// (the standing is derived, so it is asked rather than guessed). Only computed when an endpoint listens.
    /// </summary>
    private async Task SuspensionStartedAsync(Guid organisationId, Guid adAccountId, Func<Sanction, bool> restsOnThis, CancellationToken cancellationToken)
    {
        if (!await webhooks.HasSubscribersAsync(WebhookEventTypes.SuspensionStarted, organisationId, cancellationToken))
        {
            return;
        }

        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == adAccountId, cancellationToken);
        var record = await standings.ForAccountAsync(account, cancellationToken);
        var started = record.Standing.InForce
            .Where(s => s.Kind is SanctionKind.TemporarySuspension or SanctionKind.PermanentSuspension or SanctionKind.AccountAndDepositBlocked)
            .FirstOrDefault(restsOnThis);
        if (started is not null)
        {
            await webhooks.RaiseAsync(
                WebhookEventTypes.SuspensionStarted,
                organisationId,
                new { accountId = account.Id, record.Standing.Status, record.Standing.SuspendedUntil, started.Kind, started.Why, started.ViolationId, started.DeadlineId },
                cancellationToken);
        }
    }

    private async Task SendAsync(Guid organisationId, string title, string body, bool email, CancellationToken cancellationToken) =>
        await notifier.NotifyOrganisationAsync(organisationId, title, body, AcePage, email, cancellationToken);
}
