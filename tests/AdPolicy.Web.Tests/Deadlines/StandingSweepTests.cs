using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Deadlines;

/// <summary>Time passing on an account's record: suspensions end, strikes clear after 90 days of good standing, reminders go once.</summary>
public sealed class StandingSweepTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<PageResult> AcePageAsync(Advertiser advertiser)
    {
        using var client = await app.SignedInAsync(advertiser.Email);
        return await client.GetAsync("/Ace");
    }

    [Fact]
    public async Task AFirstStrikeSuspension_EndsAfterThreeDays_AndTheAdvertiserIsToldOnce()
    {
        var c = await app.FileComplaintAsync(ComplaintType.IntellectualProperty);
        await app.UpholdAsync(c.ComplaintId);
        var upheldAt = app.Clock.GetUtcNow();
        Assert.Equal("Suspended", (await AcePageAsync(c.Advertiser)).TestId("account-status"));

        app.Clock.SetUtcNow(upheldAt.AddDays(3).AddSeconds(-1));
        await app.SweepAsync<StandingSweep>();
        Assert.Equal(0, await app.NoticeCountAsync(c.Advertiser.Organisation.Id, "Suspension ended"));
        Assert.Equal("Suspended", (await AcePageAsync(c.Advertiser)).TestId("account-status"));

        app.Clock.SetUtcNow(upheldAt.AddDays(3).AddMinutes(1));
        await app.SweepAsync<StandingSweep>();
        await app.SweepAsync<StandingSweep>();

        Assert.Equal(1, await app.NoticeCountAsync(c.Advertiser.Organisation.Id, "Suspension ended"));
        Assert.NotEqual("Suspended", (await AcePageAsync(c.Advertiser)).TestId("account-status"));
    }

    [Fact]
    public async Task AStrike_ClearsAfter90DaysOfGoodStanding()
    {
        var c = await app.FileComplaintAsync(ComplaintType.IntellectualProperty);
        var strike = await app.UpholdAsync(c.ComplaintId);
        var recordedAt = strike.RecordedAt;

        app.Clock.SetUtcNow(recordedAt.AddDays(90).AddSeconds(-1));
        await app.SweepAsync<StandingSweep>();
        Assert.Null((await app.WithDbAsync(db => db.Violations.SingleAsync(v => v.Id == strike.Id))).StrikeClearedAt);

        app.Clock.SetUtcNow(recordedAt.AddDays(90));
        await app.SweepAsync<StandingSweep>();

        var cleared = await app.WithDbAsync(db => db.Violations.SingleAsync(v => v.Id == strike.Id));
        Assert.Equal(app.Clock.GetUtcNow(), cleared.StrikeClearedAt);
        Assert.Equal(ViolationStatus.Active, cleared.Status);
        Assert.Equal(1, await app.NoticeCountAsync(c.Advertiser.Organisation.Id, "strike was cleared"));
    }

    [Fact]
    public async Task ANewViolationOnDay89_ResetsThe90Days()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var first = await app.FileComplaintAsync(ComplaintType.IntellectualProperty, advertiser);
        var strike = await app.UpholdAsync(first.ComplaintId);
        var recordedAt = strike.RecordedAt;

        app.Clock.SetUtcNow(recordedAt.AddDays(89));
        var second = await app.FileComplaintAsync(ComplaintType.UserComplaint, advertiser);
        await app.UpholdAsync(second.ComplaintId, ViolationTier.Low);

        app.Clock.SetUtcNow(recordedAt.AddDays(90).AddHours(1));
        await app.SweepAsync<StandingSweep>();
        Assert.Null((await app.WithDbAsync(db => db.Violations.SingleAsync(v => v.Id == strike.Id))).StrikeClearedAt);

        app.Clock.SetUtcNow(recordedAt.AddDays(89 + 90));
        await app.SweepAsync<StandingSweep>();
        Assert.NotNull((await app.WithDbAsync(db => db.Violations.SingleAsync(v => v.Id == strike.Id))).StrikeClearedAt);
    }

    [Fact]
    public async Task ADeadlineReminder_IsSentOnce_WithinTheLeadTime()
    {
        var c = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        var removal = (await app.DeadlinesAsync(c.ComplaintId)).Single();

        app.Clock.SetUtcNow(removal.DueAt.AddHours(-7));
        await app.SweepAsync<DeadlineReminderSweep>();
        Assert.Equal(0, await app.NoticeCountAsync(c.Advertiser.Organisation.Id, "Reminder"));

        app.Clock.SetUtcNow(removal.DueAt.AddHours(-6));
        await Task.WhenAll(app.SweepAsync<DeadlineReminderSweep>(), app.SweepAsync<DeadlineReminderSweep>());
        await app.SweepAsync<DeadlineReminderSweep>();

        Assert.Equal(1, await app.NoticeCountAsync(c.Advertiser.Organisation.Id, "Reminder"));
    }

    [Fact]
    public async Task TheDeadlinesPage_ShowsAMissedDeadlineAndWhatTheServiceDid_AndRefusesTheDemoClockWhereItIsOff()
    {
        var c = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        await app.UpholdAsync(c.ComplaintId, ViolationTier.Low);
        app.Clock.Advance(TimeSpan.FromHours(25));
        await app.SweepAsync<AceDeadlineSweep>();
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));

        var page = await admin.GetAsync($"/Staff/Deadlines?Show=missed&Organisation={c.Advertiser.Organisation.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var row = page.Document.QuerySelector("[data-testid=deadlines] tbody tr");
        Assert.NotNull(row);
        Assert.Contains("missed", row.TextContent);
        Assert.Contains("AdPolicy removed", row.TextContent);
        Assert.NotEmpty(page.TestId("demo-clock-off"));
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await admin.GetAsync("/Notifications")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await admin.FollowAsync(await admin.PostAsync("/Staff/Deadlines?handler=AdvanceDay", [new("__RequestVerificationToken", token)]));
        Assert.Contains("switched off", refused.Text);
    }
}
