using System.Text.RegularExpressions;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace AdPolicy.Web.Tests.Browser;

/// <summary>The demo app in Kestrel with its own mail pickup folder: the journey reads the complainant's email from it.</summary>
public sealed class ComplainantJourneyApp(PostgresFixture postgres) : KestrelAppFactory(postgres)
{
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "adpolicy-journey-mail", Guid.NewGuid().ToString("N"));

    protected override bool SeedsDemoData => true;

    protected override IEnumerable<(string Key, string Value)> Settings() => [("Outbox:PickupFolder", MailFolder)];

    /// <summary>Delivers the outbox now (the background sender is off in tests) and reads the newest email to the address with this subject.</summary>
    public async Task<(string Subject, string Body)> ReadEmailAsync(string address, string subject)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
            var id = await WithDbAsync(db => db.OutboxMessages.AsNoTracking()
                .Where(m => m.ToAddress == address && m.Subject.Contains(subject) && m.SentAt != null)
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Select(m => (Guid?)m.Id).FirstOrDefaultAsync());
            if (id is { } found)
            {
                using var mail = await MimeMessage.LoadAsync(Path.Combine(MailFolder, OutboxSender.PickupFileName(found)));
                return (mail.Subject ?? string.Empty, mail.TextBody ?? string.Empty);
            }

            // A lost-link request is worked just after the page answers.
            await Task.Delay(100);
        }

        throw new InvalidOperationException($"No email \"{subject}\" reached {address}.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }
}

