using AdPolicy.Domain.Evidence;
using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Triage;

/// <summary>Folded number of open cases per kind and status.</summary>
public sealed class QueueCount
{
    public CaseKind Kind { get; set; }

    public string Status { get; set; } = string.Empty;

    public long Cases { get; set; }
}

/// <summary>
/// A change to the counts written by the statement triggers on queue_items. Appending rows (instead of updating one
/// counter row) means concurrent case changes never wait on, or deadlock over, a shared counter.
/// </summary>
public sealed class QueueCountDelta
{
    public long Id { get; set; }

    public CaseKind Kind { get; set; }

    public string Status { get; set; } = string.Empty;

    public int Delta { get; set; }
}

/// <summary>Folds the accumulated deltas into the totals (safe to run from several instances at once).</summary>
public sealed partial class QueueCountFolder(IServiceScopeFactory scopes, ILogger<QueueCountFolder> logger) : BackgroundService
{
    public static async Task<int> FoldAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<int>("SELECT fold_queue_count_deltas() AS \"Value\"").SingleAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await FoldAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFoldFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding the queue counts failed; the counts stay exact and the next fold retries")]
    private static partial void LogFoldFailed(ILogger logger, Exception exception);
}
