using AdPolicy.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Infrastructure;

/// <summary>For races made deterministic: a test holds a row, lets saves queue behind it, then releases it.</summary>
public static class DatabaseLocks
{
    /// <summary>
    /// Holds a case's row (<paramref name="lockCase"/>: its <c>SELECT … FOR UPDATE</c>) so that both requests queue
    /// behind it, each made on the case as its sender read it: <paramref name="first"/>'s save first, then
    /// <paramref name="second"/>'s. Released, the first goes through and the second finds the case changed.
    /// </summary>
    public static async Task<(PageResult First, PageResult Second)> BothQueuedBehindAsync(
        this AppFactory app, FormattableString lockCase, Func<Task<PageResult>> first, Func<Task<PageResult>> second)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = app.Scope();
        var holder = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var hold = await holder.Database.BeginTransactionAsync(ct);
        await holder.Database.ExecuteSqlAsync(lockCase, ct);
        var firstAnswer = first();
        await app.WaitingForLocksAsync(1);
        var secondAnswer = second();
        await app.WaitingForLocksAsync(2);
        await hold.RollbackAsync(ct);
        return (await firstAnswer, await secondAnswer);
    }

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
