using System.Text.RegularExpressions;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdPolicy.Web.Tests.Browser;

/// <summary>
/// A rights holder reports an ad on the public form; support upholds it; the advertiser sees the strike, the 3-day
/// suspension with its end and the deadlines on the ACE page; the complainant's tracking link shows the outcome.
/// </summary>
public sealed partial class AceJourneyTests(DemoAppFactory app, BrowserFixture browser)
    : BrowserTest<DemoAppFactory>(app, browser), IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task RightsHolderFiles_SupportUpholds_AdvertiserSeesStrikeSuspensionAndDeadlines_ComplainantSeesOutcome()
    {
        // The rights holder, with no account, files an IP complaint against a Copa Moda ad
        await Page.GotoAsync("/Public/Complaints/New");
        await Page.GetByLabel("Intellectual-property complaint").CheckAsync();
        await Page.GetByLabel("What the advertiser did wrong").SelectOptionAsync(new SelectOptionValue { Value = "IntellectualPropertyInfringement" });
        await Page.GetByLabel("Campaign id or ad id").FillAsync("AD-103-002A");
        await Page.GetByLabel("Your name").FillAsync("Rita Rights");
        await Page.GetByLabel("Your email").FillAsync("legal@rights.example");
        await Page.GetByLabel("You are").SelectOptionAsync(new SelectOptionValue { Value = "RightsHolder" });
        await Page.GetByLabel("The right concerned").FillAsync("Copyright in the photograph \"Made to last\", registration VAu 1-234-567");
        await Page.GetByLabel("What happened").FillAsync("The ad uses our photograph without a licence.");
        await ScreenshotAsync("complaint-filled");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send complaint" }).ClickAsync();
        var trackingUrl = await Page.GetByTestId("tracking-link").TextContentAsync() ?? string.Empty;
        var reference = await Page.GetByTestId("reference").TextContentAsync() ?? string.Empty;
        Assert.Matches(TrackingPattern(), trackingUrl);
        await ScreenshotAsync("complaint-filed");

        // Support finds it in the queue and upholds it
        await SignInAsync("support@adpolicy.example");
        await Page.GotoAsync("/Staff/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Page.GetByLabel("Violation tier").SelectOptionAsync(new SelectOptionValue { Value = "Low" });
        await Page.GetByLabel("Reason (the advertiser and the complainant read it)").FillAsync("The photograph is the complainant's and no licence was shown.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Uphold complaint" }).ClickAsync();
        await Expect(Page.GetByTestId("complaint-status")).ToHaveTextAsync("upheld");
        var upheldAt = App.Clock.GetUtcNow();
        await ScreenshotAsync("upheld");

        // The advertiser sees the strike, the suspension with its end, and the deadlines
        await SignInAsync("advertiser@copa.example");
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "ACE" }).ClickAsync();
        await Expect(Page.GetByTestId("standing")).ToContainTextAsync("suspended until");
        await Expect(Page.GetByTestId("suspended-until").Locator("time"))
            .ToHaveAttributeAsync("datetime", upheldAt.AddDays(3).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(Page.GetByTestId("strikes")).ToContainTextAsync("Intellectual-property infringement: 1 of 3");
        await Expect(Page.GetByTestId("sanctions")).ToContainTextAsync("1st strike");
        await Expect(Page.GetByTestId("deadlines")).ToContainTextAsync("Correct similar content");
        await Expect(Page.GetByTestId("deadlines")).ToContainTextAsync("Tell the complainant the outcome");
        await Expect(Page.GetByTestId("realtime-summary")).ToContainTextAsync("coming soon to your region");
        await ScreenshotAsync("ace-page");

        // The complainant's tracking link shows the outcome
        await Context.ClearCookiesAsync();
        await Page.GotoAsync(trackingUrl);
        await Expect(Page.GetByTestId("complaint-status")).ToHaveTextAsync("upheld");
        await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("no licence was shown");
        await ScreenshotAsync("tracking");

        Assert.Empty(PageProblems);
    }

    [GeneratedRegex(@"/Public/Complaints/Track/[A-Za-z0-9_-]{43}$")]
    private static partial Regex TrackingPattern();
}
