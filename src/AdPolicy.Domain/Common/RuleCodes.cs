namespace AdPolicy.Domain.Common;

/// <summary>
/// The stable codes of the domain's rules (<see cref="DomainRuleException.Rule"/>): tests, logs, the API's problem
/// details and the pages refer to these constants, never to the strings.
/// </summary>
public static class RuleCodes
{
    public const string AccountSuspended = "account-suspended";

    public const string AceAdvertiserOnly = "ace-advertiser-only";

    public const string AceAlreadyClaimed = "ace-already-claimed";

    public const string AceAlreadyOverdue = "ace-already-overdue";

    public const string AceAlreadyWithdrawn = "ace-already-withdrawn";

    public const string AceAssignee = "ace-assignee";

    public const string AceComplainantEmail = "ace-complainant-email";

    public const string AceComplainantName = "ace-complainant-name";

    public const string AceComplainantMessage = "ace-complainant-message";

    public const string AceContestClosed = "ace-contest-closed";

    public const string AceContestOnce = "ace-contest-once";

    public const string AceContestReason = "ace-contest-reason";

    public const string AceContestSameReviewer = "ace-contest-same-reviewer";

    public const string AceContestWindow = "ace-contest-window";

    public const string AceNotContested = "ace-not-contested";

    public const string AcePseudonym = "ace-pseudonym";

    public const string AceComplainantOnly = "ace-complainant-only";

    public const string AceComplaintClosed = "ace-complaint-closed";

    public const string AceCooperationText = "ace-cooperation-text";

    public const string AceDeadlineNotMissed = "ace-deadline-not-missed";

    public const string AceDeadlineOtherComplaint = "ace-deadline-other-complaint";

    public const string AceDecisionReason = "ace-decision-reason";

    public const string AceDescription = "ace-description";

    public const string AceFiledBy = "ace-filed-by";

    public const string AceGroupDecision = "ace-group-decision";

    public const string AceGroupViolation = "ace-group-violation";

    public const string AceIpComplainantRole = "ace-ip-complainant-role";

    public const string AceIpRightConcerned = "ace-ip-right-concerned";

    public const string AceNotDecidable = "ace-not-decidable";

    public const string AceNotDuplicate = "ace-not-duplicate";

    public const string AceNoteText = "ace-note-text";

    public const string AceOverdueDecided = "ace-overdue-decided";

    public const string AceReopenNotUpheld = "ace-reopen-not-upheld";

    public const string AceReopenReason = "ace-reopen-reason";

    public const string AceRestoredText = "ace-restored-text";

    public const string AceSplitAlone = "ace-split-alone";

    public const string AceStaffOnly = "ace-staff-only";

    public const string AceTrackingRevoked = "ace-tracking-revoked";

    public const string AceTrackingToken = "ace-tracking-token";

    public const string AceUserComplainantRole = "ace-user-complainant-role";

    public const string AceUserRightConcerned = "ace-user-right-concerned";

    public const string AceWithdrawRejected = "ace-withdraw-rejected";

    public const string AdAlreadyRemoved = "ad-already-removed";

    public const string AdNotStopped = "ad-not-stopped";

    public const string DeadlineClosedComplaint = "deadline-closed-complaint";

    public const string DeadlineComplaintNeeded = "deadline-complaint-needed";

    public const string DeadlineEnded = "deadline-ended";

    public const string DeadlineNotDue = "deadline-not-due";

    public const string DeadlineNotMissed = "deadline-not-missed";

    public const string DeadlineOutcome = "deadline-outcome";

    public const string DeadlinePass = "deadline-pass";

    public const string DeadlinePassed = "deadline-passed";

    public const string DeadlineReinstate = "deadline-reinstate";

    public const string DeadlineNotDelivered = "deadline-not-delivered";

    public const string DeadlineReminderSent = "deadline-reminder-sent";

    public const string DeadlineRemovedViolation = "deadline-removed-violation";

    public const string EnforcementEventText = "enforcement-event-text";

    public const string EnforcementReason = "enforcement-reason";

    public const string EvidenceEmpty = "evidence-empty";

    public const string EvidenceHash = "evidence-hash";

    public const string LedgerCreditPositive = "ledger-credit-positive";

    public const string PromotionCurrency = "promotion-currency";

    public const string PromotionDates = "promotion-dates";

    public const string PromotionNotStopped = "promotion-not-stopped";

