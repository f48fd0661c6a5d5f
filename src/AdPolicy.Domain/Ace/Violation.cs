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

    public Guid AdAccountId { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>The upheld complaint it came from; null when staff acted on an ACE evaluation.</summary>
    public Guid? ComplaintId { get; private set; }

    public Guid? AdId { get; private set; }

    public ProhibitedCategory Category { get; private set; }

    public ViolationTier Tier { get; private set; }

    /// <summary>True when it came from an upheld intellectual-property complaint: it counts on the strike ladder.</summary>
    public bool IsStrike { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid? RecordedById { get; private set; }

    public string RecordedByName { get; private set; }

    /// <summary>When the advertiser was told; the 48-hour correction deadline starts here.</summary>
    public DateTimeOffset? NotifiedAt { get; private set; }

    public string Reason { get; private set; }

    public ViolationStatus Status { get; private set; }

    public DateTimeOffset? RemovedAt { get; private set; }

    public string? RemovedReason { get; private set; }

    /// <summary>When the strike was cleared after good standing. The violation itself stays on the record.</summary>
    public DateTimeOffset? StrikeClearedAt { get; private set; }

    public uint Version { get; private set; }

    public bool IsActive => Status == ViolationStatus.Active;

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
        DateTimeOffset now)
    {
        DomainRuleException.Check(staff.Kind == ActorKind.Staff, "violation-staff-only", "Only support staff can record a violation.");
        return Create(adAccountId, organisationId, null, adId, category, tier, isStrike: false, reason, staff, now);
    }

    internal static Violation FromUpheldComplaint(AceComplaint complaint, ViolationTier tier, string reason, Actor staff, DateTimeOffset now) =>
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
            "violation-already-notified",
            $"The advertiser was already notified of this violation on {AceText.When(NotifiedAt ?? now)}.");
        NotifiedAt = now;
    }

    /// <summary>Takes the violation (and its strike) off the record; the ladder then recomputes without it.</summary>
    public void Remove(string reason, DateTimeOffset now)
    {
        DomainRuleException.Check(
            IsActive,
            "violation-already-removed",
            $"This violation was already removed on {AceText.When(RemovedAt ?? now)}.");
        DomainRuleException.Check(
            !string.IsNullOrWhiteSpace(reason),
            "violation-removal-reason",
            "Say why the violation is removed (the complaint was withdrawn, or a review request was approved).");
        Status = ViolationStatus.Removed;
        RemovedAt = now;
        RemovedReason = reason.Trim();
    }

    /// <summary>Clears the strike after good standing (see <see cref="StrikeClearing"/>); the violation stays on the record.</summary>
    public void ClearStrike(DateTimeOffset now)
    {
        DomainRuleException.Check(IsStrike, "violation-not-strike", "This violation is not a strike, so there is no strike to clear.");
        DomainRuleException.Check(IsActive, "violation-already-removed", "This violation was removed, so its strike no longer counts.");
        DomainRuleException.Check(
            StrikeClearedAt is null,
            "strike-already-cleared",
            $"This strike was already cleared on {AceText.When(StrikeClearedAt ?? now)}.");
        StrikeClearedAt = now;
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
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(reason), "violation-reason", "Give the reason the advertiser will read.");
        DomainRuleException.Check(
            reason.Trim().Length <= ReasonMaxLength,
            "violation-reason",
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
