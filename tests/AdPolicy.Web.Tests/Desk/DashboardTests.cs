using System.Net;
using System.Text;
using AdPolicy.Domain.Accounts;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Tests.Queue;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Desk;

/// <summary>Issue 14, point 2: the desk dashboard's figures come from the cases, follow the period and region, and export as CSV.</summary>
public sealed class DashboardTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, long> Row(PageResult page, string table, string rowHeader)
    {
        var head = page.Document.QuerySelectorAll($"[data-testid={table}] thead th").Select(th => th.TextContent.Trim()).ToList();
        var row = page.Document.QuerySelectorAll($"[data-testid={table}] tbody tr")
            .FirstOrDefault(tr => tr.QuerySelector("th")?.TextContent.Trim() == rowHeader);
        if (row is null)
        {
            return head.Skip(1).ToDictionary(h => h, _ => 0L);
        }

        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        return head.Skip(1).Zip(cells).Where(p => long.TryParse(p.Second.Replace(",", string.Empty, StringComparison.Ordinal), out _))
            .ToDictionary(p => p.First, p => long.Parse(p.Second.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
    }

    private string ThisWeek() => global::AdPolicy.Web.Queue.DashboardFilter.WeekOf(app.Clock.GetUtcNow()).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Figures_CountResponsesMetAndMissed_TheBacklog_AndRefundsPaid_InTheAdvertisersRegionOnly()
    {
        var staffEmail = await app.CreateUserAsync(Roles.Support);
        using var staff = await app.SignedInAsync(staffEmail);
        const string Region = "LatinAmerica";
        var url = $"/Staff/Dashboard?Filter.Weeks=4&Filter.Region={Region}";
        var before = await staff.GetAsync(url);
        var otherBefore = await staff.GetAsync("/Staff/Dashboard?Filter.Weeks=4&Filter.Region=AsiaPacific");
        var advertiser = await app.CreateAdvertiserAsync(Domain.Accounts.Region.LatinAmerica);
        var onTime = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        var late = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));

        // One answered within the first-response target and paid; one answered after it.
        app.Clock.Advance(TimeSpan.FromHours(2));
        var metWeek = ThisWeek();
        await staff.PostFormAsync(QueuePage.StaffPage(onTime), "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "400.00", ["Decision.Reason"] = "Agreed." });
        await staff.PostFormAsync(QueuePage.StaffPage(onTime), "form[action*='handler=Pay']", []);
        app.Clock.Advance(TimeSpan.FromHours(50));
        await staff.SignInAsync(staffEmail);
        await staff.PostFormAsync(QueuePage.StaffPage(late), "form[action*='handler=Reply']", new() { ["Message.Text"] = "Sorry for the wait: we are on it." });
        var week = ThisWeek();
        var after = await staff.GetAsync(url);
        var otherAfter = await staff.GetAsync("/Staff/Dashboard?Filter.Weeks=4&Filter.Region=AsiaPacific");

        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(Row(before, "responses", metWeek)["Met"] + 1, Row(after, "responses", metWeek)["Met"]);
        Assert.Equal(Row(before, "responses", week)["Missed"] + 1, Row(after, "responses", week)["Missed"]);
        Assert.Equal(Row(otherBefore, "responses", week), Row(otherAfter, "responses", week));
        var backlogBefore = Row(before, "backlog", "Refund request");
        var backlogAfter = Row(after, "backlog", "Refund request");
        Assert.Equal(backlogBefore["Total"] + 1, backlogAfter["Total"]);
        Assert.Contains("400.00 EUR", after.Document.QuerySelector("[data-testid=refunds]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("400.00 EUR", otherAfter.Document.QuerySelector("[data-testid=refunds]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, after.Document.QuerySelectorAll("[data-testid=responses] tbody tr").Length);
    }

    /// <summary>The page reads roll-ups kept by triggers; after a day's mixed changes they equal a count of the cases themselves.</summary>
    [Fact]
    public async Task Figures_EqualADirectCountOfTheCases_AfterASeriesOfChanges_FoldedOrNot()
    {
        var ct = TestContext.Current.CancellationToken;
        var staffEmail = await app.CreateUserAsync(Roles.Support);
        using var staff = await app.SignedInAsync(staffEmail);
        var advertiser = await app.CreateAdvertiserAsync(Domain.Accounts.Region.NorthAmerica);
        using var owner = await app.SignedInAsync(advertiser.Email);
        var refunds = new List<Domain.Refunds.RefundRequest>();
        for (var i = 0; i < 4; i++)
        {
            refunds.Add(await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account)));
            app.Clock.Advance(TimeSpan.FromMinutes(37));
        }

        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var complaints = new List<FiledComplaint>();
        foreach (var who in new[] { "dash-a", "dash-b" })
        {
            complaints.Add(await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId, $"{who}@example.com")));
        }

        var other = await app.FileAsync(new(AceTestData.UserForm(promotion.ExternalCampaignId, "dash-c@example.com")) { ["Input.Category"] = nameof(Domain.Ace.ProhibitedCategory.FalsePromotionOrScam) });

        async Task AssertRollUpsEqualTheCasesAsync(string when)
        {
            var now = app.Clock.GetUtcNow();
            foreach (var filter in new[] { new Web.Queue.DashboardFilter { Weeks = 52 }, new Web.Queue.DashboardFilter { Weeks = 4, Region = Domain.Accounts.Region.NorthAmerica } })
            {
                var ours = await app.WithDbAsync(db => Web.Queue.DeskDashboard.ReadAsync(db, filter, now, ct));
                var direct = await app.WithDbAsync(db => Web.Queue.DeskDashboard.ReadDirectAsync(db, filter, now, ct));
                Assert.True(direct.Backlog.Sum(b => b.Total) > 0, when);
                Assert.Equal(direct.Responses, ours.Responses);
                Assert.Equal(direct.Deadlines, ours.Deadlines);
                Assert.Equal(direct.Backlog, ours.Backlog);
                Assert.Equal(direct.Refunds, ours.Refunds);
                Assert.Equal(direct.Decisions.Select(d => d.Decisions), ours.Decisions.Select(d => d.Decisions));
                foreach (var (mine, exact) in ours.Decisions.Zip(direct.Decisions))
                {
                    // Kept to the minute, to the hour beyond two days: what the page shows.
                    var allowedMinutes = exact.MedianHours >= 48 ? 60 : 1;
                    Assert.True(Math.Abs(((mine.MedianHours ?? 0) - (exact.MedianHours ?? 0)) * 60) < allowedMinutes, $"{when}: median {mine.MedianHours} h vs {exact.MedianHours} h");
                }
            }
        }

        await AssertRollUpsEqualTheCasesAsync("after filing");

        // A morning's work: approve and pay, deny, answer, withdraw, uphold a group; fold half-way; cross the age boundaries.
        app.Clock.Advance(TimeSpan.FromHours(3));
        await staff.PostFormAsync(QueuePage.StaffPage(refunds[0]), "button[formaction*='handler=Approve']", new() { ["Decision.Amount"] = "250.00", ["Decision.Reason"] = "Agreed." });
        await staff.PostFormAsync(QueuePage.StaffPage(refunds[0]), "form[action*='handler=Pay']", []);
        await staff.PostFormAsync(QueuePage.StaffPage(refunds[1]), "button[formaction*='handler=Deny']", new() { ["Decision.Reason"] = "Delivery was complete.", ["Decision.Advice"] = "A delivery report showing the gap." });
        await AssertRollUpsEqualTheCasesAsync("decided, not folded");
        await app.WithDbAsync(db => Web.Queue.QueueCountFolder.FoldAsync(db, ct));
        Assert.Equal(0, await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM desk_figure_deltas").SingleAsync(ct)));
        await AssertRollUpsEqualTheCasesAsync("folded");

        app.Clock.Advance(TimeSpan.FromHours(47));
        await staff.SignInAsync(staffEmail);
        await owner.SignInAsync(advertiser.Email);
        await staff.PostFormAsync(QueuePage.StaffPage(refunds[2]), "form[action*='handler=Reply']", new() { ["Message.Text"] = "We are looking at the placements." });
        await owner.WithdrawAsync(refunds[3]);
        await staff.UpholdAsync(complaints[0].Id, Domain.Ace.ViolationTier.Low, "The shop does not deliver.");
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await AssertRollUpsEqualTheCasesAsync("a day later, not folded");

        // What the page shows is the same: this advertiser's open cases are in its region's backlog.
        var page = await staff.GetAsync("/Staff/Dashboard?Filter.Weeks=4&Filter.Region=NorthAmerica");
        var direct = await app.WithDbAsync(db => Web.Queue.DeskDashboard.ReadDirectAsync(db, new Web.Queue.DashboardFilter { Weeks = 4, Region = Domain.Accounts.Region.NorthAmerica }, app.Clock.GetUtcNow(), ct));
        Assert.Equal(direct.Backlog.Single(b => b.Kind == "RefundRequest").Total, Row(page, "backlog", Web.Infrastructure.Display.Words("RefundRequest"))["Total"]);
        Assert.Equal(direct.Backlog.Single(b => b.Kind == "AceComplaint").Total, Row(page, "backlog", Web.Infrastructure.Display.Words("AceComplaint"))["Total"]);
        Assert.Contains(other.Reference, (await staff.GetAsync($"/Staff/Queue?Filter.Organisation={advertiser.Organisation.Id}")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_DrawsChartsFromAJsonBlockWithTheVendoredLibrary_AndNoInlineScript()
    {
        using var reviewer = await app.SignedInAsync(await app.CreateUserAsync(Roles.Reviewer));

        var page = await reviewer.GetAsync("/Staff/Dashboard");
        var scripts = page.Document.QuerySelectorAll("script").ToList();

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(scripts, s => (s.GetAttribute("src") ?? string.Empty).StartsWith("/lib/chartjs/chart.umd.js", StringComparison.Ordinal));
        Assert.All(scripts.Where(s => s.GetAttribute("src") is null), s => Assert.Equal("application/json", s.GetAttribute("type")));
        Assert.Equal(5, page.Document.QuerySelectorAll("canvas[data-chart]").Length);
        Assert.Equal(5, page.Document.QuerySelectorAll("table caption").Length);
        using var json = System.Text.Json.JsonDocument.Parse(page.Document.GetElementById("dashboard-data")!.TextContent);
        Assert.Equal(12, json.RootElement.GetProperty("responses").GetProperty("labels").GetArrayLength());
        var library = await reviewer.Http.GetAsync("/lib/chartjs/chart.umd.js");
        Assert.Contains("Chart.js v4.6.1", await library.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.Http.GetAsync("/lib/chartjs/LICENSE.md")).StatusCode);
    }

    [Fact]
    public async Task CsvExport_OfEachTable_HasItsHeaderAndRows_AndAnUnknownTableIs404()
    {
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));

        var backlog = await admin.Http.GetAsync("/Staff/Dashboard?handler=Export&table=backlog");
        var responses = await admin.Http.GetAsync("/Staff/Dashboard?handler=Export&table=responses&Filter.Weeks=26");
        var unknown = await admin.Http.GetAsync("/Staff/Dashboard?handler=Export&table=passwords");

        Assert.Equal(HttpStatusCode.OK, backlog.StatusCode);
        Assert.StartsWith("Kind,Under a day,1 to 3 days,3 to 7 days,Over a week,Total", Encoding.UTF8.GetString(await backlog.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(27, Encoding.UTF8.GetString(await responses.Content.ReadAsByteArrayAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task AnUnknownPeriod_IsRefusedBesideTheField_AndAdvertisersCannotSeeTheDashboard()
    {
        using var staff = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        var advertiser = await app.CreateAdvertiserAsync();
        using var owner = await app.SignedInAsync(advertiser.Email);

        var odd = await staff.GetAsync("/Staff/Dashboard?Filter.Weeks=1000");
        var denied = await owner.Http.GetAsync("/Staff/Dashboard");

        Assert.Equal(HttpStatusCode.OK, odd.Status);
        Assert.Equal("Choose a period of 4, 12, 26, 52 weeks.", odd.FieldError("Filter.Weeks"));
        Assert.Contains("/Account/AccessDenied", denied.Headers.Location?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }
}
