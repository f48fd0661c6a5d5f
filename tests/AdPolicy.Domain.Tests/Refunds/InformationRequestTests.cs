using AdPolicy.Domain.Refunds;
using static AdPolicy.Domain.Tests.Refunds.RefundFixture;

namespace AdPolicy.Domain.Tests.Refunds;

/// <summary>Asking the advertiser pauses the response clock; their answer resumes it.</summary>
public class InformationRequestTests
{
    [Fact]
    public void RequestInformation_PausesTheClockKeepingWhatWasLeft()
    {
        var request = InReview();

        request.RequestInformation("  Which dates were affected?  ", At(10).AddDays(7), Staff, At(10));

        Assert.Equal(RefundStatus.AwaitingAdvertiser, request.Status);
        Assert.True(request.IsClockPaused);
        Assert.Null(request.ClockDueAt);
        Assert.Equal(TimeSpan.FromHours(38), request.PausedRemaining);
        Assert.Equal("Which dates were affected?", request.OpenQuestion);
        Assert.Equal(At(10).AddDays(7), request.InformationDueAt);
    }

    [Fact]
    public void ProvideInformation_WithMoreThanReplyAnswerLeft_ResumesWithWhatWasLeft()
    {
        var request = AwaitingAdvertiser();
        var answeredAt = At(10).AddDays(3);

        request.ProvideInformation("3 to 9 May.", Advertiser, Settings, answeredAt);

        Assert.Equal(RefundStatus.InReview, request.Status);
        Assert.Equal(answeredAt.AddHours(38), request.ResponseDueAt);
        Assert.Equal(answeredAt.AddHours(38), request.ClockDueAt);
        Assert.Null(request.PausedRemaining);
        Assert.Null(request.OpenQuestion);
        Assert.Null(request.InformationDueAt);
    }

    [Theory]
    [InlineData(42, 6)]
    [InlineData(47, 1)]
    [InlineData(60, -12)]
    public void ProvideInformation_ResumesWithExactlyTheTimeThatWasLeft_NeverMore(int askedAtHour, int hoursLeft)
    {
        var request = InReview();
        request.RequestInformation("Which dates?", At(askedAtHour).AddDays(7), Staff, At(askedAtHour));
        var answeredAt = At(askedAtHour).AddDays(2);

        request.ProvideInformation("3 to 9 May.", Advertiser, Settings, answeredAt);

        // An answer with 6 h left gives staff 6 h, not the 24 h reply target; an overdue case stays overdue.
        Assert.Equal(answeredAt.AddHours(hoursLeft), request.ResponseDueAt);
        Assert.Equal(answeredAt.AddHours(hoursLeft), request.ClockDueAt);
    }

    [Fact]
    public void RequestInformation_WithADueDateNotInTheFuture_IsRefused()
    {
        var request = InReview();

        Refused("refund-info-due", () => request.RequestInformation("Which dates?", At(10), Staff, At(10)));
        Assert.Equal(RefundStatus.InReview, request.Status);
    }

    [Fact]
    public void RequestInformation_WithoutAQuestion_IsRefused()
    {
        var request = InReview();

        Refused("refund-question", () => request.RequestInformation(" ", At(20), Staff, At(10)));
    }

    [Fact]
    public void RequestInformation_WhileAlreadyAwaiting_IsRefused()
    {
        var request = AwaitingAdvertiser();

        var refusal = Refused("refund-wrong-status", () => request.RequestInformation("And the times?", At(30), Staff, At(11)));

        Assert.Contains("awaiting the advertiser", refusal.Message);
        Assert.Equal(TimeSpan.FromHours(38), request.PausedRemaining);
    }

    [Fact]
    public void ProvideInformation_WhenNothingWasAsked_IsRefused()
    {
        var request = InReview();

        Refused("refund-wrong-status", () => request.ProvideInformation("Here you go.", Advertiser, Settings, At(5)));
        Assert.Equal(T0.AddHours(48), request.ResponseDueAt);
    }

    [Fact]
    public void ProvideInformation_WithoutAnAnswer_IsRefused()
    {
        var request = AwaitingAdvertiser();

        Refused("refund-answer", () => request.ProvideInformation("", Advertiser, Settings, At(20)));
        Assert.Equal(RefundStatus.AwaitingAdvertiser, request.Status);
    }

    [Fact]
    public void RequestInformation_AnswersAPendingFollowUp()
    {
        var request = InReview();
        request.FollowUp("Any news?", Advertiser, Settings, At(2));

        request.RequestInformation("Which dates?", At(30), Staff, At(3));

        Assert.Null(request.FollowUpDueAt);
        Assert.Null(request.ClockDueAt);
    }
}

