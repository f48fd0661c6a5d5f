using System.Diagnostics;
using AdPolicy.Web;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdPolicy.Benchmarks;

/// <summary>
/// The deadline service at scale: N deadlines already due, drained by K concurrent "instances" (each its own scope
/// and connections, as separate processes would be) running the app's own AceDeadlineSweep. Beside it, on the same
/// database in the same run, the bare minimum the database can do: K workers claiming and marking the same number of
/// rows with one UPDATE … FOR UPDATE SKIP LOCKED per batch. The ratio is what the real work (ad removal, sanction,
/// timeline, notices and emails, one savepoint per deadline) costs over the claim itself.
/// </summary>
public static class DeadlineBenchmark
{
    public static async Task RunAsync(int deadlines, int instances)
    {
        Console.WriteLine($"Deadline benchmark: {deadlines:N0} due deadlines, {instances} instance(s)");
        await using var bench = await BenchDatabase.CreateAsync("adpolicy_bench_deadlines");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.Configuration["ConnectionStrings:AdPolicy"] = bench.ConnectionString;
        builder.Configuration["Sweeps:Enabled"] = "false";
        builder.Configuration["Outbox:Enabled"] = "false";
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.Configuration["Evidence:Root"] = Path.Combine(Path.GetTempPath(), "adpolicy-bench-evidence");
        builder.AddAdPolicy();
        await using var app = builder.Build();

        var orgId = Guid.NewGuid();
        var accountId = Guid.NewGuid();
        await bench.SeedAdvertiserAsync(orgId, accountId);

        var (serviceSeconds, lags) = await TimeServiceAsync(bench, app.Services, deadlines, instances, accountId, orgId);
        var baselineSeconds = await TimeBaselineAsync(bench, deadlines, instances, accountId, orgId);

        lags.Sort();
        Console.WriteLine();
        Console.WriteLine("| run | seconds | deadlines/s | lag p50 s | lag p95 s | lag max s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| AceDeadlineSweep × {instances} | {serviceSeconds:0.00} | {deadlines / serviceSeconds:0} | {lags[lags.Count / 2]:0.00} | {lags[(int)(lags.Count * 0.95)]:0.00} | {lags[^1]:0.00} |");
        Console.WriteLine($"| baseline: bare UPDATE … SKIP LOCKED × {instances} | {baselineSeconds:0.00} | {deadlines / baselineSeconds:0} | — | — | — |");
        Console.WriteLine();
        Console.WriteLine($"Service vs baseline: {serviceSeconds / baselineSeconds:0.0}x the time per deadline");
        var counts = await bench.ScalarAsync<long>($"SELECT count(*) FROM ace_deadlines WHERE state = 'Missed' AND outcome IS DISTINCT FROM 'baseline'");
        var sanctions = await bench.ScalarAsync<long>("SELECT count(*) FROM ace_deadline_sanctions");
        var notices = await bench.ScalarAsync<long>("SELECT count(*) FROM notifications");
        Console.WriteLine($"Check: {counts:N0} missed by the service, {sanctions:N0} sanctions, {notices:N0} notices (each should be {deadlines:N0})");
    }

    private static Task SeedAsync(BenchDatabase bench, int deadlines, Guid accountId, Guid orgId) =>
        bench.ExecuteAsync($"""
            INSERT INTO ace_deadlines (id, kind, ad_account_id, organisation_id, starts_at, due_at, state)
            SELECT gen_random_uuid(), 'CorrectSimilarContent', '{accountId}', '{orgId}', now() - interval '49 hours',
                   now() - make_interval(secs => g % 3600), 'Pending'
            FROM generate_series(1, {deadlines}) g;
            ANALYZE ace_deadlines;
            """);

    private static async Task<(double Seconds, List<double> Lags)> TimeServiceAsync(
        BenchDatabase bench, IServiceProvider services, int deadlines, int instances, Guid accountId, Guid orgId)
    {
        await SeedAsync(bench, deadlines, accountId, orgId);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                await using var scope = services.CreateAsyncScope();
                var sweep = scope.ServiceProvider.GetServices<ISweep>().OfType<AceDeadlineSweep>().Single();
                if ((await sweep.RunAsync(CancellationToken.None)).Done == 0)
                {
                    return;
                }
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;

        // Lag: how long after the sweep started each deadline was marked missed.
        await using var db = bench.Context();
        var ended = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Deadlines.Where(d => d.State == AdPolicy.Domain.Ace.DeadlineState.Missed).Select(d => d.EndedAt!.Value));
        return (seconds, ended.Select(e => (e - started).TotalSeconds).ToList());
    }

    private static async Task<double> TimeBaselineAsync(BenchDatabase bench, int deadlines, int instances, Guid accountId, Guid orgId)
    {
        await SeedAsync(bench, deadlines, accountId, orgId);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => Task.Run(async () =>
        {
            await using var connection = new Npgsql.NpgsqlConnection(bench.ConnectionString);
            await connection.OpenAsync();
            while (true)
            {
                await using var command = new Npgsql.NpgsqlCommand("""
                    WITH claimed AS (
                        SELECT id FROM ace_deadlines WHERE state = 'Pending' AND due_at <= now()
                        ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED)
                    UPDATE ace_deadlines d SET state = 'Missed', ended_at = now(), outcome = 'baseline'
                    FROM claimed WHERE d.id = claimed.id
                    """, connection);
                if (await command.ExecuteNonQueryAsync() == 0)
                {
                    return;
                }
            }
        })));
        return clock.Elapsed.TotalSeconds;
    }
}
