using System.Net;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Tests.Queue;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Desk;

/// <summary>Issue 14, point 6: the rough edges a day's work runs into, each as the person would notice it.</summary>
public sealed class RoughEdgeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Token(PageResult page, string formSelector) =>
        page.Document.QuerySelector($"{formSelector} input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private async Task<(Advertiser Advertiser, RefundRequest Request, AppClient Decider, string DeciderName)> DeniedAsync()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var deciderName = $"Decider {Guid.NewGuid():N}"[..16];
        var decider = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: deciderName));
        await app.CreateUserAsync(Roles.Support, name: "Other Agent");
        await decider.PostFormAsync(QueuePage.StaffPage(request), "form[action*='handler=Claim']", []);
        var denied = await decider.PostFormAsync(QueuePage.StaffPage(request), "button[formaction*='handler=Deny']", new()
        {
            ["Decision.Amount"] = string.Empty,
            ["Decision.Reason"] = "The shortfall came from your own targeting change.",
            ["Decision.Advice"] = "A shortfall the platform caused.",
        });
        Assert.Equal(HttpStatusCode.Redirect, denied.Status);
        Assert.Equal(RefundStatus.Denied, (await app.RefundAsync(request.Id)).Status);
        return (advertiser, request, decider, deciderName);
    }

    [Fact]
    public async Task ASecondDisputeFromAStaleTab_IsRefusedWithASentence_AndItsTextStaysOnThePage()
    {
        var (advertiser, request, decider, deciderName) = await DeniedAsync();
        using var _ = decider;
        using var owner = await app.SignedInAsync(advertiser.Email);
        var staleTab = await owner.GetAsync(QueuePage.AdvertiserPage(request));

        var first = await owner.PostFormAsync(QueuePage.AdvertiserPage(request), "form[action*='handler=Dispute']", new() { ["Message.Text"] = "Stories stopped too: see the delivery report." });
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        const string second = "And the in-feed placements stopped on day 12, the report of week 3 shows it.";
        var again = await owner.PostAsync(
            QueuePage.AdvertiserPage(request) + "?handler=Dispute",
            [new("__RequestVerificationToken", Token(staleTab, "form[action*='handler=Dispute']")), new("Message.Text", second)]);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("a request can be disputed only once", again.Summary);
        Assert.Contains("What you wrote was not sent", again.TestId("unsent-text"));
        Assert.Equal(second, again.Document.QuerySelector("[data-testid=unsent-text] textarea")!.TextContent);
        var stored = await app.RefundAsync(request.Id);
        Assert.Equal("Stories stopped too: see the delivery report.", Assert.Single(stored.Events, e => e.Kind == RefundEventKind.Disputed).Text);

        // A follow-up written on a page that is still current keeps its text when it is refused, too.
        var tooLong = await owner.PostFormAsync(QueuePage.AdvertiserPage(request), "form[action*='handler=FollowUp']", new() { ["Message.Text"] = new string('x', 4001) });
        Assert.Equal("Keep the message under 4000 characters.", tooLong.FieldError("Message.Text"));
        Assert.Equal(4001, tooLong.Document.QuerySelector("form[action*='handler=FollowUp'] textarea")!.TextContent.Length);

        // The dispute went to another agent: the one who decided is not offered a claim the server would refuse.
        var decidersView = await decider.GetAsync(QueuePage.StaffPage(request));
        Assert.Null(decidersView.Document.QuerySelector("form[action*='handler=Claim']"));
        Assert.Equal($"{stored.AssigneeName} reviews this dispute; give it to yourself below to take it over.", decidersView.TestId("why-not-claim"));
        Assert.NotEqual(deciderName, stored.AssigneeName);
    }

    [Fact]
    public async Task AnEmptyOrUnreadableNumberOrDate_SaysWhatToEnter_NeverThatTheValueIsInvalid()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var owner = await app.SignedInAsync(advertiser.Email);
        var form = new Dictionary<string, string> { ["Input.Reason"] = "PerformanceShortfall", ["Input.Description"] = "Delivery stopped at 60% of the impressions we paid for." };

        var empty = await owner.PostFormAsync($"/Refunds/New?promotionId={promotion.Id}", "form[enctype]", new(form) { ["Input.Amount"] = string.Empty });
        var words = await owner.PostFormAsync($"/Refunds/New?promotionId={promotion.Id}", "form[enctype]", new(form) { ["Input.Amount"] = "four hundred" });

        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal("Enter the amount you are asking for.", empty.FieldError("Input.Amount"));
        Assert.Equal("Enter the amount you are asking for as a number, for example 1500.50.", words.FieldError("Input.Amount"));
        Assert.DoesNotContain("is invalid", empty.Text + words.Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.RefundRequests.CountAsync(r => r.PromotionId == promotion.Id)));

        var request = await app.FileRefundAsync(advertiser, promotion);
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        var badDate = await staff.PostFormAsync(QueuePage.StaffPage(request), "form[action*='handler=RequestInformation']", new()
        {
            ["Information.Question"] = "Which placements stopped?",
            ["Information.DueDate"] = "next Friday",
        });
        var noAmount = await staff.PostFormAsync(QueuePage.StaffPage(request), "button[formaction*='handler=Approve']", new()
        {
            ["Decision.Amount"] = string.Empty,
            ["Decision.Reason"] = "Agreed.",
        });

        Assert.Equal("Enter the date the answer is due as a date, for example 2026-12-31.", badDate.FieldError("Information.DueDate"));
        Assert.Equal("Enter the amount to approve.", noAmount.FieldError("Decision.Amount"));
        Assert.DoesNotContain("is invalid", badDate.Text + noAmount.Text, StringComparison.Ordinal);
        Assert.Equal(RefundStatus.Submitted, (await app.RefundAsync(request.Id)).Status);
    }

    [Fact]
    public async Task APolicyWhoseReminderLeadIsNotShorterThanItsDeadline_OrWithoutANote_IsRefusedWithASentence()
    {
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));
        var values = PolicyFields.All.ToDictionary(f => $"Values[{f.Name}]", f => f.DefaultValue);

        var tooLong = await admin.PostFormAsync("/Admin/Policy", "form[data-testid=policy-form]", new(values) { ["Values[DeadlineReminderLeadHours]"] = "30", ["Note"] = "Earlier reminders" });
        var noNote = await admin.PostFormAsync("/Admin/Policy", "form[data-testid=policy-form]", new(values) { ["Values[DeadlineReminderLeadHours]"] = "8", ["Note"] = "  " });
        var responseLead = await admin.PostFormAsync(
            "/Admin/Policy", "form[data-testid=policy-form]", new(values) { ["Values[FollowUpAnswerHours]"] = "12", ["Values[ResponseReminderLeadHours]"] = "12", ["Note"] = "Faster answers" });

        Assert.Equal(HttpStatusCode.OK, tooLong.Status);
        Assert.Equal(
            "\"Reminder before a deadline\" (30 hours) must be shorter than the clock it reminds of: \"User complaint: remove the content\" is 24 hours, so the reminder would be due before that clock starts.",
            tooLong.FieldError("Values[DeadlineReminderLeadHours]"));
        Assert.Equal("Say why you change the policy; the note is kept in the history.", noNote.FieldError("Note"));
        Assert.Contains("\"Answer to a follow-up\" is 12 hours", responseLead.FieldError("Values[ResponseReminderLeadHours]"));
        Assert.Equal(0, await app.WithDbAsync(db => db.PolicyVersions.CountAsync()));

        var saved = await admin.PostFormAsync("/Admin/Policy", "form[data-testid=policy-form]", new(values) { ["Values[DeadlineReminderLeadHours]"] = "23", ["Note"] = "Remind a day ahead" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("Remind a day ahead", await app.WithDbAsync(db => db.PolicyVersions.Select(v => v.Note).SingleAsync()));
    }

    [Fact]
    public async Task Timelines_NeverRepeatAStatusWord_OrMoveAStatusToItself()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var request = await app.FileRefundAsync(advertiser, promotion);
        using var owner = await app.SignedInAsync(advertiser.Email);
        await owner.PostFormAsync($"{QueuePage.AdvertiserPage(request)}?confirm=withdraw", "form[action*='handler=Withdraw']", []);
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));

        var advertisers = (await owner.GetAsync(QueuePage.AdvertiserPage(request))).Document.QuerySelectorAll("[data-testid=timeline] strong").Select(s => s.TextContent).ToList();
        var staffs = (await staff.GetAsync(QueuePage.StaffPage(request))).Document.QuerySelectorAll("[data-testid=timeline] strong").Select(s => s.TextContent).ToList();

        Assert.Equal(["Filed → submitted", "Withdrawn"], advertisers);
        Assert.Equal(["Filed → submitted", "Withdrawn (was submitted)"], staffs);

        var filed = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId, "wanda@example.com"));
        using var complainant = app.CreateAppClient();
        var track = await complainant.FollowAsync(await complainant.WithdrawAsync(filed));
        var lines = track.Document.QuerySelectorAll("[data-testid=timeline] strong").Select(s => s.TextContent).ToList();
        Assert.Equal("Filed and awaiting review", lines[0]);
        Assert.Equal("Withdrawn by the complainant", lines[^1]);
        Assert.DoesNotContain(lines, l => l.Contains('→', StringComparison.Ordinal) && l.Split('→')[0].Trim().Equals(l.Split('→')[1].Trim(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AssignLists_StartAtTheCurrentAssignee_OrAtChoose_NeverAtWhoeverSortsFirst()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var request = await app.FileRefundAsync(advertiser, promotion);
        var filed = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId, "ann@example.com"));
        await app.CreateUserAsync(Roles.Admin, name: "Aaron Admin");
        var zoeEmail = await app.CreateUserAsync(Roles.Support, name: "Zoe Support");
        var zoe = await app.UserIdAsync(zoeEmail);
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Sam Support"));

        static string? Selected(PageResult page) =>
            page.Document.QuerySelector("[data-testid=assign-list] option[selected]")?.TextContent;

        Assert.Equal("Choose a colleague…", Selected(await staff.GetAsync(QueuePage.StaffPage(request))));
        Assert.Equal("Choose a colleague…", Selected(await staff.GetAsync($"/Staff/Complaints/Details/{filed.Id}")));
        Assert.Equal("Choose a colleague…", Selected(await staff.GetAsync(QueuePage.For(advertiser))));

        var refused = await staff.FollowAsync(await staff.PostFormAsync($"/Staff/Complaints/Details/{filed.Id}", "form[action*='handler=Assign']", []));
        Assert.Contains("Choose the colleague to give the complaint to.", refused.Text);
        await staff.PostFormAsync(QueuePage.StaffPage(request), "form[action*='handler=Assign']", new() { ["assigneeId"] = zoe.ToString() });
        var given = await staff.FollowAsync(await staff.PostFormAsync($"/Staff/Complaints/Details/{filed.Id}", "form[action*='handler=Assign']", new() { ["assigneeId"] = zoe.ToString() }));

        Assert.Contains($"{filed.Reference} is now with Zoe Support.", given.Text);
        Assert.Equal("Zoe Support (Support)", Selected(given));
        Assert.Equal("Zoe Support (Support)", Selected(await staff.GetAsync(QueuePage.StaffPage(request))));
        Assert.Equal(zoe, await app.WithDbAsync(db => db.AceComplaints.Where(c => c.Id == filed.Id).Select(c => c.AssigneeId).SingleAsync()));
    }

    [Fact]
    public async Task ActionsTheServerWouldRefuse_AreShownDisabledWithTheReason()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 1000m);
        var earlier = await app.FileRefundAsync(advertiser, promotion, 1000m);
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        await staff.PostFormAsync(QueuePage.StaffPage(earlier), "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "1000.00", ["Decision.Reason"] = "Agreed." });
        var later = await app.FileRefundAsync(advertiser, promotion, 300m, ignoreCommitted: true);

        var page = await staff.GetAsync(QueuePage.StaffPage(later));

        Assert.Null(page.Document.QuerySelector("button[formaction*='handler=Approve']"));
        Assert.NotNull(page.Document.QuerySelector("button[disabled][aria-describedby=why-not-approve]"));
        Assert.Equal("Nothing of this promotion's spend is still refundable, so no amount can be approved; deny the request instead.", page.TestId("why-not-approve"));
        Assert.NotNull(page.Document.QuerySelector("button[formaction*='handler=Deny']"));
    }
}
