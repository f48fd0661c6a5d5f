using System.Text.RegularExpressions;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdPolicy.Web.Tests.Browser;

/// <summary>
/// Issue 14's journeys in Chromium on the demo data: a refund filed and worked on a 390 px phone, found by its campaign id
/// in the queue's search box, and the desk dashboard drawn at desktop and phone widths.
/// </summary>
public sealed partial class DeskJourneyTests(DemoAppFactory app, BrowserFixture browser)
    : BrowserTest<DemoAppFactory>(app, browser), IClassFixture<DemoAppFactory>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    /// <summary>The page is no wider than the screen: nothing pushes it sideways.</summary>
    private static async Task ExpectNoSidewaysScrollAsync(IPage page) =>
        Assert.True(
            await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"{page.Url} is {await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px wide at {page.ViewportSize?.Width} px");

    private static async Task OpenMenuAsync(IPage page)
    {
        await Expect(page.GetByTestId("menu-button")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Queue" })).ToBeHiddenAsync();
        await page.GetByTestId("menu-button").ClickAsync();
    }

    [Fact]
    public async Task ARefundFiledOnAPhone_IsFoundByItsCampaignIdInTheQueue_AndWorkedToPaymentOnAPhone()
    {
        // The advertiser files on a phone: the menu folds behind its button, and nothing is wider than the screen.
        await SignInAsync("advertiser@lumen.example");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await OpenMenuAsync(Page);
        await ScreenshotAsync("phone-menu-open");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Promotions" }).ClickAsync();
        await ExpectNoSidewaysScrollAsync(Page);
        await Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Spring collection launch" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Request a refund" }).ClickAsync();
        await Page.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Value = "PerformanceShortfall" });
        await Page.GetByLabel("Describe the issue").FillAsync("Only 620,000 of the 1,000,000 promised impressions were delivered.");
        await Page.GetByLabel("Amount asked for (EUR)").FillAsync("1900.00");
        await ExpectNoSidewaysScrollAsync(Page);
        await Page.GetByRole(AriaRole.Button, new() { Name = "File refund request" }).ClickAsync();
        await Expect(Page.GetByTestId("case-status")).ToHaveTextAsync("submitted");
        var reference = ReferencePattern().Match(await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync() ?? string.Empty).Value;
        await ExpectNoSidewaysScrollAsync(Page);
        await ScreenshotAsync("phone-advertiser-filed");

        // Support, at a desk, types the campaign id (in lower case) into the queue's search box and finds the case.
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        await SignInAsync("support@adpolicy.example");
        await Page.GotoAsync("/Staff/Queue");
        await Page.GetByLabel("Search", new() { Exact = true }).FillAsync("cmp-101-001");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        // The new refund, and the demo user complaint about an ad of the same campaign: nothing else.
        await Expect(Page.GetByTestId("queue-total")).ToContainTextAsync(new Regex(@"of\s+2 cases matching “cmp-101-001”"));
        var row = Page.GetByTestId("queue").GetByRole(AriaRole.Row).Filter(new() { HasText = reference });
        await Expect(row).ToContainTextAsync("Lumen Outdoor");
        await Expect(Page.GetByTestId("queue").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(Page.GetByTestId("queue").Locator("tbody tr").Filter(new() { HasText = "AC-" })).ToContainTextAsync("Lumen Outdoor");
        await ScreenshotAsync("queue-search-campaign-id");

        // ...and works it on a phone: claims it, approves part of it, pays, and sees what is still refundable.
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await ExpectNoSidewaysScrollAsync(Page);
        await ScreenshotAsync("phone-queue");
        await row.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Claim case" }).ClickAsync();
        await Expect(Page.GetByTestId("assignee")).ToHaveTextAsync("Sam Support");
        await Page.GetByLabel("Amount to approve (EUR)").FillAsync("1500.50");
        await Page.GetByLabel("Reason the advertiser reads").FillAsync("In-feed delivery fell short from day 12.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Approve amount" }).ClickAsync();
        await Expect(Page.GetByTestId("case-status")).ToHaveTextAsync("partially approved");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pay refund" }).ClickAsync();
        await Expect(Page.GetByTestId("case-status")).ToHaveTextAsync("refunded");
        await Expect(Page.GetByTestId("refundable")).ToHaveTextAsync(new Regex("^3,499\\.50 EUR$"));
        await ExpectNoSidewaysScrollAsync(Page);
        await ScreenshotAsync("phone-support-paid");
        Assert.Empty(PageProblems);
    }

    [Fact]
    public async Task TheDashboard_DrawsItsChartsWithTheNumbersBeside_AtDesktopAndPhoneWidths()
    {
        await SignInAsync("reviewer@adpolicy.example");
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Desk dashboard", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator("canvas[data-chart][data-drawn=true]")).ToHaveCountAsync(5);
        await Expect(Page.GetByTestId("backlog")).ToContainTextAsync("Ace complaint");
        await Page.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync("26");
        await Page.GetByLabel("Advertiser region", new() { Exact = true }).SelectOptionAsync("Emea");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(Page.Locator("canvas[data-chart][data-drawn=true]")).ToHaveCountAsync(5);
        await ScreenshotAsync("dashboard-desktop");

        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.ReloadAsync();
        await Expect(Page.Locator("canvas[data-chart][data-drawn=true]")).ToHaveCountAsync(5);
        await ExpectNoSidewaysScrollAsync(Page);
        await ScreenshotAsync("dashboard-phone");
        await OpenMenuAsync(Page);
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Queue" })).ToBeVisibleAsync();
        await ScreenshotAsync("dashboard-phone-menu");
        Assert.Empty(PageProblems);
    }

    [GeneratedRegex("(RF|AC)-\\d+")]
    private static partial Regex ReferencePattern();
}
