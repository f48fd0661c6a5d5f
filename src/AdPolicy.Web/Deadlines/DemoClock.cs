using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Deadlines;

/// <summary>The one saved offset of the demo clock (a single row), so every instance shows the same time.</summary>
public sealed class DemoClockOffset
{
    public int Id { get; set; } = 1;

    public long OffsetSeconds { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public string ChangedBy { get; set; } = string.Empty;
}

/// <summary>
/// The app's clock when a demonstration needs time to pass quickly: the real time plus an offset an admin moves
/// forward. Only registered when DemoClock:Enabled is true (Development); everywhere else the app uses the system
/// clock and the controls refuse. Every page, sweep and rule reads this same TimeProvider.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void SetOffset(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);

    /// <summary>Moves the shared clock forward by <paramref name="by"/> (never back) and returns the new offset.</summary>
    public async Task<TimeSpan> AdvanceAsync(AppDbContext db, TimeSpan by, string who, CancellationToken cancellationToken)
    {
        if (by <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "The demo clock only moves forward.");
        }

        var seconds = (long)Math.Ceiling(by.TotalSeconds);
        var now = System.GetUtcNow();
        var offset = await db.Database.SqlQuery<long>($"""
            INSERT INTO demo_clock_offsets (id, offset_seconds, changed_at, changed_by) VALUES (1, {seconds}, {now}, {who})
            ON CONFLICT (id) DO UPDATE SET offset_seconds = demo_clock_offsets.offset_seconds + {seconds}, changed_at = {now}, changed_by = {who}
            RETURNING offset_seconds AS "Value"
            """).ToListAsync(cancellationToken);
        SetOffset(TimeSpan.FromSeconds(offset.Single()));
        return Offset;
    }

    public async Task RefreshAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var saved = await db.DemoClockOffsets.AsNoTracking().Select(o => (long?)o.OffsetSeconds).FirstOrDefaultAsync(cancellationToken);
        SetOffset(TimeSpan.FromSeconds(saved ?? 0));
    }
}

/// <summary>Keeps this instance's demo clock in step with the offset another instance may have moved.</summary>
public sealed class DemoClockSync(AppDbContext db, DemoClock clock) : ISweep
{
    public string Name => "demo-clock";

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        await clock.RefreshAsync(db, cancellationToken);
        return SweepResult.Nothing;
    }
}
