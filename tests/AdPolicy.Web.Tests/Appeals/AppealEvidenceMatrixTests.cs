using System.Net;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Evidence;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Appeals;

/// <summary>
/// Every row of SPEC 4's matrix through the advertiser's pages, with a passing and a failing file the test writes itself,
/// and what the advertiser reads on the checklist.
/// </summary>
public sealed class AppealEvidenceMatrixTests(AppFactory app) : IClassFixture<AppFactory>, IDisposable
{
    private readonly EvidenceFiles _files = new();

    [Fact]
    public async Task WhatACheckFound_IsStoredAsFacts_AndASpanishAdvertiserReadsItInSpanish()
    {
        var penalised = await app.StrikeAsync();
        await app.SetLanguageAsync(penalised.Advertiser.Email, "es");
        using var client = await app.SignedInAsync(penalised.Advertiser.Email);
        var id = await client.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);
        var requestDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        await client.AttachedAsync(id, EvidenceKind.ShippingProof, AppealTestData.File(_files.OrderList("nueve.csv", 9, requestDate)));
        var page = await client.AttachedAsync(id, EvidenceKind.ProductVideo, AppealTestData.File(_files.Mp4("corto.mp4", 1000, 9_500)));

        // Stored: what was measured and what is missing, as facts; no sentence.
        var appeal = await app.WithDbAsync(db => db.ReviewRequests.AsNoTracking().Include(r => r.Items).SingleAsync(r => r.Id == id));
        var list = appeal.Items.Single(i => i.Kind == EvidenceKind.ShippingProof);
        Assert.Equal((null, null), (list.CheckSummary, list.CheckFindings));
        Assert.Equal(FactKind.ListMeasured, Assert.Single(list.CheckMeasured!).Kind);
        Assert.Equal(FactKind.TooFewOrders, Assert.Single(list.CheckFound!).Kind);

