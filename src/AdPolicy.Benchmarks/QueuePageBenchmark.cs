using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AdPolicy.Web.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AdPolicy.Benchmarks;

/// <summary>
/// The staff queue page over HTTP (real Kestrel, the whole pipeline, a member of staff signed in with a cookie) at N open
/// cases, against the SQL statements the view needs to show what it shows (the page query, the total, the counts, the
/// duplicate counts and the unread badge: captured from EF's own command events during one page view and replayed
/// through Npgsql on one open connection). Latency at one connection and throughput at 16, interleaved.
/// </summary>
public static partial class QueuePageBenchmark
{
    private const string Password = "Bench-pass-2026!";

    public static async Task RunAsync(int cases, int seconds, string query = "")
    {
        Console.WriteLine($"Queue page benchmark: {cases:N0} open cases, /Staff/Queue{query}");
        await using var bench = await BenchDatabase.CreateAsync("adpolicy_bench_queue_page");
        var seeding = Stopwatch.StartNew();
        await QueueBenchmark.SeedAsync(bench, cases);
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0.0} s");

        await using var app = await BenchApp.StartAsync(bench.ConnectionString);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var email = await CreateStaffAsync(app.Services);

        // The client shares the 2 cores with the server and the database, so it is kept cheap: SocketsHttpHandler, the
        // sign-in cookies sent as one fixed header (no cookie container per request), responses read as bytes.
        using var http = await SignedInClientAsync(new Uri(address), email);
        var html = await GetPageAsync(http, query);
        var bytes = html.Length;
        if (Environment.GetEnvironmentVariable("ADPOLICY_BENCH_HTML") is { Length: > 0 } htmlPath)
        {
            await File.WriteAllBytesAsync(htmlPath, html); // to see what a view sends
        }

        // The statements one page view sends, in order (EF's command events; the sweeps are off, nothing else runs).
        var all = await CaptureAsync(() => GetPageAsync(http, query));
        var needed = all.Where(s => Needed(s.Text)).ToList();
        Console.WriteLine();
        Console.WriteLine($"One page view ({bytes:N0} bytes of HTML) sent {all.Count} statements; the baseline replays the {needed.Count} marked *:");
        foreach (var statement in all)
        {
            Console.WriteLine($"  {(Needed(statement.Text) ? "*" : " ")} {OneLine(statement.Text)}");
        }

        await using var source = NpgsqlDataSource.Create(bench.ConnectionString);
        var connections = new NpgsqlConnection[16];
        for (var i = 0; i < connections.Length; i++)
        {
            connections[i] = await source.OpenConnectionAsync();
        }

        try
        {
            Func<Task> page = () => GetPageAsync(http, query);
            Func<int, Task> baseline = w => ReplayAsync(connections[w], needed);

            // Latency, one connection: interleaved pairs (page, then its SQL) after a warm-up.
            for (var i = 0; i < 30; i++)
            {
                await page();
                await baseline(0);
            }

            // Where a view's time goes, coarsely: the same client and pipeline on an endpoint that does nothing (with
            // and without the session cookie), against the whole page.
            using var anonymous = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = http.BaseAddress };
            var (bare, _) = await Measure.TimeAsync(() => GetBytesAsync(anonymous, "/health/live"), 300);
            var (cookie, _) = await Measure.TimeAsync(() => GetBytesAsync(http, "/health/live"), 300);
            var (view, _) = await Measure.TimeAsync(page, 100);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Floor, p50 at one connection: GET /health/live {Measure.Ms(bare)} ms without a cookie, {Measure.Ms(cookie)} ms with the session cookie; the page {Measure.Ms(view)} ms."));

            var pageTimes = new List<double>();
            var sqlTimes = new List<double>();
            var until = Stopwatch.StartNew();
            while (until.Elapsed.TotalSeconds < seconds * 2 || pageTimes.Count < 100)
            {
                pageTimes.Add(await TimeAsync(page));
                sqlTimes.Add(await TimeAsync(() => baseline(0)));
            }

            pageTimes.Sort();
            sqlTimes.Sort();
            var (p50, p95) = (Percentile(pageTimes, 0.5), Percentile(pageTimes, 0.95));
            var (s50, s95) = (Percentile(sqlTimes, 0.5), Percentile(sqlTimes, 0.95));

