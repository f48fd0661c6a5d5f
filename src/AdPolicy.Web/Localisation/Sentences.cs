using System.Globalization;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
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
    public static string InEnglish(FormattableString? said) => said?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>A broken rule, in the reader's language.</summary>
    public static string Of(DomainRuleException rule) => Of(rule.Said);

    private static object? Value(object? value) => value switch
    {
        FormattableString nested => Of(nested),
        string text => Get(text),
        Enum word => Display.Words(word.ToString()),
        DateTimeOffset at => Display.Utc(at),
        _ => value,
    };

    /// <summary>How a deadline ended: its facts, or the sentence older rows kept.</summary>
    public static string? Outcome(Deadline deadline) => deadline.Outcome is { Count: > 0 } facts ? Of(facts) : deadline.OutcomeText;

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
            _ => fact.Kind.ToString(),
        };
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
