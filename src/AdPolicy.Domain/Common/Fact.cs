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

    // Why an ad or an ad plan stopped.

    /// <summary>The ad was stopped for the <see cref="EventValue.Tier"/> violation on <see cref="EventValue.Violation"/> (a complaint's or violation's reference).</summary>
    AdStoppedForViolation,

    /// <summary>AdPolicy removed the ad: the deadline to remove it passed at <see cref="EventValue.DueAt"/>.</summary>
    AdRemovedAtMissedDeadline,

    /// <summary>The advertiser removed the ad themselves.</summary>
    AdvertiserRemovedAd,

    /// <summary>The ad plan was cancelled because a deadline on complaint <see cref="EventValue.Complaint"/> was missed.</summary>
    PlanCancelledForMissedDeadline,

    /// <summary>Staff stopped it for a policy violation (<see cref="EventValue.Note"/>: their own words).</summary>
    StaffStoppedForPolicy,

    // What an automatic evidence check measured (its summary, for the reviewer).

    /// <summary>
    /// An order list: <see cref="EventValue.Rows"/> rows, <see cref="EventValue.Orders"/> distinct
    /// <see cref="EventValue.Noun"/>s (<see cref="EventValue.Tracked"/> with a tracking number), dated
    /// <see cref="EventValue.First"/> to <see cref="EventValue.Last"/>; covers <see cref="EventValue.Covered"/> of the
    /// <see cref="EventValue.CoverageDays"/> days before the request.
    /// </summary>
    ListMeasured,

    /// <summary>The list could not be read.</summary>
    ListNotRead,

    /// <summary>No logistics list was attached.</summary>
    NoLogisticsList,

    /// <summary>The video lasts <see cref="EventValue.Seconds"/> seconds.</summary>
    VideoLasts,

    /// <summary>The video could not be read.</summary>
    VideoNotRead,

    /// <summary>
    /// Certificate <see cref="EventValue.Number"/> issued by <see cref="EventValue.Authority"/>, valid
    /// <see cref="EventValue.ValidFrom"/> to <see cref="EventValue.ValidTo"/> (none: no end date); suspension on
    /// <see cref="EventValue.Suspension"/>.
    /// </summary>
    CertificateMeasured,

    /// <summary>A business document, described by the advertiser as <see cref="EventValue.Note"/>.</summary>
    BusinessDocumentMeasured,

    /// <summary>No business document was attached.</summary>
    NoBusinessDocument,

    // What an automatic evidence check found missing (its findings, for the advertiser to fix).

    /// <summary>The file is empty.</summary>
    FileEmpty,

    /// <summary>The file is not UTF-8 text.</summary>
    FileNotUtf8,

    /// <summary>On <see cref="EventValue.Line"/>, the header is not <see cref="EventValue.Expected"/> (it is <see cref="EventValue.Value"/>).</summary>
    ListHeaderWrong,

    /// <summary>On <see cref="EventValue.Line"/>, a value is longer than <see cref="EventValue.Expected"/> characters.</summary>
    ListValueTooLong,

    /// <summary>From <see cref="EventValue.Line"/>, the file is not a CSV list that can be read.</summary>
    ListNotCsv,

    /// <summary>The video file is cut short.</summary>
    VideoCutShort,

    /// <summary>The video's structure is damaged.</summary>
    VideoDamaged,

    /// <summary>The video has no movie header (moov box).</summary>
    VideoNoMovie,

    /// <summary>The video's moov box has no movie header (mvhd).</summary>
    VideoNoMovieHeader,

    /// <summary>The video's movie header has <see cref="EventValue.Version"/>, which cannot be read.</summary>
    VideoHeaderVersion,

    /// <summary>The video's header does not say how long it is.</summary>
    VideoNoDuration,

    /// <summary>The video's header gives an impossible length.</summary>
    VideoImpossibleDuration,

    /// <summary>The video lasts <see cref="EventValue.Seconds"/> seconds, under the <see cref="EventValue.Minimum"/> the policy asks.</summary>
    VideoTooShort,

    /// <summary>The list has no <see cref="EventValue.Noun"/>s.</summary>
    ListEmpty,

    /// <summary>
    /// <see cref="EventValue.Orders"/> distinct <see cref="EventValue.Noun"/>s (with a tracking number when
    /// <see cref="EventValue.Tracked"/>); <see cref="EventValue.Minimum"/> are needed, or a list covering the
    /// <see cref="EventValue.CoverageDays"/> days before the request (it covers <see cref="EventValue.Covered"/>).
    /// </summary>
    TooFewOrders,

    /// <summary><see cref="EventValue.Orders"/> <see cref="EventValue.Noun"/>s have no tracking number and do not count.</summary>
    OrdersUntracked,

    /// <summary><see cref="EventValue.Rows"/> rows could not be read.</summary>
    RowsNotRead,

    /// <summary>… and <see cref="EventValue.Rows"/> more rows with errors.</summary>
    MoreRowsNotRead,

    /// <summary>On <see cref="EventValue.Line"/>, a quote is misplaced.</summary>
    RowQuoteMisplaced,

    /// <summary>On <see cref="EventValue.Line"/>, <see cref="EventValue.Expected"/> columns were expected and <see cref="EventValue.Found"/> found.</summary>
    RowColumnCount,

    /// <summary>On <see cref="EventValue.Line"/>, <see cref="EventValue.Field"/> is empty.</summary>
    RowFieldEmpty,

    /// <summary>On <see cref="EventValue.Line"/>, the order date <see cref="EventValue.Value"/> is not a date yyyy-MM-dd.</summary>
    RowDateInvalid,

    /// <summary>On <see cref="EventValue.Line"/>, the quantity <see cref="EventValue.Value"/> is not a whole number of 1 or more.</summary>
    RowQuantityInvalid,

    /// <summary>On <see cref="EventValue.Line"/>, the price <see cref="EventValue.Value"/> is not an amount like 12.50.</summary>
    RowPriceInvalid,

    /// <summary>The certificate names no issuing authority.</summary>
    CertificateNoAuthority,

    /// <summary>The certificate has no number.</summary>
    CertificateNoNumber,

    /// <summary>The certificate's validity ends (<see cref="EventValue.ValidTo"/>) before it starts (<see cref="EventValue.ValidFrom"/>).</summary>
    CertificateDatesReversed,

    /// <summary>The certificate is valid from <see cref="EventValue.ValidFrom"/>, after the suspension on <see cref="EventValue.Suspension"/>.</summary>
    CertificateNotYetValid,

    /// <summary>The certificate expired on <see cref="EventValue.ValidTo"/>, before the suspension on <see cref="EventValue.Suspension"/>.</summary>
    CertificateExpired,

    /// <summary>No document proving the business model or permission is attached.</summary>
    BusinessDocumentMissing,

    /// <summary>The business document is not described.</summary>
    BusinessDocumentUndescribed,

    /// <summary>No logistics list (CSV with the tracking number of each case) is attached.</summary>
    LogisticsListMissing,
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

    /// <summary>The kind and values, for logs and debugging; readers see it worded (<c>Sentences</c> in the web layer).</summary>
    public override string ToString() =>
        $"{Kind}({string.Join(", ", Values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))})";

    public override int GetHashCode() => Values.OrderBy(p => p.Key, StringComparer.Ordinal).Aggregate(Kind.GetHashCode(), (h, p) => HashCode.Combine(h, p.Key, p.Value));
}
