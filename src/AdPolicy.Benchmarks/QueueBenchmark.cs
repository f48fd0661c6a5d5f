using System.Globalization;
using AdPolicy.Domain.Evidence;
using AdPolicy.Web.Queue;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdPolicy.Benchmarks;

/// <summary>
/// The staff queue at scale: N open cases across 2,000 advertisers and 40 agents. Times the page's own query
/// (QueueQuery) for the first page, a deep keyset page, each filter and the status counts, beside an OFFSET
/// baseline to the same depth, and prints the plans.
/// </summary>
public static class QueueBenchmark
{
    public static async Task RunAsync(int cases)
    {
        Console.WriteLine($"Queue benchmark: {cases:N0} open cases");
        await using var bench = await BenchDatabase.CreateAsync("adpolicy_bench_queue");
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await SeedAsync(bench, cases);
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0.0} s");

        var me = await bench.ScalarAsync<Guid>("SELECT assignee_id FROM queue_items WHERE assignee_id IS NOT NULL LIMIT 1");
        var organisation = await bench.ScalarAsync<Guid>("SELECT organisation_id FROM queue_items LIMIT 1");
        var depth = cases / 2;
        var deepCursor = await DeepCursorAsync(bench, depth);
        var now = DateTimeOffset.UtcNow;

        var scenarios = new (string Name, QueueFilter Filter)[]
        {
            ("first page (overdue first)", new QueueFilter()),
            ($"deep page (after {depth:N0} rows, keyset)", new QueueFilter { After = deepCursor }),
            ("by age, first page", new QueueFilter { Sort = "age" }),
            ("mine", new QueueFilter { Assignee = "mine" }),
            ("unassigned", new QueueFilter { Assignee = "unassigned" }),
            ("one advertiser", new QueueFilter { Organisation = organisation }),
            ("overdue only", new QueueFilter { Overdue = true }),
            ("kind + status", new QueueFilter { Kind = CaseKind.AceComplaint, Status = "InReview" }),
            ("reason", new QueueFilter { Reason = "TechnicalError" }),
        };

        Console.WriteLine();
        Console.WriteLine("| query | median ms | p95 ms | rows |");
        Console.WriteLine("|---|---:|---:|---:|");
        double deepKeyset = 0;
        foreach (var (name, filter) in scenarios)
        {
            var rows = 0;
            var (median, p95) = await Measure.TimeAsync(async () =>
            {
                await using var db = bench.Context();
                rows = (await QueueQuery.ReadAsync(db, filter, me, now, 50, CancellationToken.None)).Lines.Count;
            });
            if (filter.After is not null)
            {
                deepKeyset = median;
            }

            Console.WriteLine($"| {name} | {Measure.Ms(median)} | {Measure.Ms(p95)} | {rows} |");
        }

        var (countMedian, countP95) = await Measure.TimeAsync(async () =>
        {
            await using var db = bench.Context();
            await QueueQuery.CountsAsync(db, CancellationToken.None);
        });
        Console.WriteLine($"| counts per kind and status (folded totals + deltas) | {Measure.Ms(countMedian)} | {Measure.Ms(countP95)} | — |");
        var (groupMedian, groupP95) = await Measure.TimeAsync(
            () => bench.ExecuteAsync("SELECT kind, status, count(*) FROM queue_items GROUP BY kind, status"), runs: 7);
        Console.WriteLine($"| baseline: COUNT(*) GROUP BY over queue_items | {Measure.Ms(groupMedian)} | {Measure.Ms(groupP95)} | — |");

        var (offsetMedian, offsetP95) = await Measure.TimeAsync(
            () => bench.ExecuteAsync($"SELECT * FROM queue_items ORDER BY sort_due, id OFFSET {depth} LIMIT 51"), runs: 7);
        Console.WriteLine($"| baseline: same deep page with OFFSET | {Measure.Ms(offsetMedian)} | {Measure.Ms(offsetP95)} | 51 |");
        Console.WriteLine();
        Console.WriteLine($"Deep page, keyset vs OFFSET: {deepKeyset / offsetMedian:0.000}x the time ({offsetMedian / deepKeyset:0}x faster)");
        Console.WriteLine($"Counts, counters vs GROUP BY: {countMedian / groupMedian:0.000}x the time ({groupMedian / countMedian:0}x faster)");

