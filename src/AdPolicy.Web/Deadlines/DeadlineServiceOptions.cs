using System.ComponentModel.DataAnnotations;

namespace AdPolicy.Web.Deadlines;

/// <summary>How the deadline service works through due work (configuration section "DeadlineService").</summary>
public sealed class DeadlineServiceOptions
{
    public const string Section = "DeadlineService";

    /// <summary>Deadlines claimed per transaction.</summary>
    [Range(1, 10_000, ErrorMessage = "DeadlineService:BatchSize must be between 1 and 10000 deadlines.")]
    public int BatchSize { get; set; } = 100;

    /// <summary>Batches one sweep may run before it yields to the other sweeps.</summary>
    [Range(1, 10_000, ErrorMessage = "DeadlineService:MaxBatchesPerSweep must be between 1 and 10000.")]
    public int MaxBatchesPerSweep { get; set; } = 50;
}
