using AdPolicy.Web.Tests.Evidence;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdPolicy.Web.Tests.Browser;

/// <summary>
/// The demo advertiser with a draft review request (Northwind) submits it; the reviewer rejects one list with a note;
/// the advertiser is notified, replaces the list (a list that fails its check, then one that passes) and resubmits; the
/// reviewer sees every version and approves.
/// </summary>
public sealed class AppealRoundJourneyTests(DemoAppFactory app, BrowserFixture browser)
    : BrowserTest<DemoAppFactory>(app, browser), IClassFixture<DemoAppFactory>, IDisposable
{
    private const string Note = "These are orders from another shop; upload the orders placed through the advertised promotion.";

    private readonly EvidenceFiles _files = new();

    [Fact]
    public async Task AdvertiserReplacesARejectedAppealItem_AndTheReviewerApproves()
    {
        var requestDate = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);

        // The advertiser completes the draft and submits it
        await SignInAsync("advertiser@northwind.example");
        await Page.GotoAsync("/Appeals");
        await Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^RR-") }).First.ClickAsync();
        await Expect(Page.GetByTestId("next-move")).ToHaveTextAsync("Waiting for you: attach the evidence and submit the request.");
        await UploadListAsync("What users ordered", _files.OrderList("orders-other-shop.csv", 12, requestDate));
        await Expect(Page.GetByTestId("check-OrdersPlaced")).ToHaveTextAsync("passes");
        await UploadListAsync("What you delivered", _files.OrderList("deliveries.csv", 12, requestDate));
        await Expect(Page.GetByTestId("check-OrdersDelivered")).ToHaveTextAsync("passes");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(Page.GetByTestId("appeal-status")).ToHaveTextAsync("submitted");
        var reference = (await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync() ?? string.Empty).Split(' ')[2];

        // The reviewer claims it and rejects the order list with a note
        await SignInAsync("reviewer@adpolicy.example");
        await Page.GotoAsync("/Staff/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Claim review request" }).ClickAsync();
        await Page.GetByTestId("verdict-form-OrdersPlaced").GetByLabel("Note on what users ordered").FillAsync(Note);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Reject what users ordered" }).ClickAsync();
        await Expect(Page.GetByTestId("appeal-status")).ToHaveTextAsync("awaiting the advertiser");
        await Expect(Page.GetByTestId("next-move")).ToHaveTextAsync("Waiting for the advertiser: they replace the rejected evidence and resubmit.");
        await Expect(Page.GetByTestId("review-clock")).ToContainTextAsync("paused while waiting for the advertiser");
        await ScreenshotAsync("reviewer-rejected-an-item");

        // The advertiser is told, with the note, and sees it is their move
        await SignInAsync("advertiser@northwind.example");
        await Page.GetByTestId("notifications-link").ClickAsync();
        await Expect(Page.GetByTestId("notifications")).ToContainTextAsync(Note);
        await ScreenshotAsync("advertiser-notified");
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Review request {reference}: What users ordered rejected, replace it" }).ClickAsync();
        await Expect(Page.GetByTestId("next-move")).ToHaveTextAsync("Waiting for you: replace the rejected item, then resubmit.");
        await Expect(Page.GetByTestId("note-OrdersPlaced")).ToContainTextAsync(Note);
        await ScreenshotAsync("advertiser-must-replace");

        // A list with too few orders fails its check; one that passes replaces it; the request goes back
        await UploadListAsync("What users ordered", _files.OrderList("promotion-orders-partial.csv", 4, requestDate));
        await Expect(Page.GetByTestId("check-OrdersPlaced")).ToHaveTextAsync("does not pass");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Resubmit for review" }).ClickAsync();
        await Expect(Page.GetByTestId("page-errors")).ToContainTextAsync("Every evidence item must pass its check before you resubmit.");
        await UploadListAsync("What users ordered", _files.OrderList("promotion-orders.csv", 15, requestDate));
        await Expect(Page.GetByTestId("check-OrdersPlaced")).ToHaveTextAsync("passes");
        await Expect(Page.GetByTestId("versions-OrdersPlaced")).ToContainTextAsync("Earlier versions (2)");
        await ScreenshotAsync("advertiser-replaced-the-item");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Resubmit for review" }).ClickAsync();
        await Expect(Page.GetByTestId("appeal-status")).ToHaveTextAsync("in review");
        await Expect(Page.GetByTestId("next-move")).ToHaveTextAsync("Waiting for the reviewer.");

        // The reviewer sees every version with its check and verdict, accepts both lists and approves
        await SignInAsync("reviewer@adpolicy.example");
        await Page.GotoAsync("/Staff/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("version-OrdersPlaced-1")).ToContainTextAsync("Verdict: rejected by Riley Reviewer");
        await Expect(Page.GetByTestId("version-OrdersPlaced-1")).ToContainTextAsync(Note);
        await Expect(Page.GetByTestId("version-OrdersPlaced-2")).ToContainTextAsync("Automatic check: did not pass");
        await Expect(Page.GetByTestId("current-version-OrdersPlaced")).ToContainTextAsync("Version 3");
        await Expect(Page.GetByTestId("review-clock")).ToContainTextAsync("decide by");
        await ScreenshotAsync("reviewer-sees-every-version");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Accept what users ordered" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Accept what you delivered" }).ClickAsync();
        await Expect(Page.GetByTestId("verdict-OrdersDelivered")).ToHaveTextAsync("accepted");
        await Page.GetByLabel("Reason (the advertiser reads it)").FillAsync("The replaced order list matches the promotion's orders and deliveries.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Approve and lift the penalty" }).ClickAsync();
        await Expect(Page.GetByTestId("appeal-status")).ToHaveTextAsync("approved");
        await ScreenshotAsync("reviewer-approved");

        Assert.Empty(PageProblems);
    }

    public void Dispose() => _files.Dispose();

    private async Task UploadListAsync(string title, string path)
    {
        await Page.GetByLabel($"{title} list (CSV, up to 20 MB)").SetInputFilesAsync(path);
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Upload {title.ToLowerInvariant()}" }).ClickAsync();
    }
}
