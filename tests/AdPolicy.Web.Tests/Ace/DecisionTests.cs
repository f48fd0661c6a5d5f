using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Ace;

/// <summary>Staff decide complaints; the advertiser sees the consequences on the ACE page; the complainant can withdraw.</summary>
public sealed class DecisionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task UpholdingAnIpComplaint_GivesAStrikeAndAThreeDaySuspension_ShownOnTheAcePageAndToTheComplainant()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Paused);
        var filed = await app.FileAsync(AceTestData.IpForm(promotion.Ads[0].ExternalAdId));
        app.Clock.Advance(TimeSpan.FromHours(10));
        var upheldAt = app.Clock.GetUtcNow();
        using var staff = await app.SupportAsync();

        var result = await staff.UpholdAsync(filed.Id, ViolationTier.Low);

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var violation = await app.WithDbAsync(db => db.Violations.AsNoTracking().SingleAsync(v => v.ComplaintId == filed.Id));
        Assert.True(violation.IsStrike);
        var ad = await app.WithDbAsync(db => db.Ads.AsNoTracking().SingleAsync(a => a.Id == promotion.Ads[0].Id));
        Assert.Equal(AdStatus.Removed, ad.Status);

        using var advertiserClient = await app.SignedInAsync(advertiser.Email);
        var ace = await advertiserClient.GetAsync("/Ace");
        Assert.Equal(upheldAt.AddDays(3), ace.Moment("suspended-until"));
        Assert.Equal(Zones.Format(upheldAt.AddDays(3), Zones.Get("Europe/Madrid"), System.Globalization.CultureInfo.GetCultureInfo("en")), ace.TestId("suspended-until")); // an EMEA advertiser reads Madrid time
        Assert.Contains("suspended until", ace.TestId("standing"));
        Assert.Contains("1st strike in Impersonating or misusing another brand", ace.TestId("sanctions"));
        Assert.Contains("Impersonating or misusing another brand: 1 of 3", ace.TestId("strikes"));
        var deadlines = ace.TestId("deadlines");
        Assert.Contains("Correct similar content", deadlines);
        Assert.Contains("Tell the complainant the outcome", deadlines);
        Assert.DoesNotContain("legal@brand.example", ace.Text);
        Assert.NotNull(ace.Document.QuerySelector($"a[href='/Appeals/New?subjectKind=Strike&subjectId={violation.Id}']"));

        // The removal deadline was not met in time by the advertiser, but it is not yet due: it keeps running only if pending.
        var correction = await app.WithDbAsync(db => db.Deadlines.AsNoTracking().SingleAsync(d => d.ViolationId == violation.Id));
        Assert.Equal(upheldAt.AddHours(48), correction.DueAt);

        // A suspended account is not offered "Resume", and the server refuses it anyway.
        var details = await advertiserClient.GetAsync($"/Promotions/Details/{promotion.Id}");
        Assert.Null(details.Document.QuerySelector("form[action*=Resume]"));
        var token = details.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var resume = await advertiserClient.PostAsync($"/Promotions/Details/{promotion.Id}?handler=Resume", [new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.OK, resume.Status);
        Assert.Contains("suspended, so its promotions cannot be launched or resumed", resume.Summary);
        Assert.Equal(PromotionStatus.Paused, (await app.WithDbAsync(db => db.Promotions.AsNoTracking().SingleAsync(p => p.Id == promotion.Id))).Status);

        using var complainant = app.CreateAppClient();
        var tracking = await complainant.GetAsync(filed.TrackingPath);
        Assert.Equal("upheld", tracking.TestId("complaint-status"));
        Assert.Contains("The ad uses the complainant's trademark.", tracking.TestId("outcome"));
    }

    [Fact]
    public async Task TheComplainantsWithdrawal_LiftsTheSuspensionThatRestedOnIt_AndReinstatesTheAd()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Paused);
        var filed = await app.FileAsync(AceTestData.IpForm(promotion.ExternalCampaignId));
        using var staff = await app.SupportAsync();
        await staff.UpholdAsync(filed.Id, ViolationTier.Low);
        using var advertiserClient = await app.SignedInAsync(advertiser.Email);
        Assert.Contains("suspended until", (await advertiserClient.GetAsync("/Ace")).TestId("standing"));
        app.Clock.Advance(TimeSpan.FromHours(1));
        using var complainant = app.CreateAppClient();

        var withdrawn = await complainant.FollowAsync(await complainant.WithdrawAsync(filed));

        Assert.Equal("withdrawn by the complainant", withdrawn.TestId("complaint-status"));
        var ace = await advertiserClient.GetAsync("/Ace");
        Assert.Equal("This ad account is in good standing.", ace.TestId("standing"));
        Assert.Equal(string.Empty, ace.TestId("suspended-until"));
        Assert.Contains("removed", ace.TestId("violations"));
        Assert.Equal(string.Empty, ace.TestId("deadlines"));
        var ads = await app.WithDbAsync(db => db.Ads.AsNoTracking().Where(a => a.PromotionId == promotion.Id).ToListAsync());
        Assert.All(ads, a => Assert.Equal(AdStatus.Active, a.Status));
        Assert.All(
            await app.WithDbAsync(db => db.Deadlines.AsNoTracking().Where(d => d.ComplaintId == filed.Id).ToListAsync()),
            d => Assert.NotEqual(DeadlineState.Pending, d.State));

        var resumed = await advertiserClient.FollowAsync(await advertiserClient.PostFormAsync($"/Promotions/Details/{promotion.Id}", "form[action*=Resume]", []));
        Assert.StartsWith("Active —", resumed.TestId("promotion-status"));
        Assert.DoesNotContain("suspended", resumed.TestId("promotion-status"));
    }

    [Fact]
    public async Task StaffCannotUpholdAWithdrawnComplaint_AndNothingChanges()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var filed = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId));
        using var staff = await app.SupportAsync();
        var pageBefore = await staff.GetAsync($"/Staff/Complaints/Details/{filed.Id}");
        using var complainant = app.CreateAppClient();
        await complainant.WithdrawAsync(filed);

        var token = pageBefore.Document.QuerySelector("form[data-testid=uphold-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var result = await staff.PostAsync(
            $"/Staff/Complaints/Details/{filed.Id}?handler=Uphold",
            [new("__RequestVerificationToken", token), new("Decision.Tier", "High"), new("Decision.Reason", "Too late.")]);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("withdrew this complaint, so it can no longer be upheld", result.Summary);
        Assert.Equal(0, await app.WithDbAsync(db => db.Violations.CountAsync(v => v.ComplaintId == filed.Id)));
        Assert.Equal(ComplaintStatus.Withdrawn, (await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().SingleAsync(c => c.Id == filed.Id))).Status);
        Assert.Equal(AdStatus.Active, (await app.WithDbAsync(db => db.Ads.AsNoTracking().SingleAsync(a => a.PromotionId == promotion.Id))).Status);
    }

    [Fact]
    public async Task AReviewerCannotUphold_AndNothingChanges()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var filed = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId));
        using var reviewer = await app.SignedInAsync(await app.CreateUserAsync(Roles.Reviewer));
        var page = await reviewer.GetAsync($"/Staff/Complaints/Details/{filed.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("form[data-testid=uphold-form]"));

        var token = await reviewer.TokenFromAsync($"/Staff/Complaints/Details/{filed.Id}");
        var result = await reviewer.PostAsync(
            $"/Staff/Complaints/Details/{filed.Id}?handler=Uphold",
            [new("__RequestVerificationToken", token), new("Decision.Tier", "Critical"), new("Decision.Reason", "Not mine to decide.")]);

        Assert.NotEqual(HttpStatusCode.OK, result.Status);
        Assert.Contains("AccessDenied", result.Location ?? string.Empty);
        Assert.Equal(0, await app.WithDbAsync(db => db.Violations.CountAsync(v => v.ComplaintId == filed.Id)));
        Assert.Equal(ComplaintStatus.Filed, (await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().SingleAsync(c => c.Id == filed.Id))).Status);
    }

    [Fact]
    public async Task AdvertiserA_SeesNothingOfAdvertiserBsComplaintsOrViolations_AndCannotActOnThem()
    {
        var b = await app.CreateAdvertiserAsync();
        var bPromotion = await app.CreatePromotionAsync(b.Account);
        var filed = await app.FileAsync(AceTestData.IpForm(bPromotion.ExternalCampaignId));
        using var staff = await app.SupportAsync();
        await staff.UpholdAsync(filed.Id, ViolationTier.High, "Counterfeit logo on every ad of the campaign.");
        var bDeadline = await app.WithDbAsync(db => db.Deadlines.AsNoTracking().FirstAsync(d => d.ComplaintId == filed.Id && d.Kind == DeadlineKind.CorrectSimilarContent));
        var a = await app.CreateAdvertiserAsync();
        using var aClient = await app.SignedInAsync(a.Email);

        var ace = await aClient.GetAsync("/Ace");

        Assert.Equal(HttpStatusCode.OK, ace.Status);
        Assert.Equal("This ad account is in good standing.", ace.TestId("standing"));
        Assert.DoesNotContain(filed.Reference, ace.Text);
        Assert.DoesNotContain("Counterfeit logo", ace.Text);
        var token = await aClient.TokenFromAsync("/Ace");
        Assert.Equal(HttpStatusCode.NotFound, (await aClient.PostAsync($"/Ace?handler=Corrected&deadlineId={bDeadline.Id}", [new("__RequestVerificationToken", token), new("Correction.Note", "x")])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await aClient.PostAsync($"/Ace?handler=Cooperate&complaintId={filed.Id}", [new("__RequestVerificationToken", token), new("Message.Text", "x")])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await aClient.GetAsync($"/Promotions/Details/{bPromotion.Id}")).Status);
        Assert.Equal(DeadlineState.Pending, (await app.WithDbAsync(db => db.Deadlines.AsNoTracking().SingleAsync(d => d.Id == bDeadline.Id))).State);

        using var bClient = await app.SignedInAsync(b.Email);
        var bAce = await bClient.GetAsync("/Ace");
        Assert.Contains(filed.Reference, bAce.Text);
        Assert.Contains("Suspension warning", bAce.TestId("notice"));
    }

    [Fact]
    public async Task TheAdvertiserMeetsDeadlines_ByRemovingTheAd_AndWritingToTheComplainantWithEvidence()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var filed = await app.FileAsync(AceTestData.IpForm(promotion.Ads[0].ExternalAdId));
        using var client = await app.SignedInAsync(advertiser.Email);

        var removed = await client.PostFormAsync("/Ace", "form[action*=RemoveAd]", []);
        var cooperated = await client.PostFormAsync(
            $"/Ace?Write={filed.Id}", "form[action*=Cooperate]", new() { ["Message.Text"] = "We removed the ad and attach our licence." },
            new Upload("Message.Files", "licence.pdf", TestData.Pdf, "application/pdf"));

        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Equal(HttpStatusCode.Redirect, cooperated.Status);
        var deadlines = await app.WithDbAsync(db => db.Deadlines.AsNoTracking().Where(d => d.ComplaintId == filed.Id).ToListAsync());
        Assert.All(deadlines, d => Assert.Equal(DeadlineState.Met, d.State));
        Assert.Equal(AdStatus.Removed, (await app.WithDbAsync(db => db.Ads.AsNoTracking().SingleAsync(a => a.Id == promotion.Ads[0].Id))).Status);

        using var complainant = app.CreateAppClient();
        var tracking = await complainant.GetAsync(filed.TrackingPath);
        Assert.Contains("We removed the ad and attach our licence.", tracking.TestId("advertiser-message"));
        var link = tracking.Document.QuerySelector("[data-testid=files] a")!.GetAttribute("href")!;
        var download = await complainant.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(TestData.Pdf, await download.Content.ReadAsByteArrayAsync());

        // Upheld later: the removal was done in time, so nothing is enforced for it; the ad stays removed by the advertiser.
        using var staff = await app.SupportAsync();
        await staff.UpholdAsync(filed.Id, ViolationTier.Medium);
        var ad = await app.WithDbAsync(db => db.Ads.AsNoTracking().SingleAsync(a => a.Id == promotion.Ads[0].Id));
        Assert.False(ad.StoppedByPlatform);
    }
}
