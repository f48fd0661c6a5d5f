using System.Globalization;
using AdPolicy.Domain.Accounts;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Queue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Queue.Staff;

/// <summary>
/// How the desk is doing (Staff policy: support, reviewers, admins): response targets, ACE deadlines, the backlog by
/// kind and age, time to decision and refunds paid, per week of the chosen period and region. Charts for the eye, the
/// same numbers as tables for screen readers, each table downloadable as CSV.
/// </summary>
public sealed class DashboardModel(AppDbContext db, TimeProvider clock, IStringLocalizerFactory localisers) : PageModel
{
    private IStringLocalizer Text => localisers.ForPage("Queue/Staff/Dashboard");

    [BindProperty(SupportsGet = true)]
    public DashboardFilter Filter { get; set; } = new();

    public DeskFigures Figures { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>One of the dashboard's tables as CSV: responses, deadlines, backlog, decisions or refunds.</summary>
    public async Task<IActionResult> OnGetExportAsync(string table, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        static string W(DateTimeOffset w) => w.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (string[] Header, IEnumerable<string?[]> Rows)? csv = table switch
        {
            "responses" => (["Week from", "Met", "Missed"], Figures.Responses.Select(r => new[] { W(r.Week), N(r.Met), N(r.Missed) })),
            "deadlines" => (["Week due", "Met", "Missed", "Cancelled", "Still pending"], Figures.Deadlines.Select(r => new[] { W(r.Week), N(r.Met), N(r.Missed), N(r.Cancelled), N(r.Pending) })),
            "backlog" => (["Kind", "Under a day", "1 to 3 days", "3 to 7 days", "Over a week", "Total"], Figures.Backlog.Select(r => new[] { Display.Words(r.Kind), N(r.UnderADay), N(r.OneToThreeDays), N(r.ThreeToSevenDays), N(r.OverAWeek), N(r.Total) })),
            "decisions" => (["Week from", "Decisions", "Median hours to decision"], Figures.Decisions.Select(r => new[] { W(r.Week), N(r.Decisions), r.MedianHours?.ToString("0.0", CultureInfo.InvariantCulture) })),
            "refunds" => (["Week from", "Currency", "Refunds", "Amount paid"], Figures.Refunds.Select(r => new[] { W(r.Week), r.Currency, N(r.Refunds), r.Amount.ToString("0.00", CultureInfo.InvariantCulture) })),
            _ => null,
        };
        if (csv is not { } file)
        {
            return NotFound();
        }

        return File(CsvExport.Write(file.Header, file.Rows), CsvExport.ContentType, $"desk-{table}-{Now:yyyyMMdd}.csv");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        if (!DashboardFilter.PeriodChoices.Contains(Filter.Weeks))
        {
            ModelState.AddModelError("Filter.Weeks", Text["Choose a period of {0} weeks.", string.Join(", ", DashboardFilter.PeriodChoices)]);
            Filter.Weeks = 12;
        }

        if (Filter.Region is { } region && !Enum.IsDefined(region))
        {
            Filter.Region = null;
        }

        Figures = await DeskDashboard.ReadAsync(db, Filter, Now, cancellationToken);
    }

    public static string RegionName(Region region) => region switch
    {
        Region.Emea => "Europe, Middle East and Africa",
        Region.NorthAmerica => "North America",
        Region.LatinAmerica => "Latin America",
        Region.AsiaPacific => "Asia-Pacific",
        _ => region.ToString(),
    };

    /// <summary>The numbers a chart draws, as JSON for a <c>&lt;script type="application/json"&gt;</c> block read by dashboard.js.</summary>
    public string ChartData()
    {
        static string W(DateTimeOffset w) => w.ToString("d MMM", CultureInfo.CurrentCulture);
        var currencies = Figures.Refunds.Select(r => r.Currency).Distinct().Order(StringComparer.Ordinal).ToList();
        var weeks = Figures.Responses.Select(r => r.Week).ToList();
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            responses = new
            {
                labels = Figures.Responses.Select(r => W(r.Week)),
                series = new object[]
                {
                    new { label = Text["Met"].Value, data = Figures.Responses.Select(r => r.Met), color = "#198754" },
                    new { label = Text["Missed"].Value, data = Figures.Responses.Select(r => r.Missed), color = "#dc3545" },
                },
            },
            deadlines = new
            {
                labels = Figures.Deadlines.Select(r => W(r.Week)),
                series = new object[]
                {
                    new { label = Text["Met"].Value, data = Figures.Deadlines.Select(r => r.Met), color = "#198754" },
                    new { label = Text["Missed"].Value, data = Figures.Deadlines.Select(r => r.Missed), color = "#dc3545" },
                    new { label = Text["Cancelled"].Value, data = Figures.Deadlines.Select(r => r.Cancelled), color = "#6c757d" },
                },
            },
            backlog = new
            {
                labels = Figures.Backlog.Select(r => Display.Words(r.Kind)),
                series = new object[]
                {
                    new { label = Text["Under a day"].Value, data = Figures.Backlog.Select(r => r.UnderADay), color = "#0dcaf0" },
                    new { label = Text["1–3 days"].Value, data = Figures.Backlog.Select(r => r.OneToThreeDays), color = "#0d6efd" },
                    new { label = Text["3–7 days"].Value, data = Figures.Backlog.Select(r => r.ThreeToSevenDays), color = "#fd7e14" },
                    new { label = Text["Over a week"].Value, data = Figures.Backlog.Select(r => r.OverAWeek), color = "#dc3545" },
                },
            },
            decisions = new
            {
                labels = Figures.Decisions.Select(r => W(r.Week)),
                series = new object[] { new { label = Text["Median hours to decision"].Value, data = Figures.Decisions.Select(r => r.MedianHours is { } h ? Math.Round(h, 1) : (double?)null), color = "#6f42c1" } },
            },
            refunds = new
            {
                labels = weeks.Select(W),
                series = currencies.Select((c, i) => (object)new
                {
                    label = c,
                    data = weeks.Select(w => Figures.Refunds.Where(r => r.Week == w && r.Currency == c).Sum(r => r.Amount)),
                    color = new[] { "#20c997", "#0d6efd", "#ffc107", "#d63384" }[i % 4],
                }),
            },
        });
    }
}
