using System.Text.RegularExpressions;
using AdPolicy.Web.Data;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdPolicy.Web.Tests.Browser;

/// <summary>
/// Issue 3's journey in Chromium on the demo data, three people at three browsers: the advertiser files, support@ claims
/// and asks, the advertiser answers, support@ approves in part, the advertiser disputes, support2@ (given the dispute)
/// decides finally and pays, and the advertiser sees the credit and the notifications.
/// </summary>
public sealed partial class TriageJourneyTests(DemoAppFactory app, BrowserFixture browser)
    : BrowserTest<DemoAppFactory>(app, browser), IClassFixture<DemoAppFactory>
{
    private static async Task SignInAsync(IPage page, string email, string name)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync(name);
    }

    private static ILocator MainNav(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    private static ILocator QueueRow(IPage page, string reference) =>
        page.GetByTestId("queue").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }) });

    [Fact]
    public async Task AdvertiserFiles_SupportAsksAndApprovesInPart_TheDisputeGoesToAnotherAgentWhoPays_AndTheAdvertiserSeesTheCredit()
    {
        var advertiser = Page;
        var support = await NewPersonAsync();
        var support2 = await NewPersonAsync();

        // 1. The advertiser files a refund on the under-delivering promotion.
        await SignInAsync(advertiser, "advertiser@lumen.example", "Alex Advertiser");

        // The demo's own ACE notices (its complaints and its strike) are read first, so the count below is this case's.
        await advertiser.GotoAsync("/Notifications");
        await advertiser.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();
        await Expect(advertiser.GetByTestId("mark-all-read")).ToHaveCountAsync(0);
        await advertiser.GotoAsync("/Promotions");
        await advertiser.GetByRole(AriaRole.Row).Filter(new() { HasText = "Spring collection launch" }).GetByRole(AriaRole.Link).ClickAsync();
        await advertiser.GetByRole(AriaRole.Link, new() { Name = "Request a refund" }).ClickAsync();
        await advertiser.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Value = "PerformanceShortfall" });
        await advertiser.GetByLabel("Describe the issue").FillAsync("Only 620,000 of the 1,000,000 promised impressions were delivered.");
        await advertiser.GetByLabel("Amount asked for (EUR)").FillAsync("1900.00");
        await advertiser.GetByRole(AriaRole.Button, new() { Name = "File refund request" }).ClickAsync();
        await Expect(advertiser.GetByTestId("case-status")).ToHaveTextAsync("submitted");
        var reference = ReferencePattern().Match(await advertiser.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync() ?? string.Empty).Value;
        Assert.StartsWith("RF-", reference, StringComparison.Ordinal);
        await ScreenshotAsync(advertiser, "advertiser-filed");

        // 2. support@ finds it in the queue, claims it and asks a question.
        await SignInAsync(support, "support@adpolicy.example", "Sam Support");
        await MainNav(support).GetByRole(AriaRole.Link, new() { Name = "Queue" }).ClickAsync();
        await Expect(support.GetByRole(AriaRole.Heading, new() { Name = "Queue", Level = 1 })).ToBeVisibleAsync();
        await Expect(support.GetByTestId("counts")).ToContainTextAsync("Submitted: 1");
        var row = QueueRow(support, reference);
        await Expect(row).ToContainTextAsync("Lumen Outdoor");
        await Expect(row).ToContainTextAsync("Submitted");
        await Expect(row).ToContainTextAsync("left");
        await ScreenshotAsync(support, "queue-before-claim");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Claim {reference}" }).ClickAsync();
        await Expect(support.GetByRole(AriaRole.Status)).ToHaveTextAsync($"You now have {reference}.");
        await Expect(QueueRow(support, reference)).ToContainTextAsync("Sam Support");
        await Expect(QueueRow(support, reference).GetByRole(AriaRole.Button, new() { Name = $"Claim {reference}" })).ToHaveCountAsync(0);
        await ScreenshotAsync(support, "queue-claimed");

        await QueueRow(support, reference).GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Expect(support.GetByTestId("case-status")).ToHaveTextAsync("in review");
        await Expect(support.GetByTestId("assignee")).ToHaveTextAsync("Sam Support");
        await support.GetByLabel("Question for the advertiser").FillAsync("Which placements stopped delivering, and from which day?");
        await Expect(support.GetByLabel("Answer due by")).Not.ToBeEmptyAsync();
        await support.GetByRole(AriaRole.Button, new() { Name = "Send question" }).ClickAsync();
        await Expect(support.GetByTestId("case-status")).ToHaveTextAsync("awaiting the advertiser");
        await Expect(support.GetByTestId("time-left")).ToHaveTextAsync("paused (waiting for the advertiser)");
        await ScreenshotAsync(support, "support-asked");

        // 3. The advertiser is told, opens the case from the notification centre and answers.
        await advertiser.ReloadAsync();
        await Expect(advertiser.GetByTestId("unread-count")).ToHaveTextAsync("1");
        await advertiser.GetByTestId("notifications-link").ClickAsync();
        await advertiser.GetByRole(AriaRole.Link, new() { Name = $"We need more information on {reference}" }).ClickAsync();
        await Expect(advertiser.GetByTestId("case-status")).ToHaveTextAsync("awaiting the advertiser");
        await Expect(advertiser.GetByTestId("open-question")).ToHaveTextAsync("Which placements stopped delivering, and from which day?");
        await ScreenshotAsync(advertiser, "advertiser-asked");
        await advertiser.GetByLabel("Your answer").FillAsync("In-feed placements, from day 12 of the campaign.");
        await advertiser.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Expect(advertiser.GetByTestId("case-status")).ToHaveTextAsync("in review");
        await ScreenshotAsync(advertiser, "advertiser-answered");

        // 4. support@ reads the answer and approves in part.
        await support.ReloadAsync();
        await Expect(support.GetByTestId("case-status")).ToHaveTextAsync("in review");
        await Expect(support.GetByTestId("timeline")).ToContainTextAsync("In-feed placements, from day 12 of the campaign.");
        await support.GetByLabel("Amount to approve (EUR)").FillAsync("1200.00");
        await support.GetByLabel("Reason the advertiser reads").FillAsync("In-feed delivery fell short from day 12; the rest was on target.");
        await ScreenshotAsync(support, "support-deciding");
        await support.GetByRole(AriaRole.Button, new() { Name = "Approve amount" }).ClickAsync();
        await Expect(support.GetByTestId("case-status")).ToHaveTextAsync("partially approved");
        await ScreenshotAsync(support, "support-approved-in-part");

        // 5. The advertiser sees the partial approval and disputes it.
        await advertiser.ReloadAsync();
        await Expect(advertiser.GetByTestId("case-status")).ToHaveTextAsync("partially approved");
        await Expect(advertiser.GetByTestId("approved-amount")).ToHaveTextAsync("1,200.00 EUR");
        await Expect(advertiser.GetByTestId("decision")).ToContainTextAsync("In-feed delivery fell short from day 12");
        await advertiser.GetByLabel("What is new").FillAsync("Stories placements also stopped on day 12: see the delivery report of that week.");
        await advertiser.GetByRole(AriaRole.Button, new() { Name = "Dispute decision" }).ClickAsync();
        await Expect(advertiser.GetByTestId("case-status")).ToHaveTextAsync("disputed");
        await Expect(advertiser.GetByRole(AriaRole.Button, new() { Name = "Dispute decision" })).ToHaveCountAsync(0);
        await ScreenshotAsync(advertiser, "advertiser-disputed");

        // 6. The dispute went to the other agent: support2@ finds it under "Mine", claims it, decides finally and pays.
        await SignInAsync(support2, "support2@adpolicy.example", "Jo Support");
        await MainNav(support2).GetByRole(AriaRole.Link, new() { Name = "Queue" }).ClickAsync();
        await support2.GetByLabel("Assignee").SelectOptionAsync(new SelectOptionValue { Label = "Mine" });
        await support2.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(support2.GetByTestId("queue").GetByRole(AriaRole.Row)).ToHaveCountAsync(2); // header + the case
        await Expect(QueueRow(support2, reference)).ToContainTextAsync("Disputed");
        await Expect(QueueRow(support2, reference)).ToContainTextAsync("Jo Support");
        await ScreenshotAsync(support2, "support2-mine");
        await QueueRow(support2, reference).GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Expect(support2.GetByTestId("case-status")).ToHaveTextAsync("disputed");
        await Expect(support2.GetByTestId("assignee")).ToHaveTextAsync("Jo Support");
        await Expect(support2.GetByTestId("timeline")).ToContainTextAsync("Stories placements also stopped on day 12");
        await support2.GetByRole(AriaRole.Button, new() { Name = "Claim case" }).ClickAsync();
        await Expect(support2.GetByTestId("case-status")).ToHaveTextAsync("in review");
        await support2.GetByLabel("Amount to approve (EUR)").FillAsync("1900.00");
        await support2.GetByLabel("Reason the advertiser reads").FillAsync("On review, stories delivery fell short too: the whole amount is refunded.");
        await support2.GetByRole(AriaRole.Button, new() { Name = "Approve amount" }).ClickAsync();
        await Expect(support2.GetByTestId("case-status")).ToHaveTextAsync("approved");
        await ScreenshotAsync(support2, "support2-approved");
        await support2.GetByRole(AriaRole.Button, new() { Name = "Pay refund" }).ClickAsync();
        await Expect(support2.GetByTestId("case-status")).ToHaveTextAsync("refunded");
        await Expect(support2.GetByRole(AriaRole.Status)).ToHaveTextAsync("1,900.00 EUR credited to the ad account.");
        await Expect(support2.GetByRole(AriaRole.Button, new() { Name = "Pay refund" })).ToHaveCountAsync(0);
        await ScreenshotAsync(support2, "support2-paid");

        // The paid case has left the queue.
        await MainNav(support2).GetByRole(AriaRole.Link, new() { Name = "Queue" }).ClickAsync();
        await Expect(QueueRow(support2, reference)).ToHaveCountAsync(0);
        await Expect(support2.GetByTestId("counts")).Not.ToContainTextAsync("RefundRequest");

        // 7. The advertiser sees the refund, the credit and the notifications.
        await advertiser.ReloadAsync();
        await Expect(advertiser.GetByTestId("case-status")).ToHaveTextAsync("refunded");
        await Expect(advertiser.GetByTestId("approved-amount")).ToHaveTextAsync("1,900.00 EUR");
        await Expect(advertiser.GetByTestId("credit")).ToContainTextAsync("1,900.00 EUR on");
        await Expect(advertiser.GetByTestId("decision")).ToContainTextAsync("the whole amount is refunded");
        await Expect(advertiser.GetByTestId("decision")).Not.ToContainTextAsync("In-feed delivery fell short");
        var unread = int.Parse(await advertiser.GetByTestId("unread-count").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(unread > 0, $"unread badge shows {unread}");
        await ScreenshotAsync(advertiser, "advertiser-refunded");
        await advertiser.GetByTestId("notifications-link").ClickAsync();
        await Expect(advertiser.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
        var paid = advertiser.GetByTestId("notifications").GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"Refund {reference} paid" });
        await Expect(paid).ToHaveCountAsync(1);
        await Expect(paid).ToContainTextAsync("1,900.00 EUR was credited to your ad account.");
        await Expect(paid).ToContainTextAsync("New");
        await Expect(advertiser.GetByTestId("notifications").GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"Refund {reference} partially approved" })).ToHaveCountAsync(1);
        await ScreenshotAsync(advertiser, "advertiser-notifications");

        Assert.Empty(PageProblems);
    }

    [GeneratedRegex(@"RF-\d+")]
    private static partial Regex ReferencePattern();
}
