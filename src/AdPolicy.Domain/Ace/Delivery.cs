using AdPolicy.Domain.Common;
using AdPolicy.Domain.Promotions;

namespace AdPolicy.Domain.Ace;

/// <summary>Why something does not deliver; <see cref="None"/> while it does.</summary>
public enum DeliveryBlock
{
    None,

    /// <summary>The promotion ended, was removed, rejected or cancelled, or the advertiser paused it.</summary>
    PromotionStatus,

    NotStarted,

    RunEnded,

    AccountSuspended,

    /// <summary>Blocked for a missed deadline, with no end date: until staff lift it.</summary>
    AccountBlocked,

    AccountPermanentlySuspended,

    AccountRemovedFromPlatform,

    /// <summary>The promotion has no ad that may run.</summary>
    NoLiveAd,

    /// <summary>The ad itself was removed or rejected.</summary>
    AdStopped,
}

/// <summary>
/// Whether a promotion or an ad delivers at one moment, and why not (SPEC 3.2, "delivery follows standing"). Derived,
/// like the standing it reads: nothing is stored, so delivery resumes by itself when a temporary suspension ends.
/// </summary>
/// <param name="Status">The stored status in words ("Active", "Paused", "Removed").</param>
/// <param name="IsDelivering">True when it delivers now.</param>
/// <param name="Block">Why it does not deliver.</param>
/// <param name="Why">The reason in a short phrase ("account suspended until"); null while delivering.</param>
/// <param name="Until">When the block ends by itself, if it does (a temporary suspension, a start date).</param>
/// <param name="Reason">The whole reason in a sentence (the sanction or the status reason), when there is one.</param>
/// <param name="ForGood">True when the account is permanently suspended or removed: only a staff correction makes it deliver again.</param>
public sealed record DeliveryState(
    string Status,
    bool IsDelivering,
    DeliveryBlock Block,
    string? Why,
    DateTimeOffset? Until,
    FormattableString? Reason,
    bool ForGood)
{
    /// <summary>One line, times in UTC: "Active — not delivering: account suspended until 2026-12-03 21:39 UTC".</summary>
    public string Text => IsDelivering
        ? $"{Status} — delivering{(Why is null ? string.Empty : $" ({Why})")}"
        : $"{Status} — not delivering: {Why}{(Until is { } until ? $" {AceText.When(until)}" : string.Empty)}";
}

/// <summary>Derives delivery from promotion status × ad status × the account's standing now; a pure function.</summary>
public static class Delivery
{
    public static DeliveryState Of(Promotion promotion, AccountStanding standing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        ArgumentNullException.ThrowIfNull(standing);
        var status = Words(promotion.Status);
        if (promotion.Status is PromotionStatus.Completed or PromotionStatus.Removed or PromotionStatus.Rejected or PromotionStatus.Cancelled)
        {
            return new DeliveryState(status, false, DeliveryBlock.PromotionStatus, StatusPhrase(promotion.Status), null, Because(promotion.StatusWhy, promotion.StatusReason), false);
        }

        if (AccountBlock(standing, status) is { } account)
        {
            return account;
        }

        if (promotion.Status == PromotionStatus.Paused)
        {
            return new DeliveryState(status, false, DeliveryBlock.PromotionStatus, "paused by the advertiser", null, Because(promotion.StatusWhy, promotion.StatusReason), false);
        }

        if (now < promotion.StartsAt)
        {
            return new DeliveryState(status, false, DeliveryBlock.NotStarted, "starts", promotion.StartsAt, null, false);
        }

        if (now >= promotion.EndsAt)
        {
            return new DeliveryState(status, false, DeliveryBlock.RunEnded, "its run ended", null, null, false);
        }

        if (promotion.Ads.Count > 0 && !promotion.Ads.Any(a => a.IsLive))
        {
            return new DeliveryState(status, false, DeliveryBlock.NoLiveAd, "none of its ads may run", null, $"Every ad of the promotion was removed or rejected.", false);
        }

        return new DeliveryState(status, true, DeliveryBlock.None, standing.ReachLimited ? "reach limited" : null, null, null, false);
    }

