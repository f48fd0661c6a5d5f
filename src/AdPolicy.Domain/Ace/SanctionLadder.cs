using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;

namespace AdPolicy.Domain.Ace;

/// <summary>An ad account's status, most severe first wins (SPEC 3.3).</summary>
public enum AccountStatus
{
    Active,
    Restricted,
    Suspended,
    PermanentlySuspended,
}

public enum SanctionKind
{
    TemporarySuspension,
    PermanentSuspension,
    AdPlanCancelled,
    NewAccountsBlocked,
    AccountAndDepositBlocked,
    ReachLimited,
}

/// <summary>One sanction on an account, with its cause and a sentence the advertiser reads.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="StartsAt">When it began.</param>
/// <param name="EndsAt">When it ends or ended; null: no end (permanent, or until staff lift it).</param>
/// <param name="ViolationId">The violation it rests on, if any.</param>
/// <param name="DeadlineId">The missed deadline it rests on, if any.</param>
/// <param name="Says">Why, in the advertiser's words (<see cref="Why"/> in English).</param>
/// <param name="LiftedByStaff">Staff (or an approved review) ended it before its own end: it was lifted, it did not run out.</param>
public sealed record Sanction(
    SanctionKind Kind,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    Guid? ViolationId,
    Guid? DeadlineId,
    Phrase Says,
    bool LiftedByStaff = false)
{
    /// <summary>Why, in English.</summary>
    public string Why => Says.English;

    public bool IsInForceAt(DateTimeOffset now) => StartsAt <= now && (EndsAt is null || now < EndsAt);
}

/// <summary>
/// A sanction applied for a missed deadline; <paramref name="LiftedAt"/> when it ends: when staff (or an approved
/// review, or a removal) lifted it, or a later time when staff shortened it; <paramref name="LiftReason"/> says why.
/// </summary>
public sealed record DeadlineSanction(
    Guid DeadlineId,
    DeadlineKind Kind,
    MissedDeadlineSanction Sanction,
    DateTimeOffset ImposedAt,
    DateTimeOffset? LiftedAt = null,
    string? LiftReason = null)
{
    public const int LiftReasonMaxLength = 1000;

    public bool IsInForceAt(DateTimeOffset now) => ImposedAt <= now && (LiftedAt is null || now < LiftedAt);

    /// <summary>Ends the sanction at <paramref name="endsAt"/> (now: a lift; later: a shortening), never later than it already ends.</summary>
    public DeadlineSanction EndAt(DateTimeOffset endsAt, string reason, DateTimeOffset now)
    {
        DomainRuleException.Check(IsInForceAt(now), RuleCodes.SanctionAlreadyEnded, $"This sanction already ended on {AceText.When(LiftedAt ?? now)}.");
        DomainRuleException.Check(endsAt >= now, RuleCodes.SanctionEndPast, "A sanction can be lifted now or shortened to a later time, not ended in the past.");
        DomainRuleException.Check(LiftedAt is null || endsAt < LiftedAt, RuleCodes.SanctionShortenLater, $"The sanction already ends on {AceText.When(LiftedAt ?? now)}; a correction can only make it end sooner.");
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(reason), RuleCodes.SanctionChangeReason, "Give the reason the advertiser will read.");
        var text = reason.Trim();
        return this with { LiftedAt = endsAt, LiftReason = text.Length <= LiftReasonMaxLength ? text : text[..LiftReasonMaxLength] };
    }

    /// <summary>The sanction the policy names for a deadline just marked missed.</summary>
    public static DeadlineSanction ForMissed(Deadline deadline, PolicySettings policy)
    {
        DomainRuleException.Check(
            deadline.State == DeadlineState.Missed,
            RuleCodes.DeadlineNotMissed,
            "Only a missed deadline carries a sanction.");
        return new DeadlineSanction(deadline.Id, deadline.Kind, deadline.SanctionFor(policy), deadline.EndedAt!.Value);
    }
}

