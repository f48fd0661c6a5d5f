using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using Xunit;

namespace AdPolicy.Domain.Tests.Appeals;

internal static class Appeals
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly Actor Advertiser = Actor.Advertiser(Guid.NewGuid(), "Ana Advertiser");
    public static readonly Actor Reviewer = Actor.Staff(Guid.NewGuid(), "Rui Reviewer");

    /// <summary>A video check that failed: the video lasts <paramref name="seconds"/>, under the policy's 10.</summary>
    public static EvidenceCheckResult TooShort(decimal seconds) =>
        EvidenceRules.CheckVideo(new VideoFacts(TimeSpan.FromSeconds((double)seconds)), PolicySettings.Defaults);
    public static readonly Actor OtherReviewer = Actor.Staff(Guid.NewGuid(), "Olga Other");

    public static readonly EvidenceCheckResult Passed = EvidenceCheckResult.Pass(Fact.Of(FactKind.VideoLasts, EventValues.Of(EventValue.Seconds, "12")));

    public static ReviewRequest Draft(IssueType issueType = IssueType.Fulfilment, bool refusedRefund = false) =>
        ReviewRequest.Create(Guid.NewGuid(), Guid.NewGuid(), SubjectKind.Violation, Guid.NewGuid(), issueType, refusedRefund, "The orders were all delivered.", Advertiser, Now);

    public static ReviewRequest Complete(IssueType issueType = IssueType.Fulfilment)
    {
        var request = Draft(issueType);
        foreach (var item in request.Items)
        {
            request.AttachEvidence(item.Kind, Guid.NewGuid(), Passed, Advertiser, Now.AddMinutes(5));
        }

        return request;
    }

    public static ReviewRequest Submitted()
    {
        var request = Complete();
        request.Submit(Advertiser, PolicySettings.Defaults, Now.AddMinutes(10));
        return request;
    }

    public static ReviewRequest InReview()
    {
        var request = Submitted();
        request.Claim(Reviewer, Now.AddHours(1));
        return request;
    }

    public static void AcceptAll(ReviewRequest request)
    {
        foreach (var item in request.Items)
        {
            request.ReviewItem(item.Kind, ReviewVerdict.Accepted, null, Reviewer, Now.AddHours(2));
        }
    }
}

public class ReviewRequestCreateTests
{
    [Theory]
    [InlineData(IssueType.Fulfilment, false, 3)]
    [InlineData(IssueType.BusinessModel, false, 2)]
    [InlineData(IssueType.BusinessModel, true, 3)]
    [InlineData(IssueType.PhysicalHarm, false, 2)]
    [InlineData(IssueType.DataSecurity, false, 1)]
    public void Create_BuildsTheChecklistFromTheMatrix(IssueType issueType, bool refusedRefund, int items)
    {
        var request = Appeals.Draft(issueType, refusedRefund);

        Assert.Equal(items, request.Items.Count);
        Assert.Equal(RequirementMatrix.RequiredKinds(issueType, refusedRefund), request.Items.Select(i => i.Kind));
        Assert.All(request.Items, i => Assert.Null(i.CheckPassed));
        Assert.Equal(ReviewStatus.Draft, request.Status);
        Assert.False(request.IsComplete);
        Assert.Equal(ReviewEventKind.Created, Assert.Single(request.Events).Kind);
    }

    [Fact]
    public void Create_WithoutAStatement_IsRefused()
    {
        var error = Assert.Throws<DomainRuleException>(() => ReviewRequest.Create(
            Guid.NewGuid(), Guid.NewGuid(), SubjectKind.Strike, Guid.NewGuid(), IssueType.Fulfilment, false, "  ", Appeals.Advertiser, Appeals.Now));

        Assert.Equal("review-statement", error.Rule);
    }

    [Fact]
    public void Create_ByStaff_IsRefused()
    {
        var error = Assert.Throws<DomainRuleException>(() => ReviewRequest.Create(
            Guid.NewGuid(), Guid.NewGuid(), SubjectKind.Strike, Guid.NewGuid(), IssueType.Fulfilment, false, "Wrong.", Appeals.Reviewer, Appeals.Now));

        Assert.Equal("review-advertiser-only", error.Rule);
    }

    [Fact]
    public void Reference_IsRRAndTheNumber() => Assert.Equal("RR-123", ReviewRequest.FormatReference(123));

