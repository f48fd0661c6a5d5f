using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Deadlines;

/// <summary>SPEC 5: nobody is punished on a complaint nobody has judged; the deadline is judged when it is upheld.</summary>
public sealed class UnreviewedComplaintTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ADeadlineDueOnAnUnreviewedComplaint_RaisesItForReview_AndRemovesNothing()
    {
        var c = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        app.Clock.Advance(TimeSpan.FromHours(24));

        await app.SweepAsync<AceDeadlineSweep>();
        await app.SweepAsync<AceDeadlineSweep>();

        Assert.Equal(AdStatus.Active, (await app.AdAsync(c.AdId)).Status);
        Assert.Equal(0, await app.SanctionCountAsync(c.Advertiser.Account.Id));
        Assert.All(await app.DeadlinesAsync(c.ComplaintId), d => Assert.Equal(DeadlineState.Pending, d.State));
        var row = await app.WithDbAsync(db => db.QueueItems.SingleAsync(q => q.CaseId == c.ComplaintId));
        Assert.True(row.OverdueForReview);
        Assert.True(row.SortDue <= app.Clock.GetUtcNow());
        var first = await app.WithDbAsync(db => db.QueueItems.OrderBy(q => q.SortDue).ThenBy(q => q.Id).FirstAsync());
        Assert.Equal(c.ComplaintId, first.CaseId);
    }

    [Fact]
    public async Task UpheldAnHourLater_WithTheAdStillLive_IsEnforcedAtOnce()
    {
        var c = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        app.Clock.Advance(TimeSpan.FromHours(24));
        await app.SweepAsync<AceDeadlineSweep>();
        app.Clock.Advance(TimeSpan.FromHours(1));

        await app.UpholdAsync(c.ComplaintId, ViolationTier.Low);

        var removal = (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Kind == DeadlineKind.RemoveContent);
        Assert.Equal(DeadlineState.Missed, removal.State);
        Assert.Equal(app.Clock.GetUtcNow(), removal.EndedAt);
        Assert.Equal(AdStatus.Removed, (await app.AdAsync(c.AdId)).Status);
        Assert.Equal(1, await app.SanctionCountAsync(c.Advertiser.Account.Id));
    }

    [Fact]
    public async Task UpheldAfterTheAdvertiserRemovedTheAdInTime_TheDeadlineIsMet()
    {
        var c = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.RemoveAdAsync(c.AdId);
        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.SweepAsync<AceDeadlineSweep>();
        app.Clock.Advance(TimeSpan.FromHours(1));

        await app.UpholdAsync(c.ComplaintId, ViolationTier.Low);
        await app.SweepAsync<AceDeadlineSweep>();

        var removal = (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Kind == DeadlineKind.RemoveContent);
        Assert.Equal(DeadlineState.Met, removal.State);
        Assert.Equal(0, await app.SanctionCountAsync(c.Advertiser.Account.Id));
    }
}