/// <summary>
/// Issue 15's complainant journey: a user files, loses the link, asks for it again and gets it by email, adds a file,
/// replies to the advertiser (who reads the reply under a pseudonym), and contests the rejection, which the agent who
/// rejected it cannot review and a colleague upholds.
/// </summary>
public sealed partial class ComplainantJourneyTests(ComplainantJourneyApp app, BrowserFixture browser)
    : BrowserTest<ComplainantJourneyApp>(app, browser), IClassFixture<ComplainantJourneyApp>
{
    private const string Email = "noor.complainant@example.net";

    [Fact]
    public async Task AComplainant_LosesTheLink_GetsItByEmail_AddsAFile_RepliesToTheAdvertiser_AndContestsARejection()
    {
        // Noor files a user complaint against a Lumen ad.
        await Page.GotoAsync("/Public/Complaints/New");
        await Page.GetByLabel("User complaint").CheckAsync();
        await Page.GetByLabel("What the advertiser did wrong").SelectOptionAsync(new SelectOptionValue { Value = "FalsePromotionOrScam" });
        await Page.GetByLabel("Campaign id or ad id").FillAsync("AD-101-001A");
        await Page.GetByLabel("Your name").FillAsync("Noor Haddad");
        await Page.GetByLabel("Your email").FillAsync(Email);
        await Page.GetByLabel("What happened").FillAsync("The ad promised a free rain cover with the tent; the tent came without it.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send complaint" }).ClickAsync();
        var reference = await Page.GetByTestId("reference").TextContentAsync() ?? string.Empty;
        await ScreenshotAsync("filed");

        // ...and loses the link: the confirmation does not show it twice. "Lost your link?" asks by email.
        await Page.GotoAsync($"/Public/Complaints/Filed?reference={reference}");
        await Expect(Page.GetByTestId("tracking-link")).ToHaveCountAsync(0);
        await Page.GetByTestId("lost-link").ClickAsync();
        await Page.GetByLabel("Email address").FillAsync(Email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Email my links" }).ClickAsync();
        await Expect(Page.GetByTestId("lost-answer")).ToContainTextAsync("we have emailed a new tracking link");
        await ScreenshotAsync("lost-link-asked");

        // The email, from the pickup folder: the new link opens the complaint.
        var (subject, body) = await App.ReadEmailAsync(Email, $"Your tracking link for complaint {reference}");
        var path = ComplainantTestData.TrackingPathIn(body) ?? throw new InvalidOperationException("The email has no tracking link.");
        await Page.GotoAsync("about:blank");
        await Page.SetContentAsync($"<pre>{System.Net.WebUtility.HtmlEncode($"Subject: {subject}\n\n{body}")}</pre>");
        await ScreenshotAsync("email");
        await Page.GotoAsync(path);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);

        // Noor adds a photo of what arrived.
        var photo = Path.Combine(Path.GetTempPath(), $"what-arrived-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, TestData.Png);
        await Page.GetByLabel("What you want to add").FillAsync("A photo of everything that was in the box: no rain cover.");
        await Page.GetByLabel("Files", new() { Exact = true }).SetInputFilesAsync(photo);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add to my complaint" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("what you added is with the staff");
        await Expect(Page.GetByTestId("files")).ToContainTextAsync(Path.GetFileName(photo));
        await ScreenshotAsync("file-added");

        // The advertiser answers from the ACE page.
        await SignInAsync("advertiser@lumen.example");
        await Page.GotoAsync("/Ace");
        var complaint = Page.Locator($"[data-complaint='{reference}']");
        await complaint.GetByText("Send the complainant the outcome and evidence").ClickAsync();
        await complaint.GetByLabel("Your message to the complainant").FillAsync("We are sorry: a rain cover is on its way to you today.");
        await complaint.GetByRole(AriaRole.Button, new() { Name = "Send to the complainant" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status).First).ToContainTextAsync("sent to the complainant");

        // Noor replies.
        await Context.ClearCookiesAsync();
        await Page.GotoAsync(path);
        await Expect(Page.GetByTestId("advertiser-message")).ToHaveTextAsync("We are sorry: a rain cover is on its way to you today.");
        await Page.GetByLabel("Your reply").FillAsync("Thank you. I will confirm when it arrives.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send reply to the advertiser" }).ClickAsync();
        await Expect(Page.GetByTestId("my-reply")).ToHaveTextAsync("Thank you. I will confirm when it arrives.");
        await ScreenshotAsync("replied");

        // The advertiser reads the reply under Noor's pseudonym, and never her name.
        await SignInAsync("advertiser@lumen.example");
        await Page.GotoAsync("/Ace");
        var conversation = Page.Locator($"[data-complaint='{reference}'] [data-testid=conversation]");
        await Expect(conversation).ToContainTextAsync("Thank you. I will confirm when it arrives.");
        await Expect(conversation.GetByTestId("message-author").Last).ToHaveTextAsync(PseudonymPattern());
        Assert.DoesNotContain("Noor", await Page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Email, await Page.ContentAsync(), StringComparison.Ordinal);
        await conversation.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync("advertiser-reads-reply");

        // Sam (support) rejects the complaint.
        await SignInAsync("support@adpolicy.example");
        await Page.GotoAsync("/Staff/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Page.GetByLabel("Reason (the complainant reads it)").FillAsync("The advertiser is sending the missing rain cover.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Reject complaint" }).ClickAsync();
        await Expect(Page.GetByTestId("complaint-status")).ToHaveTextAsync("rejected");

        // Noor contests the rejection.
        await Context.ClearCookiesAsync();
        await Page.GotoAsync(path);
        await Page.GetByLabel("Why the rejection is wrong").FillAsync("Sending it now does not change that the ad promised it and the order came without it.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Contest the rejection" }).ClickAsync();
        await Expect(Page.GetByTestId("complaint-status")).ToContainTextAsync("contested");
        await ScreenshotAsync("contested");

        // Sam rejected it, so Sam cannot review the contest; Jo upholds it on review.
        await SignInAsync("support@adpolicy.example");
        await Page.GotoAsync("/Staff/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("contest-other-reviewer")).ToContainTextAsync("a different staff member must review the contest");
        await ScreenshotAsync("contest-not-for-the-rejecter");
        await SignInAsync("support2@adpolicy.example");
        await Page.GotoAsync("/Staff/Queue");
        await Page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Page.GetByLabel("Violation tier").SelectOptionAsync(new SelectOptionValue { Value = "Low" });
        await Page.GetByLabel("Why the decision changed").FillAsync("The ad promised the rain cover with the order; a later shipment does not change that it was missing.");
        await ScreenshotAsync("contest-review");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Uphold on review" }).ClickAsync();
        await Expect(Page.GetByTestId("complaint-status")).ToHaveTextAsync("upheld");
        await ScreenshotAsync("upheld-on-review");

        // Noor sees the outcome.
        await Context.ClearCookiesAsync();
        await Page.GotoAsync(path);
        await Expect(Page.GetByTestId("complaint-status")).ToHaveTextAsync("upheld");
        await Expect(Page.GetByTestId("outcome")).ToContainTextAsync("a later shipment does not change that it was missing");
        await ScreenshotAsync("complainant-sees-outcome");

        File.Delete(photo);
        Assert.True(PageProblems.Count == 0, string.Join("\n", PageProblems));
    }

    [GeneratedRegex(@"^Complainant \d+$")]
    private static partial Regex PseudonymPattern();
}
