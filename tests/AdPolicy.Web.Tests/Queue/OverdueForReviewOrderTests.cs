using AdPolicy.Domain.Ace;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;

namespace AdPolicy.Web.Tests.Queue;

/// <summary>SPEC 5: a complaint whose deadline fell due while unreviewed rises to the top of the default queue order.</summary>
public sealed class OverdueForReviewOrderTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AComplaintOverdueForReview_SortsAboveAnOlderOverdueRefund_ThenTheRestByTimeLeft()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var refund = await app.FileRefundAsync(advertiser, promotion);
        app.Clock.Advance(TimeSpan.FromHours(30));
        var complaint = await app.FileComplaintAsync(ComplaintType.UserComplaint, advertiser);
        app.Clock.Advance(TimeSpan.FromHours(25));
        await app.SweepAsync<AceDeadlineSweep>();
        var later = await app.FileComplaintAsync(ComplaintType.UserComplaint, advertiser);
        using var support = await app.SupportAsync();

        var queue = await support.GetAsync($"/Staff/Queue?Filter.Organisation={advertiser.Organisation.Id}");

        var rows = queue.Document.QuerySelectorAll("[data-testid=queue] tbody tr").Select(r => r.GetAttribute("data-case")).ToList();
        var references = await app.WithDbAsync(db => Task.FromResult(db.AceComplaints.Where(c => c.Id == complaint.ComplaintId || c.Id == later.ComplaintId).ToDictionary(c => c.Id, c => c.Reference)));
        Assert.Equal([references[complaint.ComplaintId], refund.Reference, references[later.ComplaintId]], rows);
        Assert.Contains("overdue for review", queue.Document.QuerySelector($"tr[data-case='{references[complaint.ComplaintId]}']")!.TextContent);
    }
}
