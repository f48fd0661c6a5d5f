using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Evidence;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Appeals;

/// <summary>The reviewer's desk, who may do what, and who may see which evidence.</summary>
public sealed class AppealReviewTests(AppFactory app) : IClassFixture<AppFactory>, IDisposable
{
    private readonly EvidenceFiles _files = new();

    [Fact]
    public async Task ApprovingAStrikeAppeal_RemovesTheStrike_LiftsTheSuspension_ReinstatesTheAd_AndTellsTheAdvertiser()
    {
        var (penalised, id, advertiser) = await SubmittedFulfilmentAppealAsync();
        using var support = await app.SupportAsync();
        using var reviewer = await app.ReviewerAsync();

        // The queue does not offer support staff a claim the server would refuse.
        var row = (await support.GetAsync($"/Staff/Queue?Filter.Organisation={penalised.Advertiser.Organisation.Id}"))
            .Document.QuerySelector($"tr[data-case='{(await app.AppealAsync(id)).Reference}']")!;
        Assert.Null(row.QuerySelector("button[formaction*='handler=Claim']"));
        Assert.Contains("a reviewer claims it", row.TextContent);
        var supportClaims = await support.PostAsync(
            $"/Staff/Appeals/Details/{id}?handler=Claim", [new("__RequestVerificationToken", await support.TokenFromAsync($"/Staff/Appeals/Details/{id}"))]);
        Assert.Contains("AccessDenied", supportClaims.Location ?? string.Empty);
        var claimed = await reviewer.FollowAsync(await reviewer.PostFormAsync($"/Staff/Appeals/Details/{id}", "form[action*=Claim]", []));
        Assert.Equal("in review", claimed.TestId("appeal-status"));

        // Support staff read the desk but cannot decide.
        var supportApproves = await support.PostAsync(
            $"/Staff/Appeals/Details/{id}?handler=Approve",
            [new("__RequestVerificationToken", await support.TokenFromAsync($"/Staff/Appeals/Details/{id}")), new("Decision.Reason", "Fine.")]);
        Assert.Contains("AccessDenied", supportApproves.Location ?? string.Empty);

        // Approving is not offered before every item is accepted; a post from an older page is refused all the same.
        var before = await reviewer.GetAsync($"/Staff/Appeals/Details/{id}");
        Assert.Null(before.Document.QuerySelector("button[formaction*=Approve]"));
        Assert.True(before.Document.QuerySelector("[data-testid=decision-form] button[disabled]")!.TextContent.Contains("Approve", StringComparison.Ordinal));
        Assert.Equal("Approving needs every evidence item accepted first; 3 items are not.", before.TestId("why-not-approve"));

        // Links sent before appeals had one name ("reviews") still open the appeal.
        var oldLink = await reviewer.GetAsync($"/Staff/Reviews/Details/{id}");
        Assert.Equal(before.TestId("why-not-approve"), oldLink.TestId("why-not-approve"));
        var early = await reviewer.PostAsync(
            $"/Staff/Appeals/Details/{id}?handler=Approve",
            [new("__RequestVerificationToken", await reviewer.TokenFromAsync($"/Staff/Appeals/Details/{id}")), new("Decision.Reason", "The evidence is convincing.")]);
        Assert.Equal(HttpStatusCode.OK, early.Status);
        Assert.Contains("Accept every evidence item before approving the appeal.", early.Summary);

        var rejectWithoutNote = await reviewer.PostFormAsync($"/Staff/Appeals/Details/{id}", "button[formaction*='verdict=Rejected&kind=ShippingProof']", []);
        Assert.Contains("Say why shipping proof is rejected", rejectWithoutNote.Summary);
        foreach (var kind in new[] { EvidenceKind.ShippingProof, EvidenceKind.ProductVideo, EvidenceKind.MatchVideo })
        {
            var accepted = await reviewer.FollowAsync(await reviewer.PostFormAsync($"/Staff/Appeals/Details/{id}", $"button[formaction*='verdict=Accepted&kind={kind}']", []));
            Assert.Equal("accepted", accepted.TestId($"verdict-{kind}"));
        }

        var approved = await reviewer.FollowAsync(await reviewer.PostFormAsync($"/Staff/Appeals/Details/{id}", "button[formaction*=Approve]", new() { ["Decision.Reason"] = "The orders were shipped and tracked." }));

        Assert.Equal("approved", approved.TestId("appeal-status"));
        var violation = await app.WithDbAsync(db => db.Violations.AsNoTracking().SingleAsync(v => v.Id == penalised.ViolationId));
        Assert.False(violation.IsActive);
        Assert.Null(violation.RemovedReason);
        Assert.Equal(Fact.Of(FactKind.AppealApproved, EventValues.Of(EventValue.Appeal, (await app.AppealAsync(id)).Reference)), violation.RemovedWhy);
        Assert.Equal($"Review request {(await app.AppealAsync(id)).Reference} was approved.", Sentences.InEnglish([violation.RemovedWhy!]));
        var ad = await app.WithDbAsync(db => db.Ads.AsNoTracking().SingleAsync(a => a.Id == penalised.Promotion.Ads[0].Id));
        Assert.NotEqual(AdStatus.Removed, ad.Status);
        var ace = await advertiser.GetAsync("/Ace");
        Assert.Equal("This ad account is in good standing.", ace.TestId("standing"));
        Assert.Equal(string.Empty, ace.TestId("strikes"));
        Assert.Equal(string.Empty, ace.TestId("deadlines"));
        var notices = await advertiser.GetAsync("/Notifications");
        Assert.Contains("approved", notices.Text);
        Assert.Contains("The orders were shipped and tracked.", notices.Text);
        Assert.False(await app.WithDbAsync(db => db.QueueItems.AnyAsync(q => q.CaseId == id)));
    }

