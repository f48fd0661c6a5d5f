using System.Diagnostics;
using AdPolicy.Web.Queue;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdPolicy.Benchmarks;

/// <summary>
/// The desk at a million cases: the queue's search box (QueueQuery with a search term, and its total) and the dashboard's
/// figures (DeskDashboard, read from the roll-ups the triggers keep), each timed as the app runs it beside the same figure
/// computed straight from the cases (the raw-SQL baseline), with plans and a check that both agree.
/// Seeds N open queue rows (the worst case: all open) and N decided or open cases behind the dashboard, over two years.
/// </summary>
public static class DeskBenchmark
{
    public static async Task RunAsync(int cases)
    {
        Console.WriteLine($"Desk benchmark: {cases:N0} queue rows and {cases:N0} cases (70% refunds, 30% complaints)");
        await using var bench = await BenchDatabase.CreateAsync("adpolicy_bench_desk");
        var seeding = Stopwatch.StartNew();
        await SeedAsync(bench, cases);
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0.0} s");

        var me = await bench.ScalarAsync<Guid>("SELECT assignee_id FROM queue_items WHERE assignee_id IS NOT NULL LIMIT 1");
        var now = DateTimeOffset.UtcNow;
        var oneCampaign = $"CMP-{cases / 3}-X";
        var searches = new (string Name, string Q)[]
        {
            ("a campaign id (1 match)", oneCampaign),
            ("a reference, lower case (1 match)", $"rf-{(cases / 7) + 1}"),
            ("a complainant email (1 match)", $"user{cases / 2}@mail.example"),
            ("part of an ad id (11 matches)", $"AD-{cases / 5 / 10}"),
            ("an advertiser's name, words reversed (~500 matches)", "1234 advertiser"),
            ("a word in every row (all match)", "advertiser"),
        };

        Console.WriteLine();
        Console.WriteLine("| search | app: page median ms | p95 | raw SQL page median ms | app: total median ms | total shown | rows |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|---:|");
        foreach (var (name, q) in searches)
        {
            var filter = new QueueFilter { Q = q };
            var rows = 0;
            var (page, pageP95) = await Measure.TimeAsync(async () =>
            {
                await using var db = bench.Context();
                rows = (await QueueQuery.ReadAsync(db, filter, me, now, 50, CancellationToken.None)).Lines.Count;
            });
            var (raw, _) = await Measure.TimeAsync(() => RawSearchAsync(bench, filter.SearchTerm!));
            QueueTotal total = new(0, true);
            var (count, _) = await Measure.TimeAsync(async () =>
            {
                await using var db = bench.Context();
                total = await QueueQuery.TotalAsync(db, filter, me, now, null, CancellationToken.None);
            }, runs: 11);
            Console.WriteLine($"| {name} | {Measure.Ms(page)} | {Measure.Ms(pageP95)} | {Measure.Ms(raw)} | {Measure.Ms(count)} | {(total.IsExact ? "" : "about ")}{total.Count:N0} | {rows} |");
        }

