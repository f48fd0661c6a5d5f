using System.Buffers;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime;
using System.Text.RegularExpressions;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AdPolicy.Benchmarks;

/// <summary>
/// What the page benchmarks share: a user signed in through /Account/Login on the real app, the statements one page view
/// sends (EF's command events), their replay through Npgsql on connections held open, and the page measured beside that
/// replay (latency at one connection, interleaved; throughput at 16, in alternating rounds).
/// </summary>
public static partial class PageBench
{
    public const string Password = "Bench-pass-2026!";

    public const int Connections = 16;

    public sealed record Statement(string Text, NpgsqlParameter[] Parameters);

    /// <summary>p50 and p95 of the page and of its baseline in ms (interleaved pairs at one connection), and each one's rate at 16 connections.</summary>
    public sealed record Comparison(int Views, double P50, double P95, double SqlP50, double SqlP95, double Rate, double SqlRate)
    {
        public double LatencyRatio => SqlP50 / P50;

        public double LatencyP95Ratio => SqlP95 / P95;

        public double ThroughputRatio => Rate / SqlRate;
    }

    /// <summary>The machine's load average (1, 5, 15 minutes), to print beside every figure.</summary>
    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>
    /// A client signed in as <paramref name="email"/>, up to <see cref="Connections"/> connections, redirects not followed.
    /// It shares the 2 cores with the server and the database, so it is kept cheap: it sends the sign-in's cookies
    /// (session and antiforgery) as one fixed header, without a cookie container to consult and update on every request.
    /// </summary>
    public static async Task<HttpClient> SignedInClientAsync(WebApplication app, string email)
    {
        var address = new Uri(Address(app));
        var cookies = new CookieContainer();
        using (var signing = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = address })
        {
            await SignInAsync(signing, email);
        }

        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections, AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
        http.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(address));
        return http;
    }

    /// <summary>The body of a 200 answer, as bytes (decoding it to a string would only cost the shared CPU).</summary>
    public static async Task<byte[]> GetBytesAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode} {response.Headers.Location}");
        }

        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// One page view as a load generator makes it, as cheaply as pgbench reads its rows: the whole body is received and
    /// counted, straight into a pooled buffer (HttpClient's buffered read took the body 4 KB per system call and
    /// copied it twice, on the cores the server and the database share). Returns the body's length.
    /// </summary>
    public static async Task<int> ViewAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode} {response.Headers.Location}");
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            int read, total = 0;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Where a view's time goes, coarsely: the same client and pipeline on an endpoint that does nothing, without and
    /// with the session cookie, against the whole page (p50 at one connection).
    /// </summary>
    public static async Task PrintFloorAsync(HttpClient http, string path)
    {
        using var anonymous = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = http.BaseAddress };
        var (bare, _) = await Measure.TimeAsync(() => GetBytesAsync(anonymous, "/health/live"), 300);
        var (cookie, _) = await Measure.TimeAsync(() => GetBytesAsync(http, "/health/live"), 300);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (view, _) = await Measure.TimeAsync(() => GetBytesAsync(http, path), 100);
        var perView = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / 103; // 3 warm-ups + 100
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Floor, p50 at one connection: GET /health/live {Measure.Ms(bare)} ms without a cookie, {Measure.Ms(cookie)} ms with the session cookie; {path} {Measure.Ms(view)} ms."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU of this process per view, one connection (server and client; the database's is not in it): {perView:0.00} ms."));
    }

    /// <summary>A user (their id) with <see cref="Password"/> in <paramref name="role"/> (of <paramref name="organisationId"/>, for an advertiser), created through UserManager.</summary>
    public static async Task<Guid> CreateUserAsync(IServiceProvider services, string email, string role, Guid? organisationId = null)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() });
        }

        var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Bench " + role, OrganisationId = organisationId };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        return user.Id;
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

    /// <summary>The page's HTML; anything but 200 stops the benchmark.</summary>
    public static async Task<string> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode} {response.Headers.Location}");
        }

        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// The commands EF executes while <paramref name="work"/> runs, with copies of their parameters. The unread badge,
    /// which each instance keeps in memory for a few seconds (<see cref="UnreadBadge"/>), is read from the database in
    /// the captured view, so the baseline replays its statement on every view while the page mostly serves it from memory
    /// (<paramref name="cold"/> false: the view as it is served in the seconds after).
    /// </summary>
    public static async Task<List<Statement>> CaptureAsync(WebApplication app, Func<Task> work, bool cold = true)
    {
        if (cold)
        {
            app.Services.GetRequiredService<UnreadBadge>().ChangedForEveryone();
        }

        var captured = new List<Statement>();
        using var listener = new CommandListener(captured);
        using (DiagnosticListener.AllListeners.Subscribe(listener))
        {
            // EF remembers for a moment whether anyone listens, per context, and contexts are pooled: wait that moment out.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await work();
        }

        lock (captured)
        {
            return [.. captured];
        }
    }

    /// <summary>Prints the statements of one view, the ones the baseline replays marked *.</summary>
    public static void Print(IReadOnlyList<Statement> all, Func<Statement, bool> needed)
    {
        foreach (var statement in all)
        {
            Console.WriteLine($"  {(needed(statement) ? "*" : " ")} {OneLine(statement.Text)}");
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

    /// <summary>Prints each statement's plan (EXPLAIN ANALYZE, BUFFERS), indented.</summary>
    public static async Task ExplainAsync(NpgsqlConnection connection, IReadOnlyList<Statement> statements)
    {
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement.Text, connection);
            foreach (var parameter in statement.Parameters)
            {
                command.Parameters.Add(parameter.Clone());
            }

            Console.WriteLine($"    {OneLine(statement.Text)}");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine("      " + reader.GetString(0));
            }
        }
    }

    /// <summary><see cref="Connections"/> connections held open, as pgbench holds them.</summary>
    public static async Task<NpgsqlConnection[]> OpenAsync(NpgsqlDataSource source)
    {
        var connections = new NpgsqlConnection[Connections];
        for (var i = 0; i < connections.Length; i++)
        {
            connections[i] = await source.OpenConnectionAsync();
        }

        return connections;
    }

    /// <summary>
    /// Warm-up (30 pairs, page rounds at 16 connections until the JIT is quiet, a round of the baseline), throughput at 16 (three rounds of
    /// <paramref name="seconds"/> of pages then of the baseline), then latency at one connection: page and baseline
    /// interleaved for 2 × <paramref name="seconds"/> (at least 100 pairs).
    /// </summary>
    public static async Task<Comparison> CompareAsync(Func<Task> page, Func<int, Task> baseline, int seconds)
    {
        // Latency is measured last, once the runtime has finished tiering the code up, as on a server that has been
        // running: measured straight after 30 warm-up pairs, the page was 11.7 ms p50 where it was 6.9 ms a minute later.
        for (var i = 0; i < 30; i++)
        {
            await page();
            await baseline(0);
        }

        await WarmUpAsync(page);
        await ForAsync(Connections, seconds, baseline);

        double pageCount = 0, pageSeconds = 0, sqlCount = 0, sqlSeconds = 0;
        CpuTime pageCpu = default, sqlCpu = default;
        long pageGcs = 0, sqlGcs = 0, pageBytes = 0, sqlBytes = 0, pageJit = 0, sqlJit = 0;
        for (var round = 0; round < 3; round++)
        {
            var jit = JitInfo.GetCompiledMethodCount();
            var before = CpuTime.Now();
            var gcs = GC.CollectionCount(0);
            var bytes = GC.GetTotalAllocatedBytes();
            var (n, s) = await ForAsync(Connections, seconds, _ => page());
            (pageCount, pageSeconds) = (pageCount + n, pageSeconds + s);
            var between = CpuTime.Now();
            var gcsBetween = GC.CollectionCount(0);
            var bytesBetween = GC.GetTotalAllocatedBytes();
            var jitBetween = JitInfo.GetCompiledMethodCount();
            (n, s) = await ForAsync(Connections, seconds, baseline);
            (sqlCount, sqlSeconds) = (sqlCount + n, sqlSeconds + s);
            pageCpu += between - before;
            sqlCpu += CpuTime.Now() - between;
            pageGcs += gcsBetween - gcs;
            sqlGcs += GC.CollectionCount(0) - gcsBetween;
            pageBytes += bytesBetween - bytes;
            sqlBytes += GC.GetTotalAllocatedBytes() - bytesBetween;
            pageJit += jitBetween - jit;
            sqlJit += JitInfo.GetCompiledMethodCount() - jitBetween;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Garbage collections (gen0 and up) per 1,000 views at {Connections} connections: page {1000.0 * pageGcs / pageCount:0.0}, baseline {1000.0 * sqlGcs / sqlCount:0.0}; allocated per view: page {pageBytes / pageCount / 1024:0} KB, baseline {sqlBytes / sqlCount / 1024:0.0} KB (server GC: {GCSettings.IsServerGC}; gen0 budget {AppContext.GetData("GCgen0size") ?? "default"}); methods compiled during the rounds: page {pageJit:N0}, baseline {sqlJit:N0}"));

        // CPU time per view is what the throughput at 16 connections is made of on a CPU-bound machine, and unlike the
        // rates it hardly moves when other work shares the cores, so it is printed beside them.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU per view at {Connections} connections: page {pageCpu.PerView(pageCount)}; baseline {sqlCpu.PerView(sqlCount)}; ratio {(sqlCpu.Total / sqlCount) / (pageCpu.Total / pageCount):0.000} (baseline ÷ page); cores busy: page {pageCpu.Total / pageSeconds / 1000:0.00}, baseline {sqlCpu.Total / sqlSeconds / 1000:0.00}"));

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

        return new Comparison(
            pageTimes.Count,
            Percentile(pageTimes, 0.5),
            Percentile(pageTimes, 0.95),
            Percentile(sqlTimes, 0.5),
            Percentile(sqlTimes, 0.95),
            pageCount / pageSeconds,
            sqlCount / sqlSeconds);
    }

    /// <summary>
    /// Page views at 16 connections in rounds of 2 s until the runtime has stopped compiling, as on a server that has
    /// been running for a while: three rounds in a row with fewer than 10 methods compiled each (tier-ups included), at
    /// most 150 s. The tiered JIT was still compiling the page's code 20 s into the run, taking 11–13 % of the CPU from
    /// the page's rounds while the baseline's code (Npgsql alone) was long optimised; and it compiles in bursts (the
    /// queue page: 48, 49, 336, 922, 6 methods in five rounds), so one quiet round ended the warm-up with 2,500 methods
    /// still to compile, the tiering thread busy through the measured rounds.
    /// </summary>
    public static async Task WarmUpAsync(Func<Task> page)
    {
        const int QuietRounds = 3;
        var clock = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var started = compiled;
        var quiet = 0;
        while (quiet < QuietRounds && clock.Elapsed.TotalSeconds < 150)
        {
            await ForAsync(Connections, 2, _ => page());
            var now = JitInfo.GetCompiledMethodCount();
            quiet = now - compiled < 10 ? quiet + 1 : 0;
            compiled = now;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Warm-up at {Connections} connections: {clock.Elapsed.TotalSeconds:0} s, {compiled - started:N0} methods compiled, {(quiet == QuietRounds ? $"the last {QuietRounds} rounds quiet" : "still compiling")}."));
    }

    /// <summary>
    /// CPU time in ms of this process (the app and its client) and of the benchmark's own PostgreSQL (the postmaster's
    /// children, read from /proc; zero on an external server, ADPOLICY_BENCH_POSTGRES, or off Linux).
    /// </summary>
    public readonly record struct CpuTime(double Process, double Database)
    {
        public double Total => Process + Database;

        public static CpuTime operator +(CpuTime a, CpuTime b) => new(a.Process + b.Process, a.Database + b.Database);

        public static CpuTime operator -(CpuTime a, CpuTime b) => new(a.Process - b.Process, a.Database - b.Database);

        public static CpuTime Now() => new(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds, DatabaseMilliseconds());

        public string PerView(double views) => string.Create(CultureInfo.InvariantCulture,
            $"{Total / views:0.000} ms (this process {Process / views:0.000}, PostgreSQL {Database / views:0.000})");

        private static double DatabaseMilliseconds()
        {
            if (!OperatingSystem.IsLinux())
            {
                return 0;
            }

            var marker = $"adpolicy-bench-{Environment.ProcessId}";
            var stats = new List<(int Pid, int Parent, long Ticks)>();
            var postmaster = -1;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    continue;
                }

                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (!stat.Contains("(postgres)", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    // fields[0] is the state (field 3); the parent is field 4, utime and stime fields 14 and 15.
                    stats.Add((pid, int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)));
                    if (postmaster < 0 && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal))
                    {
                        postmaster = pid;
                    }
                }
                catch (IOException)
                {
                    // The process ended while being read.
                }
            }

            return stats.Where(s => s.Pid == postmaster || s.Parent == postmaster).Sum(s => s.Ticks) * 10.0; // 100 ticks a second
        }
    }

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

    /// <summary>The `bench:` lines of one page: latency (p50), latency-p95 and throughput, each as a speed against the baseline.</summary>
    public static void PrintRatios(string name, Comparison c)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: {name}.latency ratio={c.LatencyRatio:0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: {name}.latency-p95 ratio={c.LatencyP95Ratio:0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: {name}.throughput ratio={c.ThroughputRatio:0.000}"));
    }

    public static string OneLine(string sql)
    {
        var line = Whitespace().Replace(sql, " ").Trim();
        return line.Length > 160 ? line[..160] + " …" : line;
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * p) - 1)];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

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