    public const string PromotionPause = "promotion-pause";

    public const string PromotionResume = "promotion-resume";

    public const string PromotionStopStatus = "promotion-stop-status";

    public const string QualityScoreRange = "quality-score-range";

    public const string RefundAdvertiserOnly = "refund-advertiser-only";

    public const string RefundAlreadyClaimed = "refund-already-claimed";

    public const string RefundAlreadyGranted = "refund-already-granted";

    public const string RefundAlreadyOpen = "refund-already-open";

    public const string RefundAlreadyPaid = "refund-already-paid";

    public const string RefundAmountPositive = "refund-amount-positive";

    public const string RefundAnswer = "refund-answer";

    public const string RefundClosed = "refund-closed";

    public const string RefundCurrency = "refund-currency";

    public const string RefundDecisionReason = "refund-decision-reason";

    public const string RefundDenialAdvice = "refund-denial-advice";

    public const string RefundDescription = "refund-description";

    public const string RefundDisputeOnce = "refund-dispute-once";

    public const string RefundDisputeText = "refund-dispute-text";

    public const string RefundFiledByAdvertiser = "refund-filed-by-advertiser";

    public const string RefundFollowUpText = "refund-follow-up-text";

    public const string RefundIneligible = "refund-ineligible";

    public const string RefundInfoDue = "refund-info-due";

    public const string RefundNoPolicyStop = "refund-no-policy-stop";

    public const string RefundNoShortfall = "refund-no-shortfall";

    public const string RefundNotDecidable = "refund-not-decidable";

    public const string RefundNotStarted = "refund-not-started";

    public const string RefundNoteText = "refund-note-text";

    public const string RefundNothingSpent = "refund-nothing-spent";

    public const string RefundOverRequest = "refund-over-request";

    public const string RefundOverSpend = "refund-over-spend";

    public const string RefundQuestion = "refund-question";

    public const string RefundReplyText = "refund-reply-text";

    public const string RefundStaffOnly = "refund-staff-only";

    public const string RefundWrongStatus = "refund-wrong-status";

    public const string ReviewAdvertiserOnly = "review-advertiser-only";

    public const string ReviewAlreadyClaimed = "review-already-claimed";

    public const string ReviewDecisionReason = "review-decision-reason";

    public const string ReviewEvidenceFile = "review-evidence-file";

    public const string ReviewEvidenceIncomplete = "review-evidence-incomplete";

    public const string ReviewEvidenceKind = "review-evidence-kind";

    public const string ReviewIssueType = "review-issue-type";

    public const string ReviewItemCheckFailed = "review-item-check-failed";

    public const string ReviewItemsNotAccepted = "review-items-not-accepted";

    public const string ReviewItemAwaitingAdvertiser = "review-item-awaiting-advertiser";

    public const string ReviewItemNotReturned = "review-item-not-returned";

    public const string ReviewReplacementMissing = "review-replacement-missing";

    public const string ReviewNotDecidable = "review-not-decidable";

    public const string ReviewStaffOnly = "review-staff-only";

    public const string ReviewStatement = "review-statement";

    public const string ReviewSubject = "review-subject";

    public const string ReviewSupportingFile = "review-supporting-file";

    public const string ReviewVerdict = "review-verdict";

    public const string ReviewVerdictNote = "review-verdict-note";

    public const string ReviewWrongStatus = "review-wrong-status";

    public const string SanctionAlreadyEnded = "sanction-already-ended";

    public const string SanctionChangeReason = "sanction-change-reason";

    public const string SanctionEndPast = "sanction-end-past";

    public const string SanctionNotInForce = "sanction-not-in-force";

    public const string SanctionShortenLater = "sanction-shorten-later";

    public const string SanctionShortenPast = "sanction-shorten-past";

    public const string StrikeAlreadyCleared = "strike-already-cleared";

    public const string TextTooLong = "text-too-long";

    public const string ViolationAlreadyNotified = "violation-already-notified";

    public const string ViolationAlreadyRemoved = "violation-already-removed";

    public const string ViolationCategory = "violation-category";

    public const string ViolationNotStrike = "violation-not-strike";

    public const string ViolationPass = "violation-pass";

    public const string ViolationReason = "violation-reason";

    public const string ViolationStaffOnly = "violation-staff-only";

    public const string ViolationTier = "violation-tier";
}
