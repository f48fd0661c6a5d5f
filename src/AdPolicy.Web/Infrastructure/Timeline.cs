using System.Globalization;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Infrastructure;

/// <summary>One line of a case's timeline as a page shows it (the <c>_Timeline</c> partial).</summary>
/// <param name="At">When.</param>
/// <param name="Who">Who, as this reader may know them.</param>
/// <param name="Title">What happened, with the status it moved to.</param>
/// <param name="Facts">The event's values in words, one sentence each.</param>
/// <param name="Text">What the person wrote.</param>
/// <param name="IsInternal">Staff only.</param>
/// <param name="TextTestId">A <c>data-testid</c> for the text, when tests look for it.</param>
public sealed record TimelineEntry(DateTimeOffset At, string Who, string Title, IReadOnlyList<string> Facts, string? Text, bool IsInternal, string? TextTestId = null);

/// <summary>
/// Turns a case's stored events (a kind and its values) into the words a page shows: the same words on every page.
/// Rows stored before events kept values show their stored text and field changes as they were.
/// </summary>
public static class Timeline
{
    /// <summary>A refund case's timeline: staff see every event; the advertiser what is not internal.</summary>
    public static IReadOnlyList<TimelineEntry> Of(RefundRequest request, bool forStaff) =>
        Of<RefundEvent, RefundEventKind, RefundStatus>(
            request.Events.Where(e => forStaff || !e.IsInternal), RefundRequest.Describe, forStaff, e => e.IsInternal, legacyChanges: e => e.Changes);

    /// <summary>An appeal's timeline (every event is the advertiser's to read).</summary>
    public static IReadOnlyList<TimelineEntry> Of(ReviewRequest request, bool forStaff) =>
        Of<ReviewEvent, ReviewEventKind, ReviewStatus>(request.Events, ReviewRequest.Describe, forStaff, legacyChanges: e => e.Changes);

    /// <summary>An ACE complaint's timeline for staff: every event, the internal ones marked.</summary>
    public static IReadOnlyList<TimelineEntry> ForStaff(AceComplaint complaint) =>
        Of<ComplaintEvent, ComplaintEventKind, ComplaintStatus>(complaint.Events, AceComplaint.Describe, forStaff: true, e => e.IsInternal);

    /// <summary>
    /// An ACE complaint's timeline for its complainant: what they may read, themselves as "You", the advertiser and
    /// staff named by their role, never by name.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> ForComplainant(AceComplaint complaint) =>
        Of<ComplaintEvent, ComplaintEventKind, ComplaintStatus>(
            complaint.Events.Where(e => e.VisibleToComplainant),
            AceComplaint.Describe,
            forStaff: false,
            who: e => e.ActorKind switch
            {
                ActorKind.Complainant => Sentences.Get("You"),
                ActorKind.Advertiser => Sentences.Get("The advertiser"),
                ActorKind.Staff => Sentences.Get("AdPolicy support"),
                _ => "AdPolicy",
            },
            textTestId: e => e.Kind switch
            {
                ComplaintEventKind.CooperationMessage => "advertiser-message",
                ComplaintEventKind.ComplainantReply => "my-reply",
                ComplaintEventKind.ComplainantInformation => "my-information",
                _ => null,
            });

