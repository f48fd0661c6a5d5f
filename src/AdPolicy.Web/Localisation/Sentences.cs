using System.Globalization;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Infrastructure;

namespace AdPolicy.Web.Localisation;

/// <summary>
/// The sentences the system words from data — an account's enforcement history, what a lift restored, how a deadline
/// ended (<see cref="Fact"/>), a timeline's facts, a broken rule — in the reader's language (the current UI culture).
/// Their resource is <c>Resources/Localisation/Sentences</c>, keyed by the English text; a word not there is looked up
/// in the shared resource (status words, categories), and a key missing everywhere shows its English.
/// </summary>
/// <remarks>
/// Moments are written as <see cref="Display.Utc"/> does; pages and emails rewrite them in the reader's zone
/// (<see cref="Reader.Text"/>), as for every stored text.
/// </remarks>
public static class Sentences
{
    private static readonly Recipient InEnglishUtc = new(NodaTime.DateTimeZone.Utc, CultureInfo.GetCultureInfo(Languages.English));

    /// <summary>This resource, falling back to the shared words: for readers that fall back to the system's sentences.</summary>
    internal static ResourceWords Resource { get; } = new("Localisation.Sentences", Words.Shared);

    public static string Get(string english) => Resource.Get(english);

    public static string Format(string english, params object?[] values) => Resource.Format(english, values);

    /// <summary>The facts, one sentence each, joined.</summary>
    public static string Of(IEnumerable<Fact>? facts) => facts is null ? string.Empty : string.Join(" ", facts.Select(Of));

    /// <summary>The facts in English whatever the reader's language: for the API and webhooks, whose fields are documented in English.</summary>
    public static string InEnglish(IEnumerable<Fact>? facts)
    {
        using (InEnglishUtc.Speak())
        {
            return Of(facts);
        }
    }

    /// <summary>
    /// A sentence the domain derived (a standing, what a sanction rests on, a broken rule), in the reader's language: its
    /// English template looked up here, its values worded too — a nested sentence (a unit such as "3 days" or "2nd" is
    /// one), a status word or phrase the resources know — and names, references and people's words as they are. A template with no translation (one
    /// that only joins other sentences) is used as it is.
    /// </summary>
    public static string Of(FormattableString? said)
    {
        if (said is null)
        {
            return string.Empty;
        }

        var values = said.GetArguments().Select(Value).ToArray();
        return values.Length == 0 ? Get(said.Format) : string.Format(CultureInfo.CurrentCulture, Get(said.Format), values);
    }

    /// <summary>The sentence in English whatever the reader's language (the API, webhooks).</summary>
    public static string InEnglish(FormattableString? said) => said?.ToString(EnglishFacts.Instance) ?? string.Empty;

    /// <summary>The invariant culture, with a fact among a sentence's values worded in English.</summary>
    private sealed class EnglishFacts : IFormatProvider, ICustomFormatter
    {
        public static readonly EnglishFacts Instance = new();

        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : CultureInfo.InvariantCulture.GetFormat(formatType);

        public string Format(string? format, object? arg, IFormatProvider? formatProvider) => arg switch
        {
            Fact fact => InEnglish([fact]),
            IFormattable formattable => formattable.ToString(format, this),
            _ => arg?.ToString() ?? string.Empty,
        };
    }

    /// <summary>A broken rule, in the reader's language.</summary>
    public static string Of(DomainRuleException rule) => Of(rule.Said);

    private static object? Value(object? value) => value switch
    {
        FormattableString nested => Of(nested),
        Fact fact => Of(fact),
        string text => Get(text),
        Enum word => Display.Words(word.ToString()),
        DateTimeOffset at => Display.Utc(at),
        _ => value,
    };

    /// <summary>How a deadline ended: its facts, or the sentence older rows kept.</summary>
    public static string? Outcome(Deadline deadline) => deadline.Outcome is { Count: > 0 } facts ? Of(facts) : deadline.OutcomeText;

    /// <summary>Why something stopped or ended (an ad, an ad plan): its fact, or the sentence an older row kept.</summary>
    public static string? Why(Fact? why, string? older) => why is null ? older : Of(why);

