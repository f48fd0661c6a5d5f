using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Promotions;

public enum AdStatus
{
    Active,
    Restricted,
    Rejected,
    Removed,
}

/// <summary>A creative of a promotion.</summary>
public sealed class Ad
{
    private Ad()
    {
        ExternalAdId = Headline = string.Empty;
    }

    internal Ad(Guid id, Guid promotionId, string externalAdId, string headline, AdStatus status)
    {
        Id = id;
        PromotionId = promotionId;
        ExternalAdId = externalAdId;
        Headline = headline;
        Status = status;
        StoppedByPlatform = status is AdStatus.Restricted or AdStatus.Rejected or AdStatus.Removed;
    }

    public Guid Id { get; private set; }

    public Guid PromotionId { get; private set; }

    public string ExternalAdId { get; private set; }

    public string Headline { get; private set; }

    public AdStatus Status { get; private set; }

    /// <summary>Why the ad stopped, as older rows said it in English; newer rows keep <see cref="StatusWhy"/> instead.</summary>
    public string? StatusReason { get; private set; }

    /// <summary>Why the ad stopped (a violation, the advertiser), as a fact each reader sees in their own language.</summary>
    public Fact? StatusWhy { get; private set; }

    public DateTimeOffset? StatusChangedAt { get; private set; }

    /// <summary>True when the platform (not the advertiser) restricted, rejected or removed the ad.</summary>
    public bool StoppedByPlatform { get; private set; }

    public bool IsLive => Status is AdStatus.Active or AdStatus.Restricted;

    /// <summary>Enforcement: moves the ad to a stricter status; never loosens one.</summary>
    public void Enforce(AdStatus status, Fact why, DateTimeOffset now)
    {
        if (Rank(status) <= Rank(Status))
        {
            return;
        }

        Status = status;
        StatusWhy = why;
        StatusReason = null;
        StatusChangedAt = now;
        StoppedByPlatform = true;
    }

    /// <summary>The advertiser takes the ad down themselves (to meet a removal deadline).</summary>
    public void RemoveByAdvertiser(DateTimeOffset now)
    {
        DomainRuleException.Check(Status != AdStatus.Removed, RuleCodes.AdAlreadyRemoved, $"This ad has already been removed.");
        Status = AdStatus.Removed;
        StatusWhy = Fact.Of(FactKind.AdvertiserRemovedAd);
        StatusReason = null;
        StatusChangedAt = now;
    }

    /// <summary>Lifts an enforcement that rested on a violation later removed, or that staff correct.</summary>
    public void Reinstate(DateTimeOffset now)
    {
        DomainRuleException.Check(
            StoppedByPlatform,
            RuleCodes.AdNotStopped,
            Status == AdStatus.Active ? $"This ad is already active." : (FormattableString)$"The advertiser took this ad down themselves; only they can put it back.");
        Status = AdStatus.Active;
        StatusReason = null;
        StatusWhy = null;
        StatusChangedAt = now;
        StoppedByPlatform = false;
    }

    private static int Rank(AdStatus status) => status switch
    {
        AdStatus.Active => 0,
        AdStatus.Restricted => 1,
        AdStatus.Rejected => 2,
        _ => 3,
    };
}
