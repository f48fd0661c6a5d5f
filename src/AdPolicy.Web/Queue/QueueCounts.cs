using AdPolicy.Domain.Evidence;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Queue;

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

/// <summary>
/// Folds the accumulated deltas into the totals (safe from several instances at once): the queue's counts and the
/// desk dashboard's roll-ups (both are exact before folding too: readers add the unfolded deltas).
/// </summary>
public sealed class QueueCountFolder(AppDbContext db) : ISweep
{
    public string Name => "queue-counts";

    public static async Task<int> FoldAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<int>("SELECT fold_queue_count_deltas() + fold_desk_figure_deltas() AS \"Value\"").SingleAsync(cancellationToken);

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var folded = await FoldAsync(db, cancellationToken);
        return new SweepResult(folded, folded, 0);
    }
}
