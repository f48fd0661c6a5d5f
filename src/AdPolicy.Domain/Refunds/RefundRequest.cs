using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;

namespace AdPolicy.Domain.Refunds;

public enum RefundStatus
{
    Submitted,
    InReview,
    AwaitingAdvertiser,
    Approved,
    PartiallyApproved,
    Denied,
    Disputed,
    Refunded,
    Withdrawn,
}

/// <summary>
/// A refund case (SPEC 2). Every change goes through an intent-named method that checks its rule,
/// moves the status and appends a timeline event.
/// </summary>
public sealed class RefundRequest : CaseRecord<RefundEvent, RefundEventKind, RefundStatus>
{
    public const int DescriptionMaxLength = 4000;

    private static readonly RefundStatus[] OpenStatuses =
        [RefundStatus.Submitted, RefundStatus.InReview, RefundStatus.AwaitingAdvertiser, RefundStatus.Disputed];

    private RefundRequest()
    {
        CampaignExternalId = Description = Currency = FiledByName = string.Empty;
    }

    public Guid OrganisationId { get; private set; }

    public Guid AdAccountId { get; private set; }

    public Guid PromotionId { get; private set; }

    public string CampaignExternalId { get; private set; }

    public RefundReason Reason { get; private set; }

    public string Description { get; private set; }

    public string Currency { get; private set; }

    public decimal RequestedAmount { get; private set; }

    public decimal? SuggestedAmount { get; private set; }

    public decimal? ApprovedAmount { get; private set; }

    public RefundStatus Status { get; private set; }

    public DateTimeOffset FiledAt { get; private set; }

    public Guid FiledById { get; private set; }

    public string FiledByName { get; private set; }

    /// <summary>Set by the form the request came from, so a double submit files one request.</summary>
    public Guid IdempotencyKey { get; private set; }

    /// <summary>For a denial: what would have made the request eligible.</summary>
    public string? EligibilityAdvice { get; private set; }

    public bool HasBeenDisputed { get; private set; }

    public string? OpenQuestion { get; private set; }

    public DateTimeOffset? InformationDueAt { get; private set; }

    /// <summary>When staff owe the advertiser a response (first response, or after a reply or dispute).</summary>
    public DateTimeOffset? ResponseDueAt { get; private set; }

    /// <summary>When staff owe an answer to the first follow-up they have not answered yet.</summary>
    public DateTimeOffset? FollowUpDueAt { get; private set; }

    /// <summary>The earlier of the two clocks, or null while paused or closed: what the queue sorts by.</summary>
    public DateTimeOffset? ClockDueAt { get; private set; }

    /// <summary>While awaiting the advertiser, the response time that was left when the clock paused.</summary>
    public TimeSpan? PausedRemaining { get; private set; }

    /// <summary>
    /// When staff last answered the advertiser (a reply, a question, a decision) in this round of the case; null while
    /// the case still waits for its first response (a dispute starts a new round).
    /// </summary>
    public DateTimeOffset? StaffRespondedAt { get; private set; }

    public bool IsAwaitingFirstResponse => StaffRespondedAt is null;

    /// <summary>When staff first answered the advertiser on this case, for the desk's response-target figures.</summary>
    public DateTimeOffset? FirstResponseAt { get; private set; }

    /// <summary>Whether that first answer came within the response target running at the time.</summary>
    public bool? FirstResponseMet { get; private set; }

    public int FollowUpCount { get; private set; }

    public DateTimeOffset? LastFollowUpAt { get; private set; }

    public DateTimeOffset? RefundedAt { get; private set; }

    /// <summary>The clock due time a breach reminder was last sent for, so each is sent once.</summary>
    public DateTimeOffset? ReminderSentForDueAt { get; private set; }

    public Money Requested => new(RequestedAmount, Currency);

    public Money? Approved => ApprovedAmount is { } a ? new Money(a, Currency) : null;

    public bool IsOpen => OpenStatuses.Contains(Status);

    public bool IsClockPaused => Status == RefundStatus.AwaitingAdvertiser;

    public static IReadOnlyList<RefundStatus> OpenStates => OpenStatuses;

