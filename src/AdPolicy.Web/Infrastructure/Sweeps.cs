using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Infrastructure;

/// <summary>What one run of a sweep did.</summary>
public sealed record SweepResult(int Due, int Done, int Failed)
{
    public static readonly SweepResult Nothing = new(0, 0, 0);
}

/// <summary>
/// Periodic work that must happen whether or not anyone is looking: folding counters, response reminders, the ACE
/// deadlines. Every sweep is safe to run from any number of instances at once (each claims its rows with
/// FOR UPDATE SKIP LOCKED or an equivalent), and reads time only through TimeProvider.
/// </summary>
public interface ISweep
{
    string Name { get; }

    Task<SweepResult> RunAsync(CancellationToken cancellationToken);
}

public sealed class SweepOptions
{
    public const string Section = "Sweeps";

    public bool Enabled { get; set; } = true;

    [System.ComponentModel.DataAnnotations.Range(1, 3600, ErrorMessage = "Sweeps:IntervalSeconds must be between 1 and 3600 seconds.")]
    public int IntervalSeconds { get; set; } = 15;
}

/// <summary>The state of each sweep in this instance, for the ready check and the admin.</summary>
public sealed class SweepStatus
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Entry> Entries => _entries;

    public void Succeeded(string name, SweepResult result, DateTimeOffset at, TimeSpan took) =>
        _entries[name] = new Entry(at, result, took, _entries.TryGetValue(name, out var e) ? e.LastError : null);

    public void Failed(string name, string error) =>
        _entries.AddOrUpdate(name, _ => new Entry(null, null, TimeSpan.Zero, error), (_, e) => e with { LastError = error });

    public sealed record Entry(DateTimeOffset? LastSuccessAt, SweepResult? LastResult, TimeSpan LastDuration, string? LastError);
}

/// <summary>Runs every registered sweep each interval, each in its own scope; one failing sweep does not stop the others.</summary>
public sealed partial class SweepService(
    IServiceScopeFactory scopes,
    IOptions<SweepOptions> options,
    SweepStatus status,
    AdPolicyMetrics metrics,
    TimeProvider clock,
    AfterStart afterStart,
    ILogger<SweepService> logger) : BackgroundService
{
    private readonly Wakeup _wake = new();

    /// <summary>Asks for a sweep now (the demo clock does, after moving time).</summary>
    public void WakeUp() => _wake.Release();

    /// <summary>Runs every sweep once, in order; returns each one's result.</summary>
    public async Task<IReadOnlyDictionary<string, SweepResult>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, SweepResult>(StringComparer.Ordinal);
        await using var scope = scopes.CreateAsyncScope();
        foreach (var sweep in scope.ServiceProvider.GetServices<ISweep>())
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await using var sweepScope = scopes.CreateAsyncScope();
                var own = sweepScope.ServiceProvider.GetServices<ISweep>().First(s => s.Name == sweep.Name);
                var result = await own.RunAsync(cancellationToken);
                var took = Stopwatch.GetElapsedTime(started);
                status.Succeeded(sweep.Name, result, clock.GetUtcNow(), took);
                metrics.SweepRan(sweep.Name, result);
                results[sweep.Name] = result;
                if (result.Due > 0 || result.Failed > 0)
                {
                    LogSweep(logger, sweep.Name, result.Due, result.Done, result.Failed, took.TotalMilliseconds);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                status.Failed(sweep.Name, e.GetType().Name);
                LogSweepFailed(logger, sweep.Name, e);
            }
        }

        return results;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || !await afterStart.WaitAsync(stoppingToken))
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken);
            if (!await _wake.WaitAsync(interval, stoppingToken))
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep}: {Due} due, {Done} done, {Failed} failed in {ElapsedMs:0} ms")]
    private static partial void LogSweep(ILogger logger, string sweep, int due, int done, int failed, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweep {Sweep} failed; it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, string sweep, Exception exception);
}

/// <summary>The pause between passes of a background loop: the interval, or less when a pass is asked for now.</summary>
public sealed class Wakeup : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Release() => _signal.Release();

    /// <summary>Waits for the interval or a wake-up; false when the host is stopping.</summary>
    public async Task<bool> WaitAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            await _signal.WaitAsync(interval, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _signal.Dispose();
}

/// <summary>Ready only when every sweep that has run here succeeded recently (and says when it last did).</summary>
public sealed class SweepHealthCheck(SweepStatus status, IOptions<SweepOptions> options, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = status.Entries.ToDictionary(e => e.Key, e => (object)(e.Value.LastSuccessAt?.ToString("O") ?? "never"));
        if (!options.Value.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Sweeps are switched off in this instance.", data));
        }

        var stale = clock.GetUtcNow() - TimeSpan.FromSeconds(Math.Max(60, options.Value.IntervalSeconds * 10));
        var failing = status.Entries.Where(e => e.Value.LastSuccessAt is null || e.Value.LastSuccessAt < stale).Select(e => e.Key).ToList();
        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy("Sweeps are running.", data)
            : HealthCheckResult.Degraded($"No recent successful run of: {string.Join(", ", failing)}.", data: data));
    }
}