    /// <summary><see cref="Why"/> in English whatever the reader's language (the API).</summary>
    public static string? WhyInEnglish(Fact? why, string? older) => why is null ? older : InEnglish([why]);

    /// <summary>A line of an account's enforcement history: its facts, or the sentence older rows kept.</summary>
    public static string Of(EnforcementEvent e) => e.Facts.Count > 0 ? Of(e.Facts) : e.Text ?? string.Empty;

    /// <summary>One fact as a sentence in the reader's language.</summary>
    public static string Of(Fact fact)
    {
        string V(string key) => fact[key] ?? string.Empty;
        return fact.Kind switch
        {
            FactKind.ComplaintWithdrawn => Format("The complainant withdrew complaint {0}.", V(EventValue.Complaint)),
            FactKind.ComplaintRejected => Format("Complaint {0} was rejected.", V(EventValue.Complaint)),
            FactKind.ComplaintClosed => Format("Its complaint was {0}.", Lower(Display.Words(V(EventValue.Status)))),
            FactKind.DecidedTogether => Format("Complaint {0} was decided together with {1}, whose deadlines apply.", V(EventValue.Complaint), V(EventValue.DecidedWith)),
            FactKind.ContentRemovedAtUphold => Get("AdPolicy removed the content when the complaint was upheld."),
            FactKind.AppealApproved => Format("Review request {0} was approved.", V(EventValue.Appeal)),
            FactKind.DecisionReopened => Format("Staff reopened the decision on complaint {0}.", V(EventValue.Complaint)),
            FactKind.StaffLifted => Get("Staff lifted the sanction."),
            FactKind.StaffShortened => Get("Staff shortened a sanction."),
            FactKind.StaffCorrected => Get("Staff corrected a sanction."),
            FactKind.StaffReinstatedAd => Get("Staff reinstated an ad."),
            FactKind.StaffReinstatedPlan => Get("Staff reinstated an ad plan."),

            FactKind.ViolationOffRecord => fact[EventValue.Strike] == "true"
                ? Format("The {0} violation {1} and its strike are off the record.", TierWords(fact), V(EventValue.Violation))
                : Format("The {0} violation {1} is off the record.", TierWords(fact), V(EventValue.Violation)),
            FactKind.SuspensionLifted => Enum.TryParse<SanctionKind>(fact[EventValue.SanctionKind], out var lifted) && lifted == SanctionKind.PermanentSuspension
                ? Get("The permanent suspension that rested on it is lifted.")
                : Time(fact[EventValue.Until]) is { } until
                    ? Format("The suspension until {0} that rested on it is lifted.", Display.Utc(until))
                    : Get("The sanction that rested on it is lifted."),
            FactKind.DeadlineCancelled => Format("The deadline \"{0}\" is cancelled.", What(fact)),
            FactKind.MissedSanctionLifted => (Enum.TryParse<MissedDeadlineSanction>(fact[EventValue.Sanction], out var s) ? s : MissedDeadlineSanction.None) switch
            {
                MissedDeadlineSanction.BlockAccountAndDeposit => Format("The block on the ad account and its deposit (the deadline \"{0}\" was missed) is lifted.", What(fact)),
                MissedDeadlineSanction.BlockNewAccounts => Format("The organisation may open new ad accounts again (the deadline \"{0}\" was missed).", What(fact)),
                MissedDeadlineSanction.CancelAdPlan => Format("The ad plan cancellation (the deadline \"{0}\" was missed) is lifted.", What(fact)),
                _ => Format("The sanction (the deadline \"{0}\" was missed) is lifted.", What(fact)),
            },
            FactKind.PlanRestored => Format("The ad plan {0} ({1}) is restored: {2} again.", V(EventValue.Plan), V(EventValue.PlanName), Lower(Display.Words(V(EventValue.Status)))),
            FactKind.AdReinstated => Format("The ad {0} is reinstated.", V(EventValue.Ad)),
            FactKind.SanctionNowEnds => fact[EventValue.Violation] is { } onViolation
                ? Format("The sanction resting on {0} now ends on {1}.", onViolation, Display.Utc(Time(fact[EventValue.Until]) ?? default))
                : Format("The sanction for the missed deadline \"{0}\" now ends on {1}.", What(fact), Display.Utc(Time(fact[EventValue.Until]) ?? default)),
            FactKind.NothingElse => Get("Nothing else rested on it."),

            FactKind.ViolationRecorded => ViolationRecorded(fact),
            FactKind.AdsStopped => V(EventValue.Effect) == nameof(AdStatus.Removed)
                ? Format("Removed: {0}.", V(EventValue.Ads))
                : Format("Restricted: {0}.", V(EventValue.Ads)),
            FactKind.SuspensionStarted => Suspension(fact),
            FactKind.RefundOrigin => fact[EventValue.FromRefusedRefund] == "true"
                ? Format("The penalty of {0} is recorded as coming from a refused refund or return; an appeal needs refund or return proof.", V(EventValue.Violation))
                : Format("The penalty of {0} is recorded as not coming from a refused refund or return.", V(EventValue.Violation)),

            FactKind.AdvertiserRemovedAds => Format("The advertiser removed {0}.", V(EventValue.Ads)),
            FactKind.SimilarContentCorrected => (fact[EventValue.Ads] is { } changed
                    ? Format("The advertiser confirmed similar content corrected (ads changed: {0}).", changed)
                    : Get("The advertiser confirmed similar content corrected (no ad needed a change)."))
                + (fact[EventValue.Note] is { } note ? " " + note : string.Empty),
            FactKind.AdvertiserWroteToComplainant => Format("The advertiser wrote to the complainant and shared {0} file(s).", V(EventValue.Files)),
            FactKind.DoneInTime => Format("Done by the advertiser on {0}, in time; judged when the complaint was upheld.", Display.Utc(Time(fact[EventValue.DoneAt]) ?? default)),
            FactKind.PlatformRemovedAds => Format("AdPolicy removed {0}.", V(EventValue.Ads)),
            FactKind.ContentAlreadyDown => Get("The content was already down."),
            FactKind.PlanCancelled => Format("The ad plan {0} was cancelled; it stays cancelled until the sanction is lifted.", V(EventValue.Plan)),
            FactKind.NoPlanToCancel => Get("The ad plan had already stopped, so there was no plan left to cancel."),
            FactKind.SanctionImposed => SanctionImposed(Enum.TryParse<MissedDeadlineSanction>(fact[EventValue.Sanction], out var imposed) ? imposed : MissedDeadlineSanction.None) ?? string.Empty,

            FactKind.AdStoppedForViolation => Format("Stopped for the {0} violation {1}.", TierWords(fact), V(EventValue.Violation)),
            FactKind.AdvertiserRemovedAd => Get("Removed by the advertiser."),
            FactKind.AdRemovedAtMissedDeadline => Format("Removed by AdPolicy: the deadline to remove it passed on {0}.", Display.Utc(Time(fact[EventValue.DueAt]) ?? default)),
            FactKind.PlanCancelledForMissedDeadline => Format("Ad plan cancelled: a deadline on complaint {0} was missed.", V(EventValue.Complaint)),
            FactKind.StaffStoppedForPolicy => Format("Stopped by staff for a policy violation: {0}", V(EventValue.Note)),
            _ => Evidence(fact),
        };
    }

