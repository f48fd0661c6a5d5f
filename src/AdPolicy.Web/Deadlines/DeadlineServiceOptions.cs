namespace AdPolicy.Web.Deadlines;

/// <summary>How the deadline service works through due work (configuration section "DeadlineService").</summary>
public sealed class DeadlineServiceOptions
{
    /// <summary>Deadlines claimed per transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Batches one sweep may run before it yields to the other sweeps.</summary>
    public int MaxBatchesPerSweep { get; set; } = 50;
}
