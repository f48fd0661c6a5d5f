using System.Diagnostics;
using System.Globalization;
using System.Net;
using AdPolicy.Web.Data;

namespace AdPolicy.Benchmarks;

/// <summary>
/// Start-up to ready: the web app started as its own process (dotnet AdPolicy.Web.dll, Production, on a database that is
/// already migrated, as on every restart) until /health/ready answers 200, and until /health/live does (the host is up);
/// the median of several starts against the 1 s target.
/// </summary>
public static class StartupBenchmark
{
    public static async Task RunAsync(int starts)
    {
        Console.WriteLine($"Start-up benchmark: {starts} starts");
        await using var bench = await BenchDatabase.CreateAsync("adpolicy_bench_startup");
        var app = Path.Combine(AppContext.BaseDirectory, "AdPolicy.Web.dll");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var live = new List<double>();
        var ready = new List<double>();
        for (var i = 0; i < starts + 1; i++)
        {
            var port = PostgresCluster.FreePort();
            var start = new ProcessStartInfo("dotnet", [app]) { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["ConnectionStrings__AdPolicy"] = bench.ConnectionString;
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
                        break;
                    }

                    await Task.Delay(10);
                }
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            if (i > 0) // the first start warms the disk cache
            {
                ready.Add(clock.Elapsed.TotalMilliseconds);
                live.Add(liveAt!.Value);
            }
        }

        live.Sort();
        ready.Sort();
        Console.WriteLine();
        Console.WriteLine("| start-up | median ms | max ms |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| process start → /health/live 200 | {Measure.Ms(live[live.Count / 2])} | {Measure.Ms(live[^1])} |");
        Console.WriteLine($"| process start → /health/ready 200 | {Measure.Ms(ready[ready.Count / 2])} | {Measure.Ms(ready[^1])} |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: startup.ready ratio={1000 / ready[ready.Count / 2]:0.000}"));
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
