using Microsoft.AspNetCore.DataProtection;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// When background work takes its first pass: once the host has started (Kestrel listens) and a short pause after it
/// (issue 17). Before this, the sweeps', outbox's and webhooks' first passes and DataProtection's key-ring read ran while
/// the host was starting, on the same two cores as the start itself and the first requests. Later passes keep their own
/// intervals; a wake-up (the demo clock) asked for before the first pass is kept.
/// </summary>
public sealed class AfterStart(IHostApplicationLifetime lifetime, IConfiguration configuration)
{
    /// <summary>The pause after the host has started, in milliseconds (default 1000; 0 starts at once).</summary>
    public const string DelaySetting = "Background:FirstPassDelayMilliseconds";

    private readonly TimeSpan _delay = TimeSpan.FromMilliseconds(Math.Clamp(configuration.GetValue(DelaySetting, 1000), 0, 60_000));

    /// <summary>Waits until the host has started and the pause is over; false when the host stops first.</summary>
    public async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            await Task.Delay(_delay, stoppingToken); // real time, whatever clock the app is given: this is about start-up
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

/// <summary>
/// DataProtection's key ring (stored in the database) is read after the host has started, not while it starts:
/// ASP.NET Core's own hosted service read it on the start path with the process's first EF query. Sign-in cookies and
/// antiforgery tokens need it; a request that comes before this warm-up reads it itself, as the key ring always allows.
/// </summary>
public sealed partial class KeyRingWarmUp(AfterStart afterStart, IDataProtectionProvider protection, ILogger<KeyRingWarmUp> logger) : BackgroundService
{
    /// <summary>Swaps ASP.NET Core's start-path key-ring read for this one; call after AddDataProtection.</summary>
    public static void ReplaceStartPathRead(IServiceCollection services)
    {
        var startPath = services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList();
        foreach (var descriptor in startPath)
        {
            services.Remove(descriptor);
        }

        services.AddHostedService<KeyRingWarmUp>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await afterStart.WaitAsync(stoppingToken))
        {
            return;
        }

        try
        {
            // Protecting reads the key ring (creating the first key if there is none) and keeps it cached.
            protection.CreateProtector("AdPolicy.KeyRingWarmUp").Protect([0]);
        }
#pragma warning disable CA1031 // As ASP.NET Core's own start-up read: a failure is logged; the first request that needs the keys tries again.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            LogFailed(logger, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the DataProtection key ring after start failed; the first request that needs it reads it again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
