using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using Xunit;
using static AdPolicy.Domain.Tests.Ace.AceFixture;

namespace AdPolicy.Domain.Tests.Ace;

public sealed class DeadlineServiceDecisionTests
{
    [Theory]
    [InlineData("filed", 23, DueAction.Wait)]
    [InlineData("filed", 24, DueAction.FlagComplaintOverdue)]
    [InlineData("flagged", 30, DueAction.AwaitDecision)]
    [InlineData("in review", 24, DueAction.FlagComplaintOverdue)]
    [InlineData("upheld", 23, DueAction.Wait)]
    [InlineData("upheld", 24, DueAction.Enforce)]
    [InlineData("rejected", 10, DueAction.Cancel)]
    [InlineData("withdrawn", 30, DueAction.Cancel)]
    public void WhatIsDue_NeverEnforcesOnAnUndecidedComplaint(string complaintState, int hour, DueAction expected)
    {
        var complaint = UserComplaint(T0);
        var deadline = Assert.Single(Deadline.ForComplaint(complaint, Defaults));
        switch (complaintState)
        {
            case "flagged":
                complaint.FlagOverdueForReview(T0.AddHours(24));
                break;
            case "in review":
                complaint.Claim(Staff, T0.AddHours(1));
                break;
            case "upheld":
                complaint.Uphold(ViolationTier.Low, "Confirmed.", Staff, 1, T0.AddHours(1));
                break;
            case "rejected":
                complaint.Reject("No evidence.", Staff, T0.AddHours(1));
                break;
            case "withdrawn":
                complaint.Withdraw(complaint.Complainant, T0.AddHours(1));
                break;
        }

        Assert.Equal(expected, deadline.WhatIsDue(complaint, T0.AddHours(hour)));
    }

    [Fact]
    public void WhatIsDue_ForAViolationNotice_EnforcesWhenDue()
    {
        var deadline = Deadline.ForViolationNotice(ViolationAt(T0, ViolationTier.Medium), T0, Defaults);

        Assert.Equal(DueAction.Wait, deadline.WhatIsDue(null, T0.AddHours(48).AddSeconds(-1)));
        Assert.Equal(DueAction.Enforce, deadline.WhatIsDue(null, T0.AddHours(48)));
    }
}
