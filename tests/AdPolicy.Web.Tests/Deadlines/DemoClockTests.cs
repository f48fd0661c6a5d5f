using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Deadlines;

/// <summary>The app with its demo clock on (as in Development) instead of the tests' fake clock.</summary>
public sealed class DemoClockApp(PostgresFixture postgres) : AppFactory(postgres)
{
    protected override bool UsesFakeClock => false;

    protected override IEnumerable<(string Key, string Value)> Settings() => [("DemoClock:Enabled", "true")];
}

public sealed class DemoClockTests(DemoClockApp app) : IClassFixture<DemoClockApp>
{
    [Fact]
    public async Task AdvancingToTheNextDueDeadline_MovesEveryPagesClock_AndTheServiceEnforcesAtOnce()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var start = DateTimeOffset.UtcNow;
        var complaint = AceComplaint.File(
            ComplaintType.UserComplaint, ProhibitedCategory.SlowAfterSales, advertiser.Organisation.Id, advertiser.Account.Id, promotion.Id, promotion.Ads[0].Id,
            new ComplainantDetails("Uma User", "uma@example.com", null, ComplainantRole.AffectedUser, null),
            "Nothing arrived five weeks after ordering.", new string('a', 64), new Actor(null, "Uma User", ActorKind.Complainant), start);
        await app.WithDbAsync(async db =>
        {
            db.AceComplaints.Add(complaint);
            db.Deadlines.AddRange(Deadline.ForComplaint(complaint, PolicySettings.Defaults));
            return await db.SaveChangesAsync();
        });
        await app.UpholdAsync(complaint.Id, ViolationTier.Low);
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));

        var page = await admin.GetAsync("/Staff/Deadlines");
        Assert.Empty(page.TestId("demo-clock-off"));
        var moved = await admin.FollowAsync(await admin.PostFormAsync("/Staff/Deadlines", "button[formaction*='handler=AdvanceToNextDue']", []));

        Assert.Contains("handled 1 due deadline", moved.Text);
        var shown = moved.Moment("clock")!.Value;
        Assert.True(shown >= start.AddHours(24).AddMinutes(-1), $"the page shows {shown}"); // shown to the minute
        var removal = (await app.DeadlinesAsync(complaint.Id)).Single(d => d.Kind == DeadlineKind.RemoveContent);
        Assert.Equal(DeadlineState.Missed, removal.State);
        Assert.True(await app.WithDbAsync(db => db.DemoClockOffsets.AnyAsync(o => o.OffsetSeconds > 23 * 3600)), "the offset is shared through the database");
    }
}