        Console.WriteLine();
        Console.WriteLine("| dashboard (12 weeks) | app median ms | p95 | raw SQL baseline (from the cases) median ms | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var ratios = new List<string>();
        foreach (var region in new[] { null, (Domain.Accounts.Region?)Domain.Accounts.Region.Emea })
        {
            var filter = new DashboardFilter { Weeks = 12, Region = region };
            var (app, appP95) = await Measure.TimeAsync(async () =>
            {
                await using var db = bench.Context();
                await DeskDashboard.ReadAsync(db, filter, now, CancellationToken.None);
            }, runs: 11);
            var (raw, _) = await Measure.TimeAsync(() => RawDashboardAsync(bench, filter, now, null), runs: 5);
            Console.WriteLine($"| all five figures, {(region is null ? "all regions" : "one region")} | {Measure.Ms(app)} | {Measure.Ms(appP95)} | {Measure.Ms(raw)} | {app / raw:0.000} |");
        }

        foreach (var figure in DeskDashboard.Figures)
        {
            var filter = new DashboardFilter { Weeks = 12 };
            var (ours, oursP95) = await Measure.TimeAsync(() => RawDashboardAsync(bench, filter, now, DeskDashboard.Statements[figure].Rolled), runs: 25);
            var (raw, _) = await Measure.TimeAsync(() => RawDashboardAsync(bench, filter, now, DeskDashboard.Statements[figure].Direct), runs: 5);
            Console.WriteLine($"| {figure} alone, all regions | {Measure.Ms(ours)} | {Measure.Ms(oursP95)} | {Measure.Ms(raw)} | {ours / raw:0.000} |");
            ratios.Add($"bench: desk.{figure} ratio={(ours / raw).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} ours_ms={Measure.Ms(ours)} baseline_ms={Measure.Ms(raw)}");
        }

        Console.WriteLine();
        foreach (var line in ratios)
        {
            Console.WriteLine(line);
        }

        await using (var db = bench.Context())
        {
            var filter = new DashboardFilter { Weeks = 12 };
            var ours = await DeskDashboard.ReadAsync(db, filter, now, CancellationToken.None);
            var direct = await DeskDashboard.ReadDirectAsync(db, filter, now, CancellationToken.None);
            var same = ours.Responses.SequenceEqual(direct.Responses) && ours.Deadlines.SequenceEqual(direct.Deadlines)
                && ours.Backlog.SequenceEqual(direct.Backlog) && ours.Refunds.SequenceEqual(direct.Refunds)
                && ours.Decisions.Select(d => d.Decisions).SequenceEqual(direct.Decisions.Select(d => d.Decisions));
            var medianGap = ours.Decisions.Zip(direct.Decisions).Max(p => Math.Abs((p.First.MedianHours ?? 0) - (p.Second.MedianHours ?? 0)) * 60);
            Console.WriteLine($"Check: roll-ups equal the direct count: {(same ? "yes" : "NO")}; medians differ by at most {medianGap:0.0} min");
        }

        await using (var db = bench.Context())
        {
            await ExplainAsync(db, $"Plan: search {oneCampaign}", QueueQuery.Page(db, new QueueFilter { Q = oneCampaign }, me, now, 50));
            await ExplainAsync(db, "Plan: search 'advertiser' (every row)", QueueQuery.Page(db, new QueueFilter { Q = "advertiser" }, me, now, 50));
        }

        foreach (var figure in DeskDashboard.Figures)
        {
            await ExplainRawAsync(bench, $"Plan: dashboard {figure} (roll-ups)", DeskDashboard.Statements[figure].Rolled, new DashboardFilter { Weeks = 12 }, now);
        }
    }