    public static string FormatReference(long number) => $"RF-{number}";

    protected override string ReferencePrefix => "RF";

    public static RefundRequest File(
        Promotion promotion,
        Guid organisationId,
        RefundReason reason,
        string description,
        Money requested,
        RefundPreCheck check,
        Guid idempotencyKey,
        Actor advertiser,
        PolicySettings policy,
        DateTimeOffset now)
    {
        DomainRuleException.Check(check.Eligible, check.RefusalRule ?? RuleCodes.RefundIneligible, check.RefusalReason ?? $"This promotion is not eligible for a refund.");
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(description), RuleCodes.RefundDescription, $"Describe the issue.");
        DomainRuleException.Check(requested.Currency == promotion.Currency, RuleCodes.RefundCurrency, $"The amount must be in the promotion's currency ({promotion.Currency}).");
        DomainRuleException.Check(requested.IsPositive, RuleCodes.RefundAmountPositive, $"The amount asked for must be more than zero.");
        DomainRuleException.Check(
            requested.Amount <= check.Refundable.Amount,
            RuleCodes.RefundOverSpend,
            $"You can ask for at most {check.Refundable}: that is what was spent on this promotion less what has already been refunded.");
        DomainRuleException.Check(advertiser.Kind == ActorKind.Advertiser && advertiser.UserId is not null, RuleCodes.RefundFiledByAdvertiser, $"Only an advertiser can file a refund request.");

