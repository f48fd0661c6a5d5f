using System.Net;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Refunds;

/// <summary>An advertiser files a refund request through the real pages.</summary>
public sealed class FilingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string> Form(string reason = "PerformanceShortfall", string description = "Delivery stopped at 60% of the impressions we paid for.", string amount = "400.00") =>
        new() { ["Input.Reason"] = reason, ["Input.Description"] = description, ["Input.Amount"] = amount };

    private Task<int> CountRequestsAsync(Guid promotionId) =>
        app.WithDbAsync(db => db.RefundRequests.CountAsync(r => r.PromotionId == promotionId));

    [Fact]
    public async Task PreCheck_ShowsSuggestedRefundFromThePromotionsFigures()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 1000m, promised: 100_000, delivered: 60_000);
        using var client = await app.SignedInAsync(advertiser.Email);

        var page = await client.GetAsync($"/Refunds/New?promotionId={promotion.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("400.00 EUR", page.TestId("suggested-refund"));
        Assert.Equal("1,000.00 EUR", page.TestId("refundable"));
    }

    [Fact]
    public async Task Filing_WithInvalidInput_ReshowsTheFormWithFieldMessages_AndStoresNothing()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var client = await app.SignedInAsync(advertiser.Email);

        var result = await client.PostFormAsync($"/Refunds/New?promotionId={promotion.Id}", "form[enctype]", Form(description: "too short", amount: "-5"));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("at least 20 characters", result.FieldError("Input.Description"));
        Assert.Contains("more than zero", result.FieldError("Input.Amount"));
        Assert.Equal("too short", result.Document.QuerySelector("textarea[name='Input.Description']")?.TextContent);
        Assert.Equal(0, await CountRequestsAsync(promotion.Id));
    }

    [Fact]
    public async Task Filing_MoreThanWasSpent_IsRefusedOnTheAmountField_AndStoresNothing()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 1000m);
        using var client = await app.SignedInAsync(advertiser.Email);

        var result = await client.PostFormAsync($"/Refunds/New?promotionId={promotion.Id}", "form[enctype]", Form(amount: "1000.01"));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("at most 1,000.00 EUR", result.FieldError("Input.Amount"));
        Assert.Equal(0, await CountRequestsAsync(promotion.Id));
    }

    [Fact]
    public async Task Filing_ForAPromotionThatHasNotStarted_ShowsWhyAndOffersNoForm()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 0m, delivered: 0, startsAt: app.Clock.GetUtcNow().AddDays(3), status: PromotionStatus.Paused);
        using var client = await app.SignedInAsync(advertiser.Email);

        var page = await client.GetAsync($"/Refunds/New?promotionId={promotion.Id}");

        Assert.Contains("has not started yet", page.TestId("refusal-PerformanceShortfall"));
        Assert.Null(page.Document.QuerySelector("form[enctype]"));
        var list = await client.GetAsync("/Promotions");
        var row = list.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(promotion.ExternalCampaignId, StringComparison.Ordinal));
        Assert.Contains("not started", row.TextContent);
    }

    [Fact]
    public async Task Filing_AShortfallWhenEverythingWasDelivered_IsRefusedWithTheReason()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, promised: 100_000, delivered: 100_500);
        using var client = await app.SignedInAsync(advertiser.Email);

        var result = await client.PostFormAsync($"/Refunds/New?promotionId={promotion.Id}", "form[enctype]", Form());

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("delivered everything it promised", result.Summary);
        Assert.Equal(0, await CountRequestsAsync(promotion.Id));
    }

    [Fact]
    public async Task Filing_WithAScreenshot_CreatesTheCase_WithItsFileAndTimeline_AndShowsItInMyCases()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var client = await app.SignedInAsync(advertiser.Email);

        var result = await client.PostFormAsync(
            $"/Refunds/New?promotionId={promotion.Id}", "form[enctype]", Form(),
            new Upload("Input.Attachments", "delivery.png", TestData.Png, "image/png"));

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        var casePage = await client.FollowAsync(result);
        Assert.Equal("submitted", casePage.TestId("case-status"));
        Assert.Contains("delivery.png", casePage.TestId("files"));
        Assert.Contains("Filed", casePage.TestId("timeline"));

        var stored = await app.WithDbAsync(db => db.RefundRequests.SingleAsync(r => r.PromotionId == promotion.Id));
        Assert.Equal(400.00m, stored.RequestedAmount);
        Assert.Equal(400.00m, stored.SuggestedAmount);
        Assert.Equal(app.Clock.GetUtcNow().AddHours(48), stored.ResponseDueAt);
        var file = await app.WithDbAsync(db => db.EvidenceFiles.SingleAsync(f => f.CaseId == stored.Id));
        Assert.Equal(FileKind.Png, file.Kind);
        Assert.True(File.Exists(Path.Combine(app.EvidenceRoot, file.Sha256[..2], file.Sha256[2..4], file.Sha256)));

        var myCases = await client.GetAsync("/Refunds");
        Assert.Contains(stored.Reference, myCases.Text);
    }

    [Fact]
    public async Task Filing_AFileWhoseBytesAreNotAnImageOrPdf_IsRefused_AndStoresNothing()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var client = await app.SignedInAsync(advertiser.Email);

        var result = await client.PostFormAsync(
            $"/Refunds/New?promotionId={promotion.Id}", "form[enctype]", Form(),
            new Upload("Input.Attachments", "screenshot.png", "MZ\x90\0 this is an executable"u8.ToArray(), "image/png"));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("is not a PNG, JPEG or PDF file", result.FieldError("Input.Attachments"));
        Assert.Equal(0, await CountRequestsAsync(promotion.Id));
    }

    [Fact]
    public async Task Filing_TheSameFormTwice_FilesOneRequest()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var client = await app.SignedInAsync(advertiser.Email);
        var form = await client.GetAsync($"/Refunds/New?promotionId={promotion.Id}");
        var values = form.Document.QuerySelectorAll("form[enctype] input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? string.Empty))
            .Concat(Form())
            .ToList();

        var first = client.PostAsync($"/Refunds/New?promotionId={promotion.Id}", values);
        var second = client.PostAsync($"/Refunds/New?promotionId={promotion.Id}", values);
        var results = await Task.WhenAll(first, second);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Redirect, r.Status));
        Assert.Equal(1, await CountRequestsAsync(promotion.Id));
        Assert.Equal(results[0].Location, results[1].Location);
    }

    [Fact]
    public async Task Filing_WithoutTheAntiforgeryToken_IsRefused()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var client = await app.SignedInAsync(advertiser.Email);

        var result = await client.PostAsync(
            $"/Refunds/New?promotionId={promotion.Id}",
            Form().Append(new("Input.PromotionId", promotion.Id.ToString())).Append(new("Input.IdempotencyKey", Guid.NewGuid().ToString())));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(0, await CountRequestsAsync(promotion.Id));
    }

    [Fact]
    public async Task AnotherAdvertiser_GetsNotFound_ForTheCase_ItsFile_AndThePromotion()
    {
        var owner = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(owner.Account);
        using var ownerClient = await app.SignedInAsync(owner.Email);
        await ownerClient.PostFormAsync(
            $"/Refunds/New?promotionId={promotion.Id}", "form[enctype]", Form(),
            new Upload("Input.Attachments", "proof.pdf", TestData.Pdf, "application/pdf"));
        var request = await app.WithDbAsync(db => db.RefundRequests.SingleAsync(r => r.PromotionId == promotion.Id));
        var file = await app.WithDbAsync(db => db.EvidenceFiles.SingleAsync(f => f.CaseId == request.Id));

        var other = await app.CreateAdvertiserAsync();
        using var otherClient = await app.SignedInAsync(other.Email);

        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/Refunds/Details/{request.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.Http.GetAsync($"/evidence/{file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/Promotions/Details/{promotion.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/Refunds/New?promotionId={promotion.Id}")).Status);
        var token = (await otherClient.GetAsync("/Promotions")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var withdraw = await otherClient.PostAsync($"/Refunds/Details/{request.Id}?handler=Withdraw", [new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, withdraw.Status);
        Assert.Equal(RefundStatus.Submitted, (await app.WithDbAsync(db => db.RefundRequests.SingleAsync(r => r.Id == request.Id))).Status);

        var download = await ownerClient.Http.GetAsync($"/evidence/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", string.Join(",", download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(TestData.Pdf, await download.Content.ReadAsByteArrayAsync());
    }
}
