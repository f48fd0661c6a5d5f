using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;

namespace AdPolicy.Domain.Ace;

public enum NoticeKind
{
    /// <summary>Low/medium: a real-time summary on the advertiser's ACE page (EMEA accounts).</summary>
    RealTimeSummary,

    /// <summary>Low/medium outside EMEA: the page says the real-time summary is coming to the region.</summary>
    RealTimeSummaryComing,

    /// <summary>High: a suspension warning by email and in the app.</summary>
    SuspensionWarning,

    /// <summary>Critical: a suspension notice by email and in the app.</summary>
    SuspensionNotice,
}

/// <summary>How the advertiser is told of a violation of one tier.</summary>
public sealed record TierNotice(NoticeKind Kind, bool ByEmail, bool InApp, string Sentence);

/// <summary>One row of the tier table (SPEC 3.2), in words for the advertiser's page.</summary>
public sealed record TierConsequence(
    ViolationTier Tier,
    string Label,
    AdStatus AdStatus,
    string ForTheAd,
    string ForTheAccount,
    TierNotice Notice);

/// <summary>What each violation tier does to the ad and the account, and how the advertiser hears of it (SPEC 3.2, 3.3).</summary>
public static class TierConsequences
{
    public static AdStatus AdStatusFor(ViolationTier tier, bool isStrike) =>
        isStrike || tier is ViolationTier.High or ViolationTier.Critical ? AdStatus.Removed : AdStatus.Restricted;

    public static string Label(ViolationTier tier) => tier switch
    {
        ViolationTier.Low => "Low risk",
        ViolationTier.Medium => "Medium risk",
        ViolationTier.High => "High risk",
        ViolationTier.Critical => "Critical risk",
        _ => tier.ToString(),
    };

    public static TierNotice NoticeFor(ViolationTier tier, Region region) => tier switch
    {
        ViolationTier.High => new TierNotice(
            NoticeKind.SuspensionWarning,
            ByEmail: true,
            InApp: true,
            "You receive a suspension warning by email and in the app."),
        ViolationTier.Critical => new TierNotice(
            NoticeKind.SuspensionNotice,
            ByEmail: true,
            InApp: true,
            "You receive a notice of the account's suspension by email and in the app."),
        _ when region == Region.Emea => new TierNotice(
            NoticeKind.RealTimeSummary,
            ByEmail: false,
            InApp: true,
            "You see a real-time summary of your status on your ACE page."),
        _ => new TierNotice(
            NoticeKind.RealTimeSummaryComing,
            ByEmail: false,
            InApp: false,
            "A real-time summary of your status on your ACE page is available in EMEA and coming soon to your region."),
    };

    public static TierConsequence Describe(ViolationTier tier, Region region, PolicySettings policy) => new(
        tier,
        Label(tier),
        AdStatusFor(tier, isStrike: false),
        tier is ViolationTier.Low or ViolationTier.Medium
            ? "Restrictions may apply to the ad."
            : "The ad is removed.",
        tier switch
        {
            ViolationTier.High =>
                $"A first high-risk violation suspends the ad account for {AceText.Days(policy.FirstHighViolationSuspensionDays)}; a repeat suspends it permanently.",
            ViolationTier.Critical => "The ad account is suspended immediately and permanently.",
            _ => "No action is taken on the ad account.",
        },
        NoticeFor(tier, region));

    /// <summary>The whole tier table, lowest tier first.</summary>
    public static IReadOnlyList<TierConsequence> Table(Region region, PolicySettings policy) =>
        [.. Enum.GetValues<ViolationTier>().Select(t => Describe(t, region, policy))];

    /// <summary>The strike ladder in one sentence, for the advertiser's page.</summary>
    public static string StrikeLadder(PolicySettings policy) =>
        $"An upheld intellectual-property complaint removes the content and adds a strike in its category. "
        + $"1st strike: the account is suspended for {AceText.Days(policy.FirstStrikeSuspensionDays)}; "
        + $"2nd: {AceText.Days(policy.SecondStrikeSuspensionDays)}; "
        + $"{AceText.Ordinal(policy.StrikesForPermanentSuspension)}: permanent suspension and removal from the platform. "
        + $"Strikes clear after {AceText.Days(policy.StrikeGoodStandingDays)} without a new upheld violation.";
}
