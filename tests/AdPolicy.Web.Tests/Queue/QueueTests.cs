using System.Net;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Queue;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Queue;

/// <summary>What a member of staff reads off the queue page: its rows, alerts and count badges.</summary>
internal static class QueuePage
{
    public static string For(Advertiser advertiser, string query = "") => $"/Staff/Queue?Filter.Organisation={advertiser.Organisation.Id}{query}";

    public static string StaffPage(RefundRequest r) => $"/Staff/Refunds/Details/{r.Id}";

    public static string AdvertiserPage(RefundRequest r) => $"/Refunds/Details/{r.Id}";

    /// <summary>The case references in the order the queue shows them.</summary>
    public static string[] Rows(PageResult page) =>
        page.Document.QuerySelectorAll("tr[data-case]").Select(tr => tr.GetAttribute("data-case")!).ToArray();

    public static IElement Row(PageResult page, RefundRequest r) =>
        page.Document.QuerySelector($"tr[data-case='{r.Reference}']")
        ?? throw new Xunit.Sdk.XunitException($"{r.Reference} is not in the queue: {string.Join(", ", Rows(page))}");

    public static string[] Refs(params RefundRequest[] cases) => cases.Select(c => c.Reference).ToArray();

    /// <summary>The queue's "Next page" link, or null on the last page.</summary>
    public static IElement? NextLink(PageResult page) =>
        page.Document.QuerySelectorAll("a").SingleOrDefault(a => a.TextContent.Trim() == "Next page");

    /// <summary>
    /// Sixty requests, twenty at each of three instants a minute apart, so a page boundary (50) falls inside a run of
    /// equal clocks and ages; in filing order.
    /// </summary>
    public static async Task<List<RefundRequest>> FileSixtyInRunsOfTwentyAsync(AppFactory app, Advertiser advertiser, AdPolicy.Domain.Promotions.Promotion promotion)
    {
        var filed = new List<RefundRequest>();
        for (var group = 0; group < 3; group++)
        {
            for (var i = 0; i < 20; i++)
            {
                filed.Add(await app.FileRefundAsync(advertiser, promotion, 10m, ignoreCommitted: true));
            }

            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        return filed;
    }

    public static string Token(PageResult page) =>
        page.Document.QuerySelector("form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    /// <summary>The hidden fields (antiforgery token, the current filters) that a browser sends with the queue's claim and assign form.</summary>
    public static List<KeyValuePair<string, string>> HiddenFields(PageResult page) =>
        page.Document.QuerySelectorAll("form[action*='handler=Assign'] input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? string.Empty))
            .ToList();

    /// <summary>The yellow "Problem" alert (role=alert), or empty.</summary>
    public static string Problem(PageResult page) =>
        string.Join(" | ", page.Document.QuerySelectorAll(".alert-warning[role=alert]").Select(a => a.TextContent.Trim()));

    /// <summary>The green status message (role=status), or empty.</summary>
    public static string Status(PageResult page) =>
        page.Document.QuerySelector("[role=status]")?.TextContent.Trim() ?? string.Empty;

    /// <summary>The count badges, e.g. "Refund request · Submitted" → 3.</summary>
    public static Dictionary<string, long> Counts(PageResult page) =>
        page.Document.QuerySelectorAll("[data-testid=counts] .badge")
            .Select(b => b.TextContent.Trim().Split(':'))
            .ToDictionary(p => p[0].Trim(), p => long.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture));

    public static Task<PageResult> RequestInformationAsync(this AppClient staff, AppFactory app, RefundRequest r, string question = "Which placements stopped delivering?") =>
        staff.PostFormAsync(StaffPage(r), "form[action*='handler=RequestInformation']", new()
        {
            ["Information.Question"] = question,
            ["Information.DueDate"] = app.Clock.GetUtcNow().AddDays(5).ToString("yyyy-MM-dd"),
        });

    public static Task<PageResult> ClaimOnCasePageAsync(this AppClient staff, RefundRequest r) =>
        staff.PostFormAsync(StaffPage(r), "form[action*='handler=Claim']", []);

    public static Task<PageResult> WithdrawAsync(this AppClient owner, RefundRequest r) =>
        owner.PostFormAsync(AdvertiserPage(r) + "?confirm=withdraw", "form[action*='handler=Withdraw']", []);
}

/// <summary>The staff queue through HTTP: order, filters, paging, closing, bulk assignment and racing claims.</summary>
public sealed class QueueTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>
    /// Four open cases of one advertiser whose due order differs from their filing order (clock at t0 + 50 h):
    /// A filed t0, due t0+48 (overdue); C filed t0+1, paused at t0+3 with 46 h left, answered t0+20, due t0+66;
    /// P filed t0+2, waiting on the advertiser; B filed t0+10, due t0+58.
    /// </summary>
    private async Task<(Advertiser Advertiser, string StaffEmail, RefundRequest A, RefundRequest B, RefundRequest C, RefundRequest P)> FourCasesAsync()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 10_000m);
        var staffEmail = await app.CreateUserAsync(Roles.Support);

