using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Localisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Deadlines;

/// <summary>Each kind of deadline on a fake clock: one second before due nothing happens; at due it is missed and enforced.</summary>
public sealed class DeadlineBoundaryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task UserComplaintRemoval_OneSecondBeforeDue_Nothing_AtDue_TheServiceRemovesTheAdAndCancelsThePlan()
    {
        var start = app.Clock.GetUtcNow();
        var c = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        await app.UpholdAsync(c.ComplaintId, ViolationTier.Low);
        var removal = (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Kind == DeadlineKind.RemoveContent);
        Assert.Equal(start.AddHours(24), removal.DueAt);

        app.Clock.SetUtcNow(removal.DueAt - OneSecond);
        await app.SweepAsync<AceDeadlineSweep>();
        Assert.Equal(DeadlineState.Pending, (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Id == removal.Id).State);
        Assert.Equal(AdStatus.Restricted, (await app.AdAsync(c.AdId)).Status);
        Assert.Equal(0, await app.SanctionCountAsync(c.Advertiser.Account.Id));

        app.Clock.SetUtcNow(removal.DueAt);
        var result = await app.SweepAsync<AceDeadlineSweep>();

        Assert.True(result.Done == 1, $"{result}");
        var missed = (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Id == removal.Id);
        Assert.Equal(DeadlineState.Missed, missed.State);
        Assert.Contains("AdPolicy removed", Sentences.Outcome(missed));
        Assert.Equal(AdStatus.Removed, (await app.AdAsync(c.AdId)).Status);
        Assert.Equal(1, await app.SanctionCountAsync(c.Advertiser.Account.Id));
        Assert.Equal(PromotionStatus.Cancelled, (await app.WithDbAsync(db => db.Promotions.SingleAsync(p => p.Id == c.Promotion.Id))).Status);
        Assert.Equal(1, await app.NoticeCountAsync(c.Advertiser.Organisation.Id, "Deadline missed"));
        var timeline = await app.WithDbAsync(db => db.AceComplaints.Include(x => x.Events).SingleAsync(x => x.Id == c.ComplaintId));
        Assert.Contains(timeline.Events, e => e.Kind == ComplaintEventKind.DeadlineMissed && e.VisibleToComplainant);
    }

    [Fact]
    public async Task IpCooperation_OneSecondBeforeDue_Nothing_AtDue_MissedAndNewAccountsBlocked()
    {
        var start = app.Clock.GetUtcNow();
        var c = await app.FileComplaintAsync(ComplaintType.IntellectualProperty);
        await app.UpholdAsync(c.ComplaintId);
        var deadlines = await app.DeadlinesAsync(c.ComplaintId);
        Assert.Equal(DeadlineState.Cancelled, deadlines.Single(d => d.Kind == DeadlineKind.RemoveContent).State);
        var cooperation = deadlines.Single(d => d.Kind == DeadlineKind.CooperateWithComplainant);
        Assert.Equal(start.AddHours(72), cooperation.DueAt);

        app.Clock.SetUtcNow(cooperation.DueAt - OneSecond);
        await app.SweepAsync<AceDeadlineSweep>();
        Assert.Equal(DeadlineState.Pending, (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Id == cooperation.Id).State);

        app.Clock.SetUtcNow(cooperation.DueAt);
        await app.SweepAsync<AceDeadlineSweep>();

        var missed = (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Id == cooperation.Id);
        Assert.Equal(DeadlineState.Missed, missed.State);
        Assert.Contains("can no longer open new ad accounts", Sentences.Outcome(missed));
    }

    [Fact]
    public async Task IpRemoval_OneSecondBeforeDue_Nothing_AtDueWhileUnreviewed_OnlyFlaggedForReview()
    {
        var start = app.Clock.GetUtcNow();
        var c = await app.FileComplaintAsync(ComplaintType.IntellectualProperty);
        var removal = (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Kind == DeadlineKind.RemoveContent);
        Assert.Equal(start.AddHours(48), removal.DueAt);

        app.Clock.SetUtcNow(removal.DueAt - OneSecond);
        await app.SweepAsync<AceDeadlineSweep>();
        Assert.False((await app.WithDbAsync(db => db.AceComplaints.SingleAsync(x => x.Id == c.ComplaintId))).OverdueForReview);

        app.Clock.SetUtcNow(removal.DueAt);
        await app.SweepAsync<AceDeadlineSweep>();

        Assert.True((await app.WithDbAsync(db => db.AceComplaints.SingleAsync(x => x.Id == c.ComplaintId))).OverdueForReview);
        Assert.Equal(DeadlineState.Pending, (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Id == removal.Id).State);
        Assert.Equal(AdStatus.Active, (await app.AdAsync(c.AdId)).Status);
    }

    [Fact]
    public async Task SimilarContentCorrection_IsDue48HoursAfterTheNotice_AndBlocksTheAccountWhenMissed()
    {
        var c = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        app.Clock.Advance(TimeSpan.FromHours(3));
        var noticeAt = app.Clock.GetUtcNow();
        await app.UpholdAsync(c.ComplaintId, ViolationTier.Medium);
        var correction = (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Kind == DeadlineKind.CorrectSimilarContent);
        Assert.Equal(noticeAt.AddHours(48), correction.DueAt);

        app.Clock.SetUtcNow(correction.DueAt - OneSecond);
        await app.SweepAsync<AceDeadlineSweep>();
        Assert.Equal(DeadlineState.Pending, (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Id == correction.Id).State);

        app.Clock.SetUtcNow(correction.DueAt);
        await app.SweepAsync<AceDeadlineSweep>();

        var missed = (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Id == correction.Id);
        Assert.Equal(DeadlineState.Missed, missed.State);
        Assert.Contains("ad account and its deposit are blocked", Sentences.Outcome(missed));
    }

    [Fact]
    public async Task ADeadlineMetBeforeDue_IsNeverEnforced()
    {
        var c = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        await app.UpholdAsync(c.ComplaintId, ViolationTier.Low);
        var removal = (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Kind == DeadlineKind.RemoveContent);
        app.Clock.Advance(TimeSpan.FromHours(2));
        using var advertiser = await app.SignedInAsync(c.Advertiser.Email);
        var removed = await advertiser.PostFormAsync("/Ace", $"form[action*='handler=RemoveAd'][action*='{removal.Id}']", []);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, removed.Status);

        app.Clock.SetUtcNow(removal.DueAt.AddHours(5));
        await app.SweepAsync<AceDeadlineSweep>();

        var met = (await app.DeadlinesAsync(c.ComplaintId)).Single(d => d.Id == removal.Id);
        Assert.Equal(DeadlineState.Met, met.State);
        Assert.Equal(0, await app.NoticeCountAsync(c.Advertiser.Organisation.Id, "Deadline missed"));
        Assert.Equal(PromotionStatus.Active, (await app.WithDbAsync(db => db.Promotions.SingleAsync(p => p.Id == c.Promotion.Id))).Status);
    }

    [Fact]
    public async Task ACancelledDeadline_IsNeverEnforced()
    {
        var c = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AdPolicy.Web.Data.AppDbContext>();
            var desk = scope.ServiceProvider.GetRequiredService<AdPolicy.Web.Complaints.ComplaintDesk>();
            await desk.RejectAsync(await db.AceComplaints.SingleAsync(x => x.Id == c.ComplaintId), "Not a breach.", await app.StaffAsync(), CancellationToken.None);
        }

        app.Clock.Advance(TimeSpan.FromDays(5));
        await app.SweepAsync<AceDeadlineSweep>();

        Assert.All(await app.DeadlinesAsync(c.ComplaintId), d => Assert.Equal(DeadlineState.Cancelled, d.State));
        Assert.Equal(AdStatus.Active, (await app.AdAsync(c.AdId)).Status);
        Assert.Equal(0, await app.SanctionCountAsync(c.Advertiser.Account.Id));
    }
}
