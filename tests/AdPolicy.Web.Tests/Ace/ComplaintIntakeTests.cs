using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Evidence;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Ace;

/// <summary>A complainant files on the public form and follows the complaint through the private tracking link.</summary>
public sealed class ComplaintIntakeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<int> CountAsync(Guid promotionId) =>
        app.WithDbAsync(db => db.AceComplaints.CountAsync(c => c.PromotionId == promotionId));

    [Fact]
    public async Task PublicForm_WithInvalidInput_ShowsMessagesNextToTheFields_AndStoresNothing()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var anonymous = app.CreateAppClient();
        var form = AceTestData.IpForm(promotion.ExternalCampaignId, email: "not-an-email");
        form.Remove("Input.Role");
        form["Input.RightConcerned"] = "";
        form["Input.Description"] = "too short";

        var result = await anonymous.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, form);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("like name@example.com", result.FieldError("Input.Email"));
        Assert.Contains("rights holder or its authorised representative", result.FieldError("Input.Role"));
        Assert.Contains("which right is infringed", result.FieldError("Input.RightConcerned"));
        Assert.Contains("at least 20 characters", result.FieldError("Input.Description"));
        Assert.Equal("too short", result.Document.QuerySelector("textarea[name='Input.Description']")?.TextContent);
        Assert.Equal(0, await CountAsync(promotion.Id));
    }

    [Fact]
    public async Task PublicForm_WithAnUnknownCampaignId_IsAnErrorOnThatField_AndStoresNothing()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        await app.CreatePromotionAsync(advertiser.Account);
        using var anonymous = app.CreateAppClient();
        var before = await app.WithDbAsync(db => db.AceComplaints.CountAsync());

        var result = await anonymous.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, AceTestData.UserForm("CMP-DOES-NOT-EXIST"));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("No campaign or ad has the id \"CMP-DOES-NOT-EXIST\"", result.FieldError("Input.CampaignOrAdId"));
        Assert.Equal(before, await app.WithDbAsync(db => db.AceComplaints.CountAsync()));
    }

    [Fact]
    public async Task Filing_AnIpComplaintByAdId_StartsBothDeadlinesAtFiling_QueuesIt_AndShowsTheTrackingLinkOnce()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var ad = promotion.Ads[0];
        var filedAt = app.Clock.GetUtcNow();

        var filed = await app.FileAsync(AceTestData.IpForm(ad.ExternalAdId), new Upload("Input.Files", "logo.png", TestData.Png, "image/png"));

        var complaint = await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().SingleAsync(c => c.Id == filed.Id));
        Assert.Equal(ad.Id, complaint.AdId);
        Assert.Equal(advertiser.Organisation.Id, complaint.OrganisationId);
        var deadlines = await app.WithDbAsync(db => db.Deadlines.AsNoTracking().Where(d => d.ComplaintId == filed.Id).OrderBy(d => d.DueAt).ToListAsync());
        Assert.Equal([(DeadlineKind.RemoveContent, filedAt.AddHours(48)), (DeadlineKind.CooperateWithComplainant, filedAt.AddHours(72))], deadlines.Select(d => (d.Kind, d.DueAt)));

        // Only the hash of the 32-byte token is stored.
        var token = filed.TrackingPath.Split('/')[^1];
        Assert.Equal(43, token.Length);
        Assert.NotEqual(token, complaint.TrackingTokenHash);
        Assert.DoesNotContain(token, await app.WithDbAsync(db => db.AceComplaints.Select(c => c.TrackingTokenHash).ToListAsync()));

        using var anonymous = app.CreateAppClient();
        var again = await anonymous.GetAsync($"/Public/Complaints/Filed?reference={filed.Reference}");
        Assert.Equal(string.Empty, again.TestId("tracking-link"));

        var file = await app.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().SingleAsync(f => f.CaseId == filed.Id));
        Assert.Equal(CaseKind.AceComplaint, file.CaseKind);

        var queue = await app.WithDbAsync(db => db.QueueItems.AsNoTracking().SingleAsync(q => q.CaseId == filed.Id));
        Assert.Equal(filedAt.AddHours(48), queue.ClockDueAt);
        Assert.Equal(filed.Reference, queue.Reference);
        using var staff = await app.SupportAsync();
        var queuePage = await staff.GetAsync("/Staff/Queue");
        Assert.NotNull(queuePage.Document.QuerySelector($"a[href='/Staff/Complaints/Details/{filed.Id}']"));
    }

    [Fact]
    public async Task TrackingPage_ShowsOnlyItsComplaint_AndAWrongOrRevokedTokenIsNotFound()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var other = await app.CreateAdvertiserAsync();
        var otherPromotion = await app.CreatePromotionAsync(other.Account);
        var mine = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId, "me@example.com"));
        var form = AceTestData.UserForm(otherPromotion.ExternalCampaignId, "someone.else@example.com");
        form["Input.Description"] = "A completely different story about a missing parcel and silence.";
        var theirs = await app.FileAsync(form);
        using var anonymous = app.CreateAppClient();

        var page = await anonymous.GetAsync(mine.TrackingPath);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(mine.Reference, page.Text);
        Assert.Equal("filed and awaiting review", page.TestId("complaint-status"));
        Assert.DoesNotContain(theirs.Reference, page.Text);
        Assert.DoesNotContain("completely different story", page.Text);
        Assert.DoesNotContain(advertiser.Organisation.Name, page.Text);
        Assert.DoesNotContain(advertiser.Account.Name, page.Text);
        Assert.DoesNotContain(promotion.Name, page.Text);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Public/Complaints/Track/" + new string('A', 43))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Public/Complaints/Track/not-a-token")).Status);

        await app.WithDbAsync(async db =>
        {
            var complaint = await db.AceComplaints.SingleAsync(c => c.Id == mine.Id);
            complaint.RevokeTracking(app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(mine.TrackingPath)).Status);
    }
}
