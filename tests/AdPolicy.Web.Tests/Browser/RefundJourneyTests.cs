using System.Text.RegularExpressions;
using AdPolicy.Web.Data;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdPolicy.Web.Tests.Browser;

/// <summary>The demo advertiser files a refund for an under-delivering promotion, in a real browser against the real app.</summary>
public sealed partial class RefundJourneyTests(DemoAppFactory app, BrowserFixture browser)
    : BrowserTest<DemoAppFactory>(app, browser), IClassFixture<DemoAppFactory>
{
    /// <summary>A real 16×16 RGB PNG (a colour gradient), 463 bytes.</summary>
    private const string ScreenshotPng =
        "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAABlklEQVR42g3LQQEAIQgAQSMQwQhEIIIRjEAEIhjBCETguU8jGMEId/Of1hrS6A1tWGM0ZsMb0ViN3chGNU7jNl6jNUGELqhgwhCm4EIIS9hCCiUc4QpP/tCRTu9oxzqjMzveic7q7E52qnM6t/P6HxRRuqKKKUOZiiuhLGUrqZRylKs8/YMhRjfUMGMY03AjjGVsI40yjnGNZ38YyKAPdGCDMZgDH8RgDfYgBzU4gzt44w8TmfSJTmwyJnPik5isyZ7kpCZncidv/sERpzvqmDOc6bgTznK2k045x7nO8z8EEvRAAwtGMAMPIljBDjKo4AQ3ePGHhSz6Qhe2GIu58EUs1mIvclGLs7iLt/6wkU3f6MY2YzM3vonN2uxNbmpzNnfz9h8SSXqiiSUjmYknkaxkJ5lUcpKbvPxDIUUvtLBiFLPwIopV7CKLKk5xi1d/OMihH/Rgh3GYBz/EYR32IQ91OId7eOcPF7n0i17sMi7z4pe4rMu+5KUu53Iv7/7hIY/+0Ic9xmM+/BGP9diPfNTjPO7jPT6GdLgQ8hjYogAAAABJRU5ErkJggg==";

    [Fact]
    public async Task DemoAdvertiser_FilesARefundWithAScreenshot_AndSeesTheCase()
    {
        var png = Path.Combine(Path.GetTempPath(), $"adpolicy-{Guid.NewGuid():N}", "delivery-report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        await File.WriteAllBytesAsync(png, Convert.FromBase64String(ScreenshotPng), TestContext.Current.CancellationToken);
        try
        {
            // Sign in
            await Page.GotoAsync("/Account/Login");
            await Page.GetByLabel("Email").FillAsync("advertiser@lumen.example");
            await Page.GetByLabel("Password").FillAsync(DemoData.Password);
            await ScreenshotAsync("sign-in");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(Page.GetByTestId("signed-in-as")).ToContainTextAsync("Alex Advertiser");

            // The promotions list: open the under-delivering one
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your promotions" })).ToBeVisibleAsync();
            var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Spring collection launch" });
            await Expect(row).ToContainTextAsync("5,000.00 EUR");
            await ScreenshotAsync("promotions");
            await row.GetByRole(AriaRole.Link).ClickAsync();

            // The promotion
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Spring collection launch", Level = 1 })).ToBeVisibleAsync();
            await Expect(Page.GetByTestId("undelivered")).ToHaveTextAsync("38.0%"); // a percentage as the reader's culture (English) writes it
            await ScreenshotAsync("promotion");
            await Page.GetByRole(AriaRole.Link, new() { Name = "Request a refund" }).ClickAsync();

            // The request page: the suggestion, then the form with a screenshot attached
            await Expect(Page.GetByTestId("suggested-refund")).ToHaveTextAsync("1,900.00 EUR");
            await Page.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Value = "PerformanceShortfall" });
            await Page.GetByLabel("Describe the issue").FillAsync("Only 620,000 of the 1,000,000 promised impressions were delivered.");
            await Page.GetByLabel("Amount asked for (EUR)").FillAsync("1900.00");
            await Page.GetByLabel("Screenshots or documents").SetInputFilesAsync(png);
            await ScreenshotAsync("request-filled");
            await Page.GetByRole(AriaRole.Button, new() { Name = "File refund request" }).ClickAsync();

            // The case page
            await Expect(Page).ToHaveURLAsync(DetailsUrl());
            await Expect(Page.GetByTestId("case-status")).ToHaveTextAsync("submitted");
            await Expect(Page.GetByTestId("files").GetByRole(AriaRole.Link, new() { Name = "delivery-report.png" })).ToBeVisibleAsync();
            var timeline = Page.GetByTestId("timeline").GetByRole(AriaRole.Listitem);
            await Expect(timeline).ToHaveCountAsync(2);
            await Expect(timeline.First).ToContainTextAsync("Filed → submitted");
            await Expect(timeline.Last).ToContainTextAsync("delivery-report.png");
            var heading = await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync();
            var reference = ReferencePattern().Match(heading ?? string.Empty).Value;
            Assert.StartsWith("RF-", reference, StringComparison.Ordinal);
            await ScreenshotAsync("case");

            // My cases lists it, as submitted
            await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My cases" }).ClickAsync();
            var caseRow = Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }) });
            await Expect(caseRow).ToContainTextAsync("CMP-101-001");
            await Expect(caseRow).ToContainTextAsync("1,900.00 EUR");
            await Expect(caseRow).ToContainTextAsync("submitted");
            await ScreenshotAsync("my-cases");

            Assert.Empty(PageProblems);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(png)!, recursive: true);
        }
    }

    [GeneratedRegex(@"/Refunds/Details/[0-9a-f-]{36}$")]
    private static partial Regex DetailsUrl();

    [GeneratedRegex(@"RF-\d+")]
    private static partial Regex ReferencePattern();
}