        var a = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        app.Clock.Advance(Hour);
        var c = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        app.Clock.Advance(Hour);
        var p = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        app.Clock.Advance(Hour);
        using (var staff = await app.SignedInAsync(staffEmail))
        {
            await staff.RequestInformationAsync(app, c);
            await staff.RequestInformationAsync(app, p);
        }

        app.Clock.Advance(7 * Hour);
        var b = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        app.Clock.Advance(10 * Hour);
        using (var owner = await app.SignedInAsync(advertiser.Email))
        {
            await owner.PostFormAsync(QueuePage.AdvertiserPage(c), "form[action*='handler=Answer']", new() { ["Message.Text"] = "In-feed placements." });
        }

        app.Clock.Advance(30 * Hour);
        return (advertiser, staffEmail, a, b, c, p);
    }

    [Fact]
    public async Task ByDefault_OverdueCasesComeFirst_ThenTheSoonestDue_AndCasesWaitingOnTheAdvertiserLast()
    {
        var (advertiser, staffEmail, a, b, c, p) = await FourCasesAsync();
        using var staff = await app.SignedInAsync(staffEmail);

        var queue = await staff.GetAsync(QueuePage.For(advertiser));

        Assert.Equal(QueuePage.Refs(a, b, c, p), QueuePage.Rows(queue));
        Assert.Contains("overdue by 2 h 0 min", QueuePage.Row(queue, a).TextContent);
        Assert.Contains("8 h 0 min left", QueuePage.Row(queue, b).TextContent);
        Assert.Contains("16 h 0 min left", QueuePage.Row(queue, c).TextContent);
        Assert.Contains("paused", QueuePage.Row(queue, p).TextContent);
        Assert.Equal(QueuePage.Rows(queue), QueuePage.Rows(await staff.GetAsync(QueuePage.For(advertiser, "&Filter.Sort=due"))));
    }

    [Fact]
    public async Task SortingByAge_PutsTheOldestFilingFirst_WhateverItsClock()
    {
        var (advertiser, staffEmail, a, b, c, p) = await FourCasesAsync();
        using var staff = await app.SignedInAsync(staffEmail);

        var queue = await staff.GetAsync(QueuePage.For(advertiser, "&Filter.Sort=age"));

        Assert.Equal(QueuePage.Refs(a, c, p, b), QueuePage.Rows(queue));
        Assert.Contains("2 d 2 h", QueuePage.Row(queue, a).TextContent); // its age
    }

    [Fact]
    public async Task EachFilter_ShowsExactlyTheMatchingCases()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var other = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 10_000m);
        var removed = await app.CreatePromotionAsync(advertiser.Account, removedForPolicy: true);
        var meEmail = await app.CreateUserAsync(Roles.Support, name: "Filter Me");
        var colleagueEmail = await app.CreateUserAsync(Roles.Support, name: "Filter Colleague");

        // Filed long enough ago to be overdue, nobody on them.
        var shortfallUnassigned = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        var policyUnassigned = await app.FileRefundAsync(advertiser, removed, 100m, reason: RefundReason.PolicyViolation);
        var otherAdvertisers = await app.FileRefundAsync(other, await app.CreatePromotionAsync(other.Account));
        app.Clock.Advance(49 * Hour);

        var technicalMine = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true, reason: RefundReason.TechnicalError);
        var shortfallColleagues = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        var technicalMineWaiting = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true, reason: RefundReason.TechnicalError);
        using var me = await app.SignedInAsync(meEmail);
        using var colleague = await app.SignedInAsync(colleagueEmail);
        await me.ClaimOnCasePageAsync(technicalMine);
        await me.ClaimOnCasePageAsync(technicalMineWaiting);
        await me.RequestInformationAsync(app, technicalMineWaiting);
        await colleague.ClaimOnCasePageAsync(shortfallColleagues);

        RefundRequest[] all = [shortfallUnassigned, policyUnassigned, technicalMine, shortfallColleagues, technicalMineWaiting];
        (string Query, RefundRequest[] Expected)[] cases =
        [
            ("", all),
            ("&Filter.Assignee=anyone", all),
            ("&Filter.Kind=RefundRequest", all),
            ("&Filter.Kind=AceComplaint", []),
            ("&Filter.Status=Submitted", [shortfallUnassigned, policyUnassigned]),
            ("&Filter.Status=InReview", [technicalMine, shortfallColleagues]),
            ("&Filter.Status=AwaitingAdvertiser", [technicalMineWaiting]),
            ("&Filter.Reason=TechnicalError", [technicalMine, technicalMineWaiting]),
            ("&Filter.Reason=PolicyViolation", [policyUnassigned]),
            ("&Filter.Assignee=mine", [technicalMine, technicalMineWaiting]),
            ("&Filter.Assignee=unassigned", [shortfallUnassigned, policyUnassigned]),
            ("&Filter.Overdue=true", [shortfallUnassigned, policyUnassigned]),
            ("&Filter.Reason=PerformanceShortfall&Filter.Assignee=unassigned", [shortfallUnassigned]),
            ("&Filter.Status=InReview&Filter.Assignee=mine", [technicalMine]),
        ];
        foreach (var (query, expected) in cases)
        {
            var page = await me.GetAsync(QueuePage.For(advertiser, query));
            Assert.True(HttpStatusCode.OK == page.Status, $"{query}: {(int)page.Status}");
            Assert.Equal([.. QueuePage.Refs(expected).Order()], QueuePage.Rows(page).Order().ToArray());
            if (expected.Length == 0)
            {
                Assert.Equal("No open cases match these filters.", page.TestId("queue-empty"));
            }
        }

        var theOtherAdvertiser = await me.GetAsync(QueuePage.For(other));
        Assert.Equal(QueuePage.Refs(otherAdvertisers), QueuePage.Rows(theOtherAdvertiser));
    }

    [Fact]
    public async Task TheAdvertiserFilter_IsANameTyped_OneMatchFilters_SeveralOrNoneAreNamedBesideTheField()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var other = await app.CreateAdvertiserAsync();
        var mine = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var theirs = await app.FileRefundAsync(other, await app.CreatePromotionAsync(other.Account));
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        var name = advertiser.Organisation.Name;

        // The whole name, and the start of it in another case, find that advertiser only, and the field shows its name.
        foreach (var typed in new[] { name, name[..^2].ToLowerInvariant() })
        {
            var page = await staff.GetAsync($"/Staff/Queue?Filter.Advertiser={Uri.EscapeDataString(typed)}");
            Assert.Equal(QueuePage.Refs(mine), QueuePage.Rows(page));
            Assert.Equal(name, page.Document.QuerySelector("#organisation")!.GetAttribute("value"));
            Assert.Empty(page.Document.QuerySelectorAll(".field-validation-error"));
        }

        // A link with the advertiser's id (saved views, redirects after a claim) still filters, and names it in the field.
        var byId = await staff.GetAsync(QueuePage.For(advertiser));
        Assert.Equal(QueuePage.Refs(mine), QueuePage.Rows(byId));
        Assert.Equal(name, byId.Document.QuerySelector("#organisation")!.GetAttribute("value"));

        // "Org " starts both names: nothing is filtered and the field says why, naming the candidates.
        var several = await staff.GetAsync($"/Staff/Queue?Filter.Advertiser=Org%20&Filter.Q={theirs.Reference}");
        Assert.Equal(HttpStatusCode.OK, several.Status);
        Assert.Equal(QueuePage.Refs(theirs), QueuePage.Rows(several));
        var message = several.Document.QuerySelector(".field-validation-error")!.TextContent;
        Assert.Contains("advertisers' names start with \"Org\"", message);
        Assert.Contains("type more of the name", message);

        var none = await staff.GetAsync($"/Staff/Queue?Filter.Advertiser=Nobody%20by%20this%20name&Filter.Q={mine.Reference}");
        Assert.Equal(HttpStatusCode.OK, none.Status);
        Assert.Equal(QueuePage.Refs(mine), QueuePage.Rows(none));
        Assert.Equal("No advertiser's name starts with \"Nobody by this name\"; the queue shows every advertiser.", none.Document.QuerySelector(".field-validation-error")!.TextContent.Trim());

        // No list of every organisation on the page any more.
        Assert.Null(byId.Document.QuerySelector("select[name='Filter.Organisation']"));
    }

    [Fact]
    public async Task KeysetPaging_ShowsFiftyThenTheRest_WithNoCaseTwiceAndNoneMissing()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 10_000m);
        var filed = await QueuePage.FileSixtyInRunsOfTwentyAsync(app, advertiser, promotion);

        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        foreach (var sort in new[] { "due", "age" })
        {
            var first = await staff.GetAsync(QueuePage.For(advertiser, $"&Filter.Sort={sort}"));
            var next = QueuePage.NextLink(first);
            Assert.True(next is not null, $"{sort}: no Next page link");
            var second = await staff.GetAsync(next!.GetAttribute("href")!);

            var one = QueuePage.Rows(first);
            var two = QueuePage.Rows(second);
            Assert.Equal(50, one.Length);
            Assert.Equal(10, two.Length);
            Assert.Empty(one.Intersect(two));
            Assert.Equal(filed.Select(f => f.Reference).Order(), one.Concat(two).Order());
            Assert.Equal(filed.Select(f => f.Reference), one.Concat(two)); // equal clocks: in filing order
            Assert.Null(QueuePage.NextLink(second));
        }
    }

    [Fact]
    public async Task DecidedAndWithdrawnCases_LeaveTheQueue()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 10_000m);
        var approved = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        var denied = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        var withdrawn = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        var stays = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        using var owner = await app.SignedInAsync(advertiser.Email);
        Assert.Equal(4, QueuePage.Rows(await staff.GetAsync(QueuePage.For(advertiser))).Length);

        await staff.PostFormAsync(QueuePage.StaffPage(approved), "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "100.00", ["Decision.Reason"] = "Agreed." });
        await staff.PostFormAsync(QueuePage.StaffPage(denied), "button[formaction*='handler=Deny']", new() { ["Decision.Reason"] = "Delivery was complete.", ["Decision.Advice"] = "A delivery report showing the gap." });
        await owner.WithdrawAsync(withdrawn);

        Assert.Equal(RefundStatus.Approved, (await app.RefundAsync(approved.Id)).Status);
        Assert.Equal(RefundStatus.Denied, (await app.RefundAsync(denied.Id)).Status);
        Assert.Equal(RefundStatus.Withdrawn, (await app.RefundAsync(withdrawn.Id)).Status);
        Assert.Equal(QueuePage.Refs(stays), QueuePage.Rows(await staff.GetAsync(QueuePage.For(advertiser))));
    }

    [Fact]
    public async Task BulkAssign_GivesTheSelectedCasesToTheColleague_AndNamesTheOneThatCouldNotBeAssigned()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 10_000m);
        var first = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        var withdrawnMeanwhile = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        var third = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        var notSelected = await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true);
        var colleagueEmail = await app.CreateUserAsync(Roles.Support, name: "Bulk Colleague");
        using var lead = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Team Lead"));
        using var owner = await app.SignedInAsync(advertiser.Email);

        var queue = await lead.GetAsync(QueuePage.For(advertiser));
        var colleagueOption = queue.Document.QuerySelectorAll("select[name=assigneeId] option").Single(o => o.TextContent.StartsWith("Bulk Colleague", StringComparison.Ordinal));
        string Checkbox(RefundRequest r) => QueuePage.Row(queue, r).QuerySelector("input[name=selected]")!.GetAttribute("value")!;
        await owner.WithdrawAsync(withdrawnMeanwhile);

        var posted = await lead.PostAsync(
            queue.Document.QuerySelector("form[action*='handler=Assign']")!.GetAttribute("action")!,
            [
                .. QueuePage.HiddenFields(queue),
                new("selected", Checkbox(first)),
                new("selected", Checkbox(withdrawnMeanwhile)),
                new("selected", Checkbox(third)),
                new("assigneeId", colleagueOption.GetAttribute("value")!),
            ]);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        var after = await lead.FollowAsync(posted);
        Assert.Equal("Gave 2 case(s) to Bulk Colleague.", QueuePage.Status(after));
        Assert.Contains($"{withdrawnMeanwhile.Reference}: You cannot assign a case that is withdrawn.", QueuePage.Problem(after));
        Assert.DoesNotContain(first.Reference, QueuePage.Problem(after));
        var shown = await lead.GetAsync(QueuePage.For(advertiser));
        Assert.Contains("Bulk Colleague", QueuePage.Row(shown, first).TextContent);
        Assert.Contains("Bulk Colleague", QueuePage.Row(shown, third).TextContent);
        Assert.DoesNotContain("Bulk Colleague", QueuePage.Row(shown, notSelected).TextContent);
        Assert.Null((await app.RefundAsync(withdrawnMeanwhile.Id)).AssigneeName);

        using var colleague = await app.SignedInAsync(colleagueEmail);
        Assert.Equal(QueuePage.Refs(first, third).Order(), QueuePage.Rows(await colleague.GetAsync(QueuePage.For(advertiser, "&Filter.Assignee=mine"))).Order());
    }

    [Fact]
    public async Task TwoStaffClaimingTheSameCaseAtOnce_OneGetsIt_AndTheOtherIsToldWhoHasIt()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 10_000m);
        using var one = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Racer One"));
        using var two = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support, name: "Racer Two"));
        var output = TestContext.Current.TestOutputHelper;

        for (var round = 0; round < 5; round++)
        {
            var request = await app.FileRefundAsync(advertiser, promotion, 10m, ignoreCommitted: true);
            var url = QueuePage.For(advertiser, "&Filter.Assignee=unassigned");
            var pageOne = await one.GetAsync(url);
            var pageTwo = await two.GetAsync(url);
            var claim = QueuePage.Row(pageOne, request).QuerySelector($"button[aria-label='Claim {request.Reference}']")!.GetAttribute("formaction")!;
            Assert.Equal(claim, QueuePage.Row(pageTwo, request).QuerySelector($"button[aria-label='Claim {request.Reference}']")!.GetAttribute("formaction"));

            var results = await Task.WhenAll(
                one.PostAsync("/Staff/Queue" + claim, QueuePage.HiddenFields(pageOne)),
                two.PostAsync("/Staff/Queue" + claim, QueuePage.HiddenFields(pageTwo)));

            Assert.All(results, r => Assert.Equal(HttpStatusCode.Redirect, r.Status));
            var saved = await app.RefundAsync(request.Id);
            Assert.Contains(saved.AssigneeName, new[] { "Racer One", "Racer Two" });
            Assert.Single(saved.Events, e => e.Kind == RefundEventKind.Claimed);
            var (winner, loser) = saved.AssigneeName == "Racer One" ? (one, two) : (two, one);
            var winnerSees = await winner.FollowAsync(results[winner == one ? 0 : 1]);
            var loserSees = await loser.FollowAsync(results[loser == one ? 0 : 1]);

            Assert.Equal($"You now have {request.Reference}.", QueuePage.Status(winnerSees));
            Assert.Empty(QueuePage.Problem(winnerSees));
            var problem = QueuePage.Problem(loserSees);
            Assert.Contains(request.Reference, problem);
            Assert.Contains(saved.AssigneeName!, problem);
            Assert.Empty(QueuePage.Status(loserSees));
            output?.WriteLine($"round {round}: {saved.AssigneeName} won; the other read \"{problem}\"");

            // Back on the same filtered queue, the case is no longer offered as unassigned.
            Assert.DoesNotContain(request.Reference, QueuePage.Rows(loserSees));
            var mine = await winner.GetAsync(QueuePage.For(advertiser, "&Filter.Assignee=mine"));
            Assert.Null(QueuePage.Row(mine, request).QuerySelector("button[aria-label^='Claim']"));
        }
    }
}

