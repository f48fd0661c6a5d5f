using System.Diagnostics;
using System.Globalization;

namespace AdPolicy.Benchmarks;

public static class Measure
{
    /// <summary>Runs <paramref name="work"/> a few times to warm up, then <paramref name="runs"/> times; returns the median and p95 in ms.</summary>
    public static async Task<(double Median, double P95)> TimeAsync(Func<Task> work, int runs = 25)
    {
        for (var i = 0; i < 3; i++)
        {
            await work();
        }

        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.95) - 1]);
    }

    public static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Resets the kernel's peak-RSS mark of this process to its current RSS (Linux: "5" into clear_refs); returns the RSS in bytes.</summary>
    public static long ResetPeakResident()
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        return Status("VmRSS");
    }

    /// <summary>This process's peak RSS in bytes since the last <see cref="ResetPeakResident"/> (Linux VmHWM).</summary>
    public static long PeakResident() => Status("VmHWM");

    private static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