    [Fact]
    public void EvidenceReferenceDate_IsTheUtcDayTheAppealWasOpened()
    {
        var request = ReviewRequest.Create(
            Guid.NewGuid(), Guid.NewGuid(), SubjectKind.Strike, Guid.NewGuid(), IssueType.Fulfilment, false, "Wrong.",
            Appeals.Advertiser, new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.FromHours(-3)));

        Assert.Equal(new DateOnly(2026, 3, 2), request.EvidenceReferenceDate);
    }
}

public class ReviewRequestAttachEvidenceTests
{
    [Fact]
    public void Attach_RecordsTheFileAndItsCheck()
    {
        var request = Appeals.Draft();
        var fileId = Guid.NewGuid();
        var failed = Appeals.TooShort(9.5m);

        request.AttachEvidence(EvidenceKind.ProductVideo, fileId, failed, Appeals.Advertiser, Appeals.Now);

        var item = request.Item(EvidenceKind.ProductVideo);
        Assert.Equal(fileId, item.EvidenceFileId);
        Assert.False(item.CheckPassed);
        Assert.Equal([Appeals.TooShort(9.5m).Findings[0]], item.Findings);
        Assert.Equal(Appeals.TooShort(9.5m).Findings, request.Events[^1].Facts);
        Assert.Equal(ReviewEventKind.EvidenceAttached, request.Events[^1].Kind);
    }

    [Fact]
    public void Attach_ReplacesThePreviousFile()
    {
        var request = Appeals.Draft();
        var second = Guid.NewGuid();
        request.AttachEvidence(EvidenceKind.ProductVideo, Guid.NewGuid(), Appeals.TooShort(2), Appeals.Advertiser, Appeals.Now);

        request.AttachEvidence(EvidenceKind.ProductVideo, second, Appeals.Passed, Appeals.Advertiser, Appeals.Now.AddMinutes(1));

        var item = request.Item(EvidenceKind.ProductVideo);
        Assert.Equal(second, item.EvidenceFileId);
        Assert.True(item.CheckPassed);
        Assert.Empty(item.Findings);
    }

    [Fact]
    public void Attach_ForAnItemTheIssueTypeDoesNotNeed_IsRefused()
    {
        var request = Appeals.Draft(IssueType.BusinessModel, refusedRefund: false);

        var error = Assert.Throws<DomainRuleException>(() =>
            request.AttachEvidence(EvidenceKind.RefundOrReturnProof, Guid.NewGuid(), Appeals.Passed, Appeals.Advertiser, Appeals.Now));

        Assert.Equal("review-evidence-kind", error.Rule);
    }

    [Fact]
    public void Attach_ByTheAdvertiserAfterSubmitting_IsRefused()
    {
        var request = Appeals.Submitted();

        var error = Assert.Throws<DomainRuleException>(() =>
            request.AttachEvidence(EvidenceKind.ProductVideo, Guid.NewGuid(), Appeals.Passed, Appeals.Advertiser, Appeals.Now));

        Assert.Equal("review-wrong-status", error.Rule);
    }

    [Fact]
    public void Attach_ByAReviewer_ClearsTheItemsVerdict()
    {
        var request = Appeals.InReview();
        request.ReviewItem(EvidenceKind.ProductVideo, ReviewVerdict.Accepted, null, Appeals.Reviewer, Appeals.Now.AddHours(2));

        request.AttachEvidence(EvidenceKind.ProductVideo, Guid.NewGuid(), Appeals.Passed, Appeals.Reviewer, Appeals.Now.AddHours(3));

        Assert.Equal(ReviewVerdict.None, request.Item(EvidenceKind.ProductVideo).Verdict);
    }

    [Fact]
    public void SupportingFile_IsOnlyForTheDataSecurityItem()
    {
        var fulfilment = Appeals.Draft();
        var dataSecurity = Appeals.Draft(IssueType.DataSecurity);
        var document = Guid.NewGuid();

        var error = Assert.Throws<DomainRuleException>(() =>
            fulfilment.AttachEvidence(EvidenceKind.ShippingProof, Guid.NewGuid(), Appeals.Passed, Appeals.Advertiser, Appeals.Now, document));
        dataSecurity.AttachEvidence(EvidenceKind.BusinessLegitimacyProof, Guid.NewGuid(), Appeals.Passed, Appeals.Advertiser, Appeals.Now, document);

        Assert.Equal("review-supporting-file", error.Rule);
        Assert.Equal(document, dataSecurity.Item(EvidenceKind.BusinessLegitimacyProof).SupportingFileId);
    }
}

