using AdPolicy.Web.Tests.Evidence;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdPolicy.Web.Tests.Browser;

/// <summary>
/// The demo advertiser with a strike (Lumen) appeals it as a fulfilment problem: a list with too few orders says what is
/// missing, a sufficient one and the videos pass, the request is submitted; a reviewer approves it; the ACE page then
/// shows the strike gone and the suspension lifted.
/// </summary>
public sealed class AppealJourneyTests(DemoAppFactory app, BrowserFixture browser)
    : BrowserTest<DemoAppFactory>(app, browser), IClassFixture<DemoAppFactory>, IDisposable
{
    private readonly EvidenceFiles _files = new();

    [Fact]
    public async Task AdvertiserAppealsAStrikeWithFulfilmentEvidence_ReviewerApproves_StrikeAndSuspensionAreGone()
    {
        var requestDate = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        var tooFew = _files.OrderList("shipping-9-orders.csv", 9, requestDate);
        var enough = _files.OrderList("shipping-12-orders.csv", 12, requestDate);
        var stock = _files.Mp4("warehouse-stock.mp4", 1000, 14_000, mediaBytes: 64 * 1024);
        var unboxing = _files.Mp4("unboxing.mp4", 600, 7_200, mediaBytes: 32 * 1024);

        // The advertiser sees the strike and the suspension, and asks for a review of the strike
        await SignInAsync("advertiser@lumen.example");
        await Page.GotoAsync("/Ace");
        await Expect(Page.GetByTestId("standing")).ToContainTextAsync("suspended until");
        await Expect(Page.GetByTestId("strikes")).ToContainTextAsync("1 of 3");
        await ScreenshotAsync("ace-with-strike");
        await Page.GetByTestId("violations").GetByRole(AriaRole.Link, new() { Name = "Ask for a review" }).ClickAsync();

        await Page.GetByLabel("Fulfilment (shipping and delivery)").CheckAsync();
        await Page.GetByLabel("Why the penalty is wrong").FillAsync("Every order was shipped with tracking and the boots are our own stock, not the complainant's brand.");
        await ScreenshotAsync("new-review-request");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open review request" }).ClickAsync();
        await Expect(Page.GetByTestId("appeal-status")).ToHaveTextAsync("a draft");

        // Too few orders: the checklist says exactly what is missing
        await Page.GetByLabel("Shipping proof list (CSV, up to 20 MB)").SetInputFilesAsync(tooFew);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload shipping proof" }).ClickAsync();
        await Expect(Page.GetByTestId("check-ShippingProof")).ToHaveTextAsync("does not pass");
        await Expect(Page.GetByTestId("missing-ShippingProof")).ToContainTextAsync("9 distinct orders with a tracking number; 10 or more are needed");
        await ScreenshotAsync("too-few-orders");

        // A sufficient list and the two videos
        await Page.GetByLabel("Shipping proof list (CSV, up to 20 MB)").SetInputFilesAsync(enough);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload shipping proof" }).ClickAsync();
        await Expect(Page.GetByTestId("check-ShippingProof")).ToHaveTextAsync("passes");
        await Page.GetByLabel("Product video (MP4 or QuickTime, up to 500 MB)").SetInputFilesAsync(stock);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload product video" }).ClickAsync();
        await Expect(Page.GetByTestId("check-ProductVideo")).ToHaveTextAsync("passes");
        await Page.GetByLabel("Unboxing video (MP4 or QuickTime, up to 500 MB)").SetInputFilesAsync(unboxing);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload unboxing video" }).ClickAsync();
        await Expect(Page.GetByTestId("check-MatchVideo")).ToHaveTextAsync("passes");
        await ScreenshotAsync("every-item-passes");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(Page.GetByTestId("appeal-status")).ToHaveTextAsync("submitted");
        var reference = (await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync() ?? string.Empty).Split(' ')[2];

        // The reviewer finds it in the queue, accepts each item and approves
        await SignInAsync("reviewer@adpolicy.example");
        await Page.GotoAsync("/Staff/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Claim review request" }).ClickAsync();
        await Expect(Page.GetByTestId("appeal-status")).ToHaveTextAsync("in review");
        foreach (var item in new[] { "shipping proof", "product video", "unboxing video" })
        {
            await Page.GetByRole(AriaRole.Button, new() { Name = $"Accept {item}" }).ClickAsync();
        }

        await Expect(Page.GetByTestId("verdict-MatchVideo")).ToHaveTextAsync("accepted");
        await Page.GetByLabel("Reason (the advertiser reads it)").FillAsync("Tracked shipments and stock footage show genuine fulfilment of the advertiser's own goods.");
        await ScreenshotAsync("reviewer-desk");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Approve and lift the penalty" }).ClickAsync();
        await Expect(Page.GetByTestId("appeal-status")).ToHaveTextAsync("approved");

        // The advertiser's ACE page: the strike is gone and the suspension lifted
        await SignInAsync("advertiser@lumen.example");
        await Page.GotoAsync("/Ace");
        await Expect(Page.GetByTestId("standing")).ToHaveTextAsync("This ad account is in good standing.");
        await Expect(Page.GetByTestId("suspended-until")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("strikes")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("violations")).ToContainTextAsync("removed");
        await ScreenshotAsync("ace-after-approval");

        Assert.Empty(PageProblems);
    }

    public void Dispose() => _files.Dispose();

}