        // Read: in Spanish, numbers written the Spanish way, nothing left in English.
        Assert.Contains("9 pedidos distintos con número de seguimiento; se necesitan 10 o más, o una lista que cubra los 30 días anteriores a la solicitud (esta cubre 9 días).", page.TestId("missing-ShippingProof"));
        Assert.Contains("cubre 9 de los 30 días anteriores a la solicitud", page.TestId("summary-ShippingProof"));
        Assert.Equal("El vídeo dura 9,5 segundos; debe durar al menos 10 segundos.", page.TestId("missing-ProductVideo"));
        Assert.Equal("El vídeo dura 9,5 segundos.", page.TestId("summary-ProductVideo"));
        var refused = await client.PostFormAsync($"/Appeals/Details/{id}", "form[action*=Submit]", []);
        Assert.Contains("9 pedidos distintos con número de seguimiento", refused.Summary);
        foreach (var english in new[] { "distinct orders", "The video lasts", "seconds", "no file is attached" })
        {
            Assert.DoesNotContain(english, page.TestId("checklist") + refused.Summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Fulfilment_NineOrdersAndA9Point5SecondVideoFail_TenOrdersAnd10SecondsPass_SubmitWaitsForEveryItem()
    {
        var penalised = await app.StrikeAsync();
        using var client = await app.SignedInAsync(penalised.Advertiser.Email);
        var id = await client.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);
        var requestDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        var nine = await client.AttachedAsync(id, EvidenceKind.ShippingProof, AppealTestData.File(_files.OrderList("nine.csv", 9, requestDate)));
        Assert.Equal("does not pass", nine.TestId("check-ShippingProof"));
        Assert.Contains("9 distinct orders with a tracking number; 10 or more are needed, or a list covering the 30 days before the request (this one covers 9 days).", nine.TestId("missing-ShippingProof"));

        var refused = await client.PostFormAsync($"/Appeals/Details/{id}", "form[action*=Submit]", []);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Shipping proof: 9 distinct orders with a tracking number", refused.Summary);
        Assert.Contains("Product video: no file is attached.", refused.Summary);
        Assert.Contains("Unboxing video: no file is attached.", refused.Summary);
        Assert.Equal(ReviewStatus.Draft, (await app.AppealAsync(id)).Status);

        var ten = await client.AttachedAsync(id, EvidenceKind.ShippingProof, AppealTestData.File(_files.OrderList("ten.csv", 10, requestDate)));
        Assert.Equal("passes", ten.TestId("check-ShippingProof"));
        Assert.Equal(string.Empty, ten.TestId("missing-ShippingProof"));

        var shortVideo = await client.AttachedAsync(id, EvidenceKind.ProductVideo, AppealTestData.File(_files.Mp4("stock-short.mp4", 1000, 9_500)));
        Assert.Equal("does not pass", shortVideo.TestId("check-ProductVideo"));
        Assert.Contains("The video lasts 9.5 seconds; it must last at least 10 seconds.", shortVideo.TestId("missing-ProductVideo"));

        await client.UploadAsync(id, EvidenceKind.ProductVideo, AppealTestData.File(_files.Mp4("stock.mp4", 600, 6_000)));
        var unboxed = await client.AttachedAsync(id, EvidenceKind.MatchVideo, AppealTestData.File(_files.Mp4("unboxing.mov", 30, 300, brand: "qt  ")));
        Assert.Equal("passes", unboxed.TestId("check-ProductVideo"));
        Assert.Equal("passes", unboxed.TestId("check-MatchVideo"));

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var submittedAt = app.Clock.GetUtcNow();
        var submitted = await client.FollowAsync(await client.PostFormAsync($"/Appeals/Details/{id}", "form[action*=Submit]", []));
        Assert.Equal("submitted", submitted.TestId("appeal-status"));

        var queued = await app.WithDbAsync(db => db.QueueItems.AsNoTracking().SingleAsync(q => q.CaseId == id));
        Assert.Equal(CaseKind.ReviewRequest, queued.Kind);
        Assert.Equal(submittedAt.AddHours(72), queued.ClockDueAt);
        Assert.Equal(5, await app.EvidenceRowsAsync(id)); // every readable upload is kept: two lists, three videos
    }

    [Fact]
    public async Task BusinessModel_AListSpanning29DaysFails_30DaysPasses_AndRefundProofOnlyAfterARefusedRefund()
    {
        var penalised = await app.StrikeAsync();
        using var client = await app.SignedInAsync(penalised.Advertiser.Email);
        var withoutRefund = await client.OpenAppealAsync(SubjectKind.Violation, penalised.ViolationId, IssueType.BusinessModel);
        Assert.Equal([EvidenceKind.OrdersPlaced, EvidenceKind.OrdersDelivered], (await app.AppealAsync(withoutRefund)).Items.Select(i => i.Kind).Order());
        await client.PostFormAsync($"/Appeals/Details/{withoutRefund}", "form[action*=Withdraw]", []);

        // The advertiser cannot declare the origin: a posted "refused refund" field changes nothing.
        var declared = await client.OpenAppealAsync(SubjectKind.Violation, penalised.ViolationId, IssueType.BusinessModel, refusedRefund: true);
        Assert.DoesNotContain(EvidenceKind.RefundOrReturnProof, (await app.AppealAsync(declared)).Items.Select(i => i.Kind));
        await client.PostFormAsync($"/Appeals/Details/{declared}", "form[action*=Withdraw]", []);

        // Staff record it on the violation: the evidence matrix follows.
        using var staff = await app.SupportAsync();
        var origin = await staff.PostFormAsync(
            $"/Staff/Accounts/Details/{penalised.Advertiser.Account.Id}",
            "form[data-testid=refund-origin-form]",
            new() { ["Desk.ViolationId"] = penalised.ViolationId.ToString(), ["Desk.PenaltyFromRefusedRefund"] = "true", ["Desk.Reason"] = "The complaint was about a refund the advertiser refused." });
        Assert.Equal(HttpStatusCode.Redirect, origin.Status);
        Assert.Contains("refund or return proof", (await client.GetAsync($"/Appeals/New?subjectKind=Violation&subjectId={penalised.ViolationId}")).TestId("refund-origin"));

        var id = await client.OpenAppealAsync(SubjectKind.Violation, penalised.ViolationId, IssueType.BusinessModel);
        var page = await client.GetAsync($"/Appeals/Details/{id}");
        Assert.NotNull(page.Document.QuerySelector("[data-testid=item-RefundOrReturnProof]"));
        var requestDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        var span29 = await client.AttachedAsync(id, EvidenceKind.OrdersPlaced, AppealTestData.Csv("placed-29.csv", AppealTestData.OrdersOnDays(requestDate, 29, 15, 1)));
        Assert.Equal("does not pass", span29.TestId("check-OrdersPlaced"));
        Assert.Contains("(this one covers 29 days)", span29.TestId("missing-OrdersPlaced"));

        var span30 = await client.AttachedAsync(id, EvidenceKind.OrdersPlaced, AppealTestData.Csv("placed-30.csv", AppealTestData.OrdersOnDays(requestDate, 30, 15, 1)));
        Assert.Equal("passes", span30.TestId("check-OrdersPlaced"));
        Assert.Contains("covers 30 of the 30 days before the request", span30.TestId("summary-OrdersPlaced"));

        var untracked = await client.AttachedAsync(id, EvidenceKind.OrdersDelivered, AppealTestData.File(_files.OrderList("delivered-untracked.csv", 12, requestDate, tracking: false)));
        Assert.Contains("0 distinct orders with a tracking number", untracked.TestId("missing-OrdersDelivered"));
        Assert.Contains("12 orders have no tracking number and do not count.", untracked.TestId("missing-OrdersDelivered"));
        var delivered = await client.AttachedAsync(id, EvidenceKind.OrdersDelivered, AppealTestData.File(_files.OrderList("delivered.csv", 12, requestDate)));
        Assert.Equal("passes", delivered.TestId("check-OrdersDelivered"));

        var nineReturns = await client.AttachedAsync(id, EvidenceKind.RefundOrReturnProof, AppealTestData.File(_files.OrderList("returns-9.csv", 9, requestDate)));
        Assert.Contains("9 distinct cases; 10 or more are needed", nineReturns.TestId("missing-RefundOrReturnProof"));
        var tenReturns = await client.AttachedAsync(id, EvidenceKind.RefundOrReturnProof, AppealTestData.File(_files.OrderList("returns-10.csv", 10, requestDate)));
        Assert.Equal("passes", tenReturns.TestId("check-RefundOrReturnProof"));
    }

    [Fact]
    public async Task PhysicalHarm_ACertificateValidFromTheDayAfterTheSuspensionFails_OneValidThatDayPasses()
    {
        var penalised = await app.StrikeAsync();
        var suspensionDay = DateOnly.FromDateTime(penalised.UpheldAt.UtcDateTime);
        app.Clock.Advance(TimeSpan.FromDays(1));
        using var client = await app.SignedInAsync(penalised.Advertiser.Email);
        var id = await client.OpenAppealAsync(SubjectKind.Suspension, penalised.ViolationId, IssueType.PhysicalHarm);
        Certificate(out var tooLate, "QC-77", suspensionDay.AddDays(1));

        var late = await client.AttachedAsync(id, EvidenceKind.QualityCertificate, tooLate, new Upload("Evidence.File", "quality.pdf", TestData.Pdf));

        Assert.Equal("does not pass", late.TestId("check-QualityCertificate"));
        Assert.Contains(
            $"The certificate is valid from {suspensionDay.AddDays(1):yyyy-MM-dd}, after the suspension on {suspensionDay:yyyy-MM-dd}; it must have been valid on the date of the suspension.",
            late.TestId("missing-QualityCertificate"));

        Certificate(out var inTime, "QC-77", suspensionDay, validTo: suspensionDay.AddYears(1));
        var valid = await client.AttachedAsync(id, EvidenceKind.QualityCertificate, inTime, new Upload("Evidence.File", "quality.png", TestData.Png));
        Assert.Equal("passes", valid.TestId("check-QualityCertificate"));
        Assert.Contains("Certificate QC-77 issued by National Product Safety Office", valid.TestId("summary-QualityCertificate"));

        Certificate(out var noAuthority, "SA-1", suspensionDay.AddYears(-1));
        noAuthority["Evidence.Authority"] = " ";
        var refused = await client.UploadAsync(id, EvidenceKind.SectorAccessCertificate, noAuthority, new Upload("Evidence.File", "sector.pdf", TestData.Pdf));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("Name the authority that issued the certificate.", refused.FieldError("Evidence.Authority"));
        Assert.Equal(2, await app.EvidenceRowsAsync(id));
    }

    [Fact]
    public async Task DataSecurity_ALogisticsListAloneFails_WithTheDescribedBusinessDocumentItPasses()
    {
        var penalised = await app.StrikeAsync();
        using var client = await app.SignedInAsync(penalised.Advertiser.Email);
        var id = await client.OpenAppealAsync(SubjectKind.Violation, penalised.ViolationId, IssueType.DataSecurity);
        var requestDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        var listOnly = await client.AttachedAsync(id, EvidenceKind.BusinessLegitimacyProof, AppealTestData.File(_files.OrderList("logistics.csv", 10, requestDate)));
        Assert.Equal("does not pass", listOnly.TestId("check-BusinessLegitimacyProof"));
        Assert.Contains("Attach a document proving the business model or permission", listOnly.TestId("missing-BusinessLegitimacyProof"));

        var undescribed = await client.UploadAsync(id, EvidenceKind.BusinessLegitimacyProof, new Upload("Evidence.Document", "licence.pdf", TestData.Pdf));
        Assert.Equal("Describe what the business document proves.", undescribed.FieldError("Evidence.Description"));

        var both = await client.AttachedAsync(
            id,
            EvidenceKind.BusinessLegitimacyProof,
            new Dictionary<string, string> { ["Evidence.Description"] = "Data-processing licence DP-2026-0042 from the data protection authority." },
            new Upload("Evidence.Document", "licence.pdf", TestData.Pdf));
        Assert.Equal("passes", both.TestId("check-BusinessLegitimacyProof"));
        var item = (await app.AppealAsync(id)).Item(EvidenceKind.BusinessLegitimacyProof);
        Assert.NotNull(item.SupportingFileId);
        Assert.Equal("Data-processing licence DP-2026-0042 from the data protection authority.", item.DocumentDescription);
    }

    [Fact]
    public async Task TheSameFileUploadedTwice_IsStoredOnce_UnderItsSha256()
    {
        var penalised = await app.StrikeAsync();
        using var client = await app.SignedInAsync(penalised.Advertiser.Email);
        var id = await client.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);
        var video = AppealTestData.File(_files.Mp4("both.mp4", 1000, 12_000, mediaBytes: 4096));

        await client.UploadAsync(id, EvidenceKind.ProductVideo, video);
        await client.UploadAsync(id, EvidenceKind.MatchVideo, video);

        var rows = await app.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().Where(f => f.CaseId == id).ToListAsync());
        Assert.Equal(2, rows.Count);
        var sha = Assert.Single(rows.Select(r => r.Sha256).Distinct());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(video.Content)), sha);
        Assert.Single(app.StoredFiles(), f => Path.GetFileName(f) == sha);
        Assert.Empty(Directory.GetFiles(Path.Combine(app.EvidenceRoot, "incoming")));
    }

    [Fact]
    public async Task EachListItem_OffersADownloadableTemplate_ThatTheInspectorReads()
    {
        var penalised = await app.StrikeAsync();
        using var client = await app.SignedInAsync(penalised.Advertiser.Email);
        var id = await client.OpenAppealAsync(SubjectKind.Strike, penalised.ViolationId, IssueType.Fulfilment);
        var link = (await client.GetAsync($"/Appeals/Details/{id}")).Document.QuerySelector("[data-testid=upload-ShippingProof] a[download]")!.GetAttribute("href")!;

        var template = await client.Http.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal("shipping-proof-template.csv", template.Content.Headers.ContentDisposition?.FileNameStar ?? template.Content.Headers.ContentDisposition?.FileName);
        var facts = await AdPolicy.Web.Evidence.OrderListInspector.InspectAsync(await template.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        Assert.Equal((1, 1, 0), (facts.Rows, facts.DistinctOrdersWithTracking, facts.RowErrorCount));
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/evidence/templates/ProductVideo")).StatusCode);
    }

    public void Dispose() => _files.Dispose();

    private static void Certificate(out Dictionary<string, string> fields, string number, DateOnly validFrom, DateOnly? validTo = null) =>
        fields = new()
        {
            ["Evidence.Authority"] = "National Product Safety Office",
            ["Evidence.Number"] = number,
            ["Evidence.ValidFrom"] = validFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Evidence.ValidTo"] = validTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        };
}