/// <summary>What one violation on the record caused, for the advertiser's ACE page.</summary>
/// <param name="ViolationId">The violation.</param>
/// <param name="Category">Its category.</param>
/// <param name="Tier">Its tier.</param>
/// <param name="IsStrike">Whether it is an IP strike.</param>
/// <param name="StrikeNumber">Its place on its category's strike ladder when recorded (1st, 2nd…); null when not a counted strike.</param>
/// <param name="IsActive">False once removed: then nothing rests on it.</param>
/// <param name="AdEffect">What it does to its ad.</param>
/// <param name="Says">The whole story in sentences (<see cref="Summary"/> in English).</param>
public sealed record ViolationOutcome(
    Guid ViolationId,
    ProhibitedCategory Category,
    ViolationTier Tier,
    bool IsStrike,
    int? StrikeNumber,
    bool IsActive,
    AdStatus AdEffect,
    Phrase Says)
{
    /// <summary>The whole story in English.</summary>
    public string Summary => Says.English;
}

/// <summary>An ad account's standing at one moment, derived from its record; never set by hand.</summary>
/// <param name="AsOf">The moment it was computed for.</param>
/// <param name="Status">The most severe status among the sanctions in force.</param>
/// <param name="SuspendedUntil">While suspended: when the account may run ads again; null when blocked with no end date or not suspended.</param>
/// <param name="NewAccountsBlocked">The organisation may not open new ad accounts.</param>
/// <param name="DepositBlocked">The account's deposit is blocked.</param>
/// <param name="AccountBlocked">The account is blocked (with its deposit) for a missed deadline.</param>
/// <param name="AdPlanCancelled">The ad plan was cancelled for a missed deadline.</param>
/// <param name="AdFeaturesRevoked">Access to ad features is revoked (permanent suspension).</param>
/// <param name="ReachLimited">The shop quality score is below the threshold: reach and frequency are limited.</param>
/// <param name="RemovedFromPlatform">The strike ladder reached its end: the account is removed from the platform.</param>
/// <param name="Sanctions">Every sanction the record gives, in force or not, oldest first.</param>
/// <param name="Violations">What each violation caused, oldest first (removed ones included).</param>
public sealed record AccountStanding(
    DateTimeOffset AsOf,
    AccountStatus Status,
    DateTimeOffset? SuspendedUntil,
    bool NewAccountsBlocked,
    bool DepositBlocked,
    bool AccountBlocked,
    bool AdPlanCancelled,
    bool AdFeaturesRevoked,
    bool ReachLimited,
    bool RemovedFromPlatform,
    IReadOnlyList<Sanction> Sanctions,
    IReadOnlyList<ViolationOutcome> Violations)
{
    public bool MayRunAds => Status is AccountStatus.Active or AccountStatus.Restricted;

    public IReadOnlyList<Sanction> InForce => [.. Sanctions.Where(s => s.IsInForceAt(AsOf))];

    /// <summary>One sentence for the top of the advertiser's page.</summary>
    public string Headline => Status switch
    {
        AccountStatus.PermanentlySuspended when RemovedFromPlatform => "This ad account is permanently suspended and removed from the platform.",
        AccountStatus.PermanentlySuspended => "This ad account is permanently suspended.",
        AccountStatus.Suspended when SuspendedUntil is { } until => $"This ad account is suspended until {AceText.When(until)}.",
        AccountStatus.Suspended => "This ad account is blocked until the platform lifts the block.",
        AccountStatus.Restricted => "This ad account is restricted.",
        _ => "This ad account is in good standing.",
    };
}

