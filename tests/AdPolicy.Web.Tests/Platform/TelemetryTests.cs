using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AdPolicy.Domain.Ace;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>The Prometheus scrape endpoint: the product's own metrics after a sweep; not there at all unless configured.</summary>
public sealed partial class TelemetryTests(TelemetryTests.MetricsApp app, AppFactory plain) : IClassFixture<TelemetryTests.MetricsApp>, IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterASweepEnforcesALateDeadline_TheMetricsShowItsLag_AndTheSweepCounts()
    {
        var filed = await app.FileComplaintAsync(ComplaintType.IntellectualProperty);
        await app.UpholdAsync(filed.ComplaintId);
        await app.FileComplaintAsync(ComplaintType.UserComplaint); // stays open, in the staff queue
        var deadline = (await app.DeadlinesAsync(filed.ComplaintId)).Where(d => d.State == DeadlineState.Pending).OrderBy(d => d.DueAt).First();
        app.Clock.Advance(deadline.DueAt - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(10));
        using var client = app.CreateAppClient();
        var before = Value(await ScrapeAsync(client), "adpolicy_deadline_lag_seconds_count") ?? 0;

        var results = await app.Services.GetRequiredService<SweepService>().RunOnceAsync(Ct);

        Assert.True(results["ace-deadlines"].Done >= 1, "The sweep enforced nothing.");
        var metrics = await ScrapeAsync(client);
        var missed = await app.WithDbAsync(db => db.Deadlines.CountAsync(d => d.State == DeadlineState.Missed, Ct));
        Assert.Equal(1, missed);
        Assert.Equal(before + missed, Value(metrics, "adpolicy_deadline_lag_seconds_count"));
        Assert.True(Value(metrics, "adpolicy_deadline_lag_seconds_sum") >= 600, "A deadline enforced 10 minutes late must add at least 600 s of lag.");
        Assert.Equal(1, Value(metrics, "adpolicy_deadline_lag_seconds_bucket{le=\"900\"}") - Value(metrics, "adpolicy_deadline_lag_seconds_bucket{le=\"300\"}"));
        Assert.True(Value(metrics, "adpolicy_sweep_done_total{sweep=\"ace-deadlines\"}") >= 1);
        Assert.NotNull(Value(metrics, "adpolicy_outbox_depth"));
        Assert.True(Value(metrics, "adpolicy_queue_size{kind=\"AceComplaint\"}") >= 1, metrics[..Math.Min(metrics.Length, 4000)]);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAConfiguredPath_ThereIsNoMetricsEndpoint()
    {
        using var client = await plain.SupportAsync();

        var response = await client.Http.GetAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("adpolicy_", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(AppClient client)
    {
        var response = await client.Http.GetAsync("/internal/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The value of one series (name with its labels as Prometheus prints them, without otel_scope labels).</summary>
    private static double? Value(string metrics, string series)
    {
        var name = series.Split('{')[0];
        var labels = series.Contains('{') ? series[(series.IndexOf('{') + 1)..^1] : string.Empty;
        foreach (var line in metrics.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal)))
        {
            var match = Series().Match(line);
            if (match.Success && match.Groups["name"].Value == name
                && (labels.Length == 0 || match.Groups["labels"].Value.Split(',').Contains(labels)))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)")]
    private static partial Regex Series();

    public sealed class MetricsApp(PostgresFixture postgres) : AppFactory(postgres)
    {
        protected override IEnumerable<(string Key, string Value)> Settings() =>
            // A meter name of its own: a meter listener hears every meter of a name in the process, and other test
            // classes' apps run their sweeps beside this one.
            [("Telemetry:PrometheusPath", "/internal/metrics"), ("Telemetry:ServiceName", "AdPolicyTelemetryTests"), ("Sweeps:Enabled", "false")];
    }
}
