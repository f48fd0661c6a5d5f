using System.Net;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Queue;

/// <summary>Staff and advertiser move a refund case through its workflow, through the real pages.</summary>
public sealed class RefundWorkflowTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string StaffPage(RefundRequest r) => $"/Staff/Refunds/Details/{r.Id}";

    private static string AdvertiserPage(RefundRequest r) => $"/Refunds/Details/{r.Id}";

    [Fact]
    public async Task TheWholeWorkflow_FromFilingToPayment_WithADisputeGoingToAnotherAgent()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 1000m);
        var request = await app.FileRefundAsync(advertiser, promotion, 400m);
        var first = await app.CreateUserAsync(Roles.Support, name: "Agent One");
        var second = await app.CreateUserAsync(Roles.Support, name: "Agent Two");
        using var agentOne = await app.SignedInAsync(first);
        using var agentTwo = await app.SignedInAsync(second);
        using var owner = await app.SignedInAsync(advertiser.Email);

        var claimed = await agentOne.PostFormAsync(StaffPage(request), "form[action*='handler=Claim']", []);
        Assert.Equal(HttpStatusCode.Redirect, claimed.Status);
        Assert.Equal(RefundStatus.InReview, (await app.RefundAsync(request.Id)).Status);

        await agentOne.PostFormAsync(StaffPage(request), "form[action*='handler=RequestInformation']", new()
        {
            ["Information.Question"] = "Which placements stopped delivering?",
            ["Information.DueDate"] = app.Clock.GetUtcNow().AddDays(5).ToString("yyyy-MM-dd"),
        });
        var asked = await owner.GetAsync(AdvertiserPage(request));
        Assert.Equal("awaiting the advertiser", asked.TestId("case-status"));
        Assert.Equal("Which placements stopped delivering?", asked.TestId("open-question"));

        await owner.PostFormAsync(AdvertiserPage(request), "form[action*='handler=Answer']", new() { ["Message.Text"] = "In-feed placements from day 12." });
        Assert.Equal(RefundStatus.InReview, (await app.RefundAsync(request.Id)).Status);

        await agentOne.PostFormAsync(StaffPage(request), "button[formaction*='handler=Approve']", new()
        {
            ["Decision.Amount"] = "250.00",
            ["Decision.Reason"] = "Half the shortfall was caused by your own targeting change.",
        });
        var partial = await app.RefundAsync(request.Id);
        Assert.Equal(RefundStatus.PartiallyApproved, partial.Status);
        Assert.Equal(250.00m, partial.ApprovedAmount);

        await owner.PostFormAsync(AdvertiserPage(request), "form[action*='handler=Dispute']", new() { ["Message.Text"] = "The targeting change was yours: see the support ticket." });
        var disputed = await app.RefundAsync(request.Id);
        Assert.Equal(RefundStatus.Disputed, disputed.Status);
        Assert.Equal("Agent Two", disputed.AssigneeName);

        await agentTwo.PostFormAsync(StaffPage(request), "form[action*='handler=Claim']", []);
        await agentTwo.PostFormAsync(StaffPage(request), "button[formaction*='handler=Approve']", new()
        {
            ["Decision.Amount"] = "400.00",
            ["Decision.Reason"] = "On review the whole shortfall is ours.",
        });
        var paid = await agentTwo.PostFormAsync(StaffPage(request), "form[action*='handler=Pay']", []);
        Assert.Equal(HttpStatusCode.Redirect, paid.Status);

        var final = await app.RefundAsync(request.Id);
        Assert.Equal(RefundStatus.Refunded, final.Status);
        var credit = await app.WithDbAsync(db => db.LedgerEntries.SingleAsync(l => l.RefundRequestId == request.Id));
        Assert.Equal(400.00m, credit.Amount);
        Assert.Equal(advertiser.Account.Id, credit.AdAccountId);

        var seen = await owner.GetAsync(AdvertiserPage(request));
        Assert.Equal("refunded", seen.TestId("case-status"));
        Assert.NotEmpty(seen.TestId("refunded-at"));
        Assert.DoesNotContain("Half the shortfall", seen.TestId("decision"));
        Assert.Equal(
            [RefundStatus.Submitted, RefundStatus.InReview, RefundStatus.AwaitingAdvertiser, RefundStatus.InReview, RefundStatus.PartiallyApproved, RefundStatus.Disputed, RefundStatus.InReview, RefundStatus.Approved, RefundStatus.Refunded],
            final.Events.OrderBy(e => e.Sequence).Where(e => e.FromStatus != e.ToStatus).Select(e => e.ToStatus!.Value).ToArray());
    }

    [Fact]
    public async Task InternalNotes_AreShownToStaff_AndNeverToTheAdvertiser()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Reviewer));
        using var owner = await app.SignedInAsync(advertiser.Email);

        await staff.PostFormAsync(StaffPage(request), "form[action*='handler=Note']", new() { ["Message.Text"] = "Looks like a repeat claimant." });

        Assert.Contains("Looks like a repeat claimant.", (await staff.GetAsync(StaffPage(request))).TestId("timeline"));
        Assert.DoesNotContain("repeat claimant", (await owner.GetAsync(AdvertiserPage(request))).Text);
    }

    /// <summary>
    /// The timeline says stored facts in words (nothing but what people wrote is stored as text), and rows written
    /// before events kept values are shown as they were stored.
    /// </summary>
    [Fact]
    public async Task TheTimeline_SaysTheStoredFactsInWords_AndShowsOlderRowsAsTheyWereStored()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account, spent: 1000m), amount: 250m);
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        await staff.PostFormAsync(StaffPage(request), "form[action*='handler=Claim']", []);

        var stored = await app.WithDbAsync(db => db.RefundEvents.AsNoTracking().Where(e => e.RefundRequestId == request.Id).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal("250.00 EUR", stored[0].Value(AdPolicy.Domain.Common.EventValue.Amount));
        Assert.Null(stored[1].Text);

        // A row as the app wrote it before values existed: a sentence of ours and "field: from → to" changes.
        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO refund_events (id, refund_request_id, sequence, kind, actor_id, actor_name, actor_kind, at, from_status, to_status, text, changes, is_internal)
            VALUES ({Guid.CreateVersion7()}, {request.Id}, {stored.Count + 1}, {(int)RefundEventKind.StaffReplied}, NULL, 'Sam Legacy', 1, {app.Clock.GetUtcNow()}, 1, 1, 'Written the old way.', 'amount: → 1.00 EUR', false)
            """));

        var timeline = (await staff.GetAsync(StaffPage(request))).TestId("timeline");
        Assert.Contains("Amount asked for: 250.00 EUR", timeline);
        Assert.Contains("Assignee: nobody →", timeline);
        Assert.Contains("Written the old way.", timeline);
        Assert.Contains("amount: → 1.00 EUR", timeline);
        var ownView = (await (await app.SignedInAsync(advertiser.Email)).GetAsync(AdvertiserPage(request))).TestId("timeline");
        Assert.DoesNotContain("Assignee:", ownView);
    }

    [Fact]
    public async Task DecidingAWithdrawnCase_IsRefusedWithAMessage_AndChangesNothing()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        var pageBeforeWithdrawal = await staff.GetAsync(StaffPage(request));
        using var owner = await app.SignedInAsync(advertiser.Email);
        await owner.PostFormAsync(AdvertiserPage(request) + "?confirm=withdraw", "form[action*='handler=Withdraw']", []);

        var token = pageBeforeWithdrawal.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var result = await staff.PostAsync(StaffPage(request) + "?handler=Approve", [new("__RequestVerificationToken", token), new("Decision.Amount", "100.00"), new("Decision.Reason", "ok")]);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("withdrawn by the advertiser", result.Summary);
        var after = await app.RefundAsync(request.Id);
        Assert.Equal(RefundStatus.Withdrawn, after.Status);
        Assert.Null(after.ApprovedAmount);
    }

    [Fact]
    public async Task ApprovingMoreThanIsStillRefundable_IsRefused_AndChangesNothing()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 1000m);
        var earlier = await app.FileRefundAsync(advertiser, promotion, 900m);
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        await staff.PostFormAsync(StaffPage(earlier), "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "900.00", ["Decision.Reason"] = "Agreed." });
        Assert.Equal(RefundStatus.Approved, (await app.RefundAsync(earlier.Id)).Status);

        // A request that was filed while the spend still allowed it (e.g. before the first approval).
        var second = await app.FileRefundAsync(advertiser, promotion, 300m, ignoreCommitted: true);
        var result = await staff.PostFormAsync(StaffPage(second), "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "300.00", ["Decision.Reason"] = "Agreed." });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("Only 100.00 EUR of this promotion's spend is still refundable", result.Summary);
        Assert.Equal(RefundStatus.Submitted, (await app.RefundAsync(second.Id)).Status);
    }

    [Fact]
    public async Task PayingTwice_PaysOnce_AndTheSecondClickIsToldItWasPaid()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        await staff.PostFormAsync(StaffPage(request), "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "400.00", ["Decision.Reason"] = "Agreed." });
        var page = await staff.GetAsync(StaffPage(request));
        var token = page.Document.QuerySelector("form[action*='handler=Pay'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var first = await staff.PostAsync(StaffPage(request) + "?handler=Pay", [new("__RequestVerificationToken", token)]);
        var second = await staff.PostAsync(StaffPage(request) + "?handler=Pay", [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Contains("already paid", second.Summary);
        Assert.Equal(1, await app.LedgerCountAsync(request.Id));
    }

    [Fact]
    public async Task AReviewer_CannotDecideOrPay_AndNothingChanges()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var reviewer = await app.SignedInAsync(await app.CreateUserAsync(Roles.Reviewer));
        var page = await reviewer.GetAsync(StaffPage(request));
        Assert.Null(page.Document.QuerySelector("button[formaction*='handler=Approve']"));
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var result = await reviewer.PostAsync(StaffPage(request) + "?handler=Approve", [new("__RequestVerificationToken", token), new("Decision.Amount", "400.00"), new("Decision.Reason", "ok")]);

        Assert.Contains("/Account/AccessDenied", result.Location);
        Assert.Equal(RefundStatus.Submitted, (await app.RefundAsync(request.Id)).Status);
    }

    [Fact]
    public async Task AnAdvertiser_CannotOpenStaffCasePages()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var owner = await app.SignedInAsync(advertiser.Email);

        var result = await owner.GetAsync(StaffPage(request));

        Assert.Contains("/Account/AccessDenied", result.Location);
    }

    [Fact]
    public async Task TheResponseClock_PausesWhileAwaitingTheAdvertiser_AndResumesWithTheTimeItHadLeft()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var staffEmail = await app.CreateUserAsync(Roles.Support);
        using var staff = await app.SignedInAsync(staffEmail);
        using var owner = await app.SignedInAsync(advertiser.Email);
        var filedAt = app.Clock.GetUtcNow();

        app.Clock.Advance(TimeSpan.FromHours(10));
        await staff.SignInAsync(staffEmail);
        await staff.PostFormAsync(StaffPage(request), "form[action*='handler=RequestInformation']", new()
        {
            ["Information.Question"] = "Screenshot of the delivery report?",
            ["Information.DueDate"] = app.Clock.GetUtcNow().AddDays(7).ToString("yyyy-MM-dd"),
        });
        var paused = await app.RefundAsync(request.Id);
        Assert.Null(paused.ClockDueAt);
        Assert.Equal(TimeSpan.FromHours(38), paused.PausedRemaining);
        Assert.Equal("paused (waiting for the advertiser)", (await staff.GetAsync(StaffPage(request))).TestId("time-left"));

        app.Clock.Advance(TimeSpan.FromHours(30));
        await owner.SignInAsync(advertiser.Email); // the 8-hour sign-in expired while the clock moved
        await owner.PostFormAsync(AdvertiserPage(request), "form[action*='handler=Answer']", new() { ["Message.Text"] = "Attached." });

        var resumed = await app.RefundAsync(request.Id);
        Assert.Equal(filedAt.AddHours(48 + 30), resumed.ClockDueAt);
    }

    [Fact]
    public async Task FollowUps_AreShownInTheQueue_AndOnlyTheFirstMovesTheClock()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var request = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var owner = await app.SignedInAsync(advertiser.Email);
        var staffEmail = await app.CreateUserAsync(Roles.Support);
        using var staff = await app.SignedInAsync(staffEmail);

        app.Clock.Advance(TimeSpan.FromHours(30));
        await owner.SignInAsync(advertiser.Email);
        await staff.SignInAsync(staffEmail);
        await owner.PostFormAsync(AdvertiserPage(request), "form[action*='handler=FollowUp']", new() { ["Message.Text"] = "Any news?" });
        var afterFirst = (await app.RefundAsync(request.Id)).ClockDueAt;
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await owner.PostFormAsync(AdvertiserPage(request), "form[action*='handler=FollowUp']", new() { ["Message.Text"] = "Hello??" });

        var afterSecond = await app.RefundAsync(request.Id);
        Assert.Equal(afterFirst, afterSecond.ClockDueAt);
        Assert.Equal(2, afterSecond.FollowUpCount);
        var queue = await staff.GetAsync($"/Staff/Queue?Filter.Organisation={advertiser.Organisation.Id}");
        Assert.Contains("2 follow-ups", queue.Document.QuerySelector($"tr[data-case='{request.Reference}']")!.TextContent);
    }
}