    /// <summary>An ad delivers only while it may run itself and its promotion delivers.</summary>
    public static DeliveryState Of(Ad ad, Promotion promotion, AccountStanding standing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ad);
        var status = Words(ad.Status);
        if (!ad.IsLive)
        {
            return new DeliveryState(status, false, DeliveryBlock.AdStopped, ad.Status == AdStatus.Removed ? "the ad was removed" : "the ad was rejected", null, Because(ad.StatusWhy, ad.StatusReason), false);
        }

        var of = Of(promotion, standing, now);
        if (of.Block == DeliveryBlock.NoLiveAd)
        {
            of = of with { Block = DeliveryBlock.None, IsDelivering = true, Why = null, Reason = null };
        }

        return of.IsDelivering
            ? of with { Status = status, Why = ad.Status == AdStatus.Restricted ? "restricted" : of.Why, Reason = ad.Status == AdStatus.Restricted ? Because(ad.StatusWhy, ad.StatusReason) : of.Reason }
            : of with { Status = status, Why = of.Block == DeliveryBlock.PromotionStatus ? PromotionPhrase(of.Status) : of.Why };
    }

    /// <summary>Why the platform stopped it: the fact, or the English an older row kept.</summary>
    private static FormattableString? Because(Fact? why, string? reason) => why is not null ? $"{why}" : Verbatim(reason);

    private static DeliveryState? AccountBlock(AccountStanding standing, string status)
    {
        if (standing.MayRunAds)
        {
            return null;
        }

        var suspensions = standing.InForce
            .Where(s => s.Kind is SanctionKind.PermanentSuspension or SanctionKind.TemporarySuspension or SanctionKind.AccountAndDepositBlocked)
            .OrderByDescending(s => s.Kind == SanctionKind.PermanentSuspension)
            .ThenByDescending(s => s.EndsAt is null)
            .ThenByDescending(s => s.EndsAt)
            .ToList();
        var reason = suspensions.Count == 0 ? standing.Headline : Phrases.Join(suspensions.Select(s => s.Why));
        return standing switch
        {
            { Status: AccountStatus.PermanentlySuspended, RemovedFromPlatform: true } =>
                new DeliveryState(status, false, DeliveryBlock.AccountRemovedFromPlatform, "account removed from the platform", null, reason, true),
            { Status: AccountStatus.PermanentlySuspended } =>
                new DeliveryState(status, false, DeliveryBlock.AccountPermanentlySuspended, "account permanently suspended", null, reason, true),
            { SuspendedUntil: { } until } =>
                new DeliveryState(status, false, DeliveryBlock.AccountSuspended, "account suspended until", until, reason, false),
            _ => new DeliveryState(status, false, DeliveryBlock.AccountBlocked, "account blocked until staff lift the block", null, reason, false),
        };
    }

    private static string StatusPhrase(PromotionStatus status) => status switch
    {
        PromotionStatus.Completed => "its run is over",
        PromotionStatus.Removed => "removed by the platform",
        PromotionStatus.Rejected => "rejected by the platform",
        PromotionStatus.Cancelled => "the ad plan was cancelled",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Words(Enum value) => value.ToString();

    /// <summary>Why an ad of a stopped promotion does not deliver, as a fixed phrase pages can word.</summary>
    private static string PromotionPhrase(string status) => status switch
    {
        nameof(PromotionStatus.Paused) => "the promotion is paused",
        nameof(PromotionStatus.Completed) => "the promotion is completed",
        nameof(PromotionStatus.Removed) => "the promotion is removed",
        nameof(PromotionStatus.Rejected) => "the promotion is rejected",
        nameof(PromotionStatus.Cancelled) => "the promotion is cancelled",
        _ => $"the promotion is {status.ToLowerInvariant()}",
    };

    /// <summary>A status reason stored with a promotion or an ad (staff's or the platform's words at the time), shown as it was written.</summary>
    private static FormattableString? Verbatim(string? reason) => reason is null ? null : Phrases.Verbatim(reason);
}