public class ReviewRequestSubmitTests
{
    [Fact]
    public void Submit_WhileAnItemFails_IsRefusedNamingEachFailingItem()
    {
        var request = Appeals.Draft();
        request.AttachEvidence(EvidenceKind.ShippingProof, Guid.NewGuid(), Appeals.Passed, Appeals.Advertiser, Appeals.Now);
        request.AttachEvidence(
            EvidenceKind.ProductVideo,
            Guid.NewGuid(),
            Appeals.TooShort(9.5m),
            Appeals.Advertiser,
            Appeals.Now);

        var error = Assert.Throws<DomainRuleException>(() => request.Submit(Appeals.Advertiser, PolicySettings.Defaults, Appeals.Now));

        Assert.Equal("review-evidence-incomplete", error.Rule);
        Assert.Contains("Product video: VideoTooShort(minimum=10, seconds=9.5)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unboxing video: no file is attached.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Shipping proof", error.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.Draft, request.Status);
    }

    [Fact]
    public void Submit_WhenEveryItemPassed_SendsItToReview()
    {
        var request = Appeals.Complete();

        request.Submit(Appeals.Advertiser, PolicySettings.Defaults, Appeals.Now.AddMinutes(10));

        Assert.Equal(ReviewStatus.Submitted, request.Status);
        Assert.Equal(Appeals.Now.AddMinutes(10), request.SubmittedAt);
        Assert.Equal(ReviewEventKind.Submitted, request.Events[^1].Kind);
    }

    [Fact]
    public void Submit_StartsTheReviewClock_FromThePolicyInForce()
    {
        var request = Appeals.Complete();

        request.Submit(Appeals.Advertiser, PolicySettings.Defaults with { ReviewFirstResponseHours = 24 }, Appeals.Now);

        Assert.Equal(Appeals.Now.AddHours(24), request.ReviewDueAt);
    }

    [Fact]
    public void AssignTo_ADraft_IsRefused_ASubmittedAppealGoesToTheReviewerNamed()
    {
        var draft = Appeals.Complete();
        Assert.Equal("review-wrong-status", Assert.Throws<DomainRuleException>(() => draft.AssignTo(Guid.NewGuid(), "Rui", Appeals.Reviewer, Appeals.Now)).Rule);
        var submitted = Appeals.Submitted();
        var reviewerId = Guid.NewGuid();

        submitted.AssignTo(reviewerId, "Rui Reviewer", Appeals.OtherReviewer, Appeals.Now);

        Assert.Equal(reviewerId, submitted.AssigneeId);
        Assert.Equal(ReviewEventKind.Assigned, submitted.Events[^1].Kind);
        Assert.Equal(ReviewStatus.Submitted, submitted.Status);
    }

    [Fact]
    public void AttachEvidence_KeepsTheCertificateAsEntered_AndANewFileReplacesIt()
    {
        var request = ReviewRequest.Create(
            Guid.NewGuid(), Guid.NewGuid(), SubjectKind.Suspension, Guid.NewGuid(), IssueType.PhysicalHarm, false, "Certified.", Appeals.Advertiser, Appeals.Now);
        var certificate = new CertificateFacts("Food Safety Agency", "FSA-1", new DateOnly(2025, 1, 1), new DateOnly(2027, 1, 1));

        request.AttachEvidence(EvidenceKind.QualityCertificate, Guid.NewGuid(), Appeals.Passed, Appeals.Advertiser, Appeals.Now, details: new EvidenceDetails(certificate));

        Assert.Equal(certificate, request.Item(EvidenceKind.QualityCertificate).Certificate);
        request.AttachEvidence(EvidenceKind.QualityCertificate, Guid.NewGuid(), Appeals.Passed, Appeals.Advertiser, Appeals.Now);
        Assert.Null(request.Item(EvidenceKind.QualityCertificate).Certificate);
    }

    [Fact]
    public void Submit_Twice_IsRefused()
    {
        var request = Appeals.Submitted();

        Assert.Equal("review-wrong-status", Assert.Throws<DomainRuleException>(() => request.Submit(Appeals.Advertiser, PolicySettings.Defaults, Appeals.Now)).Rule);
    }
}

