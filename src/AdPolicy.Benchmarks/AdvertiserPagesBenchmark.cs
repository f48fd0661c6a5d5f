using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AdPolicy.Benchmarks;

/// <summary>
/// The advertiser's own pages over HTTP (real Kestrel, the whole pipeline, signed in as the advertiser through
/// /Account/Login): promotions, my cases and the ACE page, for an advertiser with 10,000 cases (refund requests and
/// complaints of several statuses over two years), 300 violations (some with sanctions for missed deadlines) and a few
/// hundred promotions, among 200 other advertisers. Each page against the SQL statements its view needs to show what it
/// shows (captured from EF's command events; a statement repeated in the same view counts once), replayed through
/// Npgsql on connections held open: latency at one connection (interleaved) and throughput at 16 (<see cref="PageBench"/>).
/// </summary>
public static partial class AdvertiserPagesBenchmark
{
    private const int Others = 200;

    private const string Email = "bench-advertiser@example.com";

    /// <summary>Each page, and the tables whose reads its view needs (the unread badge of the layout is on every page).</summary>
    private static readonly (string Name, string Path, string[] Tables)[] Pages =
    [
        ("promotions", "/Promotions", ["promotions", "ad_accounts", "violations", "ace_deadline_sanctions", "policy_versions", "notifications"]),
        ("my-cases", "/Refunds", ["refund_requests", "notifications"]),
        ("ace", "/Ace", [
            "ad_accounts", "violations", "ace_deadline_sanctions", "ace_deadlines", "ace_enforcement_events", "ads", "ace_complaints",
            "ace_complaint_events", "policy_versions", "notifications",
        ]),
    ];

    public static async Task RunAsync(int cases, int violations, int seconds, string pages = "")
    {
        var only = pages.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Console.WriteLine($"Advertiser pages benchmark: one advertiser with {cases:N0} cases and {violations:N0} violations among {Others} others, on {Environment.ProcessorCount} cores, load average {PageBench.Load()}");
        await using var bench = await BenchDatabase.CreateAsync("adpolicy_bench_advertiser_pages");
        await using var app = await BenchApp.StartAsync(bench.ConnectionString);
        var seeding = Stopwatch.StartNew();
        var organisation = Guid.NewGuid();
        await SeedAsync(app.Services, bench, organisation, cases, violations);
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0.0} s: {await SummaryAsync(bench, organisation)}");

        using var http = await PageBench.SignedInClientAsync(app, Email);

        await using var source = NpgsqlDataSource.Create(bench.ConnectionString);
        var connections = await PageBench.OpenAsync(source);
        var results = new List<(string Name, string Path, int Bytes, int Statements, int Needed, PageBench.Comparison Comparison, string Load)>();
        try
        {
            foreach (var (name, path, tables) in Pages.Where(p => only.Count == 0 || only.Contains(p.Name)))
            {
                var html = await PageBench.GetAsync(http, path);
                var bytes = html.Length;
                if (Environment.GetEnvironmentVariable("ADPOLICY_BENCH_HTML") is { Length: > 0 } folder)
                {
                    await File.WriteAllTextAsync(Path.Combine(folder, name + ".html"), html);
                }

                var all = await PageBench.CaptureAsync(app, () => PageBench.GetAsync(http, path));
                var needed = Needed(all, tables);
                var warm = await PageBench.CaptureAsync(app, () => PageBench.GetAsync(http, path), cold: false);
                Console.WriteLine();
                Console.WriteLine($"GET {path}: {bytes:N0} bytes of HTML, {all.Count} statements ({warm.Count} with the unread badge in memory); the baseline replays the {needed.Count} marked *:");
                PageBench.Print(all, s => needed.Any(n => ReferenceEquals(n, s)));
                if (Environment.GetEnvironmentVariable("ADPOLICY_BENCH_EXPLAIN") is { Length: > 0 })
                {
                    await PageBench.ExplainAsync(connections[0], needed);
                }

                var c = await PageBench.CompareAsync(() => PageBench.ViewAsync(http, path), w => PageBench.ReplayAsync(connections[w], needed), seconds);
                results.Add((name, path, bytes, all.Count, needed.Count, c, PageBench.Load()));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  page p50 {Measure.Ms(c.P50)} ms, p95 {Measure.Ms(c.P95)} ms, {c.Rate:0}/s; baseline p50 {Measure.Ms(c.SqlP50)} ms, p95 {Measure.Ms(c.SqlP95)} ms, {c.SqlRate:0}/s (load {PageBench.Load()})"));
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }

            await app.StopAsync();
        }

