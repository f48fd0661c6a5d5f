using System.Net;
using System.Text;
using AdPolicy.Domain.Accounts;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Tests.Triage;

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

    private string ThisWeek() => global::AdPolicy.Web.Triage.DashboardFilter.WeekOf(app.Clock.GetUtcNow()).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

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