public class ReviewRequestDecisionTests
{
    [Fact]
    public void Claim_ByASecondReviewer_IsRefused()
    {
        var request = Appeals.InReview();

        var error = Assert.Throws<DomainRuleException>(() => request.Claim(Appeals.OtherReviewer, Appeals.Now));

        Assert.Equal("review-already-claimed", error.Rule);
        Assert.Equal(Appeals.Reviewer.UserId, request.AssigneeId);
    }

    [Fact]
    public void Approve_BeforeClaiming_IsRefused()
    {
        var request = Appeals.Submitted();

        var error = Assert.Throws<DomainRuleException>(() => request.Approve("Evidence is convincing.", Appeals.Reviewer, Appeals.Now));

        Assert.Equal("review-not-decidable", error.Rule);
    }

    [Fact]
    public void Approve_WithAnItemNotAccepted_IsRefusedNamingIt()
    {
        var request = Appeals.InReview();
        request.ReviewItem(EvidenceKind.ShippingProof, ReviewVerdict.Accepted, null, Appeals.Reviewer, Appeals.Now.AddHours(2));

        var error = Assert.Throws<DomainRuleException>(() => request.Approve("Fine.", Appeals.Reviewer, Appeals.Now.AddHours(3)));

        Assert.Equal("review-items-not-accepted", error.Rule);
        Assert.Contains("Product video is not reviewed yet.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unboxing video is not reviewed yet.", error.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.InReview, request.Status);
    }

    [Fact]
    public void Approve_WhileTheAdvertiserReplacesARejectedItem_IsRefused()
    {
        var request = Appeals.InReview();
        request.ReviewItem(EvidenceKind.ProductVideo, ReviewVerdict.Rejected, "The video shows an empty room.", Appeals.Reviewer, Appeals.Now.AddHours(2));

        var error = Assert.Throws<DomainRuleException>(() => request.Approve("Fine.", Appeals.Reviewer, Appeals.Now.AddHours(3)));

        Assert.Equal("review-not-decidable", error.Rule);
        Assert.Contains("waiting for the advertiser to replace rejected evidence", error.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.AwaitingAdvertiser, request.Status);
    }

    [Fact]
    public void Approve_WhenEveryItemIsAccepted_RecordsTheDecision()
    {
        var request = Appeals.InReview();
        Appeals.AcceptAll(request);

        request.Approve("The shipping list and videos show the orders were fulfilled.", Appeals.Reviewer, Appeals.Now.AddHours(3));

        Assert.Equal(ReviewStatus.Approved, request.Status);
        Assert.Equal(Appeals.Reviewer.UserId, request.DecidedById);
        Assert.Equal(Appeals.Now.AddHours(3), request.DecidedAt);
        Assert.Equal("The shipping list and videos show the orders were fulfilled.", request.DecisionReason);
        Assert.Equal(ReviewEventKind.Approved, request.Events[^1].Kind);
        Assert.Equal(ReviewStatus.InReview, request.Events[^1].FromStatus);
    }

    [Fact]
    public void Deny_RecordsTheDecision_AndCannotBeDecidedAgain()
    {
        var request = Appeals.InReview();

        request.Deny("The tracking numbers do not match any carrier.", Appeals.Reviewer, Appeals.Now.AddHours(3));

        Assert.Equal(ReviewStatus.Denied, request.Status);
        Assert.Equal("The tracking numbers do not match any carrier.", request.DecisionReason);
        var error = Assert.Throws<DomainRuleException>(() => request.Approve("Changed my mind.", Appeals.Reviewer, Appeals.Now.AddHours(4)));
        Assert.Equal("review-not-decidable", error.Rule);
    }

    [Fact]
    public void Deny_WithoutAReason_IsRefused()
    {
        var request = Appeals.InReview();

        Assert.Equal("review-decision-reason", Assert.Throws<DomainRuleException>(() => request.Deny(" ", Appeals.Reviewer, Appeals.Now)).Rule);
        Assert.Equal(ReviewStatus.InReview, request.Status);
    }

    [Fact]
    public void Decide_ByTheAdvertiser_IsRefused()
    {
        var request = Appeals.InReview();

        Assert.Equal("review-staff-only", Assert.Throws<DomainRuleException>(() => request.Deny("No.", Appeals.Advertiser, Appeals.Now)).Rule);
    }