    /// <summary>A fact or a stored English sentence (older rows), in the reader's language: an evidence check's findings, say.</summary>
    public static string Word(object? value) => Value(value)?.ToString() ?? string.Empty;

    /// <summary>Facts or stored sentences, each worded, joined by "; ".</summary>
    public static string Join(IEnumerable<object> values) => string.Join("; ", values.Select(Word));

    /// <summary>Facts or stored sentences, each worded in English, joined by "; " (the API).</summary>
    public static string InEnglish(IEnumerable<object> values)
    {
        using (InEnglishUtc.Speak())
        {
            return Join(values);
        }
    }

    /// <summary>"" (a <c>data-stored</c> mark) when an evidence check is an older row's English, else null (no mark): facts are worded for the reader.</summary>
    public static string? Older(CheckedEvidence evidence) => evidence.CheckMeasured is null && evidence.CheckFound is null && evidence.CheckPassed is not null ? string.Empty : null;

    /// <summary>A row of an order list that could not be read: its line and what is wrong with it.</summary>
    public static string Of(OrderListRowError error) =>
        Format("line {0}: {1}", error.Line, string.Join("; ", error.Problems.Select(RowProblem)));

    private static string RowProblem(Fact fact)
    {
        string V(string key) => fact[key] ?? string.Empty;
        return fact.Kind switch
        {
            FactKind.RowQuoteMisplaced => Get("a quote (\") is misplaced; put quotes around the whole value and double any quote inside it"),
            FactKind.RowColumnCount => Format("expected {0} columns, found {1}", V(EventValue.Expected), V(EventValue.Found)),
            FactKind.RowFieldEmpty => Format("{0} is empty", V(EventValue.Field)),
            FactKind.RowDateInvalid => Format("order_date '{0}' is not a date yyyy-MM-dd", V(EventValue.Value)),
            FactKind.RowQuantityInvalid => Format("quantity '{0}' is not a whole number of 1 or more", V(EventValue.Value)),
            FactKind.RowPriceInvalid => Format("price '{0}' is not an amount like 12.50", V(EventValue.Value)),
            _ => fact.Kind.ToString(),
        };
    }