/// <summary>
/// Derives an account's sanctions and standing from its whole record (SPEC 3.2, 3.3): violations (active and removed),
/// sanctions for missed deadlines, and the shop quality score. Removing a violation and evaluating again is how a
/// suspension that rested on it is lifted and the ladder recomputed.
/// </summary>
public static class SanctionLadder
{
    public static AccountStanding Evaluate(
        AdAccount account,
        IEnumerable<Violation> violations,
        IEnumerable<DeadlineSanction> deadlineSanctions,
        PolicySettings policy,
        DateTimeOffset now)
    {
        var all = violations.ToList();
        if (all.Any(v => v.AdAccountId != account.Id))
        {
            throw new ArgumentException("Every violation must belong to the account evaluated.", nameof(violations));
        }

        var record = StrikeClearing.ActiveRecord(all, now);
        var goodStanding = StrikeClearing.GoodStanding(policy);
        var sanctions = new List<Sanction>();
        var strikeNumbers = new Dictionary<Guid, int>();
        var removingStrikes = new HashSet<Guid>();

        AddTierSanctions(record, policy, sanctions);
        AddStrikeSanctions(record, goodStanding, policy, sanctions, strikeNumbers, removingStrikes);
        ApplyStaffCorrections(record, sanctions);
        AddDeadlineSanctions(deadlineSanctions, now, sanctions);

        if (account.ShopQualityScore is { } score && score < policy.ShopQualityThreshold)
        {
            sanctions.Add(new Sanction(
                SanctionKind.ReachLimited,
                account.ShopQualityScoredAt ?? now,
                null,
                null,
                null,
                new Phrase("The shop quality score is {0}, below {1}: the reach and frequency of the ads are limited until it improves.", score, policy.ShopQualityThreshold)));
        }

        sanctions.Sort((a, b) => a.StartsAt.CompareTo(b.StartsAt));
        var inForce = sanctions.Where(s => s.IsInForceAt(now)).ToList();
        bool Any(SanctionKind kind) => inForce.Any(s => s.Kind == kind);

        var permanent = Any(SanctionKind.PermanentSuspension);
        var blocked = Any(SanctionKind.AccountAndDepositBlocked);
        var suspended = !permanent && (blocked || Any(SanctionKind.TemporarySuspension));
        var status = permanent ? AccountStatus.PermanentlySuspended
            : suspended ? AccountStatus.Suspended
            : Any(SanctionKind.AdPlanCancelled) || Any(SanctionKind.NewAccountsBlocked) || Any(SanctionKind.ReachLimited) ? AccountStatus.Restricted
            : AccountStatus.Active;
        var suspensions = inForce.Where(s => s.Kind is SanctionKind.TemporarySuspension or SanctionKind.AccountAndDepositBlocked).ToList();
        DateTimeOffset? suspendedUntil = !suspended || suspensions.Any(s => s.EndsAt is null)
            ? null
            : suspensions.Max(s => s.EndsAt);

        var outcomes = all
            .Where(v => v.RecordedAt <= now)
            .OrderBy(v => v.RecordedAt)
            .ThenBy(v => v.Id)
            .Select(v => Outcome(v, record, goodStanding, strikeNumbers, sanctions, now))
            .ToList();

        return new AccountStanding(
            now,
            status,
            suspendedUntil,
            NewAccountsBlocked: Any(SanctionKind.NewAccountsBlocked),
            DepositBlocked: blocked,
            AccountBlocked: blocked,
            AdPlanCancelled: Any(SanctionKind.AdPlanCancelled),
            AdFeaturesRevoked: permanent,
            ReachLimited: Any(SanctionKind.ReachLimited),
            RemovedFromPlatform: inForce.Any(s => s.Kind == SanctionKind.PermanentSuspension && s.ViolationId is { } id && removingStrikes.Contains(id)),
            sanctions,
            outcomes);
    }

