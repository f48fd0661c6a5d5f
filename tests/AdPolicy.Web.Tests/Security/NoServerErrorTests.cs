using System.Net;
using AdPolicy.Web.Evidence;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Security;

/// <summary>The six causes of a 500 found by probing: each now answers 400, 404, 405 or the page with its message.</summary>
public sealed class NoServerErrorTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string PlusTwo = "2026-01-01T00:00:00%2B02:00";

    [Fact]
    public async Task APagingCursorWithAnyOffset_ReadsTheSamePageAsItsUtcTime()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var client = await app.SignedInAsync(advertiser.Email);

        foreach (var url in new[]
        {
            $"/Notifications?beforeAt={PlusTwo}&beforeId={Guid.NewGuid()}",
            $"/Refunds?beforeAt={PlusTwo}&beforeNumber=5",
            $"/Appeals?beforeAt={PlusTwo}&beforeNumber=5",
        })
        {
            Assert.Equal((url, HttpStatusCode.OK), (url, (await client.GetAsync(url)).Status));
        }
    }

    [Fact]
    public async Task ACursorOutOfRange_OrNotACursor_Is400WithTheFriendlyPage()
    {
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));

        foreach (var url in new[]
        {
            "/Staff/Queue?After=-1_1",
            $"/Staff/Deadlines?After=-1_{Guid.NewGuid()}",
            $"/Staff/Deadlines?After={long.MaxValue}_{Guid.NewGuid()}",
            "/Staff/Queue?After=soon",
            "/Notifications?beforeAt=yesterday&beforeId=1",
        })
        {
            var page = await support.GetAsync(url);
            Assert.Equal((url, HttpStatusCode.BadRequest), (url, page.Status));
            Assert.Contains("The request was refused", page.Text);
        }
    }

    [Fact]
    public async Task AnEvidenceTemplateThatDoesNotExist_Is404()
    {
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));

        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync("/evidence/templates/999")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync("/evidence/templates/NoSuchKind")).Status);
    }

    [Fact]
    public async Task APostWithoutAHandler_OrWithAnUnknownOne_IsRefused_AndOtherMethodsAre405()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var refund = await app.FileRefundAsync(advertiser, promotion);
        var complaint = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId));
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        using var anonymous = app.CreateAppClient();
        var staffToken = await support.TokenFromAsync($"/Staff/Refunds/Details/{refund.Id}");
        var publicToken = await anonymous.TokenFromAsync($"{complaint.TrackingPath}?confirm=withdraw");

        var noHandler = await anonymous.PostAsync(complaint.TrackingPath, [new("__RequestVerificationToken", publicToken)]);
        var unknown = await support.PostAsync($"/Staff/Refunds/Details/{refund.Id}?handler=Explode", [new("__RequestVerificationToken", staffToken)]);
        var put = await support.Http.PutAsync($"/Staff/Refunds/Details/{refund.Id}", new StringContent(""), TestContext.Current.CancellationToken);
        var delete = await support.Http.DeleteAsync($"/Staff/Complaints/Details/{complaint.Id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, noHandler.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
    }

    [Fact]
    public async Task AHundredThousandCharacterNote_IsRefusedNextToTheField_WithTheLimitShownOnTheForm()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var refund = await app.FileRefundAsync(advertiser, promotion);
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        var url = $"/Staff/Refunds/Details/{refund.Id}";

        var result = await support.PostFormAsync(url, "form[action*=Note]", new() { ["Message.Text"] = new string('x', 100_000) });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("at most 4000 characters", result.Text);
        var textarea = (await support.GetAsync(url)).Document.QuerySelector("form[action*=Note] textarea")!;
        Assert.Equal("4000", textarea.GetAttribute("maxlength"));
    }

    [Fact]
    public void AnMp4BoxClaimingExabytes_IsAnUnreadableVideo_NotACrash()
    {
        byte[] bytes =
        [
            0, 0, 0, 16, (byte)'f', (byte)'t', (byte)'y', (byte)'p', 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 1, (byte)'f', (byte)'r', (byte)'e', (byte)'e', 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0, 0, 0, 0, 0, 0, 0, 0,
        ];
        using var stream = new MemoryStream(bytes);

        var inspection = VideoInspector.Inspect(stream);

        Assert.Null(inspection.Facts);
        Assert.Contains("export it again as MP4", English.Of(inspection.Error));
    }

    [Fact]
    public async Task AStoredFileMissingFromTheStore_Is404()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var complaint = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId), new Upload("Input.Files", "shot.png", TestData.Png, "image/png"));
        var fileId = await app.WithDbAsync(db => db.EvidenceFiles.Where(f => f.CaseId == complaint.Id).Select(f => f.Id).SingleAsync());
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        Assert.Equal(HttpStatusCode.OK, (await support.Http.GetAsync($"/evidence/{fileId}", TestContext.Current.CancellationToken)).StatusCode);

        foreach (var file in Directory.EnumerateFiles(app.EvidenceRoot, "*", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await support.Http.GetAsync($"/evidence/{fileId}", TestContext.Current.CancellationToken)).StatusCode);
    }
}
