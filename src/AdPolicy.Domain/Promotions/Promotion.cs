using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Promotions;

public enum PromotionStatus
{
    Active,
    Paused,
    Completed,
    Rejected,
    Removed,
    Cancelled,
}

/// <summary>A campaign on one ad account, with what was contracted and what was delivered.</summary>
public sealed class Promotion
{
    private readonly List<Ad> _ads = [];

    private Promotion()
    {
        ExternalCampaignId = Name = Objective = Currency = TargetingSummary = string.Empty;
    }

    public Promotion(
        Guid id,
        Guid adAccountId,
        string externalCampaignId,
        string name,
        string objective,
        Money budget,
        Money spent,
        DateTimeOffset startsAt,
        DateTimeOffset endsAt,
        string targetingSummary,
        long promisedImpressions,
        long deliveredImpressions,
        long promisedEngagements,
        long deliveredEngagements,
        PromotionStatus status)
    {
        DomainRuleException.Check(budget.Currency == spent.Currency, RuleCodes.PromotionCurrency, $"Budget and spend must be in one currency.");
        DomainRuleException.Check(endsAt >= startsAt, RuleCodes.PromotionDates, $"A promotion cannot end before it starts.");
        Id = id;
        AdAccountId = adAccountId;
        ExternalCampaignId = externalCampaignId;
        Name = name;
        Objective = objective;
        Currency = budget.Currency;
        BudgetAmount = budget.Amount;
        SpentAmount = spent.Amount;
        StartsAt = startsAt;
        EndsAt = endsAt;
        TargetingSummary = targetingSummary;
        PromisedImpressions = promisedImpressions;
        DeliveredImpressions = deliveredImpressions;
        PromisedEngagements = promisedEngagements;
        DeliveredEngagements = deliveredEngagements;
        Status = status;
    }

    public Guid Id { get; private set; }

    public Guid AdAccountId { get; private set; }

    /// <summary>The campaign id the advertiser knows the promotion by; unique across the platform.</summary>
    public string ExternalCampaignId { get; private set; }

    public string Name { get; private set; }

    public string Objective { get; private set; }

    public string Currency { get; private set; }

    public decimal BudgetAmount { get; private set; }

    public decimal SpentAmount { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public string TargetingSummary { get; private set; }

    public long PromisedImpressions { get; private set; }

    public long DeliveredImpressions { get; private set; }

    public long PromisedEngagements { get; private set; }

    public long DeliveredEngagements { get; private set; }

    public PromotionStatus Status { get; private set; }

    /// <summary>Why the platform stopped the promotion, as older rows said it in English; newer rows keep <see cref="StatusWhy"/>.</summary>
    public string? StatusReason { get; private set; }

    /// <summary>Why the platform stopped the promotion (a missed deadline, staff), as a fact each reader sees in their own language.</summary>
    public Fact? StatusWhy { get; private set; }

    /// <summary>What the status was before the platform stopped the promotion; a reinstatement goes back to it.</summary>
    public PromotionStatus? StatusBeforeStop { get; private set; }

    /// <summary>The missed deadline whose sanction cancelled the ad plan; lifting that sanction restores the plan.</summary>
    public Guid? CancelledForDeadlineId { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<Ad> Ads => _ads;

    public Money Budget => new(BudgetAmount, Currency);

    public Money Spent => new(SpentAmount, Currency);

    public Ad AddAd(Guid id, string externalAdId, string headline, AdStatus status = AdStatus.Active)
    {
        var ad = new Ad(id, Id, externalAdId, headline, status);
        _ads.Add(ad);
        return ad;
    }

    /// <summary>The platform stops the promotion (policy enforcement, a missed deadline, a suspension).</summary>
    public void StopByPlatform(PromotionStatus status, Fact why)
    {
        DomainRuleException.Check(
            status is PromotionStatus.Removed or PromotionStatus.Rejected or PromotionStatus.Cancelled,
            RuleCodes.PromotionStopStatus,
            $"The platform can only remove, reject or cancel a promotion.");
        if (Status is PromotionStatus.Active or PromotionStatus.Paused)
        {
            StatusBeforeStop = Status;
        }

        Status = status;
        StatusWhy = why;
        StatusReason = null;
    }

    /// <summary>A missed deadline's sanction cancels the ad plan; only a running or paused plan is cancelled.</summary>
    public bool CancelAdPlan(Guid deadlineId, Fact why)
    {
        if (Status is not (PromotionStatus.Active or PromotionStatus.Paused))
        {
            return false;
        }

        StopByPlatform(PromotionStatus.Cancelled, why);
        CancelledForDeadlineId = deadlineId;
        return true;
    }

    /// <summary>
    /// Lifts the platform's stop (the sanction it rested on was lifted, or staff reinstate the plan): the promotion goes
    /// back to the status it had, or to paused when that is not known, so the advertiser decides when it runs.
    /// </summary>
    public PromotionStatus Reinstate()
    {
        DomainRuleException.Check(
            Status is PromotionStatus.Cancelled or PromotionStatus.Removed or PromotionStatus.Rejected,
            RuleCodes.PromotionNotStopped,
            $"This promotion is {Status.ToString().ToLowerInvariant()}: the platform has not stopped it, so there is nothing to reinstate.");
        Status = StatusBeforeStop ?? PromotionStatus.Paused;
        StatusReason = null;
        StatusWhy = null;
        StatusBeforeStop = null;
        CancelledForDeadlineId = null;
        return Status;
    }

    public void Pause()
    {
        DomainRuleException.Check(Status == PromotionStatus.Active, RuleCodes.PromotionPause, $"Only an active promotion can be paused.");
        Status = PromotionStatus.Paused;
    }

    /// <summary>Resuming needs an account that may run ads: the caller passes whether it is suspended.</summary>
    public void Resume(bool accountMayRunAds)
    {
        DomainRuleException.Check(accountMayRunAds, RuleCodes.AccountSuspended, $"This ad account is suspended, so its promotions cannot be launched or resumed.");
        DomainRuleException.Check(Status == PromotionStatus.Paused, RuleCodes.PromotionResume, $"Only a paused promotion can be resumed.");
        Status = PromotionStatus.Active;
    }

    /// <summary>True when the platform itself stopped the promotion or one of its ads for breaking policy.</summary>
    public bool WasStoppedForPolicy =>
        Status is PromotionStatus.Removed or PromotionStatus.Rejected
        || _ads.Any(a => a.StoppedByPlatform && (a.Status is AdStatus.Removed or AdStatus.Rejected));
}
