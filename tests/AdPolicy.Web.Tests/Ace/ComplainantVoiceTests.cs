using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Tests.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Ace;

/// <summary>
/// Issue 15, points 2–4: the complainant's side of the case room (information, files, replies), the cooperation
/// deadline met only by messages that reach the complainant, a rejection contested once and reviewed by somebody
/// else, and a user complainant pseudonymised everywhere the advertiser looks.
/// </summary>
public sealed class ComplainantVoiceTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    private static Dictionary<string, string> UserForm(string campaignId, string email, string name)
    {
        var form = AceTestData.UserForm(campaignId, email);
        form["Input.Name"] = name;
        return form;
    }

    [Fact]
    public async Task TheComplainant_AddsInformationAndAFile_AndRepliesToTheAdvertiser_WhoReadsItUnderAPseudonym_AndIsNotified()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var filed = await app.FileAsync(UserForm(promotion.ExternalCampaignId, ComplainantTestData.Unique("voice"), "Vera Voice"));
        using var complainant = app.CreateAppClient();
        using var seller = await app.SignedInAsync(advertiser.Email);

        // Nothing to reply to before the advertiser writes.
        Assert.Null((await complainant.GetAsync(filed.TrackingPath)).Document.QuerySelector("form[data-testid=reply-form]"));

        var added = await complainant.AddInformationAsync(filed.TrackingPath, "The order number is 55-1234; the seller stopped answering.", new Upload("Information.Files", "receipt.pdf", TestData.Pdf, "application/pdf"));
        ComplainantTestData.AssertRedirected(added);
        var refused = await complainant.AddInformationAsync(filed.TrackingPath, "Another file.", new Upload("Information.Files", "photo.png", "MZ this is a program"u8.ToArray(), "image/png"));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.NotEmpty(refused.FieldError("Information.Files"));
        Assert.Equal("Another file.", refused.Document.QuerySelector("#information-text")!.TextContent);

        ComplainantTestData.AssertRedirected(await seller.CooperateAsync(filed.Id, "We refunded the order today and will ship a replacement."));
        var page = await complainant.GetAsync(filed.TrackingPath);
        Assert.Equal("We refunded the order today and will ship a replacement.", page.TestId("advertiser-message"));
        var replied = await complainant.ReplyAsync(filed.TrackingPath, "Thank you, the refund arrived but the replacement has not.");
        ComplainantTestData.AssertRedirected(replied);

        // The complainant's page: who wrote what, and when; their file listed as theirs.
        page = await complainant.GetAsync(filed.TrackingPath);
        var entries = page.Document.QuerySelectorAll("[data-testid=timeline] li").Select(li => li.TextContent).ToList();
        Assert.Contains(entries, e => e.Contains("You", StringComparison.Ordinal) && e.Contains("The order number is 55-1234", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("The advertiser", StringComparison.Ordinal) && e.Contains("We refunded the order", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("You", StringComparison.Ordinal) && e.Contains("the replacement has not", StringComparison.Ordinal));
        Assert.Contains("receipt.pdf", page.TestId("files"), StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("[data-testid=timeline] time[datetime]"));

        // The advertiser: the reply on the ACE page under "Complainant 1", a notice in the app and by email.
        var ace = await seller.GetAsync("/Ace");
        var conversation = ace.Document.QuerySelector($"[data-complaint='{filed.Reference}'] [data-testid=conversation]")!;
        Assert.Contains("Thank you, the refund arrived but the replacement has not.", conversation.TextContent, StringComparison.Ordinal);
        Assert.Contains("Complainant 1", conversation.QuerySelectorAll("[data-testid=message-author]").Last().TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("The order number is 55-1234", ace.Text, StringComparison.Ordinal);
        var notices = await seller.GetAsync("/Notifications");
        Assert.Contains($"Complainant 1 replied on complaint {filed.Reference}", notices.Text, StringComparison.Ordinal);
        Assert.Contains(await app.InboxAsync(advertiser.Email), m => m.Subject.Contains($"Complainant 1 replied on complaint {filed.Reference}", StringComparison.Ordinal));

        // Staff see the information and the file, named as the complainant's.
        using var support = await app.SupportAsync();
        var staffPage = await support.GetAsync($"/Staff/Complaints/Details/{filed.Id}");
        Assert.Contains("The order number is 55-1234", staffPage.TestId("timeline"), StringComparison.Ordinal);
        Assert.Contains("receipt.pdf", staffPage.TestId("files"), StringComparison.Ordinal);
        var file = await app.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().SingleAsync(f => f.CaseId == filed.Id && f.FileName == "receipt.pdf"));
        Assert.True(file.VisibleToComplainant);
        Assert.False(file.Sha256.Length == 0);
    }

    [Fact]
    public async Task AWithdrawalFromAStaleTrackingPage_WhileStaffRejected_IsNotKept_AndTheComplainantSeesTheComplaintAsItNowStands()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var filed = await app.FileAsync(UserForm(promotion.ExternalCampaignId, ComplainantTestData.Unique("stale"), "Sam Stale"));
        using var staff = await app.SupportAsync();
        using var complainant = app.CreateAppClient();

        // Staff's rejection is saved first; the withdrawal, made on the complaint as the complainant read it, finds it changed.
        var (rejected, withdrawn) = await app.BothQueuedBehindAsync(
            $"SELECT 1 FROM ace_complaints WHERE id = {filed.Id} FOR UPDATE",
            () => staff.RejectAsync(filed.Id),
            () => complainant.WithdrawAsync(filed));

        ComplainantTestData.AssertRedirected(rejected);
        Assert.Equal(HttpStatusCode.OK, withdrawn.Status);
        Assert.Contains("Someone changed your complaint while you were working on it, so nothing you did was saved. Here is how it stands now.", withdrawn.Summary);
        Assert.DoesNotContain("by ", withdrawn.Summary, StringComparison.Ordinal);
        Assert.Equal((await complainant.GetAsync(filed.TrackingPath)).TestId("complaint-status"), withdrawn.TestId("complaint-status"));
        var complaint = await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().Include(c => c.Events).SingleAsync(c => c.Id == filed.Id));
        Assert.Equal(ComplaintStatus.Rejected, complaint.Status);
        Assert.DoesNotContain(complaint.Events, e => e.ToStatus == ComplaintStatus.Withdrawn);
    }

    [Fact]
    public async Task OnlyAMessageThatReachesTheComplainant_MeetsTheCooperationDeadline_AnInternalNoteOrAnUndeliveredMessageDoesNot()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var email = ComplainantTestData.Unique("ip");
        var filed = await app.FileAsync(AceTestData.IpForm(promotion.ExternalCampaignId, email));
        using var support = await app.SupportAsync();
        using var seller = await app.SignedInAsync(advertiser.Email);
        async Task<DeadlineState> CooperationAsync() =>
            (await app.DeadlinesAsync(filed.Id)).Single(d => d.Kind == DeadlineKind.CooperateWithComplainant).State;

        // An internal note is not a message to the complainant.
        ComplainantTestData.AssertRedirected(await support.PostFormAsync($"/Staff/Complaints/Details/{filed.Id}", "form[action*='handler=Note']", new() { ["Note"] = "Told the rights holder by phone." }));
        Assert.Equal(DeadlineState.Pending, await CooperationAsync());

        // With the complainant's link revoked the advertiser's message cannot reach them: kept, not delivered, meets nothing.
        ComplainantTestData.AssertRedirected(await support.PostFormAsync($"/Staff/Complaints/Details/{filed.Id}", "form[action*='handler=RevokeLink']", []));
        var undelivered = await seller.FollowAsync(await seller.CooperateAsync(filed.Id, "Here is our licence for the logo."));
        Assert.Contains("did not reach the complainant", undelivered.Text, StringComparison.Ordinal);
        Assert.Equal(DeadlineState.Pending, await CooperationAsync());
        Assert.Null(await app.WithDbAsync(db => db.AceComplaints.Where(c => c.Id == filed.Id).Select(c => c.FirstCooperationMessageAt).SingleAsync()));
        Assert.Contains("not delivered", undelivered.Document.QuerySelector($"[data-complaint='{filed.Reference}'] [data-testid=conversation]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.InboxAsync(email), m => m.Subject.Contains("The advertiser answered", StringComparison.Ordinal));

        // Staff send a new link; the undelivered message stays unread by the complainant, and a new one meets the deadline.
        ComplainantTestData.AssertRedirected(await support.PostFormAsync($"/Staff/Complaints/Details/{filed.Id}", "form[action*='handler=ReissueLink']", []));
        var link = await app.NewestLinkAsync(email, "A new tracking link");
        using var complainant = app.CreateAppClient();
        Assert.Equal(string.Empty, (await complainant.GetAsync(link)).TestId("advertiser-message"));
        var delivered = await seller.FollowAsync(await seller.CooperateAsync(filed.Id, "Here is our licence for the logo, again."));
        Assert.Contains("The deadline is met", delivered.Text, StringComparison.Ordinal);
        Assert.Equal(DeadlineState.Met, await CooperationAsync());
        Assert.Equal("Here is our licence for the logo, again.", (await complainant.GetAsync(link)).TestId("advertiser-message"));
    }

    [Fact]
    public async Task AnUndeliveredMessage_DoesNotCountWhenALateUpholdJudgesTheCooperationDeadline_ItIsEnforced()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var filed = await app.FileAsync(AceTestData.IpForm(promotion.ExternalCampaignId, ComplainantTestData.Unique("late")));
        using var support = await app.SupportAsync();
        using var seller = await app.SignedInAsync(advertiser.Email);
        ComplainantTestData.AssertRedirected(await support.PostFormAsync($"/Staff/Complaints/Details/{filed.Id}", "form[action*='handler=RevokeLink']", []));
        await seller.CooperateAsync(filed.Id, "Our answer, sent while the complainant could not read it.");

        app.Clock.Advance(TimeSpan.FromHours(73));
        using var later = await app.SupportAsync();
        ComplainantTestData.AssertRedirected(await later.UpholdAsync(filed.Id, ViolationTier.Low));

        var cooperation = (await app.DeadlinesAsync(filed.Id)).Single(d => d.Kind == DeadlineKind.CooperateWithComplainant);
        Assert.Equal(DeadlineState.Missed, cooperation.State);
    }

    [Fact]
    public async Task AContest_IsRefusedToTheStaffMemberWhoRejected_AndUpheldOnReviewByAnother_TheMissedRemovalIsEnforcedAtOnce_AndTheAdvertiserIsToldWhy()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var email = ComplainantTestData.Unique("contest");
        var filed = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId, email));
        using var rejecter = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Rhea Rejecter"));
        var reviewerEmail = await app.CreateUserAsync(Roles.Support, name: "Otto Other");
        using var reviewer = await app.SignedInAsync(reviewerEmail);
        using var complainant = app.CreateAppClient();
        ComplainantTestData.AssertRedirected(await rejecter.RejectAsync(filed.Id));
        Assert.Contains(await app.InboxAsync(email), m => m.Subject.Contains("was rejected", StringComparison.Ordinal));

        var contested = await complainant.ContestAsync(filed.TrackingPath, "The ad promised delivery in 3 days; the screenshot shows it.", new Upload("Contest.Files", "ad.png", TestData.Png, "image/png"));
        ComplainantTestData.AssertRedirected(contested);
        var tracking = await complainant.GetAsync(filed.TrackingPath);
        Assert.Equal(AceComplaint.Describe(ComplaintStatus.Contested), tracking.TestId("complaint-status"));
        Assert.Null(tracking.Document.QuerySelector("form[data-testid=contest-form]"));
        Assert.Contains("ad.png", tracking.TestId("files"), StringComparison.Ordinal);

        // In the staff queue again.
        var queue = await reviewer.GetAsync("/Staff/Queue");
        Assert.NotNull(queue.Document.QuerySelector($"a[href='/Staff/Complaints/Details/{filed.Id}']"));

        // The one who rejected it cannot review the contest: no form, and the server refuses the post with a sentence.
        var own = await rejecter.GetAsync($"/Staff/Complaints/Details/{filed.Id}");
        Assert.Contains("a different staff member must review the contest", own.TestId("contest-other-reviewer"), StringComparison.Ordinal);
        Assert.Null(own.Document.QuerySelector("form[data-testid=uphold-contest-form]"));
        var refused = await rejecter.PostWithTokenAsync(filed.Id, "UpholdContest", new() { ["Decision.Tier"] = "Low", ["Decision.Reason"] = "I changed my mind." });
        Assert.Contains("You rejected this complaint, so a different staff member must review the complainant's contest.", refused.Summary, StringComparison.Ordinal);
        Assert.Equal(ComplaintStatus.Contested, await StatusAsync(filed.Id));

        // Another agent upholds it after the 24-hour removal deadline passed: judged as a late uphold, enforced at once.
        app.Clock.Advance(TimeSpan.FromHours(30));
        using var reviewerLater = await app.SignedInAsync(reviewerEmail);
        var upheld = await reviewerLater.PostFormAsync(
            $"/Staff/Complaints/Details/{filed.Id}", "form[data-testid=uphold-contest-form]",
            new() { ["Decision.Tier"] = "Low", ["Decision.Reason"] = "The screenshot shows the promised 3-day delivery." });
        ComplainantTestData.AssertRedirected(upheld);

        var complaint = await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().SingleAsync(c => c.Id == filed.Id));
        Assert.Equal(ComplaintStatus.Upheld, complaint.Status);
        Assert.Equal("Otto Other", complaint.ContestDecidedByName);
        Assert.Equal("Rhea Rejecter", complaint.RejectedByName);
        var removal = (await app.DeadlinesAsync(filed.Id)).Single(d => d.Kind == DeadlineKind.RemoveContent);
        Assert.Equal(DeadlineState.Missed, removal.State);
        Assert.Equal(AdStatus.Removed, await app.WithDbAsync(db => db.Ads.Where(a => a.PromotionId == promotion.Id).Select(a => a.Status).FirstAsync()));

        var advertiserInbox = await app.InboxAsync(advertiser.Email);
        var why = Assert.Single(advertiserInbox, m => m.Subject.Contains($"Decision changed {filed.Reference}", StringComparison.Ordinal));
        Assert.Contains("The screenshot shows the promised 3-day delivery.", why.Body, StringComparison.Ordinal);
        using var seller = await app.SignedInAsync(advertiser.Email);
        Assert.Contains($"Decision changed {filed.Reference}", (await seller.GetAsync("/Notifications")).Text, StringComparison.Ordinal);
        Assert.Contains(await app.InboxAsync(email), m => m.Subject.Contains("was upheld on review", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AContestUpheldOnReview_AfterTheAdvertiserRemovedTheAdInTime_MeetsTheRemovalDeadline()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var filed = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId, ComplainantTestData.Unique("intime")));
        using var rejecter = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Rhea Rejecter"));
        var reviewerEmail = await app.CreateUserAsync(Roles.Support, name: "Otto Other");
        using var complainant = app.CreateAppClient();
        ComplainantTestData.AssertRedirected(await rejecter.RejectAsync(filed.Id));
        ComplainantTestData.AssertRedirected(await complainant.ContestAsync(filed.TrackingPath, "Please look again."));
        foreach (var ad in promotion.Ads)
        {
            await app.RemoveAdAsync(ad.Id);
        }

        app.Clock.Advance(TimeSpan.FromHours(30));
        using var reviewer = await app.SignedInAsync(reviewerEmail);
        ComplainantTestData.AssertRedirected(await reviewer.PostFormAsync(
            $"/Staff/Complaints/Details/{filed.Id}", "form[data-testid=uphold-contest-form]", new() { ["Decision.Tier"] = "Low", ["Decision.Reason"] = "On review the ad misled." }));

        Assert.Equal(DeadlineState.Met, (await app.DeadlinesAsync(filed.Id)).Single(d => d.Kind == DeadlineKind.RemoveContent).State);
    }

    [Fact]
    public async Task AContestTurnedDown_TellsTheComplainant_AndTheRejectionCannotBeContestedAgain_NorAfterTheWindow()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var email = ComplainantTestData.Unique("turned");
        var filed = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId, email));
        var late = await app.FileAsync(AceTestData.IpForm(promotion.ExternalCampaignId, ComplainantTestData.Unique("late")));
        using var rejecter = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Rhea Rejecter"));
        using var reviewer = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Otto Other"));
        using var complainant = app.CreateAppClient();
        ComplainantTestData.AssertRedirected(await rejecter.RejectAsync(filed.Id));
        ComplainantTestData.AssertRedirected(await rejecter.RejectAsync(late.Id));

        var empty = await complainant.ContestAsync(filed.TrackingPath, "  ");
        Assert.Equal("Say why the rejection is wrong.", empty.FieldError("Contest.Text"));
        var tooLong = await complainant.ContestAsync(filed.TrackingPath, new string('x', AceComplaint.MessageMaxLength + 1));
        Assert.Equal(HttpStatusCode.OK, tooLong.Status);
        Assert.NotEmpty(tooLong.FieldError("Contest.Text"));
        Assert.Equal(ComplaintStatus.Rejected, await StatusAsync(filed.Id));
        ComplainantTestData.AssertRedirected(await complainant.ContestAsync(filed.TrackingPath, "It was not about delivery."));
        ComplainantTestData.AssertRedirected(await reviewer.PostFormAsync(
            $"/Staff/Complaints/Details/{filed.Id}", "form[data-testid=turn-down-contest-form]", new() { ["Decision.Reason"] = "The order arrived within the promised time." }));

        Assert.Equal(ComplaintStatus.Rejected, await StatusAsync(filed.Id));
        var told = Assert.Single(await app.InboxAsync(email), m => m.Subject.Contains("was turned down", StringComparison.Ordinal));
        Assert.Contains("The order arrived within the promised time.", told.Body, StringComparison.Ordinal);
        var page = await complainant.GetAsync(filed.TrackingPath);
        Assert.Null(page.Document.QuerySelector("form[data-testid=contest-form]"));
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var again = await complainant.PostAsync($"{filed.TrackingPath}?handler=Contest", [new("Contest.Text", "Once more."), new("__RequestVerificationToken", token)]);
        Assert.Contains("a rejection can be contested once", again.Summary, StringComparison.Ordinal);

        // The window is a policy setting (14 days by default): after it, the form is gone and a post is refused.
        app.Clock.Advance(TimeSpan.FromDays(15));
        var latePage = await complainant.GetAsync(late.TrackingPath);
        Assert.Null(latePage.Document.QuerySelector("form[data-testid=contest-form]"));
        var lateToken = latePage.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var tooLate = await complainant.PostAsync($"{late.TrackingPath}?handler=Contest", [new("Contest.Text", "Too late?"), new("__RequestVerificationToken", lateToken)]);
        Assert.Contains("A rejection can be contested for 14 days", tooLate.Summary, StringComparison.Ordinal);
        Assert.Equal(ComplaintStatus.Rejected, await StatusAsync(late.Id));
    }

    [Fact]
    public async Task APseudonymisedComplainant_NameAndEmail_AppearNowhereTheAdvertiserLooks_WhileARightsHolderIsNamed_AndStaffSeeEverything()
    {
        const string Name = "Zephyrine Quillfeather";
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var email = ComplainantTestData.Unique("zephyrine.quill");
        var filed = await app.FileAsync(UserForm(promotion.ExternalCampaignId, email, Name));
        var sameAgain = AceTestData.UserForm(promotion.ExternalCampaignId, email.ToUpperInvariant());
        sameAgain["Input.Name"] = Name;
        sameAgain["Input.Category"] = nameof(ProhibitedCategory.FalsePromotionOrScam);
        var second = await app.FileAsync(sameAgain);
        var other = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId, ComplainantTestData.Unique("someone")));
        var ip = await app.FileAsync(AceTestData.IpForm(promotion.ExternalCampaignId, ComplainantTestData.Unique("rights")));
        using var seller = await app.SignedInAsync(advertiser.Email);
        using var complainant = app.CreateAppClient();
        using var support = await app.SupportAsync();

        // Everything that reaches the advertiser: a conversation, a reply, an uphold (violation notice), a decision.
        ComplainantTestData.AssertRedirected(await seller.CooperateAsync(filed.Id, "We are sorry; a refund is on its way."));
        ComplainantTestData.AssertRedirected(await complainant.ReplyAsync(filed.TrackingPath, $"Thanks. Regards, {Name}"));
        ComplainantTestData.AssertRedirected(await support.UpholdAsync(filed.Id, ViolationTier.High));

        var ace = await seller.GetAsync("/Ace");
        Assert.Contains("Complainant 1", ace.Document.QuerySelector($"[data-complaint='{filed.Reference}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Complainant 1", ace.Document.QuerySelector($"[data-complaint='{second.Reference}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Complainant 2", ace.Document.QuerySelector($"[data-complaint='{other.Reference}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Brand Ltd (rights holder; Rita Rights)", ace.Document.QuerySelector($"[data-complaint='{ip.Reference}']")!.TextContent, StringComparison.Ordinal);

        // The complainant's own words are theirs to write (the reply signs with the name); everything else must not show it.
        var pages = new[] { ace, await seller.GetAsync("/Notifications"), await seller.GetAsync("/"), await seller.GetAsync("/Promotions") };
        var inbox = await app.InboxAsync(advertiser.Email);
        var stored = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == advertiser.Email).Select(m => m.Subject + "\n" + m.Body).ToListAsync());
        var notices = await app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => db.Users.Any(u => u.Id == n.UserId && u.Email == advertiser.Email)).Select(n => n.Title + "\n" + n.Body).ToListAsync());
        Assert.NotEmpty(inbox);
        Assert.NotEmpty(notices);
        var everything = pages.Select(p => Without(p.Document.DocumentElement.OuterHtml, $"Thanks. Regards, {Name}"))
            .Concat(inbox.Select(m => m.Subject + "\n" + m.Body))
            .Concat(stored)
            .Concat(notices);
        foreach (var text in everything)
        {
            Assert.DoesNotContain("Zephyrine", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Quillfeather", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(email.Split('@')[0], text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("rights-", text, StringComparison.OrdinalIgnoreCase);
        }

        // Staff see the name, the email and what the advertiser sees.
        var staffPage = await support.GetAsync($"/Staff/Complaints/Details/{filed.Id}");
        Assert.Contains(Name, staffPage.Text, StringComparison.Ordinal);
        Assert.Contains(email, staffPage.Text, StringComparison.Ordinal);
        Assert.Equal("Complainant 1", staffPage.TestId("shown-to-advertiser"));
    }

    private static string Without(string html, string allowed) => html.Replace(allowed, string.Empty, StringComparison.Ordinal);

    private Task<ComplaintStatus> StatusAsync(Guid id) =>
        app.WithDbAsync(db => db.AceComplaints.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
}
