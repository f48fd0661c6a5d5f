using System.Diagnostics;
using System.Globalization;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AdPolicy.Benchmarks;

/// <summary>
/// The ACE deadline sweep against set-based SQL doing the same writes. Two kinds of due deadline, N of each per run:
/// "plain" (a correct-similar-content deadline of an account: mark missed, sanction, notice and email to the
/// organisation's member) and "upheld" (the removal deadline of an upheld complaint, each with its own promotion and
/// ad: the ad removed, the plan cancelled, the sanction, the complaint's timeline entry, notices and emails to the
/// member and the deciding agent). Each is drained by the app's own AceDeadlineSweep with 1 and with 3 instances (each
/// its own scope and connections, as separate processes would be), then by one statement per batch of 100 — a chain of
/// data-modifying CTEs that claims with SKIP LOCKED and writes the same rows, copied from what the service wrote —
/// with 1 and 3 workers. One instance is measured in interleaved pairs (service, SQL, then SQL, service, …, each pair
/// on freshly seeded rows of the same size) and its figure is the median of the pairs' ratios, with their spread; three
/// instances the same way in fewer pairs, each draining all the deadlines. Rows written per table are counted and compared for every drain. While each 3-way run drains, a "user" updates
/// random rows the sweep locks (the deadlines; for upheld, their promotions and ads) and the longest such update is
/// reported; PostgreSQL's own deadlock counter (pg_stat_database) is read before and after. Before the timed runs, a
/// warm-up drains a few thousand deadlines of each kind through both, untimed.
/// </summary>
public static class SweepBenchmark
{
    private const int Batch = 100;

    /// <summary>Deadlines of each kind drained, untimed, by the service and by the SQL before the timed runs.</summary>
    private const int WarmUp = 3_000;

    private static readonly (string Name, string Sql)[] Counted =
    [
        ("deadlines missed", "SELECT count(*) FROM ace_deadlines WHERE state = 'Missed'"),
        ("sanctions", "SELECT count(*) FROM ace_deadline_sanctions"),
        ("notifications", "SELECT count(*) FROM notifications"),
        ("outbox emails", "SELECT count(*) FROM outbox_messages"),
        ("timeline events", "SELECT count(*) FROM ace_complaint_events"),
        ("ads removed", "SELECT count(*) FROM ads WHERE status = 'Removed'"),
        ("plans cancelled", "SELECT count(*) FROM promotions WHERE status = 'Cancelled'"),
        ("webhook events", "SELECT count(*) FROM webhook_events"),
        ("queue rows", "SELECT count(*) FROM queue_items"),
    ];

