using System.Net.Mail;
using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Ace;

public enum ComplaintType
{
    UserComplaint,
    IntellectualProperty,
}

public enum ComplainantRole
{
    AffectedUser,
    RightsHolder,
    AuthorisedRepresentative,
}

public enum ComplaintStatus
{
    /// <summary>Filed and not yet looked at by staff.</summary>
    Filed,
    InReview,
    Upheld,
    Rejected,
    Withdrawn,

    /// <summary>Rejected, and the complainant contested the rejection: a different staff member reviews it.</summary>
    Contested,
}

/// <summary>Who complains, as they wrote it on the public form.</summary>
/// <param name="Name">The complainant's name.</param>
/// <param name="Email">Where notices about the complaint go.</param>
/// <param name="Organisation">The organisation they complain for, if any (the rights holder an agent represents).</param>
/// <param name="Role">Affected user, rights holder or authorised representative.</param>
/// <param name="RightConcerned">For an IP complaint: the right infringed (trademark, copyright…, with its registration).</param>
/// <param name="Language">The language the complainant chose to be written to in ("en", "es"); null: the default.</param>
public sealed record ComplainantDetails(string Name, string Email, string? Organisation, ComplainantRole Role, string? RightConcerned, string? Language = null);

/// <summary>
/// An ACE complaint (SPEC 3.1) against an advertiser's promotion. Deadlines start when it is filed; only staff
/// decide it, and nothing is punished until they do (SPEC 5). Upholding it records a <see cref="Violation"/>.
/// </summary>
public sealed class AceComplaint : CaseRecord<ComplaintEvent, ComplaintEventKind, ComplaintStatus>
{
    public const int DescriptionMaxLength = 4000;
    public const int LanguageMaxLength = 8;

    public const int NameMaxLength = 200;

    public const int EmailMaxLength = 320;

    public const int RightConcernedMaxLength = 1000;

    public const int MessageMaxLength = 4000;

    private static readonly ComplaintStatus[] UndecidedStatuses = [ComplaintStatus.Filed, ComplaintStatus.InReview];

    private AceComplaint()
    {
        ComplainantName = ComplainantEmail = Description = TrackingTokenHash = string.Empty;
    }

    public ComplaintType Type { get; private set; }

    public ProhibitedCategory Category { get; private set; }

    public Guid OrganisationId { get; private set; }

    public Guid AdAccountId { get; private set; }

    public Guid PromotionId { get; private set; }

    public Guid? AdId { get; private set; }

    public string ComplainantName { get; private set; }

    public string ComplainantEmail { get; private set; }

    public string? ComplainantOrganisation { get; private set; }

    /// <summary>The language the complainant reads: their emails and tracking page use it ("en", "es"; null: the default).</summary>
    public string? ComplainantLanguage { get; private set; }

    public ComplainantRole ComplainantRole { get; private set; }

    /// <summary>IP complaints only: the right the complainant says is infringed.</summary>
    public string? RightConcerned { get; private set; }

    public string Description { get; private set; }

    public DateTimeOffset FiledAt { get; private set; }

    public ComplaintStatus Status { get; private set; }

    /// <summary>The tier of the violation recorded when the complaint was upheld.</summary>
    public ViolationTier? Tier { get; private set; }

    /// <summary>
    /// The duplicate group: complaints about the same ad and category filed within the policy's window share this key,
    /// set at filing (a complaint that starts a group gets a new key), and are decided together. Splitting one out gives
    /// it a key of its own.
    /// </summary>
    public Guid GroupId { get; private set; }