    [Fact]
    public void RejectItem_WithoutANote_IsRefused()
    {
        var request = Appeals.InReview();

        var error = Assert.Throws<DomainRuleException>(() =>
            request.ReviewItem(EvidenceKind.ProductVideo, ReviewVerdict.Rejected, null, Appeals.Reviewer, Appeals.Now));

        Assert.Equal("review-verdict-note", error.Rule);
    }

    [Fact]
    public void AcceptItem_WhoseCheckFailed_IsRefused()
    {
        var request = Appeals.InReview();
        request.AttachEvidence(EvidenceKind.MatchVideo, Guid.NewGuid(), Appeals.TooShort(3), Appeals.Reviewer, Appeals.Now);

        var error = Assert.Throws<DomainRuleException>(() =>
            request.ReviewItem(EvidenceKind.MatchVideo, ReviewVerdict.Accepted, null, Appeals.Reviewer, Appeals.Now));

        Assert.Equal("review-item-check-failed", error.Rule);
        Assert.Contains("VideoTooShort(minimum=10, seconds=3)", error.Message, StringComparison.Ordinal);
    }
}

public class ReviewRequestWithdrawTests
{
    [Fact]
    public void Withdraw_AnOpenAppeal_ClosesIt()
    {
        var request = Appeals.InReview();

        request.Withdraw(Appeals.Advertiser, Appeals.Now.AddDays(1));

        Assert.Equal(ReviewStatus.Withdrawn, request.Status);
        Assert.False(request.IsOpen);
        Assert.Equal("review-not-decidable", Assert.Throws<DomainRuleException>(() => request.Deny("No.", Appeals.Reviewer, Appeals.Now)).Rule);
    }

    [Fact]
    public void Withdraw_ADecidedAppeal_IsRefused()
    {
        var request = Appeals.InReview();
        request.Deny("No evidence of delivery.", Appeals.Reviewer, Appeals.Now);

        Assert.Equal("review-wrong-status", Assert.Throws<DomainRuleException>(() => request.Withdraw(Appeals.Advertiser, Appeals.Now)).Rule);
        Assert.Equal(ReviewStatus.Denied, request.Status);
    }
}

/// <summary>Rounds: a rejected item goes back to the advertiser, who replaces it and resubmits; the review clock pauses meanwhile.</summary>
public class ReviewRequestRoundTests
{
    private static readonly EvidenceCheckResult TooShort = Appeals.TooShort(3);

    /// <summary>Submitted at Now+10 min (due Now+72h10m), claimed at Now+1 h, the product video rejected at Now+2 h.</summary>
    private static ReviewRequest Returned()
    {
        var request = Appeals.InReview();
        request.ReviewItem(EvidenceKind.ProductVideo, ReviewVerdict.Rejected, "The video shows an empty room.", Appeals.Reviewer, Appeals.Now.AddHours(2));
        return request;
    }

    [Fact]
    public void RejectItem_SendsTheAppealToTheAdvertiser_AndPausesTheReviewClock()
    {
        var request = Appeals.InReview();
        Assert.Equal(Appeals.Now.AddMinutes(10).AddHours(72), request.ReviewDueAt);

        request.ReviewItem(EvidenceKind.ProductVideo, ReviewVerdict.Rejected, "The video shows an empty room.", Appeals.Reviewer, Appeals.Now.AddHours(2));

        Assert.Equal(ReviewStatus.AwaitingAdvertiser, request.Status);
        Assert.Null(request.ReviewDueAt);
        Assert.Equal(TimeSpan.FromHours(70) + TimeSpan.FromMinutes(10), request.ReviewPausedRemaining);
        Assert.True(request.Item(EvidenceKind.ProductVideo).ReplacementRequested);
        Assert.Equal([EvidenceKind.ProductVideo], request.ItemsToReplace.Select(i => i.Kind));
        var last = request.Events[^1];
        Assert.Equal(ReviewEventKind.ItemReviewed, last.Kind);
        Assert.Equal((ReviewStatus.InReview, ReviewStatus.AwaitingAdvertiser), (last.FromStatus!.Value, last.ToStatus!.Value));
        Assert.Equal("The video shows an empty room.", last.Text);
        Assert.True(request.IsOpen);
    }