    /// <summary>The timeline of a case, in order.</summary>
    /// <param name="events">The events this reader may see.</param>
    /// <param name="describe">The case kind's status in words.</param>
    /// <param name="forStaff">Staff see the status an event moved from, who did it in what role, and routing details.</param>
    /// <param name="isInternal">Which events are staff only.</param>
    /// <param name="who">The name this reader sees for an event's actor (default: the actor's name).</param>
    /// <param name="legacyChanges">The field changes stored by rows written before values existed.</param>
    /// <param name="textTestId">A test id for an event's text.</param>
    private static List<TimelineEntry> Of<TEvent, TKind, TStatus>(
        IEnumerable<TEvent> events,
        Func<TStatus, string> describe,
        bool forStaff,
        Func<TEvent, bool>? isInternal = null,
        Func<TEvent, string>? who = null,
        Func<TEvent, string?>? legacyChanges = null,
        Func<TEvent, string?>? textTestId = null)
        where TEvent : TimelineEvent<TKind, TStatus>
        where TKind : struct, Enum
        where TStatus : struct, Enum =>
        events.OrderBy(e => e.Sequence).Select(e =>
        {
            var title = Display.EventTitle(e.Kind, forStaff && e.FromStatus is { } from ? describe(from) : null, e.ToStatus is { } to ? describe(to) : null);
            var facts = Facts(e.Kind, e.Values, explain: e.Text is null && e.Facts is null, forStaff).ToList();
            facts.AddRange(e.Facts?.Select(Sentences.Of) ?? []);
            if (e.Values is null && legacyChanges?.Invoke(e) is { Length: > 0 } changes)
            {
                facts.AddRange(changes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            var name = who?.Invoke(e) ?? e.ActorName;
            var actor = forStaff && e.ActorKind != ActorKind.System ? $"{name} ({Display.Words(e.ActorKind).ToLowerInvariant()})" : name;
            return new TimelineEntry(e.At, actor, title, facts, e.Text, isInternal?.Invoke(e) ?? false, textTestId?.Invoke(e));
        }).ToList();

    /// <summary>An event's values (and, for a few kinds, what the kind means) as sentences.</summary>
    /// <param name="kind">The event's kind.</param>
    /// <param name="values">Its values.</param>
    /// <param name="explain">Say what a kind without values means (rows stored before values said it in their text).</param>
    /// <param name="forStaff">Staff also read routing details (who has the case).</param>
    public static IEnumerable<string> Facts<TKind>(TKind kind, IReadOnlyDictionary<string, string>? values, bool explain = true, bool forStaff = true)
        where TKind : struct, Enum
    {
        if (explain && Explanation(kind) is { } explained)
        {
            yield return explained;
        }

        if (values is null)
        {
            yield break;
        }

        string? Get(string key) => values.TryGetValue(key, out var value) ? value : null;
        string Change(string key, Func<string, string> word) =>
            Get(EventValue.From(key)) is { } was ? $"{word(was)} → {word(Get(key)!)}" : word(Get(key)!);

        if (Get(EventValue.Amount) is { } amount)
        {
            yield return Sentences.Format("Amount asked for: {0}", amount);
        }

        if (Get(EventValue.ApprovedAmount) is not null)
        {
            yield return Sentences.Format("Approved amount: {0}", Change(EventValue.ApprovedAmount, a => a));
        }

        if (Get(EventValue.RefundedAmount) is { } refunded)
        {
            yield return Sentences.Format("{0} credited to the ad account.", refunded);
        }

        if (forStaff && values.ContainsKey(EventValue.Assignee))
        {
            yield return Sentences.Format("Assignee: {0} → {1}", Get(EventValue.From(EventValue.Assignee)) ?? Sentences.Get("nobody"), Get(EventValue.Assignee));
        }

        if (Time(Get(EventValue.AnswerDue)) is { } answerDue)
        {
            yield return Sentences.Format("Answer due: {0}", Display.Utc(answerDue));
        }

        if (Time(Get(EventValue.ReviewDue)) is { } reviewDue)
        {
            yield return Sentences.Format("The review clock runs again: review due {0}", Display.Utc(reviewDue));
        }

        if (Get(EventValue.EligibilityAdvice) is { } advice)
        {
            yield return Sentences.Format("What would have made it eligible: {0}", advice);
        }

        if (Get(EventValue.File) is { } file)
        {
            yield return Sentences.Format("File: {0}", file);
        }

        if (Enum.TryParse<ViolationTier>(Get(EventValue.Tier), out var tier) && Enum.TryParse<ProhibitedCategory>(Get(EventValue.Category), out var category))
        {
            yield return Get(EventValue.Strike) == "true"
                ? Sentences.Format("Violation: {0}, {1} (strike).", Lower(Sentences.Get(TierConsequences.Label(tier))), Sentences.Get(ProhibitedCategories.Label(category)))
                : Sentences.Format("Violation: {0}, {1}.", Lower(Sentences.Get(TierConsequences.Label(tier))), Sentences.Get(ProhibitedCategories.Label(category)));
        }

        if (Get(EventValue.DecidedWith) is { } decidedWith)
        {
            yield return Sentences.Format("Decided together with {0}, a complaint about the same ad and category: one violation was recorded for them all.", decidedWith);
        }

        if (Get(EventValue.ReopenedWith) is { } reopenedWith)
        {
            yield return Sentences.Format("Reopened together with {0}, a complaint about the same ad and category decided with it.", reopenedWith);
        }

        if (Get(EventValue.TookOverFrom) is { } tookOverFrom)
        {
            yield return Sentences.Format("{0} was withdrawn by its complainant; this complaint, upheld with it, still stands, so violation {1} now rests on it.", tookOverFrom, Get(EventValue.Violation));
        }

        if (Enum.TryParse<DeadlineKind>(Get(EventValue.Deadline), out var deadline))
        {
            yield return Time(Get(EventValue.DueAt)) is { } d
                ? Sentences.Format("{0}: missed (it was due {1}).", Sentences.What(deadline), Display.Utc(d))
                : Sentences.Format("{0}: missed.", Sentences.What(deadline));
        }

        if (Get(EventValue.RemovedAds) is { } removed)
        {
            yield return removed == "none" ? Sentences.Get("The content was already down.") : Sentences.Format("AdPolicy removed {0}.", removed);
        }

        if (Get(EventValue.CancelledPlan) is { } plan)
        {
            yield return Sentences.Format("The ad plan {0} was cancelled; it stays cancelled until the sanction is lifted.", plan);
        }

        if (Enum.TryParse<MissedDeadlineSanction>(Get(EventValue.Sanction), out var sanction) && Sentences.SanctionImposed(sanction) is { } sanctionWords)
        {
            yield return sanctionWords;
        }

        if (Get(EventValue.EvidenceRequired) is { } required)
        {
            var titles = required.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(k => Enum.TryParse<EvidenceKind>(k, out var item) ? Sentences.Get(RequirementMatrix.Title(item)) : k);
            yield return Sentences.Format("Evidence required: {0}", string.Join(", ", titles));
        }

        if (Enum.TryParse<EvidenceKind>(Get(EventValue.EvidenceItem), out var evidence))
        {
            var item = Sentences.Get(RequirementMatrix.Title(evidence));
            if (Get(EventValue.Check) is { } check)
            {
                yield return check == "passed" ? Sentences.Format("{0}: automatic check passed.", item) : Sentences.Format("{0}: automatic check failed.", item);
            }

            if (Get(EventValue.Verdict) is not null)
            {
                yield return $"{item}: {Change(EventValue.Verdict, v => Lower(Display.Words(v)))}";
            }
        }

        if (Get(EventValue.Findings) is { } findings)
        {
            foreach (var finding in findings.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return finding;
            }
        }
    }

    /// <summary>What an event of a kind that carries no values means.</summary>
    private static string? Explanation<TKind>(TKind kind)
        where TKind : struct, Enum => kind switch
        {
            ComplaintEventKind.SplitFromGroup => Sentences.Get("Taken out of its duplicate group: it is decided on its own."),
            ComplaintEventKind.TrackingRevoked => Sentences.Get("The complainant's tracking link was revoked."),
            ComplaintEventKind.TrackingReissued => Sentences.Get("The complainant's tracking link was replaced and the new one emailed to them; the old one no longer works."),
            ComplaintEventKind.FlaggedOverdueForReview => Sentences.Get("A deadline fell due before anyone decided this complaint. Nothing was enforced; decide it first."),
            _ => null,
        };

    private static string Lower(string words) => words.ToLower(CultureInfo.CurrentCulture);

    private static DateTimeOffset? Time(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
}