        await using (var db = bench.Context())
        {
            await ExplainAsync(db, "Plan: first page", QueueQuery.Page(db, new QueueFilter(), me, now, 50));
            await ExplainAsync(db, "Plan: deep page", QueueQuery.Page(db, new QueueFilter { After = deepCursor }, me, now, 50));
            await ExplainAsync(db, "Plan: one advertiser", QueueQuery.Page(db, new QueueFilter { Organisation = organisation }, me, now, 50));
            await ExplainAsync(db, "Plan: mine", QueueQuery.Page(db, new QueueFilter { Assignee = "mine" }, me, now, 50));
        }
    }

    /// <summary>N open cases in the queue across 2,000 advertisers and 40 agents, four statuses, a quarter paused; counts folded.</summary>
    public static async Task SeedAsync(BenchDatabase bench, int cases)
    {
        await bench.ExecuteAsync("""
            INSERT INTO organisations (id, name, region)
            SELECT gen_random_uuid(), 'Advertiser ' || g, 'Emea' FROM generate_series(1, 2000) g;
            """);
        await bench.ExecuteAsync($"""
            WITH orgs AS (SELECT array_agg(id ORDER BY name) a FROM organisations),
                 agents AS (SELECT array_agg(gen_random_uuid()) a FROM generate_series(1, 40))
            INSERT INTO queue_items (case_id, kind, reference, organisation_id, subject, status, reason, assignee_id, assignee_name,
                                     filed_at, clock_due_at, sort_due, follow_up_count, last_follow_up_at, overdue_for_review, updated_at)
            SELECT gen_random_uuid(),
                   (ARRAY['RefundRequest','RefundRequest','AceComplaint','ReviewRequest'])[1 + (g % 4)::int],
                   'RF-' || g,
                   orgs.a[1 + ((g * 7919) % 2000)::int],
                   'CMP-' || g,
                   (ARRAY['Submitted','InReview','AwaitingAdvertiser','Disputed'])[1 + ((g / 4) % 4)::int],
                   (ARRAY['PerformanceShortfall','TechnicalError','PolicyViolation'])[1 + (g % 3)::int],
                   CASE WHEN g % 3 = 0 THEN NULL ELSE agents.a[1 + (g % 40)::int] END,
                   CASE WHEN g % 3 = 0 THEN NULL ELSE 'Agent ' || (g % 40) END,
                   now() - make_interval(secs => (g * 37) % (86400 * 60)),
                   CASE WHEN (g / 4) % 4 = 2 THEN NULL ELSE now() + make_interval(secs => ((g * 53) % (86400 * 6)) - 86400 * 2) END,
                   CASE WHEN (g / 4) % 4 = 2 THEN '9999-12-31'::timestamptz ELSE now() + make_interval(secs => ((g * 53) % (86400 * 6)) - 86400 * 2) END,
                   (g % 5)::int, NULL, g % 97 = 0, now()
            FROM generate_series(1::bigint, {cases}) g, orgs, agents;
            ANALYZE queue_items; ANALYZE organisations;
            """);
        await bench.ExecuteAsync("SELECT fold_queue_count_deltas()");
    }

    private static async Task<string> DeepCursorAsync(BenchDatabase bench, int depth)
    {
        await using var connection = new NpgsqlConnection(bench.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT sort_due, id FROM queue_items ORDER BY sort_due, id OFFSET {depth} LIMIT 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var key = reader.GetFieldValue<DateTimeOffset>(0);
        return $"{key.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{reader.GetInt64(1).ToString(CultureInfo.InvariantCulture)}";
    }

    private static async Task ExplainAsync(Web.Data.AppDbContext db, string title, IQueryable<QueueItem> query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + command.CommandText;
        await db.Database.OpenConnectionAsync();
        Console.WriteLine();
        Console.WriteLine($"{title}:");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("    " + reader.GetString(0));
        }
    }
}
