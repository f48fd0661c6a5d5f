using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web;
using AdPolicy.Web.Api;
using AdPolicy.Web.Data;
using AdPolicy.Web.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AdPolicy.Benchmarks;

/// <summary>
/// Complaint intake through the API (real Kestrel, HTTP, the API-key scheme, the rate limiter, validation, the
/// idempotency record, ComplaintDesk with its deadlines, queue row and webhook outbox rows, one transaction) against the
/// same rows inserted directly in SQL, one transaction per complaint, with the same number of concurrent clients.
/// </summary>
public static class ApiIntakeBenchmark
{
    private const int WarmUp = 50;

    public static async Task RunAsync(int requests, int concurrency)
    {
        Console.WriteLine($"API intake benchmark: {requests:N0} complaints, {concurrency} concurrent clients");
        await using var bench = await BenchDatabase.CreateAsync("adpolicy_bench_api");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, Args = [] });
        builder.Configuration["ConnectionStrings:AdPolicy"] = bench.ConnectionString;
        builder.Configuration["Sweeps:Enabled"] = "false";
        builder.Configuration["Outbox:Enabled"] = "false";
        builder.Configuration["Api:PermitLimit"] = "1000000";
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.Configuration["Evidence:Root"] = Path.Combine(Path.GetTempPath(), "adpolicy-bench-evidence");
        builder.AddAdPolicy();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        await app.UseAdPolicyAsync();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var (key, adId, endpointId) = await SeedAsync(app.Services);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        await RunConcurrentlyAsync(WarmUp, concurrency, _ => FileAsync(http, adId));
        var (apiSeconds, latencies) = await RunConcurrentlyAsync(requests, concurrency, _ => FileAsync(http, adId));
        var filed = await bench.ScalarAsync<long>("SELECT count(*) FROM ace_complaints");
        var template = await bench.ScalarAsync<Guid>("SELECT id FROM ace_complaints ORDER BY filed_at, number LIMIT 1");
        var rowsPerComplaint = await RowsAsync(bench, template);

        var copy = await CopyStatementsAsync(bench, template, endpointId);
        var (sqlSeconds, sqlLatencies) = await RunConcurrentlyAsync(requests, concurrency, _ => InsertDirectlyAsync(bench, copy));
        var total = await bench.ScalarAsync<long>("SELECT count(*) FROM ace_complaints");

        var apiRate = requests / apiSeconds;
        var sqlRate = requests / sqlSeconds;
        latencies.Sort();
        sqlLatencies.Sort();
        Console.WriteLine();
        Console.WriteLine("| run | seconds | complaints/s | p50 ms | p95 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| POST /api/v1/complaints × {concurrency} clients | {apiSeconds:0.00} | {apiRate:0} | {Measure.Ms(latencies[latencies.Count / 2])} | {Measure.Ms(latencies[(int)(latencies.Count * 0.95)])} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| baseline: the same rows by INSERT … SELECT, one transaction each × {concurrency} | {sqlSeconds:0.00} | {sqlRate:0} | {Measure.Ms(sqlLatencies[sqlLatencies.Count / 2])} | {Measure.Ms(sqlLatencies[(int)(sqlLatencies.Count * 0.95)])} |"));
        Console.WriteLine();
        Console.WriteLine($"Rows written per complaint: {rowsPerComplaint}");
        Console.WriteLine($"Check: {filed:N0} filed through the API (expected {requests + WarmUp:N0}), {total - filed:N0} inserted directly (expected {requests:N0})");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: api-intake.throughput ratio={apiRate / sqlRate:0.000}"));
        await app.StopAsync();
    }

    private static async Task<(string Key, string AdId, Guid EndpointId)> SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var organisation = new Organisation(Guid.NewGuid(), "Bench advertiser", Region.Emea);
        var account = new AdAccount(Guid.NewGuid(), organisation.Id, "Bench account", Region.Emea, "EUR");
        var promotion = new Promotion(
            Guid.NewGuid(), account.Id, "CMP-BENCH-001", "Bench promotion", "Reach", new Money(1000m, "EUR"), new Money(1000m, "EUR"),
            now.AddDays(-30), now.AddDays(-10), "Everyone", 100_000, 60_000, 0, 0, PromotionStatus.Completed);
        promotion.AddAd(Guid.NewGuid(), "AD-BENCH-001A", "Bench ad");
        // A key works only while the admin who made it may sign in, so the admin is a real user.
        var admin = new AdPolicy.Web.Identity.AppUser
        {
            Id = Guid.NewGuid(), UserName = "bench-admin@example.com", NormalizedUserName = "BENCH-ADMIN@EXAMPLE.COM", Email = "bench-admin@example.com",
            NormalizedEmail = "BENCH-ADMIN@EXAMPLE.COM", SecurityStamp = Guid.NewGuid().ToString(), DisplayName = "Bench",
        };
        db.Users.Add(admin);
        var (key, secret) = ApiKey.Create(null, "Bench partner", [ApiScopes.ComplaintsWrite], admin.Id, admin.DisplayName, now);
        var secrets = scope.ServiceProvider.GetRequiredService<WebhookSecrets>();
        var endpoint = new WebhookEndpoint(
            Guid.NewGuid(), organisation.Id, "https://hooks.example.com/bench", "Bench receiver",
            [WebhookEventTypes.ComplaintFiled, WebhookEventTypes.DeadlineCreated], secrets.Protect(WebhookEndpoint.NewSecret()), admin.Id, now);
        db.AddRange(organisation, account, promotion, key, endpoint);
        await db.SaveChangesAsync();
        return (secret, "AD-BENCH-001A", endpoint.Id);
    }

    private static async Task FileAsync(HttpClient http, string adId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints")
        {
            Content = JsonContent.Create(new
            {
                type = "IntellectualProperty",
                category = "BrandImpersonation",
                campaignOrAdId = adId,
                name = "Rita Rights",
                email = "legal@brand.example",
                organisation = "Brand Ltd",
                role = "RightsHolder",
                rightConcerned = "EU trademark 018123456",
                description = "The ad shows our registered logo on goods that are not ours.",
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Intake answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>What one intake wrote, table by table, found from the template complaint.</summary>
    private static async Task<string> RowsAsync(BenchDatabase bench, Guid template)
    {
        var counts = new List<string>();
        foreach (var (table, where) in new[]
        {
            ("ace_complaints", $"id = '{template}'"),
            ("ace_complaint_events", $"complaint_id = '{template}'"),
            ("ace_deadlines", $"complaint_id = '{template}'"),
            ("queue_items", $"case_id = '{template}'"),
            ("api_idempotency_keys", $"resource_id = '{template}'"),
            ("webhook_events", $"payload->'data'->>'complaintId' = '{template}'"),
            ("webhook_deliveries", $"event_id IN (SELECT id FROM webhook_events WHERE payload->'data'->>'complaintId' = '{template}')"),
        })
        {
            counts.Add($"{table} {await bench.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {where}")}");
        }

        return string.Join(", ", counts) + " (and the queue-count delta its trigger appends)";
    }

    /// <summary>
    /// One complaint's rows copied from the template with new ids (column lists read from the catalogue, so every column
    /// the app writes is written): the complaint, its timeline entry, its deadlines, its queue row, the idempotency record,
    /// its webhook events and their deliveries.
    /// </summary>
    private static async Task<string> CopyStatementsAsync(BenchDatabase bench, Guid template, Guid endpointId)
    {
        await using var connection = new NpgsqlConnection(bench.ConnectionString);
        await connection.OpenAsync();
        async Task<string> CopyAsync(string table, string where, Dictionary<string, string> replace)
        {
            var columns = new List<string>();
            await using var command = new NpgsqlCommand(
                "SELECT column_name FROM information_schema.columns WHERE table_name = @t AND is_identity = 'NO' AND is_generated = 'NEVER' ORDER BY ordinal_position", connection);
            command.Parameters.AddWithValue("t", table);
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    columns.Add(reader.GetString(0));
                }
            }

            return $"INSERT INTO {table} ({string.Join(", ", columns)}) SELECT {string.Join(", ", columns.Select(c => replace.GetValueOrDefault(c, c)))} FROM {table} WHERE {where};";
        }

        var t = $"'{template}'";

        // The template's events, by id: the copies carry the same payload, so matching on it would copy the copies too.
        var events = new List<Guid>();
        await using (var find = new NpgsqlCommand($"SELECT id FROM webhook_events WHERE payload->'data'->>'complaintId' = {t}", connection))
        await using (var reader = await find.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                events.Add(reader.GetGuid(0));
            }
        }

        var eventIds = string.Join(", ", events.Select(e => $"'{e}'"));
        return string.Join('\n',
            await CopyAsync("ace_complaints", $"id = {t}", new() { ["id"] = "@id", ["number"] = "nextval('ace_complaint_number_seq')", ["tracking_token_hash"] = "@token" }),
            await CopyAsync("ace_complaint_events", $"complaint_id = {t}", new() { ["id"] = "gen_random_uuid()", ["complaint_id"] = "@id" }),
            await CopyAsync("ace_deadlines", $"complaint_id = {t}", new() { ["id"] = "gen_random_uuid()", ["complaint_id"] = "@id" }),
            await CopyAsync("queue_items", $"case_id = {t}", new() { ["case_id"] = "@id" }),
            await CopyAsync("api_idempotency_keys", $"resource_id = {t}", new() { ["key"] = "@token", ["resource_id"] = "@id" }),
            $"""
            WITH source AS (SELECT gen_random_uuid() AS new_id, type, organisation_id, occurred_at, payload FROM webhook_events WHERE id IN ({eventIds})),
                 events AS (INSERT INTO webhook_events (id, type, organisation_id, occurred_at, payload) SELECT new_id, type, organisation_id, occurred_at, payload FROM source RETURNING id)
            INSERT INTO webhook_deliveries (id, event_id, endpoint_id, created_at, next_attempt_at, attempt_count)
            SELECT gen_random_uuid(), id, '{endpointId}', now(), now(), 0 FROM events;
            """);
    }

    private static async Task InsertDirectlyAsync(BenchDatabase bench, string sql)
    {
        await using var connection = new NpgsqlConnection(bench.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("token", Guid.NewGuid().ToString("N"));
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Runs <paramref name="count"/> operations on <paramref name="workers"/> concurrent loops; the wall time and each one's latency in ms.</summary>
    private static async Task<(double Seconds, List<double> Latencies)> RunConcurrentlyAsync(int count, int workers, Func<int, Task> operation)
    {
        var next = -1;
        var latencies = new List<double>[workers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            latencies[w] = [];
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[w].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        return (clock.Elapsed.TotalSeconds, latencies.SelectMany(l => l).ToList());
    }
}
