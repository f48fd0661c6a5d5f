using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Complaints;

/// <summary>
/// The sentences the ACE domain writes about an account's standing and the tier table (<see cref="AccountStanding.Headline"/>,
/// <see cref="TierConsequences"/>), said again in the reader's language from the same facts. In English they are the
/// domain's words exactly (<c>StandingWordsTests</c> holds them to it); the English is the key of the Spanish.
/// </summary>
public static class StandingWords
{
    /// <summary>The account's standing in one sentence, its moment in the reader's zone.</summary>
    public static string Headline(AccountStanding standing, Reader reader) => standing.Status switch
    {
        AccountStatus.PermanentlySuspended when standing.RemovedFromPlatform => Words.Get("This ad account is permanently suspended and removed from the platform."),
        AccountStatus.PermanentlySuspended => Words.Get("This ad account is permanently suspended."),
        AccountStatus.Suspended when standing.SuspendedUntil is { } until => Words.Format("This ad account is suspended until {0}.", reader.At(until)),
        AccountStatus.Suspended => Words.Get("This ad account is blocked until the platform lifts the block."),
        AccountStatus.Restricted => Words.Get("This ad account is restricted."),
        _ => Words.Get("This ad account is in good standing."),
    };

    /// <summary>What a tier does to the ad.</summary>
    public static string ForTheAd(ViolationTier tier) =>
        Words.Get(tier is ViolationTier.Low or ViolationTier.Medium ? "Restrictions may apply to the ad." : "The ad is removed.");

    /// <summary>What a tier does to the ad account.</summary>
    public static string ForTheAccount(ViolationTier tier, PolicySettings policy) => tier switch
    {
        ViolationTier.High => Words.Format(
            "A first high-risk violation suspends the ad account for {0}; a repeat suspends it permanently.", Days(policy.FirstHighViolationSuspensionDays)),
        ViolationTier.Critical => Words.Get("The ad account is suspended immediately and permanently."),
        _ => Words.Get("No action is taken on the ad account."),
    };

    /// <summary>How the advertiser hears of a violation of the tier.</summary>
    public static string Notice(NoticeKind kind) => Words.Get(kind switch
    {
        NoticeKind.SuspensionWarning => "You receive a suspension warning by email and in the app.",
        NoticeKind.SuspensionNotice => "You receive a notice of the account's suspension by email and in the app.",
        NoticeKind.RealTimeSummary => "You see a real-time summary of your status on your ACE page.",
        _ => "A real-time summary of your status on your ACE page is available in EMEA and coming soon to your region.",
    });

    /// <summary>A tier as a choice on the decision form: "Low risk: Restrictions may apply to the ad. No action is taken on the ad account."</summary>
    public static string TierOption(TierConsequence row, PolicySettings policy) =>
        $"{AceWords.Tier(row.Tier)}: {ForTheAd(row.Tier)} {ForTheAccount(row.Tier, policy)}";

    /// <summary>The strike ladder in one paragraph.</summary>
    public static string StrikeLadder(PolicySettings policy) => Words.Format(
        "An upheld intellectual-property complaint removes the content and adds a strike in its category. 1st strike: the account is suspended for {0}; 2nd: {1}; {2}: permanent suspension and removal from the platform. Strikes clear after {3} without a new upheld violation.",
        Days(policy.FirstStrikeSuspensionDays),
        Days(policy.SecondStrikeSuspensionDays),
        Ordinal(policy.StrikesForPermanentSuspension),
        Days(policy.StrikeGoodStandingDays));

    /// <summary>"1 day", "3 days".</summary>
    public static string Days(int days) => Sentences.Of(AceText.Days(days));

    /// <summary>"3rd" (English), "3.ª" (Spanish, for an advertencia).</summary>
    public static string Ordinal(int n) => Sentences.Of(AceText.Ordinal(n));
}
