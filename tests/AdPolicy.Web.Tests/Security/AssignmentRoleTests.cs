using System.Net;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Evidence;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Appeals;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Tests.Queue;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Security;

/// <summary>Bulk assign checks both people: appeals go to reviewers, refund cases and complaints to support agents.</summary>
public sealed class AssignmentRoleTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AnAppeal_GoesOnlyToReviewers_AndOnlyReviewersOrAdminsGiveItOut_RefundCasesLikewiseForSupport()
    {
        var penalised = await app.StrikeAsync();
        using var owner = await app.SignedInAsync(penalised.Advertiser.Email);
        var appealId = await owner.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);
        var refund = await app.FileRefundAsync(penalised.Advertiser, await app.CreatePromotionAsync(penalised.Advertiser.Account));
        var agentEmail = await app.CreateUserAsync(Roles.Support, name: "Sam Second");
        var agentId = await app.UserIdAsync(agentEmail);
        var reviewerEmail = await app.CreateUserAsync(Roles.Reviewer, name: "Rae Reviewer");
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        using var reviewer = await app.SignedInAsync(reviewerEmail);
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));

        var appealToAgent = await AssignAsync(support, agentId, $"{CaseKind.ReviewRequest}:{appealId}");
        var appealToAgentByAdmin = await AssignAsync(admin, agentId, $"{CaseKind.ReviewRequest}:{appealId}");
        var refundByReviewer = await AssignAsync(reviewer, agentId, $"{CaseKind.RefundRequest}:{refund.Id}");

        Assert.Contains("Only reviewers and admins give out appeals.", QueuePage.Problem(appealToAgent));
        Assert.Contains("Sam Second cannot take appeals: only reviewers and admins work them.", QueuePage.Problem(appealToAgentByAdmin));
        Assert.Contains("Only support agents and admins give out refund cases.", QueuePage.Problem(refundByReviewer));
        Assert.Null(await app.WithDbAsync(db => db.ReviewRequests.Where(r => r.Id == appealId).Select(r => r.AssigneeId).SingleAsync()));
        Assert.Null((await app.RefundAsync(refund.Id)).AssigneeId);

        var refundToAgent = await AssignAsync(support, agentId, $"{CaseKind.RefundRequest}:{refund.Id}");
        Assert.Contains("Gave 1 case(s) to Sam Second", QueuePage.Status(refundToAgent));
    }

    private static async Task<PageResult> AssignAsync(AppClient client, Guid assigneeId, string selected)
    {
        var queue = await client.GetAsync("/Staff/Queue");
        var result = await client.PostAsync("/Staff/Queue?handler=Assign", [.. QueuePage.HiddenFields(queue), new("selected", selected), new("assigneeId", assigneeId.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        return await client.FollowAsync(result);
    }
}