/// <summary>The per-status count badges, on a database of their own so every open case is this test's.</summary>
public sealed class QueueCountTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<Dictionary<string, long>> OpenCasesInTheDatabaseAsync() =>
        (await app.WithDbAsync(db => db.RefundRequests.AsNoTracking().Where(r => RefundRequest.OpenStates.Contains(r.Status)).Select(r => r.Status).ToListAsync()))
        .GroupBy(s => s).ToDictionary(g => $"Refund request · {AdPolicy.Web.Infrastructure.Display.Words(g.Key)}", g => (long)g.Count());

    [Fact]
    public async Task TheCountsPerStatus_MatchTheOpenCases_AfterFilingsAClaimAndAWithdrawal_AndAfterFolding()
    {
        var ct = TestContext.Current.CancellationToken;
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 10_000m);
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        using var owner = await app.SignedInAsync(advertiser.Email);
        Assert.Equal("No open cases.", (await staff.GetAsync("/Staff/Queue")).TestId("counts"));

        var cases = new List<RefundRequest>();
        for (var i = 0; i < 4; i++)
        {
            cases.Add(await app.FileRefundAsync(advertiser, promotion, 100m, ignoreCommitted: true));
        }

        Assert.Equal(new Dictionary<string, long> { ["Refund request · Submitted"] = 4 }, QueuePage.Counts(await staff.GetAsync("/Staff/Queue")));

        await staff.PostFormAsync("/Staff/Queue", $"button[aria-label='Claim {cases[1].Reference}']", []);
        await owner.WithdrawAsync(cases[2]);
        var expected = new Dictionary<string, long> { ["Refund request · In review"] = 1, ["Refund request · Submitted"] = 2 };
        Assert.Equal(expected, QueuePage.Counts(await staff.GetAsync("/Staff/Queue")));
        Assert.Equal(expected, await OpenCasesInTheDatabaseAsync());

        await app.WithDbAsync(db => QueueCountFolder.FoldAsync(db, ct));
        Assert.Equal(0, await app.WithDbAsync(db => db.QueueCountDeltas.CountAsync(ct)));
        Assert.Equal(expected, QueuePage.Counts(await staff.GetAsync("/Staff/Queue")));

        // Changes after a fold add to the folded totals; a status with no open case left loses its badge.
        await staff.RequestInformationAsync(app, cases[1]);
        await owner.WithdrawAsync(cases[0]);
        expected = new Dictionary<string, long> { ["Refund request · Awaiting advertiser"] = 1, ["Refund request · Submitted"] = 1 };
        Assert.Equal(expected, QueuePage.Counts(await staff.GetAsync("/Staff/Queue")));
        Assert.Equal(expected, await OpenCasesInTheDatabaseAsync());
        await app.WithDbAsync(db => QueueCountFolder.FoldAsync(db, ct));
        Assert.Equal(expected, QueuePage.Counts(await staff.GetAsync("/Staff/Queue")));
        Assert.Equal(2, QueuePage.Rows(await staff.GetAsync("/Staff/Queue")).Length);
    }
}