    public static async Task RunAsync(int deadlines)
    {
        Console.WriteLine($"Sweep benchmark: {deadlines:N0} due deadlines per run, batches of {Batch}, on {Environment.ProcessorCount} cores, load average {Load()}");
        await using var bench = await BenchDatabase.CreateAsync("adpolicy_bench_sweep");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.Configuration["ConnectionStrings:AdPolicy"] = bench.ConnectionString;
        builder.Configuration["Sweeps:Enabled"] = "false";
        builder.Configuration["Outbox:Enabled"] = "false";
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.Configuration["DeadlineService:BatchSize"] = Batch.ToString(CultureInfo.InvariantCulture);
        builder.Configuration["Evidence:Root"] = Path.Combine(Path.GetTempPath(), "adpolicy-bench-evidence");
        builder.AddAdPolicy();
        await using var app = builder.Build();

        var orgId = Guid.NewGuid();
        var accountId = Guid.NewGuid();
        var staffId = Guid.NewGuid();
        await bench.SeedAdvertiserAsync(orgId, accountId, staffId);
        var template = await UpheldTemplateAsync(app.Services, bench, accountId, orgId, staffId);

        // Warm-up, untimed: a running service has its code compiled (tiered JIT) and the database its caches warm, so a
        // few batches of each kind are drained by both first; without it the first timed run (plain, one instance) paid
        // for compiling the whole sweep, which a service running for days pays once.
        var warmUp = Math.Min(deadlines, WarmUp);
        foreach (var kind in new[] { "plain", "upheld" })
        {
            await SeedAsync(bench, kind, warmUp, accountId, orgId, template);
            await ServiceInstanceAsync(app.Services);
            var templates = await TemplatesAsync(bench, kind);
            await SeedAsync(bench, kind, warmUp, accountId, orgId, template);
            await SqlWorkerAsync(bench.ConnectionString, templates);
        }

        Console.WriteLine($"  warmed up: {warmUp:N0} deadlines of each kind drained by the service and by the SQL, untimed (load {Load()})");

        // One instance: interleaved pairs, each a service drain and an SQL drain of the same size back to back (every
        // other pair the SQL first, so a drift in the machine's load falls on both sides alike), the figure the median
        // of the pairs' ratios. One drain of a second or two moves with whatever else the machine does for a moment.
        var pairSize = Math.Max(Batch, deadlines * 2 / 5);

        // The i-th pair of drains of `size` deadlines by `instances` workers on each side, every other pair the SQL first.
        async Task<(Run Ours, Run Sql, bool SqlFirst)> PairAsync(string kind, Templates templates, int size, int instances, int i)
        {
            Task<Run> Ours() => DrainAsync(bench, kind, size, instances, accountId, orgId, template, () => ServiceInstanceAsync(app.Services));
            Task<Run> Sql() => DrainAsync(bench, kind, size, instances, accountId, orgId, template, () => SqlWorkerAsync(bench.ConnectionString, templates));
            var sqlFirst = i % 2 == 1;
            var first = await (sqlFirst ? Sql() : Ours());
            var second = await (sqlFirst ? Ours() : Sql());
            return sqlFirst ? (second, first, true) : (first, second, false);
        }

        var pairs = new Dictionary<string, List<(Run Ours, Run Sql)>>();
        var deadlocksBefore = await DeadlocksAsync(bench);
        foreach (var kind in new[] { "plain", "upheld" })
        {
            var templates = await TemplatesAsync(bench, kind);
            pairs[kind] = [];
            for (var i = 0; i < Pairs; i++)
            {
                var (ours, sql, sqlFirst) = await PairAsync(kind, templates, pairSize, 1, i);
                pairs[kind].Add((ours, sql));
                Console.WriteLine($"  {kind} × 1, pair {i + 1}/{Pairs}{(sqlFirst ? " (SQL first)" : string.Empty)}: service {ours.Seconds:0.000} s, SQL {sql.Seconds:0.000} s, "
                    + $"ratio {sql.Seconds / ours.Seconds:0.00}, rows {(ours.Rows.SequenceEqual(sql.Rows) ? "equal" : "NOT EQUAL")} (load {Load()})");
            }
        }

        var oneDeadlocks = await DeadlocksAsync(bench) - deadlocksBefore;

        // Three instances: interleaved pairs too (fewer: each drains all the deadlines), the figure the median of their ratios.
        var results = new List<(string Kind, int Instances, Run Ours, Run Sql)>();
        foreach (var kind in new[] { "plain", "upheld" })
        {
            var templates = await TemplatesAsync(bench, kind);
            for (var i = 0; i < ThreePairs; i++)
            {
                var (ours, sql, sqlFirst) = await PairAsync(kind, templates, deadlines, 3, i);
                results.Add((kind, 3, ours, sql));
                Console.WriteLine($"  {kind} × 3, pair {i + 1}/{ThreePairs}{(sqlFirst ? " (SQL first)" : string.Empty)}: service {ours.Seconds:0.00} s, SQL {sql.Seconds:0.00} s, "
                    + $"ratio {sql.Seconds / ours.Seconds:0.00}, longest user wait {ours.LongestWaitMs:0.0} / {sql.LongestWaitMs:0.0} ms, of it on a lock {Ms(ours.LongestLockWaitMs)} / {Ms(sql.LongestLockWaitMs)} ms (load {Load()})");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"One instance, {Pairs} interleaved pairs of {pairSize:N0} deadlines each (the ratio per pair; the figure is their median):");
        Console.WriteLine();
        Console.WriteLine("| deadlines | pairs × deadlines | service s per pair | SQL s per pair | ratio per pair | median ratio | min–max | median service deadlines/s | median SQL deadlines/s |");
        Console.WriteLine("|---|---:|---|---|---|---:|---:|---:|---:|");
        foreach (var (kind, list) in pairs)
        {
            var ratios = list.Select(p => p.Sql.Seconds / p.Ours.Seconds).ToList();
            Console.WriteLine($"| {kind} | {list.Count} × {pairSize:N0} | {string.Join(", ", list.Select(p => p.Ours.Seconds.ToString("0.00", CultureInfo.InvariantCulture)))} | "
                + $"{string.Join(", ", list.Select(p => p.Sql.Seconds.ToString("0.00", CultureInfo.InvariantCulture)))} | {string.Join(", ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))} | "
                + $"**{Median(ratios):0.00}** | {ratios.Min():0.00}–{ratios.Max():0.00} | {pairSize / Median(list.Select(p => p.Ours.Seconds)):0} | {pairSize / Median(list.Select(p => p.Sql.Seconds)):0} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Three instances, {ThreePairs} interleaved pairs of {deadlines:N0} deadlines each (one row per pair):");
        Console.WriteLine();
        Console.WriteLine("| deadlines | instances | service s | service deadlines/s | set-based SQL s | SQL deadlines/s | ratio (speed) | longest user update, whole, service / SQL ms | longest lock wait in it (server's log), service / SQL ms | deadlocks service / SQL |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (kind, instances, ours, sql) in results)
        {
            Console.WriteLine($"| {kind} | {instances} | {ours.Seconds:0.00} | {deadlines / ours.Seconds:0} | {sql.Seconds:0.00} | {deadlines / sql.Seconds:0} | {sql.Seconds / ours.Seconds:0.00} | "
                + $"{ours.LongestWaitMs:0.0} / {sql.LongestWaitMs:0.0} | {Ms(ours.LongestLockWaitMs)} / {Ms(sql.LongestLockWaitMs)} | {ours.Deadlocks} / {sql.Deadlocks} |");
        }

        Console.WriteLine();
        Console.WriteLine("Rows written per drain (service = SQL is the check that both did the same work):");
        foreach (var (kind, list) in pairs)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Console.WriteLine($"  {kind} × 1, pair {i + 1}: {Compare(list[i].Ours, list[i].Sql)}");
            }
        }

        foreach (var (kind, instances, ours, sql) in results)
        {
            Console.WriteLine($"  {kind} × {instances}: {Compare(ours, sql)}");
        }

        Console.WriteLine();
        foreach (var (kind, list) in pairs)
        {
            var ratios = list.Select(p => p.Sql.Seconds / p.Ours.Seconds).ToList();
            Console.WriteLine($"bench: sweep.one{(kind == "plain" ? string.Empty : "-" + kind)} ratio={Median(ratios).ToString("0.000", CultureInfo.InvariantCulture)} "
                + $"(median of {ratios.Count} pairs, min {ratios.Min().ToString("0.000", CultureInfo.InvariantCulture)}, max {ratios.Max().ToString("0.000", CultureInfo.InvariantCulture)})");
        }

        foreach (var kind in new[] { "plain", "upheld" })
        {
            var ratios = results.Where(r => r.Kind == kind).Select(r => r.Sql.Seconds / r.Ours.Seconds).ToList();
            Console.WriteLine($"bench: sweep.three{(kind == "plain" ? string.Empty : "-" + kind)} ratio={Median(ratios).ToString("0.000", CultureInfo.InvariantCulture)} "
                + $"(median of {ratios.Count} pairs, min {ratios.Min().ToString("0.000", CultureInfo.InvariantCulture)}, max {ratios.Max().ToString("0.000", CultureInfo.InvariantCulture)})");
        }

        foreach (var kind in new[] { "plain", "upheld" })
        {
            var one = pairSize / Median(pairs[kind].Select(p => p.Ours.Seconds));
            var three = deadlines / Median(results.Where(r => r.Kind == kind).Select(r => r.Ours.Seconds));
            Console.WriteLine($"Three instances vs one ({kind}): {three / one:0.00}x the speed (each the median of its pairs' drains)");
        }

        Console.WriteLine($"bench: sweep.deadlocks count={oneDeadlocks + results.Sum(r => r.Ours.Deadlocks)}");
        Console.WriteLine($"bench: sweep.user-wait max_ms={results.Max(r => r.Ours.LongestWaitMs).ToString("0.0", CultureInfo.InvariantCulture)}");
        if (results.All(r => r.Ours.LongestLockWaitMs is not null))
        {
            Console.WriteLine($"bench: sweep.user-lock-wait max_ms={results.Max(r => r.Ours.LongestLockWaitMs!.Value).ToString("0.0", CultureInfo.InvariantCulture)} (the server's log: waits of 5 ms or more)");
        }

        Console.WriteLine($"Load average at the end: {Load()}");
    }

    /// <summary>How many interleaved service/SQL pairs give the one-instance figures.</summary>
    private const int Pairs = 5;

    /// <summary>How many interleaved service/SQL pairs give the three-instance figures (each pair drains all the deadlines).</summary>
    private const int ThreePairs = 3;

    private static string Ms(double? ms) => ms is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) : "?";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Compare(Run ours, Run sql) =>
        $"{string.Join(", ", Counted.Select((c, i) => $"{c.Name} {ours.Rows[i]:N0}{(ours.Rows[i] == sql.Rows[i] ? string.Empty : $" (SQL {sql.Rows[i]:N0})")}"))} — {(ours.Rows.SequenceEqual(sql.Rows) ? "equal" : "NOT EQUAL")}";

    /// <summary>Seeds <paramref name="deadlines"/> due deadlines of the kind and times one drain of them.</summary>
    private static async Task<Run> DrainAsync(BenchDatabase bench, string kind, int deadlines, int instances, Guid accountId, Guid orgId, Template template, Func<Task> worker)
    {
        await SeedAsync(bench, kind, deadlines, accountId, orgId, template);
        return await TimeAsync(bench, kind, instances, worker);
    }

    /// <param name="Seconds">The drain's wall time.</param>
    /// <param name="Rows">Rows written, per counted table.</param>
    /// <param name="Deadlocks">Deadlocks PostgreSQL broke meanwhile.</param>
    /// <param name="LongestWaitMs">The user probe's longest update, whole (its lock wait, and its share of the 2 cores under the drain's load).</param>
    /// <param name="LongestLockWaitMs">The probe's longest wait for a row lock as the server logged it (log_lock_waits); null where the log cannot be read.</param>
    private sealed record Run(double Seconds, long[] Rows, long Deadlocks, double LongestWaitMs, double? LongestLockWaitMs = null);

    private sealed record Template(Guid Complaint, Guid Promotion, Guid Ad, Guid Deadline);

    private sealed record Templates(Guid PlainDeadline, Guid? UpheldDeadline, Guid Notice, Guid Mail, Guid? StaffNotice, Guid? StaffMail, Guid? Event, Guid? Ad, Guid? Promotion);

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>One complaint filed and upheld through the app's own desk; its promotion, ad, complaint and removal deadline are what the upheld runs copy.</summary>
    private static async Task<Template> UpheldTemplateAsync(IServiceProvider services, BenchDatabase bench, Guid accountId, Guid orgId, Guid staffId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        var promotion = new Promotion(
            Guid.NewGuid(), accountId, "CMP-BENCH", "Bench promotion", "Reach", new Money(1000m, "EUR"), new Money(500m, "EUR"),
            now.AddDays(-10), now.AddDays(20), "Everyone", 100_000, 50_000, 0, 0, PromotionStatus.Active);
        promotion.AddAd(Guid.NewGuid(), "AD-BENCH", "Bench ad");
        var complainant = new ComplainantDetails("Uma User", "uma@example.com", null, ComplainantRole.AffectedUser, null);
        var complaint = AceComplaint.File(
            ComplaintType.UserComplaint, ProhibitedCategory.SlowAfterSales, orgId, accountId, promotion.Id, promotion.Ads[0].Id, complainant,
            "The shop never answers after the sale.", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            new Actor(null, complainant.Name, ActorKind.Complainant), now);
        db.Promotions.Add(promotion);
        db.AceComplaints.Add(complaint);
        db.Deadlines.AddRange(Deadline.ForComplaint(complaint, PolicySettings.Defaults));
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<ComplaintDesk>().UpholdAsync(complaint, ViolationTier.Low, "Upheld for the benchmark.", Actor.Staff(staffId, "Agent"), CancellationToken.None);
        var removal = await bench.ScalarAsync<Guid>($"SELECT id FROM ace_deadlines WHERE complaint_id = '{complaint.Id}' AND kind = 'RemoveContent'");

        // The template itself never falls due: its rows stay as an upheld complaint's are before the sweep.
        await bench.ExecuteAsync("UPDATE ace_deadlines SET state = 'Cancelled', ended_at = now(), outcome = 'template'");
        return new Template(complaint.Id, promotion.Id, promotion.Ads[0].Id, removal);
    }

    private static Task<string> ColumnsAsync(BenchDatabase bench, string table, Dictionary<string, string> overrides, string alias) =>
        bench.CopyColumnsAsync(table, overrides, alias);

    private static async Task SeedAsync(BenchDatabase bench, string kind, int deadlines, Guid accountId, Guid orgId, Template t)
    {
        if (kind == "plain")
        {
            await bench.ExecuteAsync($"""
                INSERT INTO ace_deadlines (id, kind, ad_account_id, organisation_id, starts_at, due_at, state)
                SELECT gen_random_uuid(), 'CorrectSimilarContent', '{accountId}', '{orgId}', now() - interval '49 hours',
                       now() - make_interval(secs => g % 3600) - interval '1 minute', 'Pending'
                FROM generate_series(1, {deadlines}) g;
                ANALYZE ace_deadlines;
                """);
            return;
        }

        var promotions = await ColumnsAsync(bench, "promotions", new() { ["id"] = "s.pid", ["external_campaign_id"] = "'CMP-' || s.pid" }, "t");
        var ads = await ColumnsAsync(bench, "ads", new() { ["id"] = "s.aid", ["promotion_id"] = "s.pid", ["external_ad_id"] = "'AD-' || s.aid" }, "t");
        var complaints = await ColumnsAsync(bench, "ace_complaints", new()
        {
            ["id"] = "s.cid", ["promotion_id"] = "s.pid", ["ad_id"] = "s.aid", ["number"] = "nextval('ace_complaint_number_seq')",
            ["tracking_token_hash"] = "md5(s.cid::text) || md5(s.pid::text)",
        }, "t");
        var deadlineColumns = await ColumnsAsync(bench, "ace_deadlines", new()
        {
            ["id"] = "s.did", ["complaint_id"] = "s.cid", ["ad_id"] = "s.aid", ["state"] = "'Pending'", ["ended_at"] = "NULL", ["outcome"] = "NULL", ["outcome_data"] = "NULL",
            ["due_at"] = "now() - make_interval(secs => s.g % 3600) - interval '1 minute'", ["starts_at"] = "now() - interval '25 hours'",
        }, "t");
        await bench.ExecuteAsync($"""
            DROP TABLE IF EXISTS seed;
            CREATE UNLOGGED TABLE seed AS
                SELECT g, gen_random_uuid() AS pid, gen_random_uuid() AS aid, gen_random_uuid() AS cid, gen_random_uuid() AS did
                FROM generate_series(1, {deadlines}) g;
            INSERT INTO promotions {promotions} FROM seed s, promotions t WHERE t.id = '{t.Promotion}';
            INSERT INTO ads {ads} FROM seed s, ads t WHERE t.id = '{t.Ad}';
            INSERT INTO ace_complaints {complaints} FROM seed s, ace_complaints t WHERE t.id = '{t.Complaint}';
            INSERT INTO ace_deadlines {deadlineColumns} FROM seed s, ace_deadlines t WHERE t.id = '{t.Deadline}';
            ANALYZE;
            """);
    }

    /// <summary>Rows the service wrote, as the SQL's templates (a template copied keeps the baseline's rows as big as the service's).</summary>
    /// <remarks>For plain deadlines the upheld part stays out (null), so the plain baseline runs no CTEs that find nothing to do.</remarks>
    private static async Task<Templates> TemplatesAsync(BenchDatabase bench, string kind)
    {
        var upheld = kind == "upheld";
        async Task<Guid?> Id(string sql)
        {
            await using var connection = new NpgsqlConnection(bench.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync() as Guid?;
        }

        return new Templates(
            (await Id("SELECT id FROM ace_deadlines WHERE state = 'Missed' AND complaint_id IS NULL LIMIT 1"))!.Value,
            (upheld ? await Id("SELECT id FROM ace_deadlines WHERE state = 'Missed' AND complaint_id IS NOT NULL LIMIT 1") : null),
            (await Id("SELECT id FROM notifications WHERE title LIKE 'Deadline missed%' LIMIT 1"))!.Value,
            (await Id("SELECT id FROM outbox_messages WHERE subject LIKE 'AdPolicy: Deadline missed%' LIMIT 1"))!.Value,
            (upheld ? await Id("SELECT id FROM notifications WHERE title LIKE '%: deadline missed' LIMIT 1") : null),
            (upheld ? await Id("SELECT id FROM outbox_messages WHERE subject LIKE '%: deadline missed' LIMIT 1") : null),
            (upheld ? await Id("SELECT id FROM ace_complaint_events WHERE kind = 'DeadlineMissed' LIMIT 1") : null),
            (upheld ? await Id("SELECT id FROM ads WHERE status = 'Removed' AND stopped_by_platform LIMIT 1") : null),
            (upheld ? await Id("SELECT id FROM promotions WHERE status = 'Cancelled' AND cancelled_for_deadline_id IS NOT NULL LIMIT 1") : null));
    }

    private static async Task<long[]> RowsAsync(BenchDatabase bench)
    {
        var rows = new long[Counted.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = await bench.ScalarAsync<long>(Counted[i].Sql);
        }

        return rows;
    }

    private static async Task<long> DeadlocksAsync(BenchDatabase bench)
    {
        // A backend's statistics reach the shared view within a second of its transaction; a fresh connection reads them fresh.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        return await bench.ScalarAsync<long>("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
    }

    private static async Task<Run> TimeAsync(BenchDatabase bench, string kind, int instances, Func<Task> worker)
    {
        // One instance cannot deadlock with itself; the one-instance pairs read the counter once around all of them (each
        // read waits a second for the statistics), three instances around each drain.
        var rowsBefore = await RowsAsync(bench);
        var deadlocksBefore = instances > 1 ? await DeadlocksAsync(bench) : 0;
        using var stop = new CancellationTokenSource();
        var logFrom = bench.LogFile is { } log && File.Exists(log) ? new FileInfo(log).Length : -1;
        var probe = instances > 1 ? Task.Run(() => UserProbeAsync(bench.ConnectionString, kind, stop.Token)) : Task.FromResult((0.0, 0));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => Task.Run(worker)));
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        var (longestWait, probePid) = await probe;
        await worker(); // anything the probe's own row locks made a worker skip at the very end
        var rowsAfter = await RowsAsync(bench);
        var deadlocks = instances > 1 ? await DeadlocksAsync(bench) - deadlocksBefore : 0;
        var longestLockWait = instances > 1 && logFrom >= 0 && probePid > 0 ? LongestLockWait(bench.LogFile!, logFrom, probePid) : null;
        return new Run(seconds, rowsAfter.Zip(rowsBefore, (a, b) => a - b).ToArray(), deadlocks, longestWait, longestLockWait);
    }

    /// <summary>
    /// The longest lock wait the server logged for the probe's backend since <paramref name="from"/>: with log_lock_waits on
    /// and deadlock_timeout at 5 ms in the probe's session, every wait of 5 ms or more ends in a line "process N acquired
    /// … after X ms". 0 when none reached 5 ms.
    /// </summary>
    private static double? LongestLockWait(string logFile, long from, int pid)
    {
        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var marker = $"process {pid} acquired ";
        var longest = 0.0;
        while (reader.ReadLine() is { } line)
        {
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            var after = line.LastIndexOf(" after ", StringComparison.Ordinal);
            if (at >= 0 && after > at && line.EndsWith(" ms", StringComparison.Ordinal)
                && double.TryParse(line.AsSpan(after + 7, line.Length - after - 10), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                longest = Math.Max(longest, ms);
            }
        }

        return longest;
    }

    /// <summary>A user's request on a row the sweep locks, over and over: the longest one is how long a user waited on a sweep.</summary>
    private static async Task<(double LongestMs, int Pid)> UserProbeAsync(string connectionString, string kind, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);

        // The server logs each of this session's lock waits of 5 ms or more with its length (superuser settings: on an
        // external server without the right, the whole update's time is all there is).
        var pid = 0;
        try
        {
            await using var settings = new NpgsqlCommand("SET log_lock_waits = on; SET deadlock_timeout = '5ms'; SELECT pg_backend_pid()", connection);
            pid = Convert.ToInt32(await settings.ExecuteScalarAsync(CancellationToken.None), CultureInfo.InvariantCulture);
        }
        catch (PostgresException)
        {
        }
        var ids = new List<(string Table, Guid Id)>();
        await using (var pick = new NpgsqlCommand(kind == "plain"
            ? "SELECT 'ace_deadlines', id FROM ace_deadlines WHERE state = 'Pending' ORDER BY random() LIMIT 500"
            : "(SELECT 'promotions', pid FROM seed ORDER BY random() LIMIT 250) UNION ALL (SELECT 'ads', aid FROM seed ORDER BY random() LIMIT 250)", connection))
        await using (var reader = await pick.ExecuteReaderAsync(CancellationToken.None))
        {
            while (await reader.ReadAsync(CancellationToken.None))
            {
                ids.Add((reader.GetString(0), reader.GetGuid(1)));
            }
        }

        var longest = 0.0;
        var i = 0;
        while (!stop.IsCancellationRequested && ids.Count > 0)
        {
            var (table, id) = ids[i++ % ids.Count];
            var column = table switch { "ace_deadlines" => "reminder_sent_at", "promotions" => "name", _ => "headline" };
            await using var command = new NpgsqlCommand($"UPDATE {table} SET {column} = {column} WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", id);
            var started = Stopwatch.GetTimestamp();
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            longest = Math.Max(longest, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await Task.Delay(5, CancellationToken.None);
        }

        return (longest, pid);
    }

    private static async Task ServiceInstanceAsync(IServiceProvider services)
    {
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var sweep = scope.ServiceProvider.GetServices<ISweep>().OfType<AceDeadlineSweep>().Single();
            if ((await sweep.RunAsync(CancellationToken.None)).Due == 0)
            {
                return;
            }
        }
    }

    /// <summary>The baseline: one statement per batch claims with SKIP LOCKED and writes every row the service writes.</summary>
    private static async Task SqlWorkerAsync(string connectionString, Templates t)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var upheld = t.UpheldDeadline is not null;
        var sql = $"""
            WITH claimed AS (
                SELECT id FROM ace_deadlines WHERE state = 'Pending' AND due_at <= now()
                ORDER BY due_at LIMIT {Batch} FOR UPDATE SKIP LOCKED),
            missed AS (
                UPDATE ace_deadlines d SET state = 'Missed', ended_at = now(),
                       outcome_data = CASE WHEN d.complaint_id IS NULL THEN tp.outcome_data ELSE tu.outcome_data END
                FROM claimed,
                     (SELECT (SELECT outcome_data FROM ace_deadlines WHERE id = '{t.PlainDeadline}') AS outcome_data) tp,
                     (SELECT (SELECT outcome_data FROM ace_deadlines WHERE id = '{t.UpheldDeadline ?? Guid.Empty}') AS outcome_data) tu
                WHERE d.id = claimed.id
                RETURNING d.id, d.organisation_id, d.complaint_id, d.ad_id),
            sanctions AS (
                INSERT INTO ace_deadline_sanctions (deadline_id, imposed_at, kind, lift_reason, lifted_at, sanction)
                SELECT m.id, now(), s.kind, NULL, NULL, s.sanction
                FROM missed m JOIN ace_deadline_sanctions s
                  ON s.deadline_id = CASE WHEN m.complaint_id IS NULL THEN '{t.PlainDeadline}'::uuid ELSE '{t.UpheldDeadline ?? Guid.Empty}'::uuid END),
            members AS (
                SELECT u.id, u.email FROM missed m JOIN users u ON u.organisation_id = m.organisation_id AND u.disabled_at IS NULL),
            notices AS (
                INSERT INTO notifications (id, body, created_at, link, read_at, title, user_id)
                SELECT gen_random_uuid(), n.body, now(), n.link, NULL, n.title, r.id FROM members r, notifications n WHERE n.id = '{t.Notice}'),
            mails AS (
                INSERT INTO outbox_messages (id, attempts, body, created_at, last_error, locked_until, next_attempt_at, sent_at, subject, to_address)
                SELECT gen_random_uuid(), 0, o.body, now(), NULL, NULL, now(), NULL, o.subject, r.email FROM members r, outbox_messages o WHERE o.id = '{t.Mail}')
            {(upheld ? UpheldSql(t) : string.Empty)}
            SELECT count(*) FROM missed
            """;
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            var done = (long)(await command.ExecuteScalarAsync())!;
            await transaction.CommitAsync();
            if (done == 0)
            {
                return;
            }
        }
    }

    private static string UpheldSql(Templates t) => $"""
        , removed AS (
            UPDATE ads a SET status = 'Removed', status_reason = ta.status_reason, status_why = ta.status_why, status_changed_at = now(), stopped_by_platform = true
            FROM missed m, (SELECT status_reason, status_why FROM ads WHERE id = '{t.Ad}') ta
            WHERE a.id = m.ad_id AND a.status <> 'Removed'),
        cancelled AS (
            UPDATE promotions p SET status = 'Cancelled', status_before_stop = p.status, status_reason = tp.status_reason, status_why = tp.status_why, cancelled_for_deadline_id = m.id
            FROM missed m JOIN ace_complaints c ON c.id = m.complaint_id, (SELECT status_reason, status_why FROM promotions WHERE id = '{t.Promotion}') tp
            WHERE p.id = c.promotion_id AND p.status IN ('Active', 'Paused')),
        complaints AS (
            UPDATE ace_complaints c SET updated_at = now(), event_count = c.event_count + 1
            FROM missed m WHERE c.id = m.complaint_id
            RETURNING c.id, c.event_count, coalesce(c.assignee_id, c.decided_by_id) AS staff_id),
        events AS (
            INSERT INTO ace_complaint_events (id, actor_id, actor_kind, actor_name, at, complaint_id, from_status, is_internal, kind, sequence, text, to_status, visible_to_complainant)
            SELECT gen_random_uuid(), e.actor_id, e.actor_kind, e.actor_name, now(), c.id, e.from_status, e.is_internal, e.kind, c.event_count, e.text, e.to_status, e.visible_to_complainant
            FROM complaints c, ace_complaint_events e WHERE e.id = '{t.Event}'),
        staff AS (
            SELECT u.id, u.email FROM complaints c JOIN users u ON u.id = c.staff_id AND u.disabled_at IS NULL),
        staff_notices AS (
            INSERT INTO notifications (id, body, created_at, link, read_at, title, user_id)
            SELECT gen_random_uuid(), n.body, now(), n.link, NULL, n.title, r.id FROM staff r, notifications n WHERE n.id = '{t.StaffNotice}'),
        staff_mails AS (
            INSERT INTO outbox_messages (id, attempts, body, created_at, last_error, locked_until, next_attempt_at, sent_at, subject, to_address)
            SELECT gen_random_uuid(), 0, o.body, now(), NULL, NULL, now(), NULL, o.subject, r.email FROM staff r, outbox_messages o WHERE o.id = '{t.StaffMail}')
        """;
}
