namespace AdPolicy.Domain.Common;

/// <summary>
/// The kinds of <see cref="Fact"/>: what happened to an ad account, a deadline or what rested on a violation. Pages,
/// notices and emails word each in their reader's language; the values it needs are named in its comment.
/// </summary>
public enum FactKind
{
    // Why something was lifted or cancelled.

    /// <summary>The complainant withdrew <see cref="EventValue.Complaint"/>.</summary>
    ComplaintWithdrawn,

    /// <summary><see cref="EventValue.Complaint"/> was rejected.</summary>
    ComplaintRejected,

    /// <summary>The deadline's complaint ended otherwise (<see cref="EventValue.Status"/>: the complaint's status).</summary>
    ComplaintClosed,

    /// <summary><see cref="EventValue.Complaint"/> was decided with <see cref="EventValue.DecidedWith"/>, whose deadlines apply.</summary>
    DecidedTogether,

    /// <summary>AdPolicy removed the content when the complaint was upheld.</summary>
    ContentRemovedAtUphold,

    /// <summary>Review request <see cref="EventValue.Appeal"/> was approved.</summary>
    AppealApproved,

    /// <summary>Staff reopened the decision on <see cref="EventValue.Complaint"/>.</summary>
    DecisionReopened,

    /// <summary>Staff lifted a sanction.</summary>
    StaffLifted,

    /// <summary>Staff shortened a sanction.</summary>
    StaffShortened,

    /// <summary>Staff corrected the sanction resting on a violation.</summary>
    StaffCorrected,

    /// <summary>Staff reinstated an ad.</summary>
    StaffReinstatedAd,

    /// <summary>Staff reinstated an ad plan.</summary>
    StaffReinstatedPlan,

    // What was lifted or restored.

    /// <summary><see cref="EventValue.Violation"/> (<see cref="EventValue.Tier"/>, <see cref="EventValue.Strike"/>) is off the record.</summary>
    ViolationOffRecord,

    /// <summary>The suspension (<see cref="EventValue.SanctionKind"/>, until <see cref="EventValue.Until"/>) resting on it is lifted.</summary>
    SuspensionLifted,

    /// <summary>The deadline <see cref="EventValue.Deadline"/> is cancelled.</summary>
    DeadlineCancelled,

    /// <summary>The sanction <see cref="EventValue.Sanction"/> for missing <see cref="EventValue.Deadline"/> is lifted.</summary>
    MissedSanctionLifted,

    /// <summary>The ad plan <see cref="EventValue.Plan"/> (<see cref="EventValue.PlanName"/>) is <see cref="EventValue.Status"/> again.</summary>
    PlanRestored,

    /// <summary>The ad <see cref="EventValue.Ad"/> is reinstated.</summary>
    AdReinstated,

    /// <summary>
    /// The sanction resting on <see cref="EventValue.Violation"/>, or for missing <see cref="EventValue.Deadline"/>, now
    /// ends at <see cref="EventValue.Until"/>.
    /// </summary>
    SanctionNowEnds,

    /// <summary>Nothing else rested on it.</summary>
    NothingElse,

    // What was put on the record.

    /// <summary>
    /// <see cref="EventValue.Violation"/> (<see cref="EventValue.Tier"/>, <see cref="EventValue.Category"/>,
    /// <see cref="EventValue.Strike"/>) recorded on complaint <see cref="EventValue.Complaint"/>, or from an ACE evaluation.
    /// </summary>
    ViolationRecorded,

    /// <summary>The ads <see cref="EventValue.Ads"/> were stopped (<see cref="EventValue.Effect"/>: Removed or Restricted).</summary>
    AdsStopped,

    /// <summary>A suspension (<see cref="EventValue.SanctionKind"/>, until <see cref="EventValue.Until"/>) started.</summary>
    SuspensionStarted,

    /// <summary>The penalty of <see cref="EventValue.Violation"/> comes (<see cref="EventValue.FromRefusedRefund"/>) from a refused refund or return.</summary>
    RefundOrigin,

    // How a deadline ended.

    /// <summary>The advertiser removed <see cref="EventValue.Ads"/>.</summary>
    AdvertiserRemovedAds,

    /// <summary>The advertiser confirmed similar content corrected (<see cref="EventValue.Ads"/>; their note in <see cref="EventValue.Note"/>).</summary>
    SimilarContentCorrected,

    /// <summary>The advertiser wrote to the complainant and shared <see cref="EventValue.Files"/> file(s).</summary>
    AdvertiserWroteToComplainant,

    /// <summary>Done by the advertiser at <see cref="EventValue.DoneAt"/>, in time; judged when the complaint was upheld.</summary>
    DoneInTime,

    /// <summary>AdPolicy removed <see cref="EventValue.Ads"/> when the deadline was missed.</summary>
    PlatformRemovedAds,

    /// <summary>The content was already down when the deadline was missed.</summary>
    ContentAlreadyDown,

    /// <summary>The ad plan <see cref="EventValue.Plan"/> was cancelled; it stays cancelled until the sanction is lifted.</summary>
    PlanCancelled,

    /// <summary>The ad plan had already stopped, so there was no plan left to cancel.</summary>
    NoPlanToCancel,

    /// <summary>The missed deadline's sanction (<see cref="EventValue.Sanction"/>) applies.</summary>
    SanctionImposed,
}

/// <summary>
/// Something that happened, stored as data — a kind and its values (<see cref="EventValue"/> names) — never as a
/// sentence: an account's enforcement history, what a lift restored, how a deadline ended. Each reader sees it worded
/// in their own language and zone, whenever they read it.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Values">Its values by name (references, enum names, ISO 8601 instants, a person's own words).</param>
public sealed record Fact(FactKind Kind, IReadOnlyDictionary<string, string> Values)
{
    public static Fact Of(FactKind kind) => new(kind, new Dictionary<string, string>(StringComparer.Ordinal));

    public static Fact Of(FactKind kind, EventValues values) => new(kind, new Dictionary<string, string>(values.AsDictionary(), StringComparer.Ordinal));

    /// <summary>One of the values, or null.</summary>
    public string? this[string key] => Values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Equal when the kind and every value are (records compare dictionaries by reference).</summary>
    public bool Equals(Fact? other) =>
        other is not null && Kind == other.Kind && Values.Count == other.Values.Count
        && Values.All(p => other.Values.TryGetValue(p.Key, out var v) && v == p.Value);

    public override int GetHashCode() => Values.OrderBy(p => p.Key, StringComparer.Ordinal).Aggregate(Kind.GetHashCode(), (h, p) => HashCode.Combine(h, p.Key, p.Value));
}