    [Fact]
    public void RejectItem_AgainBeforeTheAdvertiserReplacesIt_IsRefused()
    {
        var request = Returned();
        var events = request.Events.Count;

        var error = Assert.Throws<DomainRuleException>(() =>
            request.ReviewItem(EvidenceKind.ProductVideo, ReviewVerdict.Accepted, null, Appeals.Reviewer, Appeals.Now.AddHours(3)));

        Assert.Equal("review-item-awaiting-advertiser", error.Rule);
        Assert.Equal(ReviewVerdict.Rejected, request.Item(EvidenceKind.ProductVideo).Verdict);
        Assert.Equal(events, request.Events.Count);
    }

    [Fact]
    public void ReviewItem_NotSentBack_IsStillPossibleWhileWaiting_AndASecondRejectionKeepsTheClockPaused()
    {
        var request = Returned();
        var paused = request.ReviewPausedRemaining;

        request.ReviewItem(EvidenceKind.ShippingProof, ReviewVerdict.Accepted, null, Appeals.Reviewer, Appeals.Now.AddHours(3));
        request.ReviewItem(EvidenceKind.MatchVideo, ReviewVerdict.Rejected, "It is a different product.", Appeals.Reviewer, Appeals.Now.AddHours(4));

        Assert.Equal(ReviewStatus.AwaitingAdvertiser, request.Status);
        Assert.Equal(paused, request.ReviewPausedRemaining);
        Assert.Equal([EvidenceKind.ProductVideo, EvidenceKind.MatchVideo], request.ItemsToReplace.Select(i => i.Kind));
    }

    [Fact]
    public void Replace_ARejectedItem_KeepsTheOldFileAsAVersion_WithItsCheckAndVerdict()
    {
        var request = Returned();
        var first = request.Item(EvidenceKind.ProductVideo).EvidenceFileId;
        var failing = Guid.NewGuid();
        var passing = Guid.NewGuid();

        request.AttachEvidence(EvidenceKind.ProductVideo, failing, TooShort, Appeals.Advertiser, Appeals.Now.AddHours(5));
        request.AttachEvidence(EvidenceKind.ProductVideo, passing, Appeals.Passed, Appeals.Advertiser, Appeals.Now.AddHours(6));

        var item = request.Item(EvidenceKind.ProductVideo);
        Assert.Equal(3, item.VersionNumber);
        Assert.Equal(passing, item.EvidenceFileId);
        Assert.True(item.CheckPassed);
        Assert.Equal(ReviewVerdict.None, item.Verdict);
        Assert.True(item.ReplacementRequested);
        Assert.Collection(
            item.EarlierVersions,
            v =>
            {
                Assert.Equal((1, first, true), (v.Number, v.EvidenceFileId, v.CheckPassed!.Value));
                Assert.Equal((ReviewVerdict.Rejected, "The video shows an empty room.", "Rui Reviewer"), (v.Verdict, v.VerdictNote, v.ReviewedByName));
                Assert.Equal(Appeals.Now.AddHours(2), v.ReviewedAt);
                Assert.Equal(Appeals.Now.AddHours(5), v.ReplacedAt);
            },
            v =>
            {
                Assert.Equal((2, (Guid?)failing, false), (v.Number, v.EvidenceFileId, v.CheckPassed!.Value));
                Assert.Equal([Appeals.TooShort(3).Findings[0]], v.Findings);
                Assert.Equal(ReviewVerdict.None, v.Verdict);
            });
        Assert.Equal(ReviewStatus.AwaitingAdvertiser, request.Status);
    }

    [Fact]
    public void Replace_AnItemTheReviewerDidNotReject_IsRefused()
    {
        var request = Returned();

        var error = Assert.Throws<DomainRuleException>(() =>
            request.AttachEvidence(EvidenceKind.ShippingProof, Guid.NewGuid(), Appeals.Passed, Appeals.Advertiser, Appeals.Now.AddHours(5)));

        Assert.Equal("review-item-not-returned", error.Rule);
        Assert.Equal(1, request.Item(EvidenceKind.ShippingProof).VersionNumber);
    }

    [Fact]
    public void Resubmit_BeforeTheRejectedItemIsReplaced_IsRefusedNamingIt()
    {
        var request = Returned();

        var error = Assert.Throws<DomainRuleException>(() => request.Resubmit(Appeals.Advertiser, Appeals.Now.AddHours(5)));

        Assert.Equal("review-replacement-missing", error.Rule);
        Assert.Contains("Product video: the rejected file has not been replaced yet.", error.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.AwaitingAdvertiser, request.Status);
    }

