using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Identity;

/// <summary>Deletes sessions past their expiry (they are refused anyway; this keeps the table small).</summary>
public sealed class ExpiredSessionSweep(AppDbContext db, SessionTicketStore sessions) : ISweep
{
    public string Name => "expired-sessions";

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = sessions.Clock.GetUtcNow(); // the sessions' own clock: real time under the demo clock
        var deleted = await db.AuthSessions.Where(s => s.ExpiresAt != null && s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        return new SweepResult(deleted, deleted, 0);
    }
}
