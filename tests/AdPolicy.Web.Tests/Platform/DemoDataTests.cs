using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Data;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Localisation;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>The demo data is made by the product's own flows, so it shows nothing the product would not do.</summary>
public sealed class DemoDataTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TheDemoRecord_IsWhatFilingUpholdingMissingAndAppealingWouldMake()
    {
        await using (var scope = app.Scope())
        {
            await DemoData.SeedDataAsync(scope.ServiceProvider, app.Clock.GetUtcNow());
        }

        var deadlines = await app.WithDbAsync(db => db.Deadlines.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(deadlines, d => Sentences.Outcome(d) is { } o && o.Contains("already down", StringComparison.Ordinal) && o.Contains("cancelled", StringComparison.Ordinal));

        // Lumen's strike: the uphold took the content down, so its removal deadline was cancelled, not missed.
        var ipRemoval = Assert.Single(deadlines, d => d.Kind == DeadlineKind.RemoveContent && d.State == DeadlineState.Cancelled);
        Assert.Equal("AdPolicy removed the content when the complaint was upheld.", Sentences.Outcome(ipRemoval));

        // Northwind's removal deadline was missed by the clock: the service removed the ad and cancelled the plan.
        var missed = Assert.Single(deadlines, d => d.State == DeadlineState.Missed);
        Assert.Contains("AdPolicy removed AD-102-002A.", Sentences.Outcome(missed));
        Assert.Contains("The ad plan CMP-102-002 was cancelled", Sentences.Outcome(missed));
        var plan = await app.WithDbAsync(db => db.Promotions.AsNoTracking().SingleAsync(p => p.ExternalCampaignId == "CMP-102-002"));
        Assert.Equal(PromotionStatus.Cancelled, plan.Status);
        Assert.Equal(missed.Id, plan.CancelledForDeadlineId);
        var appeal = await app.WithDbAsync(db => db.ReviewRequests.AsNoTracking().SingleAsync());
        Assert.Equal((SubjectKind.AdRestriction, missed.Id, ReviewStatus.Draft), (appeal.SubjectKind, appeal.SubjectId, appeal.Status));

        // Every violation was told with its reference, and its correction counts from that notice.
        var notices = await app.WithDbAsync(db => db.Notifications.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(notices, n => n.Title.Contains("AC-0", StringComparison.Ordinal));
        foreach (var violation in await app.WithDbAsync(db => db.Violations.AsNoTracking().ToListAsync()))
        {
            var correction = Assert.Single(deadlines, d => d.ViolationId == violation.Id && d.Kind == DeadlineKind.CorrectSimilarContent);
            Assert.Equal(violation.NotifiedAt!.Value.AddHours(48), correction.DueAt);
            Assert.Contains(notices, n => n.CreatedAt == violation.NotifiedAt && n.Body.Contains(violation.Reason, StringComparison.Ordinal));
        }
    }
}
