using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Identity;

/// <summary>Deletes sessions past their expiry (they are refused anyway; this keeps the table small).</summary>
public sealed class ExpiredSessionSweep(AppDbContext db, WallClock clock) : ISweep
{
    public string Name => "expired-sessions";

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow(); // sign-in lifetimes' clock: real time under the demo clock
        var deleted = await db.AuthSessions.Where(s => s.ExpiresAt != null && s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        return new SweepResult(deleted, deleted, 0);
    }
}