    private static async Task SeedAsync(BenchDatabase bench, int cases)
    {
        var refunds = cases * 7 / 10;
        var complaints = cases - refunds;
        await bench.ExecuteAsync("""
            INSERT INTO organisations (id, name, region)
            SELECT gen_random_uuid(), 'Advertiser ' || g, (ARRAY['Emea','NorthAmerica','LatinAmerica','AsiaPacific'])[1 + g % 4] FROM generate_series(1, 2000) g;
            INSERT INTO ad_accounts (id, organisation_id, name, region, currency)
            SELECT gen_random_uuid(), o.id, 'Main', o.region, 'EUR' FROM organisations o;
            INSERT INTO promotions (id, ad_account_id, external_campaign_id, name, objective, currency, budget_amount, spent_amount, starts_at, ends_at,
                                    targeting_summary, promised_impressions, delivered_impressions, promised_engagements, delivered_engagements, status)
            SELECT gen_random_uuid(), a.id, 'BENCH-' || row_number() OVER (), 'Promotion', 'Reach', 'EUR', 100000, 100000, now() - interval '800 days',
                   now() + interval '30 days', 'Everyone', 1000000, 600000, 0, 0, 'Completed' FROM ad_accounts a;
            INSERT INTO users (id, display_name, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES ('00000000-0000-0000-0000-00000000be01', 'Bench advertiser', true, false, false, false, 0);
            """);
        await bench.ExecuteAsync($"""
            WITH orgs AS (SELECT array_agg(id ORDER BY name) a FROM organisations),
                 agents AS (SELECT array_agg(gen_random_uuid()) a FROM generate_series(1, 40))
            INSERT INTO queue_items (case_id, kind, reference, organisation_id, subject, status, reason, assignee_id, assignee_name,
                                     filed_at, clock_due_at, sort_due, follow_up_count, last_follow_up_at, overdue_for_review, updated_at, search_text)
            SELECT gen_random_uuid(), k.kind, k.prefix || g, orgs.a[1 + ((g * 7919) % 2000)::int], 'CMP-' || g || '-X',
                   (ARRAY['Submitted','InReview','AwaitingAdvertiser','Disputed'])[1 + ((g / 4) % 4)::int],
                   (ARRAY['PerformanceShortfall','TechnicalError','PolicyViolation'])[1 + (g % 3)::int],
                   CASE WHEN g % 3 = 0 THEN NULL ELSE agents.a[1 + (g % 40)::int] END,
                   CASE WHEN g % 3 = 0 THEN NULL ELSE 'Agent ' || (g % 40) END,
                   now() - make_interval(secs => (g * 37) % (86400 * 60)),
                   now() + make_interval(secs => ((g * 53) % (86400 * 6)) - 86400 * 2),
                   now() + make_interval(secs => ((g * 53) % (86400 * 6)) - 86400 * 2),
                   0, NULL, false, now(),
                   lower(concat_ws(' ', k.prefix || g, 'Advertiser ' || (1 + ((g * 7919) % 2000)), 'CMP-' || g || '-X', 'AD-' || g || 'A',
                                   CASE WHEN k.kind = 'AceComplaint' THEN 'user' || g || '@mail.example' END))
            FROM generate_series(1::bigint, {cases}) g
            CROSS JOIN LATERAL (SELECT CASE WHEN g % 10 < 7 THEN 'RefundRequest' ELSE 'AceComplaint' END AS kind,
                                       CASE WHEN g % 10 < 7 THEN 'RF-' ELSE 'AC-' END AS prefix) k, orgs, agents;
            """);
        await bench.ExecuteAsync($"""
            INSERT INTO refund_requests (id, organisation_id, ad_account_id, promotion_id, campaign_external_id, reason, description, currency,
                requested_amount, approved_amount, status, filed_at, filed_by_id, filed_by_name, idempotency_key, has_been_disputed, follow_up_count,
                updated_at, event_count, first_response_at, first_response_met, staff_responded_at, decided_at)
            SELECT gen_random_uuid(), a.organisation_id, a.id, p.id, p.external_campaign_id, 'PerformanceShortfall', 'Bench', 'EUR',
                   100, CASE WHEN g % 10 < 6 THEN 100 END,
                   CASE WHEN g % 10 < 4 THEN 'Refunded' WHEN g % 10 < 6 THEN 'Approved' WHEN g % 10 < 9 THEN 'Denied' ELSE 'InReview' END,
                   f.filed_at, '00000000-0000-0000-0000-00000000be01', 'Bench', gen_random_uuid(), false, 0, f.filed_at, 1,
                   f.filed_at + make_interval(hours => (g % 72)::int), (g % 72) < 48, f.filed_at + make_interval(hours => (g % 72)::int),
                   CASE WHEN g % 10 < 9 THEN f.filed_at + make_interval(hours => (g % 200)::int) END
            FROM generate_series(1, {refunds}) g
            JOIN LATERAL (SELECT now() - make_interval(secs => (g * 61) % (86400 * 730)) AS filed_at) f ON true
            JOIN promotions p ON p.external_campaign_id = 'BENCH-' || (1 + g % 2000)
            JOIN ad_accounts a ON a.id = p.ad_account_id;
            INSERT INTO ledger_entries (id, ad_account_id, refund_request_id, amount, currency, description, at)
            SELECT gen_random_uuid(), r.ad_account_id, r.id, 100, 'EUR', 'Refund', r.decided_at + interval '1 hour'
            FROM refund_requests r WHERE r.status = 'Refunded';
            """);
        await bench.ExecuteAsync($"""
            INSERT INTO ace_complaints (id, type, category, organisation_id, ad_account_id, promotion_id, complainant_name, complainant_email,
                complainant_role, description, filed_at, status, tracking_token_hash, overdue_for_review, updated_at, event_count, decided_at)
            SELECT gen_random_uuid(), 'UserComplaint', 'SlowAfterSales', a.organisation_id, a.id, p.id, 'User', 'user' || g || '@mail.example',
                   'AffectedUser', 'Bench', f.filed_at, CASE WHEN g % 10 < 8 THEN 'Upheld' ELSE 'InReview' END, md5(g::text) || md5((g + 1)::text), false,
                   f.filed_at, 1, CASE WHEN g % 10 < 8 THEN f.filed_at + make_interval(hours => (g % 90)::int) END
            FROM generate_series(1, {complaints}) g
            JOIN LATERAL (SELECT now() - make_interval(secs => (g * 67) % (86400 * 730)) AS filed_at) f ON true
            JOIN promotions p ON p.external_campaign_id = 'BENCH-' || (1 + g % 2000)
            JOIN ad_accounts a ON a.id = p.ad_account_id;
            INSERT INTO ace_deadlines (id, kind, ad_account_id, organisation_id, complaint_id, starts_at, due_at, state)
            SELECT gen_random_uuid(), 'RemoveContent', c.ad_account_id, c.organisation_id, c.id, c.filed_at, c.filed_at + interval '24 hours',
                   (ARRAY['Met','Met','Met','Missed','Cancelled'])[1 + (c.number % 5)::int]
            FROM ace_complaints c;
            SELECT fold_queue_count_deltas();
            SELECT fold_desk_figure_deltas();
            ANALYZE;
            """);
    }