        Console.WriteLine();
        Console.WriteLine("| page | HTML | statements (baseline) | page p50 / p95 ms | baseline p50 / p95 ms | page views/s at 16 | baseline views/s | latency ratio | p95 ratio | throughput ratio | load average |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (name, path, bytes, statements, needed, c, load) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {path} | {bytes / 1024.0:0} KB | {statements} ({needed}) | {Measure.Ms(c.P50)} / {Measure.Ms(c.P95)} | {Measure.Ms(c.SqlP50)} / {Measure.Ms(c.SqlP95)} | {c.Rate:0} | {c.SqlRate:0} | {c.LatencyRatio:0.000} | {c.LatencyP95Ratio:0.000} | {c.ThroughputRatio:0.000} | {load} |"));
        }

        Console.WriteLine();
        foreach (var (name, _, _, _, _, c, _) in results)
        {
            PageBench.PrintRatios("advertiser-pages." + name, c);
        }
    }

    /// <summary>The statements of one view that read the tables it shows; the same statement twice in one view counts once.</summary>
    private static List<PageBench.Statement> Needed(IReadOnlyList<PageBench.Statement> all, string[] tables)
    {
        var needed = new List<PageBench.Statement>();
        foreach (var statement in all)
        {
            var table = FirstTable().Match(statement.Text) is { Success: true } m ? m.Groups[1].Value : string.Empty;
            if (tables.Contains(table) && !needed.Any(n => n.Text == statement.Text && SameParameters(n, statement)))
            {
                needed.Add(statement);
            }
        }

        return needed;
    }

    private static bool SameParameters(PageBench.Statement a, PageBench.Statement b) =>
        a.Parameters.Length == b.Parameters.Length
        && a.Parameters.Zip(b.Parameters).All(p => Equals(p.First.Value?.ToString(), p.Second.Value?.ToString()));

    [GeneratedRegex(@"\bFROM\s+""?(\w+)""?", RegexOptions.IgnoreCase)]
    private static partial Regex FirstTable();

    private static async Task<string> SummaryAsync(BenchDatabase bench, Guid organisation) =>
        string.Join(", ", await Task.WhenAll(
            new (string What, string Sql)[]
            {
                ("refund requests", $"SELECT count(*) FROM refund_requests WHERE organisation_id = '{organisation}'"),
                ("complaints", $"SELECT count(*) FROM ace_complaints WHERE organisation_id = '{organisation}'"),
                ("violations", $"SELECT count(*) FROM violations WHERE organisation_id = '{organisation}'"),
                ("sanctions for missed deadlines", $"SELECT count(*) FROM ace_deadline_sanctions s JOIN ace_deadlines d ON d.id = s.deadline_id WHERE d.organisation_id = '{organisation}'"),
                ("promotions", $"SELECT count(*) FROM promotions p JOIN ad_accounts a ON a.id = p.ad_account_id WHERE a.organisation_id = '{organisation}'"),
                ("refund requests of all advertisers", "SELECT count(*) FROM refund_requests"),
                ("complaints of all", "SELECT count(*) FROM ace_complaints"),
            }.Select(async x => $"{await bench.ScalarAsync<long>(x.Sql):N0} {x.What}")));

    /// <summary>
    /// The advertiser (two ad accounts) and 200 others (one account each). One promotion with two ads, one complaint
    /// upheld through the app's own desk (its violation, enforcement event and deadlines) and one refund request filed
    /// through the domain are the templates; SQL copies them into the rest, varying ids, numbers, dates, statuses and
    /// tiers. Cases are spread over two years, the recent ones open; 1 in 8 violations has a sanction for a missed deadline.
    /// </summary>
    private static async Task SeedAsync(IServiceProvider services, BenchDatabase bench, Guid organisation, int cases, int violations)
    {
        var main = Guid.NewGuid();
        var second = Guid.NewGuid();
        await bench.ExecuteAsync($"""
            INSERT INTO organisations (id, name, region) VALUES ('{organisation}', 'Bench advertiser', 'Emea');
            INSERT INTO ad_accounts (id, organisation_id, name, region, currency) VALUES
                ('{main}', '{organisation}', 'Bench main account', 'Emea', 'EUR'), ('{second}', '{organisation}', 'Bench second account', 'Emea', 'EUR');
            INSERT INTO organisations (id, name, region) SELECT gen_random_uuid(), 'Other advertiser ' || g, 'Emea' FROM generate_series(1, {Others}) g;
            INSERT INTO ad_accounts (id, organisation_id, name, region, currency)
                SELECT gen_random_uuid(), o.id, o.name || ' account', 'Emea', 'EUR' FROM organisations o WHERE o.id <> '{organisation}';
            """);
        var user = await PageBench.CreateUserAsync(services, Email, Roles.Advertiser, organisation);
        var t = await TemplatesAsync(services, bench, organisation, main, user);

        // Accounts: ours two (main carries 5/6 of the record), the others one each; the seed tables say which gets what.
        var promotions = await bench.CopyColumnsAsync("promotions", new()
        {
            ["id"] = "s.id", ["ad_account_id"] = "s.account", ["external_campaign_id"] = "'CMP-' || lpad(s.g::text, 6, '0')",
            ["name"] = "'Promotion ' || s.g", ["starts_at"] = "now() - make_interval(days => (s.g * 7) % 700)",
            ["ends_at"] = "now() - make_interval(days => (s.g * 7) % 700) + interval '30 days'",
            ["delivered_impressions"] = "(s.g * 7919) % 120000", ["status"] = "CASE WHEN (s.g * 7) % 700 < 30 THEN 'Active' ELSE 'Completed' END",
        }, "t");
        var ads = await bench.CopyColumnsAsync("ads", new()
        {
            ["id"] = "gen_random_uuid()", ["promotion_id"] = "s.id", ["external_ad_id"] = "'AD-' || lpad(s.g::text, 6, '0') || '-' || n", ["headline"] = "'Headline ' || s.g || '/' || n",
        }, "t");
        await bench.ExecuteAsync($"""
            CREATE UNLOGGED TABLE seed_accounts AS
                SELECT row_number() OVER (ORDER BY (a.organisation_id = '{organisation}') DESC, a.id) - 1 AS i, a.id AS account, a.organisation_id AS organisation
                FROM ad_accounts a WHERE a.id <> '{second}';
            CREATE UNLOGGED TABLE seed_promotions AS
                SELECT g, gen_random_uuid() AS id,
                       CASE WHEN g <= 300 THEN (CASE WHEN g % 6 = 0 THEN '{second}'::uuid ELSE '{main}'::uuid END)
                            ELSE (SELECT account FROM seed_accounts WHERE i = 1 + g % {Others}) END AS account
                FROM generate_series(1, 300 + 5 * {Others}) g;
            INSERT INTO promotions {promotions} FROM seed_promotions s, promotions t WHERE t.id = '{t.Promotion}';
            INSERT INTO ads {ads} FROM seed_promotions s, generate_series(1, 2) n, ads t WHERE t.id = '{t.Ad}';
            """);

        // Cases: ours (refund requests 70 %, complaints 30 %) over two years, newest open; the others' twice as many in all.
        var refunds = await bench.CopyColumnsAsync("refund_requests", new()
        {
            ["id"] = "gen_random_uuid()", ["number"] = "nextval('refund_number_seq')", ["organisation_id"] = "p.organisation", ["ad_account_id"] = "p.account",
            ["promotion_id"] = "p.id", ["campaign_external_id"] = "p.campaign", ["idempotency_key"] = "gen_random_uuid()",
            ["filed_at"] = "s.filed_at", ["updated_at"] = "s.filed_at", ["reason"] = "(ARRAY['PerformanceShortfall','TechnicalError','PolicyViolation'])[1 + s.g % 3]",
            ["status"] = "s.refund_status", ["requested_amount"] = "10 + s.g % 400",
            ["response_due_at"] = "s.filed_at + interval '2 days'", ["clock_due_at"] = "CASE WHEN s.open THEN s.filed_at + interval '2 days' END",
            ["decided_at"] = "CASE WHEN s.open THEN NULL ELSE s.filed_at + interval '3 days' END",
        }, "t");
        var complaints = await bench.CopyColumnsAsync("ace_complaints", new()
        {
            ["id"] = "gen_random_uuid()", ["number"] = "nextval('ace_complaint_number_seq')", ["group_id"] = "gen_random_uuid()",
            ["organisation_id"] = "p.organisation", ["ad_account_id"] = "p.account", ["promotion_id"] = "p.id", ["ad_id"] = "NULL",
            ["filed_at"] = "s.filed_at", ["updated_at"] = "s.filed_at", ["status"] = "s.complaint_status", ["violation_id"] = "NULL",
            ["tracking_token_hash"] = "md5(s.g::text || random()::text) || md5(s.g::text)", ["complainant_number"] = "1 + s.g % 50",
            ["description"] = "'Complaint ' || s.g || ': the shop did not answer after the sale, and the goods arrived late and damaged.'",
            ["tier"] = "CASE WHEN s.complaint_status = 'Upheld' THEN 'Low' END",
            ["decided_at"] = "CASE WHEN s.open THEN NULL ELSE s.filed_at + interval '3 days' END",
            ["decision_reason"] = "CASE WHEN s.open THEN NULL ELSE 'Decided on the evidence.' END",
        }, "t");
        await bench.ExecuteAsync($"""
            CREATE UNLOGGED TABLE seed_cases AS
                SELECT g, (g > {cases}) AS other, now() - make_interval(secs => (g * 7919) % (86400 * 730)) AS filed_at,
                       (g * 7919) % (86400 * 730) < 86400 * 45 AS open
                FROM generate_series(1, {cases} * 3) g;
            ALTER TABLE seed_cases ADD COLUMN refund_status text, ADD COLUMN complaint_status text;
            UPDATE seed_cases SET
                refund_status = CASE WHEN open THEN (ARRAY['Submitted','InReview','AwaitingAdvertiser','Disputed'])[1 + g % 4]
                                     ELSE (ARRAY['Approved','PartiallyApproved','Denied','Refunded','Withdrawn'])[1 + g % 5] END,
                complaint_status = CASE WHEN open THEN (ARRAY['Filed','InReview'])[1 + g % 2] ELSE (ARRAY['Upheld','Rejected','Withdrawn'])[1 + g % 3] END;
            CREATE UNLOGGED TABLE seed_case_promotions AS
                SELECT c.g, p.id, p.account, a.organisation, 'CMP-' || lpad(p.g::text, 6, '0') AS campaign
                FROM seed_cases c
                JOIN seed_promotions p ON p.g = CASE WHEN c.other THEN 301 + c.g % (5 * {Others}) ELSE 1 + c.g % 300 END
                JOIN (SELECT account, organisation FROM seed_accounts UNION ALL SELECT '{second}', '{organisation}') a ON a.account = p.account;
            INSERT INTO refund_requests {refunds} FROM seed_cases s JOIN seed_case_promotions p ON p.g = s.g, refund_requests t
                WHERE t.id = '{t.Refund}' AND s.g % 10 < 7;
            INSERT INTO ace_complaints {complaints} FROM seed_cases s JOIN seed_case_promotions p ON p.g = s.g, ace_complaints t
                WHERE t.id = '{t.Complaint}' AND s.g % 10 >= 7;
            """);

        // Violations: ours over two years (low 60 %, medium 36 %, high 4 %; 1 in 20 removed), the others 2 each; an
        // enforcement event for each of ours; a missed deadline with its sanction for 1 in 8 (lifted a week later but the newest).
        var violationColumns = await bench.CopyColumnsAsync("violations", new()
        {
            ["id"] = "s.id", ["number"] = "nextval('violation_number_seq')", ["ad_account_id"] = "s.account", ["organisation_id"] = "s.organisation",
            ["complaint_id"] = "NULL", ["ad_id"] = "NULL", ["recorded_at"] = "s.at", ["notified_at"] = "s.at", ["tier"] = "s.tier",
            ["status"] = "CASE WHEN s.g % 20 = 0 THEN 'Removed' ELSE 'Active' END",
            ["removed_at"] = "CASE WHEN s.g % 20 = 0 THEN s.at + interval '5 days' END",
            ["removed_reason"] = "CASE WHEN s.g % 20 = 0 THEN 'The review request was approved.' END",
        }, "t");
        var events = await bench.CopyColumnsAsync("ace_enforcement_events", new()
        {
            ["id"] = "gen_random_uuid()", ["ad_account_id"] = "s.account", ["organisation_id"] = "s.organisation", ["at"] = "s.at", ["violation_id"] = "s.id",
        }, "t");
        await bench.ExecuteAsync($"""
            CREATE UNLOGGED TABLE seed_violations AS
                SELECT g, gen_random_uuid() AS id, now() - make_interval(secs => 3600 + (g * 104729) % (86400 * 730)) AS at,
                       CASE WHEN g % 25 = 0 THEN 'High' WHEN g % 25 < 10 THEN 'Medium' ELSE 'Low' END AS tier,
                       CASE WHEN g % 6 = 0 THEN '{second}'::uuid ELSE '{main}'::uuid END AS account, '{organisation}'::uuid AS organisation
                FROM generate_series(1, {violations}) g
                UNION ALL
                SELECT {violations} + g, gen_random_uuid(), now() - make_interval(secs => (g * 104729) % (86400 * 730)), 'Low', a.account, a.organisation
                FROM generate_series(1, 2 * {Others}) g JOIN seed_accounts a ON a.i = 1 + g % {Others};
            INSERT INTO violations {violationColumns} FROM seed_violations s, violations t WHERE t.id = '{t.Violation}';
            INSERT INTO ace_enforcement_events {events} FROM seed_violations s, ace_enforcement_events t WHERE t.id = '{t.Event}' AND s.organisation = '{organisation}';
            CREATE UNLOGGED TABLE seed_missed AS
                SELECT s.g, gen_random_uuid() AS id, s.account, s.organisation, s.at + interval '2 days' AS missed_at, s.id AS violation
                FROM seed_violations s WHERE s.organisation = '{organisation}' AND s.g % 8 = 0;
            INSERT INTO ace_deadlines (id, kind, ad_account_id, organisation_id, violation_id, starts_at, due_at, ended_at, state, outcome)
                SELECT id, 'CorrectSimilarContent', account, organisation, violation, missed_at - interval '2 days', missed_at, missed_at, 'Missed', NULL FROM seed_missed;
            INSERT INTO ace_deadline_sanctions (deadline_id, kind, sanction, imposed_at, lifted_at, lift_reason)
                SELECT id, 'CorrectSimilarContent', 'BlockAccountAndDeposit', missed_at,
                       CASE WHEN g < (SELECT max(g) FROM seed_missed) THEN missed_at + interval '7 days' END,
                       CASE WHEN g < (SELECT max(g) FROM seed_missed) THEN 'Corrected after the deadline.' END
                FROM seed_missed;
            DROP TABLE seed_accounts, seed_promotions, seed_cases, seed_case_promotions, seed_violations, seed_missed;
            ANALYZE;
            """);
    }

    private sealed record Template(Guid Promotion, Guid Ad, Guid Complaint, Guid Violation, Guid Event, Guid Refund);

    /// <summary>A promotion with two ads, a complaint upheld through the desk and a refund request, as the app writes them.</summary>
    private static async Task<Template> TemplatesAsync(IServiceProvider services, BenchDatabase bench, Guid organisation, Guid account, Guid user)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        var promotion = new Promotion(
            Guid.NewGuid(), account, "CMP-TEMPLATE", "Template promotion", "Reach", new Money(1000m, "EUR"), new Money(800m, "EUR"),
            now.AddDays(-40), now.AddDays(-10), "Everyone aged 18-65 in Spain", 100_000, 61_000, 0, 0, PromotionStatus.Completed);
        promotion.AddAd(Guid.NewGuid(), "AD-TEMPLATE-1", "Template ad");
        var complainant = new ComplainantDetails("Uma User", "uma@example.com", null, ComplainantRole.AffectedUser, null);
        var complaint = AceComplaint.File(
            ComplaintType.UserComplaint, ProhibitedCategory.SlowAfterSales, organisation, account, promotion.Id, promotion.Ads[0].Id, complainant,
            "The shop never answers after the sale.", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            new Actor(null, complainant.Name, ActorKind.Complainant), now);
        var advertiser = Actor.Advertiser(user, "Bench advertiser");
        var refund = RefundRequest.File(
            promotion, organisation, RefundReason.PerformanceShortfall, "The campaign delivered 61 % of the promised impressions.", new Money(150m, "EUR"),
            new RefundPreCheck(true, null, null, promotion.Spent, new Money(0m, "EUR"), promotion.Spent, 0.39m, new Money(312m, "EUR")),
            Guid.NewGuid(), advertiser, PolicySettings.Defaults, now);
        db.Promotions.Add(promotion);
        db.AceComplaints.Add(complaint);
        db.Deadlines.AddRange(Deadline.ForComplaint(complaint, PolicySettings.Defaults));
        db.RefundRequests.Add(refund);
        await db.SaveChangesAsync();
        var violation = await scope.ServiceProvider.GetRequiredService<ComplaintDesk>().UpholdAsync(
            complaint, ViolationTier.Low, "Upheld: the shop did not answer within the policy's time.", Actor.Staff(Guid.NewGuid(), "Bench agent"), CancellationToken.None);
        var enforcement = await bench.ScalarAsync<Guid>($"SELECT id FROM ace_enforcement_events WHERE violation_id = '{violation.Id}' LIMIT 1");
        return new Template(promotion.Id, promotion.Ads[0].Id, complaint.Id, violation.Id, enforcement, refund.Id);
    }
}