    /// <summary>What an automatic evidence check measured or found, one sentence each.</summary>
    private static string Evidence(Fact fact)
    {
        string V(string key) => fact[key] ?? string.Empty;
        int N(string key) => int.TryParse(fact[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var cases = V(EventValue.Noun) == "case";
        const string NotAVideo = "The file is not an MP4 or QuickTime video we can read; export it again as MP4.";
        string Video(string what) => Get(what) + " " + Get(NotAVideo);
        return fact.Kind switch
        {
            FactKind.ListMeasured => fact[EventValue.First] is { } first && fact[EventValue.Last] is { } last
                ? Format("{0}, {1} ({2} with a tracking number), dated {3} to {4}; covers {5} of the {6} days before the request.", Rows(N(EventValue.Rows)), Distinct(N(EventValue.Orders), cases), N(EventValue.Tracked), first, last, N(EventValue.Covered), N(EventValue.CoverageDays))
                : Format("{0}, {1} ({2} with a tracking number); covers {3} of the {4} days before the request.", Rows(N(EventValue.Rows)), Distinct(N(EventValue.Orders), cases), N(EventValue.Tracked), N(EventValue.Covered), N(EventValue.CoverageDays)),
            FactKind.ListNotRead => Get("The list could not be read."),
            FactKind.NoLogisticsList => Get("No logistics list."),
            FactKind.VideoLasts => Format("The video lasts {0} seconds.", Seconds(fact)),
            FactKind.VideoNotRead => Get("The video could not be read."),
            FactKind.CertificateMeasured => fact[EventValue.ValidTo] is { } to
                ? Format("Certificate {0} issued by {1}, valid {2} to {3}; suspension on {4}.", Given(fact[EventValue.Number]), Given(fact[EventValue.Authority]), V(EventValue.ValidFrom), to, V(EventValue.Suspension))
                : Format("Certificate {0} issued by {1}, valid from {2} with no end date; suspension on {3}.", Given(fact[EventValue.Number]), Given(fact[EventValue.Authority]), V(EventValue.ValidFrom), V(EventValue.Suspension)),
            FactKind.BusinessDocumentMeasured => Format("Business document: {0}.", Given(fact[EventValue.Note])),
            FactKind.NoBusinessDocument => Get("No business document."),

            FactKind.FileEmpty => Get("The file is empty: it needs the header line and one row per order."),
            FactKind.FileNotUtf8 => Get("The file is not UTF-8 text; save it as CSV (UTF-8) and upload it again."),
            FactKind.ListHeaderWrong => Format("line {0}: the header must be {1} (found '{2}').", V(EventValue.Line), V(EventValue.Expected), V(EventValue.Value)),
            FactKind.ListValueTooLong => Format("line {0}: a value is longer than {1} characters; is this the right file?", V(EventValue.Line), V(EventValue.Expected)),
            FactKind.ListNotCsv => Format("line {0}: the file is not a CSV list we can read.", V(EventValue.Line)),
            FactKind.VideoCutShort => Video("The video file is cut short."),
            FactKind.VideoDamaged => Video("The video's structure is damaged."),
            FactKind.VideoNoMovie => Video("The video has no movie header (moov box), so its length cannot be read."),
            FactKind.VideoNoMovieHeader => Video("The video's moov box has no movie header (mvhd), so its length cannot be read."),
            FactKind.VideoHeaderVersion => Format("The video's movie header has version {0}, which we cannot read.", V(EventValue.Version)) + " " + Get(NotAVideo),
            FactKind.VideoNoDuration => Get("The video's header does not say how long it is; export it again as MP4."),
            FactKind.VideoImpossibleDuration => Video("The video's header gives an impossible length."),
            FactKind.VideoTooShort => Format("The video lasts {0} seconds; it must last at least {1} seconds.", Seconds(fact), N(EventValue.Minimum)),
            FactKind.ListEmpty => cases
                ? Get("The list has no cases: add one row per case under the header.")
                : Get("The list has no orders: add one row per order under the header."),
            FactKind.TooFewOrders => fact[EventValue.Tracked] == "true"
                ? Format("{0} with a tracking number; {1} or more are needed, or a list covering the {2} days before the request (this one covers {3}).", Distinct(N(EventValue.Orders), cases), N(EventValue.Minimum), N(EventValue.CoverageDays), Days(N(EventValue.Covered)))
                : Format("{0}; {1} or more are needed, or a list covering the {2} days before the request (this one covers {3}).", Distinct(N(EventValue.Orders), cases), N(EventValue.Minimum), N(EventValue.CoverageDays), Days(N(EventValue.Covered))),
            FactKind.OrdersUntracked => N(EventValue.Orders) == 1
                ? Format("{0} has no tracking number and does not count.", Counted(1, cases ? "1 case" : "1 order", cases ? "{0} cases" : "{0} orders"))
                : Format("{0} have no tracking number and do not count.", Counted(N(EventValue.Orders), cases ? "1 case" : "1 order", cases ? "{0} cases" : "{0} orders")),
            FactKind.RowsNotRead => N(EventValue.Rows) == 1
                ? Get("1 row could not be read; correct it and upload the list again.")
                : Format("{0} rows could not be read; correct them and upload the list again.", N(EventValue.Rows)),
            FactKind.MoreRowsNotRead => N(EventValue.Rows) == 1
                ? Get("… and 1 more row with errors.")
                : Format("… and {0} more rows with errors.", N(EventValue.Rows)),
            FactKind.RowQuoteMisplaced or FactKind.RowColumnCount or FactKind.RowFieldEmpty or FactKind.RowDateInvalid or FactKind.RowQuantityInvalid or FactKind.RowPriceInvalid
                => Format("line {0}: {1}", V(EventValue.Line), RowProblem(fact)),
            FactKind.CertificateNoAuthority => Get("Name the authority that issued the certificate."),
            FactKind.CertificateNoNumber => Get("Give the certificate's number."),
            FactKind.CertificateDatesReversed => Format("The certificate's validity ends on {0}, before it starts on {1}: check the dates.", V(EventValue.ValidTo), V(EventValue.ValidFrom)),
            FactKind.CertificateNotYetValid => Format("The certificate is valid from {0}, after the suspension on {1}; it must have been valid on the date of the suspension.", V(EventValue.ValidFrom), V(EventValue.Suspension)),
            FactKind.CertificateExpired => Format("The certificate expired on {0}, before the suspension on {1}.", V(EventValue.ValidTo), V(EventValue.Suspension)),
            FactKind.BusinessDocumentMissing => Get("Attach a document proving the business model or permission (for example a licence, registration or contract)."),
            FactKind.BusinessDocumentUndescribed => Get("Describe what the business document proves."),
            FactKind.LogisticsListMissing => Get("Attach a logistics list (CSV) with the tracking number of each case."),
            _ => fact.Kind.ToString(),
        };

        static string Counted(int n, string one, string many) => n == 1 ? Get(one) : Format(many, n);
        static string Rows(int n) => Counted(n, "1 row", "{0} rows");
        static string Days(int n) => Counted(n, "1 day", "{0} days");
        static string Distinct(int n, bool cases) => cases ? Counted(n, "1 distinct case", "{0} distinct cases") : Counted(n, "1 distinct order", "{0} distinct orders");
        static string Given(string? value) => value ?? Get("(not given)");
        static string Seconds(Fact fact) =>
            decimal.TryParse(fact[EventValue.Seconds], NumberStyles.Number, CultureInfo.InvariantCulture, out var s) ? s.ToString("0.##", CultureInfo.CurrentCulture) : fact[EventValue.Seconds] ?? string.Empty;
    }

    /// <summary>What a missed deadline's sanction does, as a sentence (nothing for an ad plan cancellation, which its own fact says).</summary>
    public static string? SanctionImposed(MissedDeadlineSanction sanction) => sanction switch
    {
        MissedDeadlineSanction.BlockNewAccounts => Get("The organisation can no longer open new ad accounts."),
        MissedDeadlineSanction.BlockAccountAndDeposit => Get("The ad account and its deposit are blocked until staff lift it."),
        MissedDeadlineSanction.None => Get("No further sanction (policy setting)."),
        _ => null,
    };

    /// <summary>What a deadline asks, in the reader's language.</summary>
    public static string What(DeadlineKind kind) => Get(Deadline.What(kind));

    private static string ViolationRecorded(Fact fact)
    {
        var strike = fact[EventValue.Strike] == "true";
        var category = Enum.TryParse<ProhibitedCategory>(fact[EventValue.Category], out var c) ? Get(ProhibitedCategories.Label(c)) : fact[EventValue.Category] ?? string.Empty;
        var violation = fact[EventValue.Violation] ?? string.Empty;
        return fact[EventValue.Complaint] is { } complaint
            ? strike
                ? Format("{0}: {1} violation ({2}, strike) recorded on complaint {3}.", violation, TierWords(fact), category, complaint)
                : Format("{0}: {1} violation ({2}) recorded on complaint {3}.", violation, TierWords(fact), category, complaint)
            : strike
                ? Format("{0}: {1} violation ({2}, strike) recorded from an ACE evaluation.", violation, TierWords(fact), category)
                : Format("{0}: {1} violation ({2}) recorded from an ACE evaluation.", violation, TierWords(fact), category);
    }

    private static string Suspension(Fact fact)
    {
        var until = Time(fact[EventValue.Until]);
        return (Enum.TryParse<SanctionKind>(fact[EventValue.SanctionKind], out var kind) ? kind : SanctionKind.TemporarySuspension) switch
        {
            SanctionKind.PermanentSuspension => Get("The ad account is suspended permanently."),
            SanctionKind.TemporarySuspension when until is { } end => Format("The ad account is suspended until {0}.", Display.Utc(end)),
            SanctionKind.AccountAndDepositBlocked => Get("The ad account and its deposit are blocked until staff lift it."),
            SanctionKind.NewAccountsBlocked => Get("The organisation can no longer open new ad accounts."),
            var other => Format("{0} started.", Display.Words(other)),
        };
    }

    private static string TierWords(Fact fact) =>
        Enum.TryParse<ViolationTier>(fact[EventValue.Tier], out var tier) ? Lower(Get(TierConsequences.Label(tier))) : fact[EventValue.Tier] ?? string.Empty;

    private static string What(Fact fact) =>
        Enum.TryParse<DeadlineKind>(fact[EventValue.Deadline], out var kind) ? What(kind) : fact[EventValue.Deadline] ?? string.Empty;

    private static string Lower(string words) => words.ToLower(CultureInfo.CurrentCulture);

    private static DateTimeOffset? Time(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
}
