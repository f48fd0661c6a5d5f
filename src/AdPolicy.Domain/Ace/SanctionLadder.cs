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
/// <param name="Why">Why, in the advertiser's words.</param>
/// <param name="LiftedByStaff">Staff (or an approved review) ended it before its own end: it was lifted, it did not run out.</param>
public sealed record Sanction(
    SanctionKind Kind,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    Guid? ViolationId,
    Guid? DeadlineId,
    FormattableString Why,
    bool LiftedByStaff = false)
{
    public bool IsInForceAt(DateTimeOffset now) => StartsAt <= now && (EndsAt is null || now < EndsAt);
}

/// <summary>
/// A sanction applied for a missed deadline; <paramref name="LiftedAt"/> when it ends: when staff (or an approved
/// review, or a removal) lifted it, or a later time when staff shortened it; <paramref name="LiftReason"/> says why in
/// a staff member's own words, <paramref name="LiftWhy"/> as a fact when it followed from something else (a withdrawn
/// complaint, an approved review). Older rows kept that in English in <paramref name="LiftReason"/>.
/// </summary>
public sealed record DeadlineSanction(
    Guid DeadlineId,
    DeadlineKind Kind,
    MissedDeadlineSanction Sanction,
    DateTimeOffset ImposedAt,
    DateTimeOffset? LiftedAt = null,
    string? LiftReason = null,
    Fact? LiftWhy = null)
{
    public const int LiftReasonMaxLength = 1000;

    public bool IsInForceAt(DateTimeOffset now) => ImposedAt <= now && (LiftedAt is null || now < LiftedAt);

    /// <summary>Ends the sanction at <paramref name="endsAt"/> (now: a lift; later: a shortening), never later than it already ends.</summary>
    public DeadlineSanction EndAt(DateTimeOffset endsAt, string reason, DateTimeOffset now)
    {
        CheckEnd(endsAt, now);
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(reason), RuleCodes.SanctionChangeReason, $"Give the reason the advertiser will read.");
        var text = reason.Trim();
        return this with { LiftedAt = endsAt, LiftReason = text.Length <= LiftReasonMaxLength ? text : text[..LiftReasonMaxLength], LiftWhy = null };
    }

    /// <summary>Ends the sanction now because of something else that happened (<paramref name="why"/>: a withdrawn complaint, an approved review).</summary>
    public DeadlineSanction EndNow(Fact why, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(why);
        CheckEnd(now, now);
        return this with { LiftedAt = now, LiftReason = null, LiftWhy = why };
    }

    /// <summary>Why it ended, for a sentence: the fact, a staff member's words, or the English an older row kept.</summary>
    public object? EndedBecause => LiftWhy ?? (object?)LiftReason;

    private void CheckEnd(DateTimeOffset endsAt, DateTimeOffset now)
    {
        DomainRuleException.Check(IsInForceAt(now), RuleCodes.SanctionAlreadyEnded, $"This sanction already ended on {AceText.When(LiftedAt ?? now)}.");
        DomainRuleException.Check(endsAt >= now, RuleCodes.SanctionEndPast, $"A sanction can be lifted now or shortened to a later time, not ended in the past.");
        DomainRuleException.Check(LiftedAt is null || endsAt < LiftedAt, RuleCodes.SanctionShortenLater, $"The sanction already ends on {AceText.When(LiftedAt ?? now)}; a correction can only make it end sooner.");
    }

    /// <summary>The sanction the policy names for a deadline just marked missed.</summary>
    public static DeadlineSanction ForMissed(Deadline deadline, PolicySettings policy)
    {
        DomainRuleException.Check(
            deadline.State == DeadlineState.Missed,
            RuleCodes.DeadlineNotMissed,
            $"Only a missed deadline carries a sanction.");
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
/// <param name="Summary">The whole story in sentences.</param>
public sealed record ViolationOutcome(
    Guid ViolationId,
    ProhibitedCategory Category,
    ViolationTier Tier,
    bool IsStrike,
    int? StrikeNumber,
    bool IsActive,
    AdStatus AdEffect,
    FormattableString Summary);

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
    public FormattableString Headline => Status switch
    {
        AccountStatus.PermanentlySuspended when RemovedFromPlatform => (FormattableString)$"This ad account is permanently suspended and removed from the platform.",
        AccountStatus.PermanentlySuspended => $"This ad account is permanently suspended.",
        AccountStatus.Suspended when SuspendedUntil is { } until => $"This ad account is suspended until {AceText.When(until)}.",
        AccountStatus.Suspended => $"This ad account is blocked until the platform lifts the block.",
        AccountStatus.Restricted => $"This ad account is restricted.",
        _ => $"This ad account is in good standing.",
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
                $"The shop quality score is {score}, below {policy.ShopQualityThreshold}: the reach and frequency of the ads are limited until it improves."));
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

        // Each violation's sanctions found once, not by a walk of every sanction per violation (issue 17: with 300
        // violations the walks were most of the derivation).
        var sanctionsOf = sanctions.Where(s => s.ViolationId is not null).ToLookup(s => s.ViolationId!.Value);
        var outcomes = all
            .Where(v => v.RecordedAt <= now)
            .OrderBy(v => v.RecordedAt)
            .ThenBy(v => v.Id)
            .Select(v => Outcome(v, record, goodStanding, strikeNumbers, sanctionsOf[v.Id], now))
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
            FormattableString what = $"{Capitalised(AceText.Tier(v.Tier))} violation ({ProhibitedCategories.Label(v.Category)}) recorded on {AceText.When(v.RecordedAt)}";
            switch (v.Tier)
            {
                case ViolationTier.Critical:
                    sanctions.Add(new Sanction(
                        SanctionKind.PermanentSuspension,
                        v.RecordedAt,
                        null,
                        v.Id,
                        null,
                        $"{what}: a critical violation suspends the account immediately and permanently."));
                    break;
                case ViolationTier.High when firstHigh is null:
                    firstHigh = v;
                    sanctions.Add(new Sanction(
                        SanctionKind.TemporarySuspension,
                        v.RecordedAt,
                        v.RecordedAt + TimeSpan.FromDays(policy.FirstHighViolationSuspensionDays),
                        v.Id,
                        null,
                        $"{what}: the account's first high-risk violation suspends it for {AceText.Days(policy.FirstHighViolationSuspensionDays)}."));
                    break;
                case ViolationTier.High:
                    sanctions.Add(new Sanction(
                        SanctionKind.PermanentSuspension,
                        v.RecordedAt,
                        null,
                        v.Id,
                        null,
                        $"{what}: a repeat high-risk violation (the first was recorded on {AceText.When(firstHigh.RecordedAt)}) suspends the account permanently."));
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
                FormattableString what = $"{AceText.Ordinal(number)} strike in {ProhibitedCategories.Label(strike.Category)}, recorded on {AceText.When(strike.RecordedAt)}";
                if (number >= policy.StrikesForPermanentSuspension)
                {
                    removingStrikes.Add(strike.Id);
                    sanctions.Add(new Sanction(
                        SanctionKind.PermanentSuspension,
                        strike.RecordedAt,
                        null,
                        strike.Id,
                        null,
                        $"{what}: {policy.StrikesForPermanentSuspension} strikes in one category suspend the account permanently and remove it from the platform."));
                    continue;
                }

                var days = number == 1 ? policy.FirstStrikeSuspensionDays : policy.SecondStrikeSuspensionDays;
                sanctions.Add(new Sanction(
                    SanctionKind.TemporarySuspension,
                    strike.RecordedAt,
                    strike.RecordedAt + TimeSpan.FromDays(days),
                    strike.Id,
                    null,
                    $"{what}: the account is suspended for {AceText.Days(days)}."));
            }
        }
    }

    /// <summary>A sanction staff lifted or shortened ends when they said, never later than its own end.</summary>
    private static void ApplyStaffCorrections(IReadOnlyList<Violation> record, List<Sanction> sanctions)
    {
        Dictionary<Guid, Violation>? byId = null;
        for (var i = 0; i < sanctions.Count; i++)
        {
            var s = sanctions[i];
            if (s.ViolationId is not { } id
                || (byId ??= record.DistinctBy(v => v.Id).ToDictionary(v => v.Id)).GetValueOrDefault(id) is not { SanctionEndsAt: { } end } v
                || (s.EndsAt is { } own && own <= end))
            {
                continue;
            }

            var lifted = v.SanctionLifted;
            FormattableString note = lifted
                ? (FormattableString)$"Lifted by staff on {AceText.When(end)}: {v.SanctionChangeReason}"
                : $"Shortened by staff on {AceText.When(v.SanctionChangedAt ?? end)} to end on {AceText.When(end)}: {v.SanctionChangeReason}";
            sanctions[i] = s with { EndsAt = end < s.StartsAt ? s.StartsAt : end, Why = Phrases.Join([s.Why, note]), LiftedByStaff = lifted };
        }
    }

    private static void AddDeadlineSanctions(IEnumerable<DeadlineSanction> deadlineSanctions, DateTimeOffset now, List<Sanction> sanctions)
    {
        foreach (var d in deadlineSanctions.Where(d => d.ImposedAt <= now))
        {
            FormattableString missed = $"The deadline \"{Deadline.What(d.Kind)}\" was missed on {AceText.When(d.ImposedAt)}";
            (SanctionKind? kind, FormattableString effect) = d.Sanction switch
            {
                MissedDeadlineSanction.CancelAdPlan => (SanctionKind.AdPlanCancelled, (FormattableString)$"the ad plan is cancelled"),
                MissedDeadlineSanction.BlockNewAccounts => (SanctionKind.NewAccountsBlocked, (FormattableString)$"the organisation cannot open new ad accounts"),
                MissedDeadlineSanction.BlockAccountAndDeposit => (SanctionKind.AccountAndDepositBlocked, (FormattableString)$"the ad account and its deposit are blocked"),
                _ => ((SanctionKind?)null, (FormattableString)$""),
            };
            if (kind is { } k)
            {
                FormattableString why = (d.LiftedAt, d.EndedBecause) switch
                {
                    (null, _) => (FormattableString)$"{missed}: {effect}.",
                    ({ } at, { } liftReason) when at <= now => $"{missed}: {effect}. It was lifted on {AceText.When(at)}: {liftReason}",
                    ({ } at, null) when at <= now => $"{missed}: {effect}. It was lifted on {AceText.When(at)}.",
                    ({ } at, { } shortenReason) => $"{missed}: {effect}. It was shortened to end on {AceText.When(at)}: {shortenReason}",
                    ({ } at, null) => $"{missed}: {effect}. It was shortened to end on {AceText.When(at)}.",
                };
                sanctions.Add(new Sanction(k, d.ImposedAt, d.LiftedAt, null, d.DeadlineId, why, LiftedByStaff: d.LiftedAt is { } end && end <= now));
            }
        }
    }

    private static ViolationOutcome Outcome(
        Violation v,
        IReadOnlyList<Violation> record,
        TimeSpan goodStanding,
        Dictionary<Guid, int> strikeNumbers,
        IEnumerable<Sanction> sanctionsOfViolation,
        DateTimeOffset now)
    {
        FormattableString head = v.IsStrike
            ? (FormattableString)$"{TierConsequences.Label(v.Tier)} violation ({ProhibitedCategories.Label(v.Category)}, intellectual-property strike) recorded on {AceText.When(v.RecordedAt)}"
            : $"{TierConsequences.Label(v.Tier)} violation ({ProhibitedCategories.Label(v.Category)}) recorded on {AceText.When(v.RecordedAt)}";
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
                $"{head}: removed on {AceText.When(v.RemovedAt ?? now)} ({v.RemovedBecause}). Nothing rests on it any more; the ad can be reinstated.");
        }

        var parts = new List<FormattableString>
        {
            v.AdEffect == AdStatus.Removed ? (FormattableString)$"{head}: the ad is removed." : $"{head}: restrictions may apply to the ad.",
        };
        parts.AddRange(sanctionsOfViolation.Select(s => s.Why));
        if (v.Tier is ViolationTier.Low or ViolationTier.Medium && !v.IsStrike)
        {
            parts.Add($"No action is taken on the ad account.");
        }

        if (v.IsStrike)
        {
            var clearsAt = StrikeClearing.ClearsAt(v, record, goodStanding);
            parts.Add(clearsAt <= now
                ? (FormattableString)$"The strike cleared on {AceText.When(clearsAt)} after good standing; the violation stays on the record."
                : $"The strike clears on {AceText.When(clearsAt)} if no new violation is upheld before then.");
        }

        strikeNumbers.TryGetValue(v.Id, out var number);
        return new ViolationOutcome(v.Id, v.Category, v.Tier, v.IsStrike, number == 0 ? null : number, true, v.AdEffect, Phrases.Join(parts));
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
