using AdPolicy.Domain.Common;
using AdPolicy.Domain.Refunds;
using static AdPolicy.Domain.Tests.Refunds.RefundFixture;

namespace AdPolicy.Domain.Tests.Refunds;

/// <summary>
/// Staff actions refuse advertisers and, but for assignment, the system; advertiser actions refuse staff.
/// The system may assign a case: that is how a dispute reaches another agent.
/// </summary>
public class ActorKindTests
{
    public static TheoryData<string> StaffActions =>
        ["Claim", "AssignTo", "RequestInformation", "Reply", "AddInternalNote", "Approve", "Deny", "Pay"];

    public static TheoryData<string> StaffOnlyActions =>
        ["Claim", "RequestInformation", "Reply", "AddInternalNote", "Approve", "Deny", "Pay"];

    public static TheoryData<string> AdvertiserActions =>
        ["FollowUp", "ProvideInformation", "Dispute", "Withdraw"];

    private static (RefundRequest Request, Action<Actor> Act) StaffAction(string action) => action switch
    {
        "Claim" => With(Filed(), (r, a) => r.Claim(a, At(1))),
        "AssignTo" => With(Filed(), (r, a) => r.AssignTo(OtherStaff.UserId!.Value, OtherStaff.DisplayName, a, At(1))),
        "RequestInformation" => With(InReview(), (r, a) => r.RequestInformation("Which dates?", At(30), a, At(2))),
        "Reply" => With(InReview(), (r, a) => r.Reply("Looking into it.", a, At(2))),
        "AddInternalNote" => With(InReview(), (r, a) => r.AddInternalNote("Probably fine.", a, At(2))),
        "Approve" => With(InReview(), (r, a) => r.Approve(Eur(400m), "Shortfall.", Eur(1000m), a, PolicyVersion, At(2))),
        "Deny" => With(InReview(), (r, a) => r.Deny("No.", "Advice.", a, PolicyVersion, At(2))),
        "Pay" => With(Approved(), (r, a) => r.Pay(Eur(1000m), a, At(3))),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    private static (RefundRequest Request, Action<Actor> Act) AdvertiserAction(string action) => action switch
    {
        "FollowUp" => With(InReview(), (r, a) => r.FollowUp("Any news?", a, Settings, At(2))),
        "ProvideInformation" => With(AwaitingAdvertiser(), (r, a) => r.ProvideInformation("3 to 9 May.", a, Settings, At(12))),
        "Dispute" => With(Denied(), (r, a) => r.Dispute("New evidence.", a, Settings, At(3))),
        "Withdraw" => With(InReview(), (r, a) => r.Withdraw(a, At(2))),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    private static (RefundRequest, Action<Actor>) With(RefundRequest request, Action<RefundRequest, Actor> act) =>
        (request, actor => act(request, actor));

    [Theory]
    [MemberData(nameof(StaffActions))]
    public void StaffAction_ByAnAdvertiser_IsRefusedAndChangesNothing(string action)
    {
        var (request, act) = StaffAction(action);
        var status = request.Status;
        var events = request.Events.Count;

        var refusal = Refused("refund-staff-only", () => act(Advertiser));

        Assert.Equal("Only support staff can do this.", refusal.Message);
        Assert.Equal(status, request.Status);
        Assert.Equal(events, request.Events.Count);
    }

    [Theory]
    [MemberData(nameof(StaffOnlyActions))]
    public void StaffAction_ByTheSystem_IsRefused(string action)
    {
        var (_, act) = StaffAction(action);

        Refused("refund-staff-only", () => act(Actor.System));
    }

    [Fact]
    public void AssignTo_ByTheSystem_RoutesTheCase()
    {
        var (request, act) = StaffAction("AssignTo");

        act(Actor.System);

        Assert.Equal(OtherStaff.DisplayName, request.AssigneeName);
        Assert.Equal(ActorKind.System, request.Events[^1].ActorKind);
    }

    [Theory]
    [MemberData(nameof(StaffActions))]
    public void StaffAction_ByStaff_IsAccepted(string action)
    {
        var (request, act) = StaffAction(action);
        var events = request.Events.Count;

        act(Staff);

        Assert.Equal(events + 1, request.Events.Count);
    }

    [Theory]
    [MemberData(nameof(AdvertiserActions))]
    public void AdvertiserAction_ByStaff_IsRefusedAndChangesNothing(string action)
    {
        var (request, act) = AdvertiserAction(action);
        var status = request.Status;
        var events = request.Events.Count;

        var refusal = Refused("refund-advertiser-only", () => act(Staff));

        Assert.Equal("Only the advertiser can do this.", refusal.Message);
        Assert.Equal(status, request.Status);
        Assert.Equal(events, request.Events.Count);
    }

    [Theory]
    [MemberData(nameof(AdvertiserActions))]
    public void AdvertiserAction_ByTheAdvertiser_IsAccepted(string action)
    {
        var (request, act) = AdvertiserAction(action);
        var events = request.Events.Count;

        act(Advertiser);

        Assert.Equal(events + 1, request.Events.Count);
    }
}