    private static void AddTierSanctions(IReadOnlyList<Violation> record, PolicySettings policy, List<Sanction> sanctions)
    {
        Violation? firstHigh = null;
        foreach (var v in record)
        {
            var what = new Phrase(v.Tier == ViolationTier.Critical ? "Critical-risk violation ({0}) recorded on {1}" : "High-risk violation ({0}) recorded on {1}", Category(v.Category), v.RecordedAt);
            switch (v.Tier)
            {
                case ViolationTier.Critical:
                    sanctions.Add(new Sanction(
                        SanctionKind.PermanentSuspension,
                        v.RecordedAt,
                        null,
                        v.Id,
                        null,
                        new Phrase("{0}: a critical violation suspends the account immediately and permanently.", what)));
                    break;
                case ViolationTier.High when firstHigh is null:
                    firstHigh = v;
                    sanctions.Add(new Sanction(
                        SanctionKind.TemporarySuspension,
                        v.RecordedAt,
                        v.RecordedAt + TimeSpan.FromDays(policy.FirstHighViolationSuspensionDays),
                        v.Id,
                        null,
                        new Phrase("{0}: the account's first high-risk violation suspends it for {1}.", what, Days(policy.FirstHighViolationSuspensionDays))));
                    break;
                case ViolationTier.High:
                    sanctions.Add(new Sanction(
                        SanctionKind.PermanentSuspension,
                        v.RecordedAt,
                        null,
                        v.Id,
                        null,
                        new Phrase("{0}: a repeat high-risk violation (the first was recorded on {1}) suspends the account permanently.", what, firstHigh.RecordedAt)));
                    break;
            }
        }
    }

    private static void AddStrikeSanctions(
        IReadOnlyList<Violation> record,
        TimeSpan goodStanding,
        PolicySettings policy,
        List<Sanction> sanctions,
        Dictionary<Guid, int> strikeNumbers,
        HashSet<Guid> removingStrikes)
    {
        foreach (var category in record.Where(v => v.IsStrike).GroupBy(v => v.Category))
        {
            var strikes = category.ToList();
            for (var i = 0; i < strikes.Count; i++)
            {
                var strike = strikes[i];

                // An earlier strike counts only if it had not cleared by the time this one was recorded.
                var number = 1 + strikes.Take(i).Count(p => StrikeClearing.ClearsAt(p, record, goodStanding) > strike.RecordedAt);
                strikeNumbers[strike.Id] = number;
                var what = new Phrase("{0} strike in {1}, recorded on {2}", Ordinal(number), Category(strike.Category), strike.RecordedAt);
                if (number >= policy.StrikesForPermanentSuspension)
                {
                    removingStrikes.Add(strike.Id);
                    sanctions.Add(new Sanction(
                        SanctionKind.PermanentSuspension,
                        strike.RecordedAt,
                        null,
                        strike.Id,
                        null,
                        new Phrase("{0}: {1} strikes in one category suspend the account permanently and remove it from the platform.", what, policy.StrikesForPermanentSuspension)));
                    continue;
                }

                var days = number == 1 ? policy.FirstStrikeSuspensionDays : policy.SecondStrikeSuspensionDays;
                sanctions.Add(new Sanction(
                    SanctionKind.TemporarySuspension,
                    strike.RecordedAt,
                    strike.RecordedAt + TimeSpan.FromDays(days),
                    strike.Id,
                    null,
                    new Phrase("{0}: the account is suspended for {1}.", what, Days(days))));
            }
        }
    }

    /// <summary>A sanction staff lifted or shortened ends when they said, never later than its own end.</summary>
    private static void ApplyStaffCorrections(IReadOnlyList<Violation> record, List<Sanction> sanctions)
    {
        for (var i = 0; i < sanctions.Count; i++)
        {
            var s = sanctions[i];
            if (s.ViolationId is not { } id
                || record.FirstOrDefault(v => v.Id == id) is not { SanctionEndsAt: { } end } v
                || (s.EndsAt is { } own && own <= end))
            {
                continue;
            }

            var lifted = v.SanctionLifted;
            var note = lifted
                ? new Phrase("Lifted by staff on {0}: {1}", end, v.SanctionChangeReason ?? string.Empty)
                : new Phrase("Shortened by staff on {0} to end on {1}: {2}", v.SanctionChangedAt ?? end, end, v.SanctionChangeReason ?? string.Empty);
            sanctions[i] = s with { EndsAt = end < s.StartsAt ? s.StartsAt : end, Says = Phrase.Join([s.Says, note]), LiftedByStaff = lifted };
        }
    }