    [Fact]
    public void Resubmit_WithAReplacementThatFailsItsCheck_IsRefused()
    {
        var request = Returned();
        request.AttachEvidence(EvidenceKind.ProductVideo, Guid.NewGuid(), TooShort, Appeals.Advertiser, Appeals.Now.AddHours(5));

        var error = Assert.Throws<DomainRuleException>(() => request.Resubmit(Appeals.Advertiser, Appeals.Now.AddHours(6)));

        Assert.Equal("review-evidence-incomplete", error.Rule);
        Assert.Contains("VideoTooShort(minimum=10, seconds=3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resubmit_ResumesTheClockWithTheTimeThatWasLeft_AndTheReviewerJudgesTheNewFile()
    {
        var request = Returned();
        request.AttachEvidence(EvidenceKind.ProductVideo, Guid.NewGuid(), Appeals.Passed, Appeals.Advertiser, Appeals.Now.AddDays(3));

        request.Resubmit(Appeals.Advertiser, Appeals.Now.AddDays(4));

        Assert.Equal(ReviewStatus.InReview, request.Status);
        Assert.Equal(Appeals.Now.AddDays(4) + TimeSpan.FromHours(70) + TimeSpan.FromMinutes(10), request.ReviewDueAt);
        Assert.Null(request.ReviewPausedRemaining);
        Assert.Empty(request.ItemsToReplace);
        Assert.Equal(ReviewEventKind.Resubmitted, request.Events[^1].Kind);
        Assert.Equal(Appeals.Reviewer.UserId, request.AssigneeId);
        Appeals.AcceptAll(request);
        request.Approve("The new video shows the stock.", Appeals.Reviewer, Appeals.Now.AddDays(5));
        Assert.Equal(ReviewStatus.Approved, request.Status);
        Assert.Null(request.ReviewDueAt);
    }

    [Fact]
    public void Resubmit_Twice_IsRefusedTheSecondTime()
    {
        var request = Returned();
        request.AttachEvidence(EvidenceKind.ProductVideo, Guid.NewGuid(), Appeals.Passed, Appeals.Advertiser, Appeals.Now.AddHours(5));
        request.Resubmit(Appeals.Advertiser, Appeals.Now.AddHours(6));
        var events = request.Events.Count;

        var error = Assert.Throws<DomainRuleException>(() => request.Resubmit(Appeals.Advertiser, Appeals.Now.AddHours(6)));

        Assert.Equal("review-wrong-status", error.Rule);
        Assert.Equal(events, request.Events.Count);
    }

    [Fact]
    public void Resubmit_AnOverdueAppeal_StaysOverdue()
    {
        var request = Appeals.InReview();
        request.ReviewItem(EvidenceKind.ProductVideo, ReviewVerdict.Rejected, "Empty room.", Appeals.Reviewer, Appeals.Now.AddHours(80));
        request.AttachEvidence(EvidenceKind.ProductVideo, Guid.NewGuid(), Appeals.Passed, Appeals.Advertiser, Appeals.Now.AddHours(90));

        request.Resubmit(Appeals.Advertiser, Appeals.Now.AddHours(100));

        Assert.Equal(Appeals.Now.AddHours(100) - (TimeSpan.FromHours(80) - TimeSpan.FromHours(72) - TimeSpan.FromMinutes(10)), request.ReviewDueAt);
        Assert.True(request.ReviewDueAt < Appeals.Now.AddHours(100));
    }

    [Fact]
    public void Deny_WhileWaitingForTheAdvertiser_ClosesTheAppeal_AndTheyCanNoLongerReplace()
    {
        var request = Returned();

        request.Deny("The stock video is still missing.", Appeals.Reviewer, Appeals.Now.AddHours(5));

        Assert.Equal(ReviewStatus.Denied, request.Status);
        Assert.Null(request.ReviewPausedRemaining);
        var error = Assert.Throws<DomainRuleException>(() =>
            request.AttachEvidence(EvidenceKind.ProductVideo, Guid.NewGuid(), Appeals.Passed, Appeals.Advertiser, Appeals.Now.AddHours(6)));
        Assert.Equal("review-wrong-status", error.Rule);
    }

    [Fact]
    public void Resubmit_ByStaff_IsRefused()
    {
        var request = Returned();

        Assert.Equal("review-advertiser-only", Assert.Throws<DomainRuleException>(() => request.Resubmit(Appeals.Reviewer, Appeals.Now)).Rule);
    }
}
