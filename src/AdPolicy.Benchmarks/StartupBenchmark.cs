using System.Diagnostics;
using System.Globalization;
using System.Net;
using AdPolicy.Web.Data;

namespace AdPolicy.Benchmarks;

/// <summary>
/// Start-up to ready: the web app started as its own process the way production starts it (scripts/publish.sh, the
/// ReadyToRun build, then dotnet AdPolicy.Web.dll, Production, on a database that is already migrated, as on every
/// restart) until /health/ready answers 200, and until /health/live does (the host is up); the median of several starts
/// against the 1 s target. The plain build (what dotnet run starts, everything JIT-compiled) is started in turn with it
/// for comparison, and each start's CPU time is printed too: on a loaded machine it moves less than the wall clock.
/// </summary>
public static class StartupBenchmark
{
    public static async Task RunAsync(int starts, string? published = null)
    {
        Console.WriteLine($"Start-up benchmark: {starts} starts of each build");
        published ??= Publish();
        await using var bench = await BenchDatabase.CreateAsync("adpolicy_bench_startup");
        (string Name, string Folder)[] builds = [("published (ReadyToRun, scripts/publish.sh)", published), ("plain build (JIT, as dotnet run)", AppContext.BaseDirectory)];
        var results = builds.ToDictionary(b => b.Name, _ => (Live: new List<double>(), Ready: new List<double>(), Cpu: new List<double>()));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < starts + 1; i++)
        {
            foreach (var (name, folder) in builds)
            {
                var (live, ready, cpu) = await StartAsync(http, folder, bench.ConnectionString);
                if (i > 0) // the first start of each warms the disk cache
                {
                    results[name].Live.Add(live);
                    results[name].Ready.Add(ready);
                    results[name].Cpu.Add(cpu);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| start-up | to /health/live, median ms | to /health/ready, median ms | max ms | CPU to ready, median ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, (live, ready, cpu)) in results)
        {
            live.Sort();
            ready.Sort();
            cpu.Sort();
            Console.WriteLine($"| {name} | {Measure.Ms(live[live.Count / 2])} | {Measure.Ms(ready[ready.Count / 2])} | {Measure.Ms(ready[^1])} | {Measure.Ms(cpu[cpu.Count / 2])} |");
        }

        var production = results[builds[0].Name].Ready;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: startup.ready ratio={1000 / production[production.Count / 2]:0.000}"));
    }

    /// <summary>scripts/publish.sh into a folder of its own: the build production runs.</summary>
    private static string Publish()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AdPolicy.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Run the benchmark from the repository (scripts/publish.sh is not found), or name a published folder: startup <starts> <folder>");
        }

        var folder = Path.Combine(Path.GetTempPath(), "adpolicy-bench-publish");
        Console.WriteLine($"Publishing with scripts/publish.sh into {folder}…");
        using var publish = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root.FullName, "scripts", "publish.sh"), folder]) { WorkingDirectory = root.FullName })!;
        publish.WaitForExit();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh failed with {publish.ExitCode}");
        }

        return folder;
    }

    /// <summary>One start until /health/ready answers 200: wall-clock ms to live and to ready, and the process's CPU ms.</summary>
    private static async Task<(double Live, double Ready, double Cpu)> StartAsync(HttpClient http, string folder, string connectionString)
    {
        var port = PostgresCluster.FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "AdPolicy.Web.dll")]) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__AdPolicy"] = connectionString;
        start.Environment["Evidence__Root"] = Path.Combine(Path.GetTempPath(), "adpolicy-bench-evidence");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        double? liveAt = null;
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The app exited with {process.ExitCode} before it was ready");
                }

                if (clock.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new TimeoutException("The app was not ready within 60 s");
                }

                liveAt ??= await OkAsync(http, port, "/health/live") ? clock.Elapsed.TotalMilliseconds : null;
                if (liveAt is not null && await OkAsync(http, port, "/health/ready"))
                {
                    var ready = clock.Elapsed.TotalMilliseconds;
                    process.Refresh();
                    return (liveAt.Value, ready, process.TotalProcessorTime.TotalMilliseconds);
                }

                await Task.Delay(10);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<bool> OkAsync(HttpClient http, int port, string path)
    {
        try
        {
            using var response = await http.GetAsync($"http://127.0.0.1:{port}{path}");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