    private static void AddDeadlineSanctions(IEnumerable<DeadlineSanction> deadlineSanctions, DateTimeOffset now, List<Sanction> sanctions)
    {
        foreach (var d in deadlineSanctions.Where(d => d.ImposedAt <= now))
        {
            var (kind, effect) = d.Sanction switch
            {
                MissedDeadlineSanction.CancelAdPlan => (SanctionKind.AdPlanCancelled, "the ad plan is cancelled"),
                MissedDeadlineSanction.BlockNewAccounts => (SanctionKind.NewAccountsBlocked, "the organisation cannot open new ad accounts"),
                MissedDeadlineSanction.BlockAccountAndDeposit => (SanctionKind.AccountAndDepositBlocked, "the ad account and its deposit are blocked"),
                _ => ((SanctionKind?)null, string.Empty),
            };
            if (kind is { } k)
            {
                var missed = new Phrase("The deadline \"{0}\" was missed on {1}: {2}.", new Phrase(Deadline.What(d.Kind)), d.ImposedAt, new Phrase(effect));
                var says = d.LiftedAt is not { } at ? missed
                    : Phrase.Join([missed, (at <= now, d.LiftReason) switch
                    {
                        (true, { } reason) => new Phrase("It was lifted on {0}: {1}", at, reason),
                        (true, null) => new Phrase("It was lifted on {0}.", at),
                        (false, { } reason) => new Phrase("It was shortened to end on {0}: {1}", at, reason),
                        (false, null) => new Phrase("It was shortened to end on {0}.", at),
                    }]);
                sanctions.Add(new Sanction(k, d.ImposedAt, d.LiftedAt, null, d.DeadlineId, says, LiftedByStaff: d.LiftedAt is { } end && end <= now));
            }
        }
    }

    private static ViolationOutcome Outcome(
        Violation v,
        IReadOnlyList<Violation> record,
        TimeSpan goodStanding,
        Dictionary<Guid, int> strikeNumbers,
        List<Sanction> sanctions,
        DateTimeOffset now)
    {
        var head = new Phrase(
            TierConsequences.Label(v.Tier) + (v.IsStrike ? " violation ({0}, intellectual-property strike) recorded on {1}" : " violation ({0}) recorded on {1}"),
            Category(v.Category),
            v.RecordedAt);
        if (!v.IsActive)
        {
            return new ViolationOutcome(
                v.Id,
                v.Category,
                v.Tier,
                v.IsStrike,
                null,
                false,
                v.AdEffect,
                new Phrase("{0}: removed on {1} ({2}). Nothing rests on it any more; the ad can be reinstated.", head, v.RemovedAt ?? now, v.RemovedReason ?? string.Empty));
        }

        var parts = new List<Phrase>
        {
            new(v.AdEffect == AdStatus.Removed ? "{0}: the ad is removed." : "{0}: restrictions may apply to the ad.", head),
        };
        parts.AddRange(sanctions.Where(s => s.ViolationId == v.Id).Select(s => s.Says));
        if (v.Tier is ViolationTier.Low or ViolationTier.Medium && !v.IsStrike)
        {
            parts.Add(new Phrase("No action is taken on the ad account."));
        }

        if (v.IsStrike)
        {
            var clearsAt = StrikeClearing.ClearsAt(v, record, goodStanding);
            parts.Add(clearsAt <= now
                ? new Phrase("The strike cleared on {0} after good standing; the violation stays on the record.", clearsAt)
                : new Phrase("The strike clears on {0} if no new violation is upheld before then.", clearsAt));
        }

        strikeNumbers.TryGetValue(v.Id, out var number);
        return new ViolationOutcome(v.Id, v.Category, v.Tier, v.IsStrike, number == 0 ? null : number, true, v.AdEffect, Phrase.Join(parts));
    }

    private static Phrase Category(ProhibitedCategory category) => new(ProhibitedCategories.Label(category));

    private static Phrase Days(int days) => AcePhrases.Days(days);

    private static Phrase Ordinal(int n) => AcePhrases.Ordinal(n);
}