            // Throughput, 16 connections: alternating rounds of the page and its SQL.
            double pageCount = 0, pageSeconds = 0, sqlCount = 0, sqlSeconds = 0;
            for (var round = 0; round < 3; round++)
            {
                Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] throughput round {round + 1}: page views");
                var (n, s) = await ForAsync(16, seconds, _ => page());
                Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] throughput round {round + 1}: baseline");
                (pageCount, pageSeconds) = (pageCount + n, pageSeconds + s);
                (n, s) = await ForAsync(16, seconds, baseline);
                (sqlCount, sqlSeconds) = (sqlCount + n, sqlSeconds + s);
            }

            var pageRate = pageCount / pageSeconds;
            var sqlRate = sqlCount / sqlSeconds;
            Console.WriteLine();
            Console.WriteLine($"| run | p50 ms | p95 ms | views/s at 16 connections |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| GET /Staff/Queue (signed in, {pageTimes.Count} views) | {Measure.Ms(p50)} | {Measure.Ms(p95)} | {pageRate:0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| baseline: its {needed.Count} statements through Npgsql | {Measure.Ms(s50)} | {Measure.Ms(s95)} | {sqlRate:0} |"));
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: queue-page.latency ratio={s50 / p50:0.000}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: queue-page.latency-p95 ratio={s95 / p95:0.000}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: queue-page.throughput ratio={pageRate / sqlRate:0.000}"));
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

    private static string OneLine(string sql)
    {
        var line = Whitespace().Replace(sql, " ").Trim();
        return line.Length > 160 ? line[..160] + " …" : line;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public static async Task<string> CreateStaffAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        if (!await roles.RoleExistsAsync(Roles.Support))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(Roles.Support) { Id = Guid.NewGuid() });
        }

        var user = new AppUser { Id = Guid.NewGuid(), UserName = "bench-agent@example.com", Email = "bench-agent@example.com", EmailConfirmed = true, DisplayName = "Bench agent" };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, Roles.Support);
        return user.Email;
    }

    public static async Task SignInAsync(HttpClient http, string email)
    {
        using var login = await http.GetAsync("/Account/Login");
        if (login.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The sign-in page answered {(int)login.StatusCode} {login.Headers.Location}");
        }

        var form = await login.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        });
        using var response = await http.PostAsync("/Account/Login", content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode}");
        }
    }

    /// <summary>
    /// A client signed in as <paramref name="email"/> that sends the sign-in's cookies (session and antiforgery) as one
    /// fixed header, without a cookie container to consult and update on every request.
    /// </summary>
    public static async Task<HttpClient> SignedInClientAsync(Uri address, string email)
    {
        var cookies = new CookieContainer();
        using (var signing = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = address })
        {
            await SignInAsync(signing, email);
        }

        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16, AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
        http.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(address));
        return http;
    }

    private static Task<byte[]> GetPageAsync(HttpClient http, string query) => GetBytesAsync(http, "/Staff/Queue" + query);

    /// <summary>The body of a 200 answer, as bytes (decoding it to a string would only cost the shared CPU).</summary>
    public static async Task<byte[]> GetBytesAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
        }

        return await response.Content.ReadAsByteArrayAsync();
    }

    public sealed record Statement(string Text, NpgsqlParameter[] Parameters);

    /// <summary>The commands EF executes while <paramref name="work"/> runs, with copies of their parameters.</summary>
    public static async Task<List<Statement>> CaptureAsync(Func<Task> work)
    {
        var captured = new List<Statement>();
        using var listener = new CommandListener(captured);
        using (DiagnosticListener.AllListeners.Subscribe(listener))
        {
            await work();
        }

        lock (captured)
        {
            return [.. captured];
        }
    }

    public static async Task ReplayAsync(NpgsqlConnection connection, IReadOnlyList<Statement> statements)
    {
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement.Text, connection);
            foreach (var parameter in statement.Parameters)
            {
                command.Parameters.Add(parameter.Clone());
            }

            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * p) - 1)];

    /// <summary>As many operations as <paramref name="workers"/> loops complete in <paramref name="seconds"/>; the count and the wall time.</summary>
    public static async Task<(int Count, double Seconds)> ForAsync(int workers, int seconds, Func<int, Task> operation)
    {
        var count = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                await operation(w);
                Interlocked.Increment(ref count);
            }
        })));
        return (count, clock.Elapsed.TotalSeconds);
    }

    private sealed class CommandListener(List<Statement> captured) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData { Command: DbCommand command })
            {
                var parameters = command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToArray();
                lock (captured)
                {
                    captured.Add(new Statement(command.CommandText, parameters));
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
