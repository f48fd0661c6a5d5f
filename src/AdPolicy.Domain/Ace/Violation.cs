using AdPolicy.Domain.Common;
using AdPolicy.Domain.Promotions;

namespace AdPolicy.Domain.Ace;

public enum ViolationStatus
{
    Active,

    /// <summary>Taken off the record: the complaint was withdrawn or a review request against it was approved.</summary>
    Removed,
}

/// <summary>
/// A violation on an ad account's record (SPEC 3.2). It stays on the record after the advertiser fixes the content;
/// only a withdrawal of its complaint or an approved review request removes it. What it does to the account is not
/// stored here: <see cref="SanctionLadder"/> derives it from the account's whole record.
/// </summary>
public sealed class Violation
{
    public const int ReasonMaxLength = 4000;

    private Violation()
    {
        Reason = RecordedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Human-readable number, given by the database before anything quotes it (shown as VI-123).</summary>
    public long Number { get; private set; }

    public Guid AdAccountId { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>The upheld complaint it came from; null when staff acted on an ACE evaluation.</summary>
    public Guid? ComplaintId { get; private set; }

    public Guid? AdId { get; private set; }

    /// <summary>
    /// The complaint it came from was withdrawn while another complaint of its duplicate group, upheld with it, still
    /// stands: the violation now comes from that one.
    /// </summary>
    public void PassToComplaint(AceComplaint complaint)
    {
        DomainRuleException.Check(
            ComplaintId is not null && complaint.Status == ComplaintStatus.Upheld && complaint.AdAccountId == AdAccountId && complaint.Category == Category,
            RuleCodes.ViolationPass,
            $"Violation {Reference} cannot rest on complaint {complaint.Reference}.");
        ComplaintId = complaint.Id;
    }

    public ProhibitedCategory Category { get; private set; }

    public ViolationTier Tier { get; private set; }

    /// <summary>True when it came from an upheld intellectual-property complaint: it counts on the strike ladder.</summary>
    public bool IsStrike { get; private set; }

    /// <summary>
    /// Staff recorded that the penalty came from a refund or return the advertiser refused (SPEC 4): an appeal must then
    /// include refund or return proof. Set by staff, never declared by the advertiser.
    /// </summary>
    public bool PenaltyFromRefusedRefund { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid? RecordedById { get; private set; }

    public string RecordedByName { get; private set; }

    /// <summary>When the advertiser was told; the 48-hour correction deadline starts here.</summary>
    public DateTimeOffset? NotifiedAt { get; private set; }

    public string Reason { get; private set; }

    public ViolationStatus Status { get; private set; }

    public DateTimeOffset? RemovedAt { get; private set; }

    /// <summary>Why it was removed, as older rows said it in English; newer rows keep <see cref="RemovedWhy"/>.</summary>
    public string? RemovedReason { get; private set; }

    /// <summary>Why it was removed (the complaint withdrawn, a review approved, a decision reopened), as a fact.</summary>
    public Fact? RemovedWhy { get; private set; }

    /// <summary>When the strike was cleared after good standing. The violation itself stays on the record.</summary>
    public DateTimeOffset? StrikeClearedAt { get; private set; }

    /// <summary>When staff lifted (then: when they did it) or shortened the sanction resting on this violation.</summary>
    public DateTimeOffset? SanctionEndsAt { get; private set; }

    public DateTimeOffset? SanctionChangedAt { get; private set; }

    public string? SanctionChangedByName { get; private set; }

    public string? SanctionChangeReason { get; private set; }

    public uint Version { get; private set; }

    public bool IsActive => Status == ViolationStatus.Active;

    public string Reference => FormatReference(Number);

    /// <summary>True when staff ended the sanction at once (a lift), not at a later time (a shortening).</summary>
    public bool SanctionLifted => SanctionEndsAt is { } end && SanctionChangedAt is { } at && end <= at;

    public static string FormatReference(long number) => $"VI-{number}";

    /// <summary>What the violation does to its ad: low and medium restrict it; high, critical and any strike remove it.</summary>
    public AdStatus AdEffect => TierConsequences.AdStatusFor(Tier, IsStrike);

    /// <summary>Staff act on an ACE evaluation (no complaint). Such a violation is never a strike.</summary>
    public static Violation Record(
        Guid adAccountId,
        Guid organisationId,
        Guid? adId,
        ProhibitedCategory category,
        ViolationTier tier,
        string reason,
        Actor staff,
        DateTimeOffset now,
        bool penaltyFromRefusedRefund = false)
    {
        DomainRuleException.Check(staff.Kind == ActorKind.Staff, RuleCodes.ViolationStaffOnly, $"Only support staff can record a violation.");
        DomainRuleException.Check(Enum.IsDefined(tier), RuleCodes.ViolationTier, $"Choose the violation's tier.");
        DomainRuleException.Check(Enum.IsDefined(category), RuleCodes.ViolationCategory, $"Choose the violation's category.");
        var violation = Create(adAccountId, organisationId, null, adId, category, tier, isStrike: false, reason, staff, now);
        violation.PenaltyFromRefusedRefund = penaltyFromRefusedRefund;
        return violation;
    }

    internal static Violation FromUpheldComplaint(AceComplaint complaint, ViolationTier tier, string reason, Actor staff, DateTimeOffset now, bool penaltyFromRefusedRefund)
    {
        var violation = FromComplaint(complaint, tier, reason, staff, now);
        violation.PenaltyFromRefusedRefund = penaltyFromRefusedRefund;
        return violation;
    }

    private static Violation FromComplaint(AceComplaint complaint, ViolationTier tier, string reason, Actor staff, DateTimeOffset now) =>
        Create(
            complaint.AdAccountId,
            complaint.OrganisationId,
            complaint.Id,
            complaint.AdId,
            complaint.Category,
            tier,
            isStrike: complaint.Type == ComplaintType.IntellectualProperty,
            reason,
            staff,
            now);

    public void MarkNotified(DateTimeOffset now)
    {
        DomainRuleException.Check(
            NotifiedAt is null,
            RuleCodes.ViolationAlreadyNotified,
            $"The advertiser was already notified of this violation on {AceText.When(NotifiedAt ?? now)}.");
        NotifiedAt = now;
    }

    /// <summary>Takes the violation (and its strike) off the record; the ladder then recomputes without it.</summary>
    public void Remove(Fact why, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(why);
        DomainRuleException.Check(
            IsActive,
            RuleCodes.ViolationAlreadyRemoved,
            $"This violation was already removed on {AceText.When(RemovedAt ?? now)}.");
        Status = ViolationStatus.Removed;
        RemovedAt = now;
        RemovedWhy = why;
    }

    /// <summary>Why it was removed, for a sentence: the fact, or the English an older row kept.</summary>
    public object? RemovedBecause => RemovedWhy ?? (object?)RemovedReason;

    /// <summary>Staff end the sanction resting on this violation now; the violation stays on the record and counts on the ladder.</summary>
    public void LiftSanction(string reason, Actor staff, DateTimeOffset now) => ChangeSanction(now, reason, staff, now);

    /// <summary>Staff make the sanction resting on this violation end earlier, at <paramref name="endsAt"/> (still in the future).</summary>
    public void ShortenSanction(DateTimeOffset endsAt, string reason, Actor staff, DateTimeOffset now)
    {
        DomainRuleException.Check(endsAt > now, RuleCodes.SanctionShortenPast, $"A shortened sanction ends in the future; to end it now, lift it.");
        ChangeSanction(endsAt, reason, staff, now);
    }

    /// <summary>Staff correct whether the penalty came from a refused refund or return (it decides the appeal's evidence).</summary>
    public void SetRefundOrigin(bool penaltyFromRefusedRefund, Actor staff)
    {
        DomainRuleException.Check(staff.Kind == ActorKind.Staff, RuleCodes.ViolationStaffOnly, $"Only staff record where a penalty came from.");
        PenaltyFromRefusedRefund = penaltyFromRefusedRefund;
    }

    /// <summary>Clears the strike after good standing (see <see cref="StrikeClearing"/>); the violation stays on the record.</summary>
    public void ClearStrike(DateTimeOffset now)
    {
        DomainRuleException.Check(IsStrike, RuleCodes.ViolationNotStrike, $"This violation is not a strike, so there is no strike to clear.");
        DomainRuleException.Check(IsActive, RuleCodes.ViolationAlreadyRemoved, $"This violation was removed, so its strike no longer counts.");
        DomainRuleException.Check(
            StrikeClearedAt is null,
            RuleCodes.StrikeAlreadyCleared,
            $"This strike was already cleared on {AceText.When(StrikeClearedAt ?? now)}.");
        StrikeClearedAt = now;
    }

    private void ChangeSanction(DateTimeOffset endsAt, string reason, Actor staff, DateTimeOffset now)
    {
        DomainRuleException.Check(staff.Kind == ActorKind.Staff, RuleCodes.ViolationStaffOnly, $"Only staff lift or shorten a sanction.");
        DomainRuleException.Check(IsActive, RuleCodes.ViolationAlreadyRemoved, $"This violation was removed, so nothing rests on it any more.");
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(reason), RuleCodes.SanctionChangeReason, $"Give the reason the advertiser will read.");
        DomainRuleException.Check(reason.Trim().Length <= 1000, RuleCodes.SanctionChangeReason, $"Keep the reason under 1000 characters.");
        DomainRuleException.Check(
            SanctionEndsAt is null || SanctionEndsAt > now,
            RuleCodes.SanctionAlreadyEnded,
            $"The sanction resting on this violation already ended on {AceText.When(SanctionEndsAt ?? now)}.");
        DomainRuleException.Check(
            SanctionEndsAt is null || endsAt < SanctionEndsAt,
            RuleCodes.SanctionShortenLater,
            $"The sanction already ends on {AceText.When(SanctionEndsAt ?? now)}; a correction can only make it end sooner.");
        SanctionEndsAt = endsAt;
        SanctionChangedAt = now;
        SanctionChangedByName = staff.DisplayName;
        SanctionChangeReason = reason.Trim();
    }

    private static Violation Create(
        Guid adAccountId,
        Guid organisationId,
        Guid? complaintId,
        Guid? adId,
        ProhibitedCategory category,
        ViolationTier tier,
        bool isStrike,
        string reason,
        Actor staff,
        DateTimeOffset now)
    {
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(reason), RuleCodes.ViolationReason, $"Give the reason the advertiser will read.");
        DomainRuleException.Check(
            reason.Trim().Length <= ReasonMaxLength,
            RuleCodes.ViolationReason,
            $"The reason can be at most {ReasonMaxLength} characters.");
        return new Violation
        {
            Id = Guid.CreateVersion7(now),
            AdAccountId = adAccountId,
            OrganisationId = organisationId,
            ComplaintId = complaintId,
            AdId = adId,
            Category = category,
            Tier = tier,
            IsStrike = isStrike,
            RecordedAt = now,
            RecordedById = staff.UserId,
            RecordedByName = staff.DisplayName,
            Reason = reason.Trim(),
            Status = ViolationStatus.Active,
        };
    }
}
