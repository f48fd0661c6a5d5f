using System.Diagnostics;
using System.Globalization;
using AdPolicy.Web.Identity;
using Npgsql;

namespace AdPolicy.Benchmarks;

/// <summary>
/// The staff queue page over HTTP (real Kestrel, the whole pipeline, a member of staff signed in with a cookie) at N open
/// cases, against the SQL statements the view needs to show what it shows (the page query, the total, the counts, the
/// duplicate counts and the unread badge: captured from EF's own command events during one page view and replayed
/// through Npgsql on one open connection). Latency at one connection and throughput at 16, interleaved (<see cref="PageBench"/>).
/// </summary>
public static class QueuePageBenchmark
{
    public static async Task RunAsync(int cases, int seconds, string query = "")
    {
        Console.WriteLine($"Queue page benchmark: {cases:N0} open cases, /Staff/Queue{query}");
        await using var bench = await BenchDatabase.CreateAsync("adpolicy_bench_queue_page");
        var seeding = Stopwatch.StartNew();
        await QueueBenchmark.SeedAsync(bench, cases);
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0.0} s");

        await using var app = await BenchApp.StartAsync(bench.ConnectionString);
        const string email = "bench-agent@example.com";
        await PageBench.CreateUserAsync(app.Services, email, Roles.Support);

        using var http = await PageBench.SignedInClientAsync(app, email);
        var path = "/Staff/Queue" + query;
        var html = await PageBench.GetBytesAsync(http, path);
        var bytes = html.Length;
        if (Environment.GetEnvironmentVariable("ADPOLICY_BENCH_HTML") is { Length: > 0 } htmlPath)
        {
            await File.WriteAllBytesAsync(htmlPath, html); // to see what a view sends
        }

        // The statements one page view sends, in order (EF's command events; the sweeps are off, nothing else runs).
        var all = await PageBench.CaptureAsync(app, () => PageBench.GetBytesAsync(http, path));
        var needed = all.Where(s => Needed(s.Text)).ToList();
        var warm = await PageBench.CaptureAsync(app, () => PageBench.GetBytesAsync(http, path), cold: false);
        Console.WriteLine();
        Console.WriteLine($"One page view ({bytes:N0} bytes of HTML) sent {all.Count} statements ({warm.Count} with the unread badge in memory); the baseline replays the {needed.Count} marked *:");
        PageBench.Print(all, s => Needed(s.Text));

        await using var source = NpgsqlDataSource.Create(bench.ConnectionString);
        var connections = await PageBench.OpenAsync(source);
        try
        {
            var c = await PageBench.CompareAsync(() => PageBench.ViewAsync(http, path), w => PageBench.ReplayAsync(connections[w], needed), seconds);
            Console.WriteLine();
            await PageBench.PrintFloorAsync(http, path);
            Console.WriteLine();
            Console.WriteLine($"| run | p50 ms | p95 ms | views/s at 16 connections |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| GET /Staff/Queue (signed in, {c.Views} views) | {Measure.Ms(c.P50)} | {Measure.Ms(c.P95)} | {c.Rate:0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| baseline: its {needed.Count} statements through Npgsql | {Measure.Ms(c.SqlP50)} | {Measure.Ms(c.SqlP95)} | {c.SqlRate:0} |"));
            Console.WriteLine();
            PageBench.PrintRatios("queue-page", c);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }

            await app.StopAsync();
        }
    }

    /// <summary>What the view shows: the queue's rows, total and counts, the duplicate counts and the unread badge.</summary>
    private static bool Needed(string sql) =>
        sql.Contains("queue_items", StringComparison.Ordinal) || sql.Contains("queue_count", StringComparison.Ordinal)
        || sql.Contains("notifications", StringComparison.Ordinal) || sql.Contains("ace_complaints", StringComparison.Ordinal);
}