    [Fact]
    public async Task DenyingAnAppeal_KeepsThePenalty_AndTellsTheAdvertiserWhy()
    {
        var (penalised, id, advertiser) = await SubmittedFulfilmentAppealAsync();
        using var reviewer = await app.ReviewerAsync();
        await reviewer.PostFormAsync($"/Staff/Appeals/Details/{id}", "form[action*=Claim]", []);

        var denied = await reviewer.FollowAsync(await reviewer.PostFormAsync($"/Staff/Appeals/Details/{id}", "button[formaction*=Deny]", new() { ["Decision.Reason"] = "The tracking numbers do not match any carrier." }));

        Assert.Equal("denied", denied.TestId("appeal-status"));
        Assert.True((await app.WithDbAsync(db => db.Violations.AsNoTracking().SingleAsync(v => v.Id == penalised.ViolationId))).IsActive);
        Assert.Contains("suspended until", (await advertiser.GetAsync("/Ace")).TestId("standing"));
        var mine = await advertiser.GetAsync($"/Appeals/Details/{id}");
        Assert.Contains("The tracking numbers do not match any carrier.", mine.TestId("decision"));
        Assert.Contains("denied", (await advertiser.GetAsync("/Notifications")).Text);
    }

    [Fact]
    public async Task AReviewerAttachesEvidenceToTheAppeal_WhichIsCheckedLikeTheAdvertisers()
    {
        var (_, id, _) = await SubmittedFulfilmentAppealAsync();
        using var reviewer = await app.ReviewerAsync();
        await reviewer.PostFormAsync($"/Staff/Appeals/Details/{id}", "form[action*=Claim]", []);

        var result = await reviewer.PostFormAsync(
            $"/Staff/Appeals/Details/{id}", "form[data-testid=upload-MatchVideo]", [], AppealTestData.File(_files.Mp4("reviewer-unboxing.mp4", 1000, 8_000)));

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var item = (await app.AppealAsync(id)).Item(EvidenceKind.MatchVideo);
        Assert.False(item.CheckPassed);
        Assert.Equal("Rui Reviewer", item.AttachedByName);
        using var support = await app.SupportAsync();
        var refused = await support.PostAsync($"/Staff/Appeals/Evidence/{id}/MatchVideo", []);
        Assert.Contains("AccessDenied", refused.Location ?? string.Empty);
    }