/// <summary>Follow-ups are visible to staff but cannot move a case up the queue by repetition, nor by following up at once.</summary>
public class FollowUpTests
{
    /// <summary>Claimed at T0 + 1 h and answered by a staff reply at T0 + 1.5 h: no longer waiting for its first response.</summary>
    private static RefundRequest Answered()
    {
        var request = InReview();
        request.Reply("We are looking at it.", Staff, At(1.5));
        return request;
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(2)]
    [InlineData(40)]
    public void FollowUp_WhileTheCaseWaitsForItsFirstResponse_KeepsTheFirstResponseTarget(double hours)
    {
        var request = InReview();

        request.FollowUp("Any news?", Advertiser, Settings, At(hours));

        Assert.True(request.IsAwaitingFirstResponse);
        Assert.Null(request.FollowUpDueAt);
        Assert.Equal(At(48), request.ClockDueAt);
        Assert.Equal(1, request.FollowUpCount);
    }

    [Fact]
    public void FollowUp_First_AfterAResponse_SetsAnAnswerTargetThatDrivesTheClock()
    {
        var request = Answered();

        request.FollowUp("Any news?", Advertiser, Settings, At(2));

        Assert.Equal(At(2) + Settings.FollowUpAnswer, request.FollowUpDueAt);
        Assert.Equal(At(26), request.ClockDueAt);
        Assert.Equal(At(48), request.ResponseDueAt);
        Assert.Equal(1, request.FollowUpCount);
        Assert.Equal(RefundStatus.InReview, request.Status);
    }

    [Fact]
    public void FollowUp_Repeated_ChangesNoTargetAndNoStatus()
    {
        var request = Answered();
        request.FollowUp("Any news?", Advertiser, Settings, At(2));

        request.FollowUp("Hello?", Advertiser, Settings, At(3));
        request.FollowUp("HELLO?", Advertiser, Settings, At(4));

        Assert.Equal(At(26), request.FollowUpDueAt);
        Assert.Equal(At(26), request.ClockDueAt);
        Assert.Equal(At(48), request.ResponseDueAt);
        Assert.Equal(RefundStatus.InReview, request.Status);
        Assert.Equal(Staff.UserId, request.AssigneeId);
        Assert.Equal(3, request.FollowUpCount);
        Assert.Equal(At(4), request.LastFollowUpAt);
    }

    [Fact]
    public void FollowUp_WhenResponseIsDueSooner_ClockKeepsTheResponseDue()
    {
        var request = Answered();

        request.FollowUp("Any news?", Advertiser, Settings, At(30));

        Assert.Equal(At(54), request.FollowUpDueAt);
        Assert.Equal(At(48), request.ClockDueAt);
    }

    [Fact]
    public void Reply_ClearsTheFollowUpTarget_AndTheNextFollowUpSetsANewOne()
    {
        var request = Answered();
        request.FollowUp("Any news?", Advertiser, Settings, At(2));

        request.Reply("We are looking at the delivery logs.", Staff, At(5));

        Assert.Null(request.FollowUpDueAt);
        Assert.Equal(At(48), request.ClockDueAt);

        request.FollowUp("Found anything?", Advertiser, Settings, At(6));

        Assert.Equal(At(30), request.FollowUpDueAt);
        Assert.Equal(At(30), request.ClockDueAt);
    }

    [Fact]
    public void Dispute_StartsANewRound_SoAFollowUpRightAfterItKeepsTheFirstResponseTarget()
    {
        var request = Disputed();

        request.FollowUp("Please look again.", Advertiser, Settings, At(3.5));

        Assert.True(request.IsAwaitingFirstResponse);
        Assert.Equal(At(3) + Settings.FirstResponse, request.ClockDueAt);
    }

    [Fact]
    public void FirstResponse_IsRecordedOnce_WithWhetherItMetTheTarget()
    {
        var late = InReview();
        late.Reply("Sorry for the wait.", Staff, At(50));
        late.Reply("Still looking.", Staff, At(60));
        var onTime = InReview();
        onTime.RequestInformation("Which dates?", At(80), Staff, At(5));

        Assert.Equal(At(50), late.FirstResponseAt);
        Assert.False(late.FirstResponseMet);
        Assert.Equal(At(5), onTime.FirstResponseAt);
        Assert.True(onTime.FirstResponseMet);
    }

    [Fact]
    public void FollowUp_WhileAwaitingAdvertiser_SetsNoTarget()
    {
        var request = AwaitingAdvertiser();

        request.FollowUp("I will answer tomorrow.", Advertiser, Settings, At(12));

        Assert.Null(request.FollowUpDueAt);
        Assert.Null(request.ClockDueAt);
        Assert.Equal(1, request.FollowUpCount);
    }

    [Fact]
    public void FollowUp_OnAClosedCase_IsRefused()
    {
        var request = Approved();

        Refused("refund-closed", () => request.FollowUp("Thanks!", Advertiser, Settings, At(5)));
        Assert.Equal(0, request.FollowUpCount);
    }

    [Fact]
    public void FollowUp_WithoutText_IsRefused()
    {
        var request = InReview();

        Refused("refund-follow-up-text", () => request.FollowUp(" ", Advertiser, Settings, At(2)));
        Assert.Null(request.FollowUpDueAt);
    }
}
