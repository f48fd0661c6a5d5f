using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Web.Tests.Infrastructure;
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
}