        var request = new RefundRequest
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = organisationId,
            AdAccountId = promotion.AdAccountId,
            PromotionId = promotion.Id,
            CampaignExternalId = promotion.ExternalCampaignId,
            Reason = reason,
            Description = description.Trim(),
            Currency = requested.Currency,
            RequestedAmount = requested.Amount,
            SuggestedAmount = check.SuggestedRefund?.Amount,
            Status = RefundStatus.Submitted,
            FiledAt = now,
            FiledById = advertiser.UserId!.Value,
            FiledByName = advertiser.DisplayName,
            IdempotencyKey = idempotencyKey,
            ResponseDueAt = now + policy.FirstResponse,
            UpdatedAt = now,
        };
        request.RecomputeClock();
        request.Record(RefundEventKind.Filed, advertiser, now, null, RefundStatus.Submitted, request.Description, EventValues.Of(EventValue.Amount, requested));
        return request;
    }

    /// <summary>A staff member takes the case. Claiming a submitted or disputed case starts its review.</summary>
    public override void Claim(Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        RequireOpen("claim");
        RequireUnclaimedOrMine(staff, RuleCodes.RefundAlreadyClaimed, "case");
        var from = Status;
        Status = Status is RefundStatus.Submitted or RefundStatus.Disputed ? RefundStatus.InReview : Status;
        Record(RefundEventKind.Claimed, staff, now, from, Status, values: Assign(staff.UserId, staff.DisplayName));
    }

    /// <summary>Gives the case to a member of staff: by staff, or by the system when it routes a dispute.</summary>
    public override void AssignTo(Guid assigneeId, string assigneeName, Actor staff, DateTimeOffset now)
    {
        DomainRuleException.Check(staff.Kind is ActorKind.Staff or ActorKind.System, RuleCodes.RefundStaffOnly, $"Only support staff can do this.");
        RequireOpen("assign");
        Record(RefundEventKind.Assigned, staff, now, Status, Status, values: Assign(assigneeId, assigneeName));
    }

    public void RequestInformation(string question, DateTimeOffset dueAt, Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        RequireStatus("request information", RefundStatus.Submitted, RefundStatus.InReview);
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(question), RuleCodes.RefundQuestion, $"Write the question for the advertiser.");
        DomainRuleException.Check(dueAt > now, RuleCodes.RefundInfoDue, $"The due date for the answer must be in the future.");
        var from = Status;
        PausedRemaining = ResponseDueAt is { } due ? due - now : null;
        Responded(now);
        Status = RefundStatus.AwaitingAdvertiser;
        OpenQuestion = question.Trim();
        InformationDueAt = dueAt;
        FollowUpDueAt = null;
        RecomputeClock();
        Record(RefundEventKind.InformationRequested, staff, now, from, Status, OpenQuestion, EventValues.Of(EventValue.AnswerDue, dueAt));
    }

    /// <summary>
    /// The advertiser answers; the response clock resumes with exactly the time it had left when it paused (overdue stays
    /// overdue). Only a case that had no response target running gets the reply target.
    /// </summary>
    public void ProvideInformation(string answer, Actor advertiser, PolicySettings policy, DateTimeOffset now)
    {
        RequireAdvertiser(advertiser);
        RequireStatus("answer", RefundStatus.AwaitingAdvertiser);
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(answer), RuleCodes.RefundAnswer, $"Write your answer.");
        ResponseDueAt = now + (PausedRemaining ?? policy.ReplyAnswer);
        PausedRemaining = null;
        OpenQuestion = null;
        InformationDueAt = null;
        Status = RefundStatus.InReview;
        RecomputeClock();
        Record(RefundEventKind.InformationProvided, advertiser, now, RefundStatus.AwaitingAdvertiser, Status, answer.Trim());
    }

    /// <summary>
    /// A follow-up is shown to staff. Only the first one staff have not answered sets an answer target;
    /// more follow-ups change nothing else, so repeating them does not move a case up the queue. A case still waiting
    /// for its first response keeps that target: the first response answers the follow-up too, so filing and following
    /// up at once cannot jump the queue.
    /// </summary>
    public void FollowUp(string message, Actor advertiser, PolicySettings policy, DateTimeOffset now)
    {
        RequireAdvertiser(advertiser);
        RequireOpen("follow up on");
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(message), RuleCodes.RefundFollowUpText, $"Write your follow-up.");
        FollowUpCount++;
        LastFollowUpAt = now;
        if (FollowUpDueAt is null && Status != RefundStatus.AwaitingAdvertiser && !IsAwaitingFirstResponse)
        {
            FollowUpDueAt = now + policy.FollowUpAnswer;
        }

        RecomputeClock();
        Record(RefundEventKind.FollowedUp, advertiser, now, Status, Status, message.Trim());
    }

    /// <summary>A public message from staff; it answers any pending follow-up.</summary>
    public void Reply(string message, Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        RequireOpen("reply on");
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(message), RuleCodes.RefundReplyText, $"Write your reply.");
        FollowUpDueAt = null;
        Responded(now);
        RecomputeClock();
        Record(RefundEventKind.StaffReplied, staff, now, Status, Status, message.Trim());
    }

    public void AddInternalNote(string note, Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(note), RuleCodes.RefundNoteText, $"Write the note.");
        Record(RefundEventKind.InternalNote, staff, now, Status, Status, note.Trim(), audience: EventAudience.StaffOnly);
    }

    public void RecordAttachment(string fileName, Actor actor, DateTimeOffset now)
    {
        Record(RefundEventKind.AttachmentAdded, actor, now, Status, Status, values: EventValues.Of(EventValue.File, fileName));
    }

    /// <summary>Approves the amount given: the whole request (approved) or part of it (partially approved).</summary>
    /// <param name="amount">The amount approved.</param>
    /// <param name="reason">Why, in words the advertiser reads.</param>
    /// <param name="refundable">What is still refundable on the promotion, not counting this request.</param>
    /// <param name="staff">Who decides.</param>
    /// <param name="policyVersion">The policy settings version in force.</param>
    /// <param name="now">The clock.</param>
    public void Approve(Money amount, string reason, Money refundable, Actor staff, int policyVersion, DateTimeOffset now)
    {
        RequireStaff(staff);
        RequireDecidable();
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(reason), RuleCodes.RefundDecisionReason, $"Give the reason the advertiser will read.");
        DomainRuleException.Check(amount.Currency == Currency, RuleCodes.RefundCurrency, $"The amount must be in {Currency}.");
        DomainRuleException.Check(amount.IsPositive, RuleCodes.RefundAmountPositive, $"An approved amount must be more than zero; deny the request instead.");
        DomainRuleException.Check(amount.Amount <= RequestedAmount, RuleCodes.RefundOverRequest, $"You can approve at most the {Requested} the advertiser asked for.");
        DomainRuleException.Check(
            amount.Amount <= refundable.Amount,
            RuleCodes.RefundOverSpend,
            $"Only {refundable} of this promotion's spend is still refundable, so {amount} cannot be approved.");
        var from = Status;
        var change = EventValues.Change(EventValue.ApprovedAmount, Approved?.ToString(), amount.ToString());
        Status = amount.Amount == RequestedAmount ? RefundStatus.Approved : RefundStatus.PartiallyApproved;
        ApprovedAmount = amount.Amount;
        Decide(reason, null, staff, policyVersion, now);
        Record(Status == RefundStatus.Approved ? RefundEventKind.Approved : RefundEventKind.PartiallyApproved, staff, now, from, Status, DecisionReason, change);
    }

    public void Deny(string reason, string eligibilityAdvice, Actor staff, int policyVersion, DateTimeOffset now)
    {
        RequireStaff(staff);
        RequireDecidable();
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(reason), RuleCodes.RefundDecisionReason, $"Give the reason the advertiser will read.");
        DomainRuleException.Check(
            !string.IsNullOrWhiteSpace(eligibilityAdvice),
            RuleCodes.RefundDenialAdvice,
            $"Say what would have made the request eligible.");
        var from = Status;
        Status = RefundStatus.Denied;
        ApprovedAmount = null;
        Decide(reason, eligibilityAdvice.Trim(), staff, policyVersion, now);
        Record(RefundEventKind.Denied, staff, now, from, Status, DecisionReason, EventValues.Of(EventValue.EligibilityAdvice, EligibilityAdvice));
    }

    /// <summary>The advertiser disputes a denial or partial approval, once, with new evidence or clarification.</summary>
    public void Dispute(string clarification, Actor advertiser, PolicySettings policy, DateTimeOffset now)
    {
        RequireAdvertiser(advertiser);
        DomainRuleException.Check(!HasBeenDisputed, RuleCodes.RefundDisputeOnce, $"This decision is final: a request can be disputed only once.");
        RequireStatus("dispute", RefundStatus.Denied, RefundStatus.PartiallyApproved);
        DomainRuleException.Check(!string.IsNullOrWhiteSpace(clarification), RuleCodes.RefundDisputeText, $"Explain what is new: evidence or clarification.");
        var from = Status;
        HasBeenDisputed = true;
        Status = RefundStatus.Disputed;
        Assign(null, null);
        ResponseDueAt = now + policy.FirstResponse;
        StaffRespondedAt = null;
        FollowUpDueAt = null;
        ReminderSentForDueAt = null;
        RecomputeClock();
        Record(RefundEventKind.Disputed, advertiser, now, from, Status, clarification.Trim());
    }

    /// <summary>Pays the approved amount. The caller writes the returned credit in the same transaction.</summary>
    /// <param name="refundable">What is still refundable on the promotion, not counting this request.</param>
    /// <param name="staff">Who pays.</param>
    /// <param name="now">The clock.</param>
    public Accounts.LedgerEntry Pay(Money refundable, Actor staff, DateTimeOffset now)
    {
        RequireStaff(staff);
        DomainRuleException.Check(Status != RefundStatus.Refunded, RuleCodes.RefundAlreadyPaid, $"This refund was already paid on {Ace.AceText.When(RefundedAt ?? DateTimeOffset.MinValue)}.");
        RequireStatus("pay", RefundStatus.Approved, RefundStatus.PartiallyApproved);
        var amount = Approved!.Value;
        DomainRuleException.Check(
            amount.Amount <= refundable.Amount,
            RuleCodes.RefundOverSpend,
            $"Paying {amount} would take this promotion's refunds above what was spent (only {refundable} is left).");
        var from = Status;
        Status = RefundStatus.Refunded;
        RefundedAt = now;
        Record(RefundEventKind.Refunded, staff, now, from, Status, values: EventValues.Of(EventValue.RefundedAmount, amount));
        return Accounts.LedgerEntry.RefundCredit(AdAccountId, Id, amount, $"Refund {Reference}", now);
    }

    public void Withdraw(Actor advertiser, DateTimeOffset now)
    {
        RequireAdvertiser(advertiser);
        RequireOpen("withdraw");
        var from = Status;
        Status = RefundStatus.Withdrawn;
        CloseClock();
        Record(RefundEventKind.Withdrawn, advertiser, now, from, Status);
    }

    public void MarkReminderSent(DateTimeOffset dueAt) => ReminderSentForDueAt = dueAt;

    private void Decide(string reason, string? advice, Actor staff, int policyVersion, DateTimeOffset now)
    {
        Decided(reason, staff, policyVersion, now);
        EligibilityAdvice = advice;
        Responded(now);
        CloseClock();
    }

    private void Responded(DateTimeOffset now)
    {
        if (FirstResponseAt is null)
        {
            FirstResponseAt = now;
            FirstResponseMet = ClockDueAt is not { } due || now <= due;
        }

        StaffRespondedAt = now;
    }

    private void CloseClock()
    {
        ResponseDueAt = null;
        FollowUpDueAt = null;
        PausedRemaining = null;
        OpenQuestion = null;
        InformationDueAt = null;
        RecomputeClock();
    }

    private void RecomputeClock()
    {
        if (!IsOpen || Status == RefundStatus.AwaitingAdvertiser)
        {
            ClockDueAt = null;
            return;
        }

        ClockDueAt = (ResponseDueAt, FollowUpDueAt) switch
        {
            ({ } r, { } f) => r < f ? r : f,
            ({ } r, null) => r,
            (null, { } f) => f,
            _ => null,
        };
    }

    private void RequireDecidable()
    {
        DomainRuleException.Check(
            Status is RefundStatus.Submitted or RefundStatus.InReview,
            RuleCodes.RefundNotDecidable,
            Status switch
            {
                RefundStatus.Withdrawn => (FormattableString)$"This request was withdrawn by the advertiser, so it cannot be decided.",
                RefundStatus.AwaitingAdvertiser => $"This case is waiting for the advertiser's answer; decide it once they have answered.",
                RefundStatus.Disputed => $"Claim the disputed case to review it before deciding.",
                _ when DecidedByName is { } by => $"This case is {Describe(Status)} by {by} and cannot be decided again.",
                _ => $"This case is {Describe(Status)} and cannot be decided again.",
            });
    }

    private void RequireOpen(string action) =>
        DomainRuleException.Check(IsOpen, RuleCodes.RefundClosed, $"You cannot {action} a case that is {Describe(Status)}.");

    private void RequireStatus(string action, params RefundStatus[] allowed) =>
        DomainRuleException.Check(allowed.Contains(Status), RuleCodes.RefundWrongStatus, $"You cannot {action} a case that is {Describe(Status)}.");

    private static void RequireStaff(Actor actor) =>
        DomainRuleException.Check(actor.Kind == ActorKind.Staff, RuleCodes.RefundStaffOnly, $"Only support staff can do this.");

    private void RequireAdvertiser(Actor actor) =>
        DomainRuleException.Check(actor.Kind == ActorKind.Advertiser, RuleCodes.RefundAdvertiserOnly, $"Only the advertiser can do this.");

    protected override RefundEvent NewEvent(int sequence, RefundEventKind kind, Actor actor, DateTimeOffset at, RefundStatus? from, RefundStatus? to, string? text, EventValues? values, EventAudience audience) =>
        new(Id, sequence, kind, actor, at, from, to, text, values, isInternal: audience == EventAudience.StaffOnly);

    public static string Describe(RefundStatus status) => status switch
    {
        RefundStatus.Submitted => "submitted",
        RefundStatus.InReview => "in review",
        RefundStatus.AwaitingAdvertiser => "awaiting the advertiser",
        RefundStatus.Approved => "approved",
        RefundStatus.PartiallyApproved => "partially approved",
        RefundStatus.Denied => "denied",
        RefundStatus.Disputed => "disputed",
        RefundStatus.Refunded => "refunded",
        RefundStatus.Withdrawn => "withdrawn",
        _ => status.ToString(),
    };
}