    private static async Task RawSearchAsync(BenchDatabase bench, string term)
    {
        await using var connection = new NpgsqlConnection(bench.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT q.*, (SELECT o.name FROM organisations o WHERE o.id = q.organisation_id)
            FROM queue_items q
            WHERE q.search_text LIKE @pattern OR q.search_vector @@ plainto_tsquery('simple', @term)
            ORDER BY q.sort_due, q.id LIMIT 51
            """, connection);
        command.Parameters.AddWithValue("pattern", "%" + term + "%");
        command.Parameters.AddWithValue("term", term);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    private static async Task RawDashboardAsync(BenchDatabase bench, DashboardFilter filter, DateTimeOffset now, string? only)
    {
        await using var connection = new NpgsqlConnection(bench.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in only is null ? DeskDashboard.Statements.Values.Select(s => s.Direct) : [only])
        {
            await using var command = DashboardCommand(connection, sql, filter, now);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }
    }

    private static NpgsqlCommand DashboardCommand(NpgsqlConnection connection, string sql, DashboardFilter filter, DateTimeOffset now)
    {
        var command = new NpgsqlCommand(sql, connection);
        DeskDashboard.AddParameters(command, filter, now);
        return command;
    }

    private static async Task ExplainAsync(Web.Data.AppDbContext db, string title, IQueryable<QueueItem> query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + command.CommandText;
        await db.Database.OpenConnectionAsync();
        await Print(title, command);
    }

    private static async Task ExplainRawAsync(BenchDatabase bench, string title, string sql, DashboardFilter filter, DateTimeOffset now)
    {
        await using var connection = new NpgsqlConnection(bench.ConnectionString);
        await connection.OpenAsync();
        await using var command = DashboardCommand(connection, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, filter, now);
        await Print(title, command);
    }

    private static async Task Print(string title, System.Data.Common.DbCommand command)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}:");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("    " + reader.GetString(0));
        }
    }
}