    /// <summary>The violation recorded when the complaint was upheld; it stays set after a withdrawal, for the record.</summary>
    public Guid? ViolationId { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    /// <summary>The hash of the complainant's private tracking token; the web layer makes the token and keeps only this.</summary>
    public string TrackingTokenHash { get; private set; }

    public DateTimeOffset? TrackingRevokedAt { get; private set; }

    /// <summary>A deadline fell due while nobody had decided the complaint: it goes to the top of the staff queue.</summary>
    public bool OverdueForReview { get; private set; }

    public DateTimeOffset? OverdueForReviewAt { get; private set; }

    /// <summary>
    /// When the advertiser's first message reached the complainant (the IP cooperation deadline asks for it): only a
    /// message the complainant can read counts, never one sent while their tracking link was revoked.
    /// </summary>
    public DateTimeOffset? FirstCooperationMessageAt { get; private set; }

    /// <summary>
    /// The complainant's number among the people who complained about this advertiser (1, 2, …), given at filing: a
    /// user complainant is shown to the advertiser only as "Complainant N". The same email address keeps its number.
    /// </summary>
    public int ComplainantNumber { get; private set; }

    /// <summary>When the complainant contested the rejection (once).</summary>
    public DateTimeOffset? ContestedAt { get; private set; }

    public string? ContestReason { get; private set; }

    /// <summary>Who rejected the complaint before it was contested: the contest goes to somebody else.</summary>
    public Guid? RejectedById { get; private set; }

    public string? RejectedByName { get; private set; }

    public DateTimeOffset? ContestDecidedAt { get; private set; }

    public Guid? ContestDecidedById { get; private set; }

    public string? ContestDecidedByName { get; private set; }

    /// <summary>Filed or in review: nobody has judged it yet, so nothing may be enforced on it.</summary>
    public bool IsAwaitingDecision => UndecidedStatuses.Contains(Status);

    public bool IsTrackingActive => TrackingRevokedAt is null;

    /// <summary>The complainant as an actor, for the timeline of what they do through their tracking link.</summary>
    public Actor Complainant => new(null, ComplainantName, ActorKind.Complainant);

    public static IReadOnlyList<ComplaintStatus> AwaitingDecisionStates => UndecidedStatuses;

    public static string FormatReference(long number) => $"AC-{number}";

    protected override string ReferencePrefix => "AC";

    /// <summary>Files a complaint from the public form (by the complainant) or records one for them (by staff).</summary>
    /// <param name="type">User complaint or intellectual-property complaint.</param>
    /// <param name="category">The prohibited behaviour complained of.</param>
    /// <param name="organisationId">The advertiser's organisation.</param>
    /// <param name="adAccountId">The ad account the promotion runs on.</param>
    /// <param name="promotionId">The promotion complained of.</param>
    /// <param name="adId">The ad complained of, when the complainant can name it.</param>
    /// <param name="complainant">Who complains.</param>
    /// <param name="description">What happened, in the complainant's words.</param>
    /// <param name="trackingTokenHash">The hash of the private tracking token the web layer generated.</param>
    /// <param name="filedBy">The complainant, or the staff member recording the complaint for them.</param>
    /// <param name="now">The clock: deadlines start here.</param>
    /// <summary>
    /// How the advertiser sees the complainant (SPEC 3.1): a user complainant only by pseudonym; a rights holder, and
    /// the representative with the rights holder they act for, by name, as the IP process requires.
    /// </summary>
    public string ShownToAdvertiserAs => ShownToAdvertiser(Type, ComplainantRole, ComplainantNumber, ComplainantName, ComplainantOrganisation);

    /// <summary><see cref="ShownToAdvertiserAs"/> from a query's columns (a user complaint's name and organisation are not needed, and ignored).</summary>
    public static string ShownToAdvertiser(ComplaintType type, ComplainantRole role, int number, string? name, string? organisation) => type == ComplaintType.UserComplaint
        ? Pseudonym(number)
        : role == ComplainantRole.AuthorisedRepresentative && organisation is { } holder
            ? $"{name}, authorised representative of {holder}"
            : organisation is { } rightsHolder ? $"{rightsHolder} (rights holder; {name})" : $"{name} (rights holder)";

    public static string Pseudonym(int number) => number > 0 ? $"Complainant {number}" : "The complainant";

    /// <summary>Whether the complainant may still contest the rejection now: rejected, never contested, within the window.</summary>
    public bool MayContest(TimeSpan window, DateTimeOffset now) =>
        Status == ComplaintStatus.Rejected && ContestedAt is null && DecidedAt is { } decided && now <= decided + window;

    public static AceComplaint File(
        ComplaintType type,
        ProhibitedCategory category,
        Guid organisationId,
        Guid adAccountId,
        Guid promotionId,
        Guid? adId,
        ComplainantDetails complainant,
        string description,
        string trackingTokenHash,
        Actor filedBy,
        DateTimeOffset now)
    {
        DomainRuleException.Check(
            filedBy.Kind is ActorKind.Complainant or ActorKind.Staff,
            RuleCodes.AceFiledBy,
            $"A complaint is filed by the person complaining, or recorded for them by support staff.");
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(complainant.Name), RuleCodes.AceComplainantName, $"Give the complainant's name.");
        DomainRuleException.Check(complainant.Name.Trim().Length <= NameMaxLength, RuleCodes.AceComplainantName, $"A name has at most {NameMaxLength} characters.");
        DomainRuleException.Check(IsEmail(complainant.Email), RuleCodes.AceComplainantEmail, $"Give an email address where the complainant can be reached, like name@example.com.");
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(description), RuleCodes.AceDescription, $"Describe what happened.");
        DomainRuleException.Check(
            description.Trim().Length <= DescriptionMaxLength,
            RuleCodes.AceDescription,
            $"The description can be at most {DescriptionMaxLength} characters.");
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(trackingTokenHash), RuleCodes.AceTrackingToken, $"A complaint needs a tracking token.");

        var right = string.IsNullOrWhiteSpace(complainant.RightConcerned) ? null : complainant.RightConcerned.Trim();
        if (type == ComplaintType.IntellectualProperty)
        {
            DomainRuleException.Check(
                complainant.Role is ComplainantRole.RightsHolder or ComplainantRole.AuthorisedRepresentative,
                RuleCodes.AceIpComplainantRole,
                $"An intellectual-property complaint can only be filed by the rights holder or its authorised representative.");
            DomainRuleException.Check(
                right is not null,
                RuleCodes.AceIpRightConcerned,
                $"Say which right is infringed (for example the trademark or copyright and its registration number).");
            DomainRuleException.Check(
                right!.Length <= RightConcernedMaxLength,
                RuleCodes.AceIpRightConcerned,
                $"The right concerned can be described in at most {RightConcernedMaxLength} characters.");
        }
        else
        {
            DomainRuleException.Check(
                complainant.Role == ComplainantRole.AffectedUser,
                RuleCodes.AceUserComplainantRole,
                $"A user complaint is filed by the user affected. Rights holders and their representatives file an intellectual-property complaint.");
            DomainRuleException.Check(
                right is null,
                RuleCodes.AceUserRightConcerned,
                $"A right concerned belongs to an intellectual-property complaint; file one of those instead.");
        }

        var complaint = new AceComplaint
        {
            Id = Guid.CreateVersion7(now),
            Type = type,
            Category = category,
            OrganisationId = organisationId,
            AdAccountId = adAccountId,
            PromotionId = promotionId,
            AdId = adId,
            ComplainantName = complainant.Name.Trim(),
            ComplainantEmail = complainant.Email.Trim(),
            ComplainantLanguage = complainant.Language is { Length: > 0 and <= LanguageMaxLength } language ? language : null,
            ComplainantOrganisation = string.IsNullOrWhiteSpace(complainant.Organisation) ? null : complainant.Organisation.Trim(),
            ComplainantRole = complainant.Role,
            RightConcerned = right,
            Description = description.Trim(),
            TrackingTokenHash = trackingTokenHash,
            FiledAt = now,
            Status = ComplaintStatus.Filed,
            UpdatedAt = now,
            GroupId = Guid.CreateVersion7(now),
        };
        complaint.Record(ComplaintEventKind.Filed, filedBy, now, null, ComplaintStatus.Filed, complaint.Description, audience: EventAudience.Everyone);
        return complaint;
    }

    /// <summary>At filing: the complainant's pseudonym number with this advertiser (see <see cref="ComplainantNumber"/>).</summary>
    public void NumberComplainant(int number)
    {
        DomainRuleException.Check(number > 0, RuleCodes.AcePseudonym, $"A complainant's number starts at 1.");
        DomainRuleException.Check(ComplainantNumber == 0, RuleCodes.AcePseudonym, $"This complainant is already {Pseudonym(ComplainantNumber)}.");
        ComplainantNumber = number;
    }

    /// <summary>The complainant adds information for staff through their tracking link.</summary>
    public void AddInformation(string text, DateTimeOffset now)
    {
        RequireComplainantVoice();
        var written = RequireMessage(text, $"Write the information you want to add.");
        Record(ComplaintEventKind.ComplainantInformation, Complainant, now, Status, Status, written, audience: EventAudience.Everyone);
    }

    /// <summary>The complainant added a file through their tracking link (the upload path checked it).</summary>
    public void RecordComplainantFile(string fileName, DateTimeOffset now)
    {
        RequireComplainantVoice();
        Record(ComplaintEventKind.ComplainantFileAdded, Complainant, now, Status, Status, values: EventValues.Of(EventValue.File, fileName), audience: EventAudience.Everyone);
    }

    /// <summary>The complainant answers the advertiser's cooperation messages; the advertiser reads the reply on their ACE page.</summary>
    public void ReplyToAdvertiser(string text, DateTimeOffset now)
    {
        RequireComplainantVoice();
        DomainRuleException.Check(
            Events.Any(e => e.Kind == ComplaintEventKind.CooperationMessage && e.VisibleToComplainant),
            RuleCodes.AceComplainantMessage,
            $"The advertiser has not written to you yet, so there is nothing to reply to. Use \"Add information\" to tell AdPolicy staff more.");
        var written = RequireMessage(text, $"Write your reply to the advertiser.");
        Record(ComplaintEventKind.ComplainantReply, Complainant, now, Status, Status, written, audience: EventAudience.Everyone);
    }

    /// <summary>
    /// The complainant contests the rejection, once, within the policy's window (DSA Art. 20's internal complaint):
    /// the complaint goes back to the staff queue for a different staff member to review. It leaves its duplicate group,
    /// which stays decided.
    /// </summary>
    public void Contest(string reason, TimeSpan window, DateTimeOffset now)
    {
        DomainRuleException.Check(ContestedAt is null, RuleCodes.AceContestOnce, $"You already contested this rejection on {AceText.When(ContestedAt ?? now)}; a rejection can be contested once.");
        DomainRuleException.Check(
            Status == ComplaintStatus.Rejected,
            RuleCodes.AceContestClosed,
            $"Only a rejected complaint can be contested; this complaint is {Describe(Status)}.");
        DomainRuleException.Check(
            DecidedAt is { } decided && now <= decided + window,
            RuleCodes.AceContestWindow,
            $"A rejection can be contested for {window.TotalDays:0} days; this one was rejected on {AceText.When(DecidedAt ?? now)}, so that time has passed.");
        var written = RequireMessage(reason, $"Say why the rejection is wrong.", RuleCodes.AceContestReason);
        var from = Status;
        ContestedAt = now;
        ContestReason = written;
        RejectedById = DecidedById;
        RejectedByName = DecidedByName;
        Status = ComplaintStatus.Contested;
        GroupId = Guid.CreateVersion7(now);
        Record(ComplaintEventKind.Contested, Complainant, now, from, Status, written, audience: EventAudience.Everyone);
    }

    /// <summary>
    /// A staff member other than the one who rejected it upholds the complaint on review of the contest. Records the
    /// violation, like <see cref="Uphold"/>; the caller judges the deadlines the rejection had cancelled (SPEC 5).
    /// </summary>
    public Violation UpholdOnContest(ViolationTier tier, string reason, Actor staff, int policyVersion, DateTimeOffset now, bool penaltyFromRefusedRefund = false)
    {
        RequireContestReviewer(staff);
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(reason), RuleCodes.AceDecisionReason, $"Give the reason the advertiser and the complainant will read: why the decision changed.");
        var from = Status;
        Status = ComplaintStatus.Upheld;
        Tier = tier;
        DecideContest(staff, now);
        Decide(reason, staff, policyVersion, now);
        var violation = Violation.FromUpheldComplaint(this, tier, DecisionReason!, staff, now, penaltyFromRefusedRefund);
        ViolationId = violation.Id;
        var values = new EventValues().With(EventValue.Tier, tier).With(EventValue.Category, Category).With(EventValue.Strike, violation.IsStrike);
        Record(ComplaintEventKind.ContestUpheld, staff, now, from, Status, DecisionReason, values, EventAudience.Everyone);
        return violation;
    }

    /// <summary>A staff member other than the one who rejected it keeps the rejection; it cannot be contested again.</summary>
    public void TurnDownContest(string reason, Actor staff, DateTimeOffset now)
    {
        RequireContestReviewer(staff);
        var written = RequireMessage(reason, $"Give the reason the complainant will read.", RuleCodes.AceDecisionReason);
        var from = Status;
        Status = ComplaintStatus.Rejected;
        DecideContest(staff, now);
        Record(ComplaintEventKind.ContestTurnedDown, staff, now, from, Status, written, audience: EventAudience.Everyone);
    }

    /// <summary>
    /// Whether the one who rejected the complaint is asking to review its contest (refused: somebody else must).
    /// </summary>
    public bool RejectedBy(Actor staff) => RejectedById is { } rejecter && rejecter == staff.UserId;

    /// <summary>
    /// Whether this complaint duplicates <paramref name="other"/>: the same ad (or campaign) and category, the other
    /// still awaiting a decision and filed no longer than <paramref name="window"/> before this one.
    /// </summary>
    public bool Duplicates(AceComplaint other, TimeSpan window) =>
        other.Id != Id
        && other.PromotionId == PromotionId
        && other.AdId == AdId
        && other.Category == Category
        && other.IsAwaitingDecision
        && FiledAt >= other.FiledAt
        && FiledAt - other.FiledAt <= window;

    /// <summary>At filing: joins the group of an open complaint about the same ad and category (SPEC: duplicates are decided once).</summary>
    public void JoinGroupOf(AceComplaint other, TimeSpan window)
    {
        DomainRuleException.Check(
            Duplicates(other, window),
            RuleCodes.AceNotDuplicate,
            $"Complaint {Reference} is not about the same ad and category as {other.Reference} within {window.TotalDays:0} days, so it is not grouped with it.");
        GroupId = other.GroupId;
    }

    /// <summary>Staff take this complaint out of its duplicate group, so it is decided on its own.</summary>
    /// <param name="othersInGroup">How many other complaints share its group.</param>
    /// <param name="staff">Who splits it out.</param>
    /// <param name="now">The clock.</param>
    public void SplitFromGroup(int othersInGroup, Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        RequireAwaitingDecision("split out");
        DomainRuleException.Check(othersInGroup > 0, RuleCodes.AceSplitAlone, $"This complaint is not grouped with any other, so there is nothing to split it from.");
        GroupId = Guid.CreateVersion7(now);
        Record(ComplaintEventKind.SplitFromGroup, staff, now, Status, Status, audience: EventAudience.StaffOnly);
    }

    /// <summary>
    /// Upholds this complaint with the decision staff made once for its duplicate group (<paramref name="decided"/>):
    /// the same reason and tier; the one violation was recorded on <paramref name="decided"/>, so none is recorded here.
    /// </summary>
    public void UpholdWithGroup(AceComplaint decided, Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        RequireDecidable();
        DomainRuleException.Check(
            decided.GroupId == GroupId && decided.Status == ComplaintStatus.Upheld && decided.Id != Id,
            RuleCodes.AceGroupDecision,
            $"Complaint {decided.Reference} is not an upheld complaint of this one's group.");
        var from = Status;
        Status = ComplaintStatus.Upheld;
        Tier = decided.Tier;
        Decide(decided.DecisionReason!, staff, decided.DecisionPolicyVersion, now);
        Record(ComplaintEventKind.Upheld, staff, now, from, Status, DecisionReason, EventValues.Of(EventValue.DecidedWith, decided.Reference), EventAudience.Everyone);
    }

    /// <summary>A staff member takes the complaint; claiming a filed complaint starts its review.</summary>
    public override void Claim(Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        RequireAwaitingDecision("claim");
        RequireUnclaimedOrMine(staff, RuleCodes.AceAlreadyClaimed, "complaint");
        var from = Status;
        var change = Assign(staff.UserId, staff.DisplayName);
        Status = ComplaintStatus.InReview;

        // The complainant learns that someone is looking at the complaint, not who.
        Record(ComplaintEventKind.Claimed, staff, now, from, Status, values: change, audience: from == ComplaintStatus.Filed ? EventAudience.Everyone : EventAudience.Parties);
    }

    public override void AssignTo(Guid assigneeId, string assigneeName, Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        RequireAwaitingDecision("assign");
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(assigneeName), RuleCodes.AceAssignee, $"Choose who takes the complaint.");
        Record(ComplaintEventKind.Assigned, staff, now, Status, Status, values: Assign(assigneeId, assigneeName.Trim()), audience: EventAudience.StaffOnly);
    }

    /// <summary>
    /// Upholds the complaint and records its violation, which the caller stores in the same transaction.
    /// An upheld IP complaint's violation is a strike.
    /// </summary>
    /// <param name="tier">The violation tier staff set.</param>
    /// <param name="reason">Why, in words the advertiser and complainant read.</param>
    /// <param name="staff">Who decides.</param>
    /// <param name="policyVersion">The policy settings version in force.</param>
    /// <param name="now">The clock.</param>
    /// <param name="penaltyFromRefusedRefund">Staff found the penalty comes from a refund or return the advertiser refused.</param>
    public Violation Uphold(ViolationTier tier, string reason, Actor staff, int policyVersion, DateTimeOffset now, bool penaltyFromRefusedRefund = false)
    {
        RequireStaff(staff);
        RequireDecidable();
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(reason), RuleCodes.AceDecisionReason, $"Give the reason the advertiser and the complainant will read.");
        var from = Status;
        Status = ComplaintStatus.Upheld;
        Tier = tier;
        Decide(reason, staff, policyVersion, now);
        var violation = Violation.FromUpheldComplaint(this, tier, DecisionReason!, staff, now, penaltyFromRefusedRefund);
        ViolationId = violation.Id;
        var values = new EventValues().With(EventValue.Tier, tier).With(EventValue.Category, Category).With(EventValue.Strike, violation.IsStrike);
        Record(ComplaintEventKind.Upheld, staff, now, from, Status, DecisionReason, values, EventAudience.Everyone);
        return violation;
    }

    public void Reject(string reason, Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        RequireDecidable();
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(reason), RuleCodes.AceDecisionReason, $"Give the reason the complainant will read.");
        var from = Status;
        Status = ComplaintStatus.Rejected;
        Decide(reason, staff, null, now);
        Record(ComplaintEventKind.Rejected, staff, now, from, Status, DecisionReason, audience: EventAudience.Everyone);
    }

    /// <summary>
    /// The complainant withdraws an open or upheld complaint. When it was upheld, the caller removes its violation
    /// (<see cref="ViolationId"/>), which lifts what rested on it; the complaint's pending deadlines are cancelled.
    /// </summary>
    public void Withdraw(Actor complainant, DateTimeOffset now)
    {
        DomainRuleException.Check(
            complainant.Kind == ActorKind.Complainant,
            RuleCodes.AceComplainantOnly,
            $"Only the person who filed the complaint can withdraw it.");
        DomainRuleException.Check(Status != ComplaintStatus.Withdrawn, RuleCodes.AceAlreadyWithdrawn, $"This complaint was already withdrawn on {AceText.When(WithdrawnAt ?? now)}.");
        DomainRuleException.Check(
            Status != ComplaintStatus.Rejected,
            RuleCodes.AceWithdrawRejected,
            $"This complaint was rejected, so there is nothing left to withdraw.");
        var from = Status;
        Status = ComplaintStatus.Withdrawn;
        WithdrawnAt = now;
        OverdueForReview = false;

        // A withdrawn complaint leaves its duplicate group: the others are decided (or stay decided) without it.
        GroupId = Guid.CreateVersion7(now);
        Record(ComplaintEventKind.Withdrawn, complainant, now, from, Status, audience: EventAudience.Everyone);
    }

    /// <summary>
    /// The upheld complaint whose violation this group's decision recorded was withdrawn while this one, upheld with
    /// the group, still stands: the violation now rests on this complaint, so it stays on the record.
    /// </summary>
    /// <param name="withdrawn">The withdrawn complaint that carried the violation.</param>
    /// <param name="violation">Its violation, which the caller moves to this complaint.</param>
    /// <param name="now">The clock.</param>
    public void TakeOverGroupViolation(AceComplaint withdrawn, Violation violation, DateTimeOffset now)
    {
        DomainRuleException.Check(
            Status == ComplaintStatus.Upheld && withdrawn.Status == ComplaintStatus.Withdrawn && withdrawn.ViolationId == violation.Id && ViolationId is null,
            RuleCodes.AceGroupViolation,
            $"Complaint {Reference} is not an upheld complaint of {withdrawn.Reference}'s group without a violation of its own.");
        ViolationId = violation.Id;
        var values = new EventValues().With(EventValue.TookOverFrom, withdrawn.Reference).With(EventValue.Violation, violation.Reference);
        Record(ComplaintEventKind.TookOverGroupViolation, Actor.System, now, Status, Status, values: values, audience: EventAudience.StaffOnly);
    }

    /// <summary>
    /// Staff reopen an upheld decision (a correction): the complaint is back in review, undecided, so nothing is enforced
    /// on it until it is decided again (SPEC 5). The caller removes its violation, which lifts what rested on it.
    /// </summary>
    /// <param name="reason">Why, in words the advertiser and complainant read.</param>
    /// <param name="staff">Who reopens.</param>
    /// <param name="now">The clock.</param>
    /// <param name="together">The complaint of the same duplicate group staff reopened, when this one is reopened with it.</param>
    public void Reopen(string reason, Actor staff, DateTimeOffset now, AceComplaint? together = null)
    {
        DomainRuleException.Check(
            together is null || (together.GroupId == GroupId && together.Id != Id),
            RuleCodes.AceGroupDecision,
            $"Complaint {together?.Reference} is not in this one's duplicate group.");
        RequireStaff(staff);
        DomainRuleException.Check(
            Status == ComplaintStatus.Upheld,
            RuleCodes.AceReopenNotUpheld,
            $"Only an upheld decision can be reopened; this complaint is {Describe(Status)}.");
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(reason), RuleCodes.AceReopenReason, $"Give the reason for reopening the decision.");
        var from = Status;
        Status = ComplaintStatus.InReview;
        Tier = null;
        Undecided();
        Record(ComplaintEventKind.Reopened, staff, now, from, Status, reason.Trim(), EventValues.Of(EventValue.ReopenedWith, together?.Reference), EventAudience.Everyone);
    }

    /// <summary>What a removal or a staff lift restored (ads, an ad plan, blocks) and why, on the complaint's timeline.</summary>
    public void RecordRestored(IReadOnlyList<Fact> whatWasRestored, Actor actor, DateTimeOffset now)
    {
        DomainRuleException.Check(whatWasRestored.Count > 0, RuleCodes.AceRestoredText, $"Say what was restored.");
        Record(ComplaintEventKind.Restored, actor, now, Status, Status);
        Events[^1].Said(whatWasRestored);
    }

    /// <summary>The advertiser tells the complainant the outcome and gives them the relevant evidence (SPEC 3.1, IP: within 72 h).</summary>
    /// <returns>
    /// The message as recorded: it reaches the complainant (<see cref="ComplaintEvent.VisibleToComplainant"/>) only while
    /// their tracking link works; one sent while it is revoked stays with staff and counts for no deadline.
    /// </returns>
    public ComplaintEvent SendCooperationMessage(string text, Actor advertiser, DateTimeOffset now)
    {
        DomainRuleException.Check(advertiser.Kind == ActorKind.Advertiser, RuleCodes.AceAdvertiserOnly, $"Only the advertiser can write to the complainant.");
        DomainRuleException.Check(
            Status is not (ComplaintStatus.Withdrawn or ComplaintStatus.Rejected or ComplaintStatus.Contested),
            RuleCodes.AceComplaintClosed,
            $"This complaint was {Describe(Status)}, so there is no one to write to.");
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(text), RuleCodes.AceCooperationText, $"Write the outcome and the evidence for the complainant.");
        DomainRuleException.Check(
            text.Trim().Length <= MessageMaxLength,
            RuleCodes.AceCooperationText,
            $"A message can be at most {MessageMaxLength} characters.");
        var delivered = IsTrackingActive;
        if (delivered)
        {
            FirstCooperationMessageAt ??= now;
        }

        Record(ComplaintEventKind.CooperationMessage, advertiser, now, Status, Status, text.Trim(), audience: delivered ? EventAudience.Everyone : EventAudience.Parties);
        return Events[^1];
    }

    public void AddInternalNote(string note, Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(note), RuleCodes.AceNoteText, $"Write the note.");
        Record(ComplaintEventKind.InternalNote, staff, now, Status, Status, note.Trim(), audience: EventAudience.StaffOnly);
    }

    /// <summary>A reviewer attached a file to the complaint; staff see it, the complainant does not.</summary>
    public void RecordEvidence(string fileName, Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        Record(ComplaintEventKind.EvidenceAttached, staff, now, Status, Status, values: EventValues.Of(EventValue.File, fileName), audience: EventAudience.StaffOnly);
    }

    /// <summary>
    /// Staff give the complainant a new tracking link (the caller emails it): the old one stops working at once.
    /// Also what "Lost your link?" does for each open complaint of the address asked about.
    /// </summary>
    /// <param name="newTokenHash">The hash of the new token the web layer made.</param>
    /// <param name="by">Staff, or the complainant asking for their link again.</param>
    /// <param name="now">The clock.</param>
    public void ReissueTracking(string newTokenHash, Actor by, DateTimeOffset now)
    {
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(newTokenHash) && newTokenHash != TrackingTokenHash, RuleCodes.AceTrackingToken, $"A new tracking link needs a new token.");
        DomainRuleException.Check(
            by.Kind is ActorKind.Staff or ActorKind.Complainant,
            RuleCodes.AceStaffOnly,
            $"Only support staff, or the complainant through the email on file, can get a new tracking link.");
        TrackingTokenHash = newTokenHash;
        TrackingRevokedAt = null;
        Record(ComplaintEventKind.TrackingReissued, by, now, Status, Status, audience: EventAudience.StaffOnly);
    }

    /// <summary>Ends the private tracking link (for example when the complainant asks, or the link leaked).</summary>
    public void RevokeTracking(DateTimeOffset now)
    {
        DomainRuleException.Check(
            TrackingRevokedAt is null,
            RuleCodes.AceTrackingRevoked,
            $"The tracking link was already revoked on {AceText.When(TrackingRevokedAt ?? now)}.");
        TrackingRevokedAt = now;
        Record(ComplaintEventKind.TrackingRevoked, Actor.System, now, Status, Status, audience: EventAudience.StaffOnly);
    }

    /// <summary>
    /// The deadline service records on the complaint's timeline what it did about a missed deadline: the
    /// complainant sees it, because it answers their complaint (the content came down).
    /// </summary>
    /// <param name="deadline">The missed deadline.</param>
    /// <param name="whatWasDone">What the service did (<see cref="EventValue.RemovedAds"/>, <see cref="EventValue.CancelledPlan"/>, <see cref="EventValue.Sanction"/>).</param>
    /// <param name="now">The clock.</param>
    public void RecordDeadlineMissed(Deadline deadline, EventValues whatWasDone, DateTimeOffset now)
    {
        DomainRuleException.Check(deadline.ComplaintId == Id, RuleCodes.AceDeadlineOtherComplaint, $"That deadline belongs to another complaint.");
        DomainRuleException.Check(deadline.State == DeadlineState.Missed, RuleCodes.AceDeadlineNotMissed, $"Only a missed deadline is recorded as missed.");
        Record(ComplaintEventKind.DeadlineMissed, Actor.System, now, Status, Status, values: whatWasDone.With(EventValue.Deadline, deadline.Kind).With(EventValue.DueAt, deadline.DueAt), audience: EventAudience.Everyone);
    }

    /// <summary>
    /// The deadline service found a deadline due while nobody had decided the complaint: it is not enforced (SPEC 5);
    /// instead the complaint rises to the top of the staff queue. Flags once: the service checks <see cref="OverdueForReview"/>.
    /// </summary>
    public void FlagOverdueForReview(DateTimeOffset now)
    {
        DomainRuleException.Check(
            IsAwaitingDecision,
            RuleCodes.AceOverdueDecided,
            $"This complaint is already {Describe(Status)}; only an undecided complaint can be overdue for review.");
        DomainRuleException.Check(
            !OverdueForReview,
            RuleCodes.AceAlreadyOverdue,
            $"This complaint has been overdue for review since {AceText.When(OverdueForReviewAt ?? now)}.");
        OverdueForReview = true;
        OverdueForReviewAt = now;
        Record(ComplaintEventKind.FlaggedOverdueForReview, Actor.System, now, Status, Status, audience: EventAudience.StaffOnly);
    }

    public static string Describe(ComplaintStatus status) => status switch
    {
        ComplaintStatus.Filed => "filed and awaiting review",
        ComplaintStatus.InReview => "in review",
        ComplaintStatus.Upheld => "upheld",
        ComplaintStatus.Rejected => "rejected",
        ComplaintStatus.Withdrawn => "withdrawn by the complainant",
        ComplaintStatus.Contested => "rejected, contested by the complainant and under review",
        _ => status.ToString(),
    };

    public static string Describe(ComplaintType type) => type switch
    {
        ComplaintType.UserComplaint => "user complaint",
        ComplaintType.IntellectualProperty => "intellectual-property complaint",
        _ => type.ToString(),
    };

    private static bool IsEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email)
        && email.Trim().Length <= EmailMaxLength
        && MailAddress.TryCreate(email.Trim(), out var address)
        && string.Equals(address.Address, email.Trim(), StringComparison.Ordinal);

    private void Decide(string reason, Actor staff, int? policyVersion, DateTimeOffset now)
    {
        Decided(reason, staff, policyVersion, now);
        OverdueForReview = false;
        if (AssigneeId is null)
        {
            Assign(staff.UserId, staff.DisplayName);
        }
    }

    private void RequireComplainantVoice() =>
        DomainRuleException.Check(
            Status != ComplaintStatus.Withdrawn,
            RuleCodes.AceComplaintClosed,
            $"You withdrew this complaint, so nothing more can be added to it.");

    private static string RequireMessage(string? text, FormattableString whenEmpty, string rule = RuleCodes.AceComplainantMessage)
    {
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(text), rule, whenEmpty);
        DomainRuleException.Check(text!.Trim().Length <= MessageMaxLength, rule, $"A message can be at most {MessageMaxLength} characters.");
        return text.Trim();
    }

    private void RequireContestReviewer(Actor staff)
    {
        RequireStaff(staff);
        DomainRuleException.Check(
            Status == ComplaintStatus.Contested,
            RuleCodes.AceNotContested,
            $"There is no contest to review: this complaint is {Describe(Status)}.");
        DomainRuleException.Check(
            !RejectedBy(staff),
            RuleCodes.AceContestSameReviewer,
            $"You rejected this complaint, so a different staff member must review the complainant's contest.");
    }

    private void DecideContest(Actor staff, DateTimeOffset now)
    {
        ContestDecidedAt = now;
        ContestDecidedById = staff.UserId;
        ContestDecidedByName = staff.DisplayName;
        OverdueForReview = false;
    }

    private void RequireDecidable() =>
        DomainRuleException.Check(
            IsAwaitingDecision,
            RuleCodes.AceNotDecidable,
            Status switch
            {
                ComplaintStatus.Withdrawn => (FormattableString)$"The complainant withdrew this complaint, so it can no longer be upheld or rejected.",
                _ => $"This complaint was already {Describe(Status)} on {AceText.When(DecidedAt ?? UpdatedAt)} and cannot be decided again.",
            });

    private void RequireAwaitingDecision(string action) =>
        DomainRuleException.Check(IsAwaitingDecision, RuleCodes.AceComplaintClosed, $"You cannot {action} a complaint that is {Describe(Status)}.");

    private static void RequireStaff(Actor actor) =>
        DomainRuleException.Check(actor.Kind == ActorKind.Staff, RuleCodes.AceStaffOnly, $"Only support staff can do this.");

    protected override ComplaintEvent NewEvent(int sequence, ComplaintEventKind kind, Actor actor, DateTimeOffset at, ComplaintStatus? from, ComplaintStatus? to, string? text, EventValues? values, EventAudience audience) =>
        new(Id, sequence, kind, actor, at, from, to, text, values, isInternal: audience == EventAudience.StaffOnly, visibleToComplainant: audience == EventAudience.Everyone);
}
