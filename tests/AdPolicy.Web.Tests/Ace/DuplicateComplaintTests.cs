using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Localisation;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Ace;

/// <summary>Issue 14, point 3: identical complaints about one ad are one group, decided once; staff can split one out.</summary>
public sealed class DuplicateComplaintTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(Advertiser Advertiser, string CampaignId, List<FiledComplaint> Filed)> ThreeIdenticalAsync(string prefix)
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var filed = new List<FiledComplaint>();
        foreach (var who in new[] { "ana", "ben", "cho" })
        {
            filed.Add(await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId, $"{prefix}-{who}@example.com")));
            app.Clock.Advance(TimeSpan.FromHours(2));
        }

        return (advertiser, promotion.ExternalCampaignId, filed);
    }

    private Task<List<AceComplaint>> ComplaintsAsync(IEnumerable<FiledComplaint> filed)
    {
        var ids = filed.Select(f => f.Id).ToList();
        return app.WithDbAsync(db => db.AceComplaints.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.FiledAt).ToListAsync());
    }

    [Fact]
    public async Task ThreeIdenticalComplaints_AreOneGroup_DecidedOnce_AndEachComplainantIsEmailed()
    {
        var (advertiser, campaignId, filed) = await ThreeIdenticalAsync("up");
        var otherCategory = await app.FileAsync(new(AceTestData.UserForm(campaignId, "up-dee@example.com")) { ["Input.Category"] = nameof(ProhibitedCategory.FalsePromotionOrScam) });
        using var staff = await app.SupportAsync();

        var complaints = await ComplaintsAsync(filed);
        Assert.Single(complaints.Select(c => c.GroupId).Distinct());
        Assert.NotEqual(complaints[0].GroupId, (await ComplaintsAsync([otherCategory]))[0].GroupId);
        var queue = await staff.GetAsync($"/Staff/Queue?Filter.Organisation={advertiser.Organisation.Id}");
        foreach (var f in filed)
        {
            Assert.Equal("+2 duplicates", queue.Document.QuerySelector($"tr[data-case='{f.Reference}'] [data-testid=duplicates]")?.TextContent);
        }

        Assert.Null(queue.Document.QuerySelector($"tr[data-case='{otherCategory.Reference}'] [data-testid=duplicates]"));
        var page = await staff.GetAsync($"/Staff/Complaints/Details/{filed[1].Id}");
        Assert.Contains("2 duplicates about the same ad and category", page.TestId("duplicates"));
        Assert.Equal([filed[0].Reference, filed[2].Reference], page.Document.QuerySelectorAll("[data-duplicate]").Select(li => li.GetAttribute("data-duplicate")!).ToArray());

        var upheld = await staff.UpholdAsync(filed[1].Id, ViolationTier.Low, "The shop does not deliver what the ad sells.");

        Assert.Equal(HttpStatusCode.Redirect, upheld.Status);
        var decided = await ComplaintsAsync(filed);
        Assert.All(decided, c => Assert.Equal(ComplaintStatus.Upheld, c.Status));
        Assert.All(decided, c => Assert.Equal("The shop does not deliver what the ad sells.", c.DecisionReason));
        Assert.Equal(1, await app.WithDbAsync(db => db.Violations.CountAsync(v => v.AdAccountId == advertiser.Account.Id)));
        var emails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress.StartsWith("up-") && m.Subject.Contains("was upheld")).ToListAsync());
        Assert.Equal(["up-ana@example.com", "up-ben@example.com", "up-cho@example.com"], emails.Select(m => m.ToAddress).Order().ToArray());
        var othersIds = new[] { filed[0].Id, filed[2].Id };
        Assert.Equal(0, await app.WithDbAsync(db => db.Deadlines.CountAsync(d => d.ComplaintId != null && othersIds.Contains(d.ComplaintId.Value) && d.State == DeadlineState.Pending)));
        Assert.Equal(ComplaintStatus.Filed, (await ComplaintsAsync([otherCategory]))[0].Status);

        // Each complainant sees the decision on their own tracking page.
        using var complainant = app.CreateAppClient();
        Assert.Contains("Decided together with", (await complainant.GetAsync(filed[2].TrackingPath)).TestId("timeline"));
    }

    [Fact]
    public async Task AComplaintSplitOutOfItsGroup_IsDecidedSeparately()
    {
        var (_, _, filed) = await ThreeIdenticalAsync("split");
        using var staff = await app.SupportAsync();

        var split = await staff.PostFormAsync($"/Staff/Complaints/Details/{filed[2].Id}", "form[action*='handler=Split']", []);
        Assert.Equal(HttpStatusCode.Redirect, split.Status);
        var alone = await staff.GetAsync($"/Staff/Complaints/Details/{filed[2].Id}");
        Assert.Equal(string.Empty, alone.TestId("duplicates"));
        Assert.Contains("1 duplicate about the same ad and category", (await staff.GetAsync($"/Staff/Complaints/Details/{filed[0].Id}")).TestId("duplicates"));

        var rejected = await staff.PostFormAsync($"/Staff/Complaints/Details/{filed[0].Id}", "form[data-testid=reject-form]", new() { ["Decision.Reason"] = "The ad promised no delivery date." });
        Assert.Equal(HttpStatusCode.Redirect, rejected.Status);

        var after = await ComplaintsAsync(filed);
        Assert.Equal([ComplaintStatus.Rejected, ComplaintStatus.Rejected, ComplaintStatus.Filed], after.Select(c => c.Status).ToArray());
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "split-cho@example.com" && m.Subject.Contains("was rejected"))));

        await staff.UpholdAsync(filed[2].Id, ViolationTier.Low, "This buyer's order was never shipped.");
        var last = (await ComplaintsAsync([filed[2]]))[0];
        Assert.Equal(ComplaintStatus.Upheld, last.Status);
        Assert.NotNull(last.ViolationId);
        Assert.Equal([ComplaintStatus.Rejected, ComplaintStatus.Rejected], (await ComplaintsAsync(filed.Take(2))).Select(c => c.Status).ToArray());
        Assert.Single(await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == "split-cho@example.com" && m.Subject.Contains("was upheld")).ToListAsync()));
    }

    private Task<List<Violation>> ActiveViolationsAsync(Advertiser advertiser) =>
        app.WithDbAsync(db => db.Violations.AsNoTracking().Where(v => v.AdAccountId == advertiser.Account.Id && v.Status == ViolationStatus.Active).ToListAsync());

    /// <summary>Decided: reopening any complaint of an upheld group reopens the group's one decision, for every complaint still in it.</summary>
    [Fact]
    public async Task ReopeningOneComplaintOfAnUpheldGroup_ReopensTheWholeGroup_TellsEachComplainant_AndDecidingAgainRecordsOneViolation()
    {
        var (advertiser, _, filed) = await ThreeIdenticalAsync("reopen");
        using var staff = await app.SupportAsync();
        await staff.UpholdAsync(filed[1].Id, ViolationTier.Low, "The shop does not deliver what the ad sells.");
        Assert.Single(await ActiveViolationsAsync(advertiser));
        var ids = filed.Select(f => f.Id).ToList();
        Task<List<Deadline>> RunningAsync() =>
            app.WithDbAsync(db => db.Deadlines.AsNoTracking().Where(d => d.ComplaintId != null && ids.Contains(d.ComplaintId.Value) && d.State == DeadlineState.Pending).ToListAsync());
        var running = await RunningAsync();
        Assert.NotEmpty(running);
        Assert.All(running, d => Assert.Equal(filed[1].Id, d.ComplaintId));

        // Reopened from the account page, choosing a complaint that was upheld with the group (not the one that carries the violation).
        var reopened = await staff.FollowAsync(await staff.PostFormAsync($"/Staff/Accounts/Details/{advertiser.Account.Id}", "form[data-testid=reopen-form]", new()
        {
            ["Desk.ComplaintId"] = filed[2].Id.ToString(),
            ["Desk.Reason"] = "The delivery dates were met after all.",
        }));

        Assert.Contains("back in review", reopened.Text, StringComparison.Ordinal);
        Assert.All(await ComplaintsAsync(filed), c => Assert.Equal(ComplaintStatus.InReview, c.Status));
        Assert.Empty(await ActiveViolationsAsync(advertiser));
        var told = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress.StartsWith("reopen-") && m.Subject.Contains("is being reviewed again")).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(["reopen-ana@example.com", "reopen-ben@example.com", "reopen-cho@example.com"], told.Order().ToArray());
        using var complainant = app.CreateAppClient();
        var tracking = (await complainant.GetAsync(filed[0].TrackingPath)).TestId("timeline");
        Assert.Contains($"Reopened together with {filed[2].Reference}", tracking, StringComparison.Ordinal);
        Assert.Contains("The delivery dates were met after all.", tracking, StringComparison.Ordinal);

        var stillRunning = await RunningAsync();
        Assert.NotEmpty(stillRunning);

        // Still one group: deciding any of them again decides all three, with one violation.
        Assert.Contains("2 duplicates about the same ad and category", (await staff.GetAsync($"/Staff/Complaints/Details/{filed[0].Id}")).TestId("duplicates"));
        await staff.UpholdAsync(filed[0].Id, ViolationTier.Low, "On a second look, the orders were never shipped.");
        Assert.All(await ComplaintsAsync(filed), c => Assert.Equal(ComplaintStatus.Upheld, c.Status));
        Assert.Single(await ActiveViolationsAsync(advertiser));

        // The group's deadlines that were still running follow the complaint decided this time; none is cancelled with the duplicates.
        var runningIds = stillRunning.Select(d => d.Id).ToList();
        var followed = await app.WithDbAsync(db => db.Deadlines.AsNoTracking().Where(d => runningIds.Contains(d.Id)).ToListAsync());
        Assert.All(followed, d => Assert.Equal(filed[0].Id, d.ComplaintId));
        Assert.DoesNotContain(followed, d => Sentences.Outcome(d) is { } o && o.Contains("decided together", StringComparison.Ordinal));
        Assert.True(followed.All(d => d.State != DeadlineState.Cancelled), string.Join(" | ", followed.Select(d => $"{d.Kind} {d.State} {Sentences.Outcome(d)}")));
        Assert.All(await RunningAsync(), d => Assert.Equal(filed[0].Id, d.ComplaintId));
    }

    /// <summary>Decided: a withdrawal takes that one complaint out of its group; the others stay decided and the group's violation stays on the record.</summary>
    [Fact]
    public async Task WithdrawingFromAnUpheldGroup_TakesOnlyThatComplaintOut_AndTheViolationStaysWhileAnyOtherStands()
    {
        var (advertiser, _, filed) = await ThreeIdenticalAsync("leave");
        using var staff = await app.SupportAsync();
        await staff.UpholdAsync(filed[0].Id, ViolationTier.Low, "The shop does not deliver what the ad sells.");
        var violation = Assert.Single(await ActiveViolationsAsync(advertiser));
        Assert.Equal(filed[0].Id, violation.ComplaintId);
        using var complainant = app.CreateAppClient();

        // A member withdraws: it leaves the group; the other two stay upheld; the violation is untouched.
        await complainant.WithdrawAsync(filed[2]);
        var after = await ComplaintsAsync(filed);
        Assert.Equal([ComplaintStatus.Upheld, ComplaintStatus.Upheld, ComplaintStatus.Withdrawn], after.Select(c => c.Status).ToArray());
        Assert.NotEqual(after[0].GroupId, after[2].GroupId);
        Assert.Equal(after[0].GroupId, after[1].GroupId);
        Assert.Equal(violation.Id, Assert.Single(await ActiveViolationsAsync(advertiser)).Id);

        // The complaint that carries the violation withdraws: the other still stands, so the violation stays and rests on it.
        await complainant.WithdrawAsync(filed[0]);
        after = await ComplaintsAsync(filed);
        Assert.Equal([ComplaintStatus.Withdrawn, ComplaintStatus.Upheld, ComplaintStatus.Withdrawn], after.Select(c => c.Status).ToArray());
        var kept = Assert.Single(await ActiveViolationsAsync(advertiser));
        Assert.Equal(violation.Id, kept.Id);
        Assert.Equal(filed[1].Id, kept.ComplaintId);
        Assert.Equal(violation.Id, after[1].ViolationId);
        Assert.Equal(0, await app.WithDbAsync(db => db.Deadlines.CountAsync(d => d.ComplaintId == filed[0].Id && d.State == DeadlineState.Pending)));

        // The last one withdraws: now nothing stands, and the violation comes off the record.
        await complainant.WithdrawAsync(filed[1]);
        Assert.Empty(await ActiveViolationsAsync(advertiser));
        Assert.Equal(AceComplaint.Describe(ComplaintStatus.Withdrawn), (await complainant.GetAsync(filed[1].TrackingPath)).TestId("complaint-status"));
    }
}