    [Fact]
    public async Task AnotherAdvertisersAppealAndEvidence_AreNotFound()
    {
        var (_, id, owner) = await SubmittedFulfilmentAppealAsync();
        var other = await app.CreateAdvertiserAsync();
        using var intruder = await app.SignedInAsync(other.Email);
        var fileId = await app.WithDbAsync(db => db.EvidenceFiles.Where(f => f.CaseId == id).Select(f => f.Id).FirstAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/Appeals/Details/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/Appeals/Evidence/{id}/ShippingProof")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/evidence/{fileId}")).Status);
        var token = await intruder.TokenFromAsync("/Appeals");
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostAsync($"/Appeals/Details/{id}?handler=Withdraw", [new("__RequestVerificationToken", token)])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/Appeals/New?subjectKind=Strike&subjectId={(await app.AppealAsync(id)).SubjectId}")).Status);

        var download = await owner.Http.GetAsync($"/evidence/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task TheComplainantSeesOnlyTheEvidenceMeantForThem_NotWhatStaffAttached()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var filed = await app.FileAsync(AceTestData.IpForm(promotion.ExternalCampaignId), new Upload("Input.Files", "our-registration.pdf", TestData.Pdf));
        using var reviewer = await app.ReviewerAsync();

        var attached = await reviewer.FollowAsync(await reviewer.PostFormAsync(
            $"/Staff/Complaints/Details/{filed.Id}", "form[data-testid=attach-form]", [], new Upload("Files", "internal-screenshot.png", TestData.Png)));

        Assert.True(attached.Text.Contains("1 file attached.", StringComparison.Ordinal), attached.Summary);
        Assert.Contains("internal-screenshot.png", attached.TestId("files"));
        Assert.Contains("Evidence attached", attached.TestId("timeline"));
        using var complainant = app.CreateAppClient();
        var tracking = await complainant.GetAsync(filed.TrackingPath);
        Assert.Contains("our-registration.pdf", tracking.TestId("files"));
        Assert.DoesNotContain("internal-screenshot.png", tracking.Text);
        var staffFile = await app.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().SingleAsync(f => f.CaseId == filed.Id && f.FileName == "internal-screenshot.png"));
        Assert.Equal(HttpStatusCode.NotFound, (await complainant.GetAsync($"{filed.TrackingPath}?handler=File&fileId={staffFile.Id}")).Status);
        using var owner = await app.SignedInAsync(advertiser.Email);
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync($"/evidence/{staffFile.Id}")).StatusCode);
    }

    [Fact]
    public async Task AReviewerAttachesEvidenceToARefundCase_SupportCannot_AndAWrongFileIsRefused()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var refund = await app.FileRefundAsync(advertiser, promotion);
        using var reviewer = await app.ReviewerAsync();
        using var support = await app.SupportAsync();
        var page = $"/Staff/Refunds/Details/{refund.Id}";
        Assert.Null((await support.GetAsync(page)).Document.QuerySelector("form[data-testid=attach-form]"));

        var wrong = await reviewer.PostFormAsync(page, "form[data-testid=attach-form]", [], new Upload("Files", "report.pdf", "<html><script>alert(1)</script></html>"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.True(wrong.Text.Contains("report.pdf", StringComparison.Ordinal), wrong.Summary);
        Assert.Equal("\"report.pdf\" is not a PNG, JPEG or PDF file: its content is something else.", wrong.FieldError("Files"));
        Assert.Equal(0, await app.WithDbAsync(db => db.EvidenceFiles.CountAsync(f => f.CaseId == refund.Id)));

        var attached = await reviewer.FollowAsync(await reviewer.PostFormAsync(page, "form[data-testid=attach-form]", [], new Upload("Files", "carrier-report.pdf", TestData.Pdf)));
        Assert.Contains("carrier-report.pdf", attached.Text);
        var files = await app.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().Where(f => f.CaseKind == CaseKind.RefundRequest && f.CaseId == refund.Id).ToListAsync());
        var file = Assert.Single(files);
        Assert.Equal(Domain.Common.ActorKind.Staff, file.UploadedByKind);
        var supportAttach = await support.PostAsync($"{page}?handler=Attach", [new("__RequestVerificationToken", await support.TokenFromAsync(page))], new Upload("Files", "x.pdf", TestData.Pdf));
        Assert.Contains("AccessDenied", supportAttach.Location ?? string.Empty);
    }

    public void Dispose() => _files.Dispose();

    private Task<(Penalised Penalised, Guid Id, AppClient Advertiser)> SubmittedFulfilmentAppealAsync() => app.SubmittedFulfilmentAppealAsync(_files);
}
