using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>For races made deterministic: a test holds a row, lets saves queue behind it, then releases it.</summary>
public static class DatabaseLocks
{
    /// <summary>Waits until this many of the test database's sessions are queued behind a lock.</summary>
    public static async Task WaitingForLocksAsync(this AppFactory app, int sessions)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await app.WithDbAsync(db => db.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
            .SingleAsync()) < sessions)
        {
            Assert.True(DateTime.UtcNow < until, $"{sessions} saves never queued behind the held case.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
