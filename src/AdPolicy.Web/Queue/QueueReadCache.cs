using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Queue;

/// <summary>
/// What the queue page reads on every view but rarely changes (issue 17): the "give to" list of staff and each member
/// of staff's saved views, kept per instance for <see cref="ReadCacheOptions.Seconds"/>. On this instance a change shows
/// on the next view: any save that touches users, roles or role memberships (<see cref="StaffChangeInterceptor"/>, so
/// Identity's own writes count) and saving or deleting a view bump a generation number, and a copy read under an older
/// number is read again. On another instance a change shows within <see cref="ReadCacheOptions.Seconds"/>. Only what
/// is shown is cached: giving a case to someone still checks the database.
/// </summary>
public sealed class QueueReadCache(WallClock clock, IOptions<ReadCacheOptions> options)
{
    private readonly ConcurrentDictionary<Guid, Entry<IReadOnlyList<SavedView>>> _views = new();
    private Entry<IReadOnlyList<StaffMember>>? _staff;
    private long _staffGeneration;
    private long _viewsGeneration;

    private sealed record Entry<T>(T Value, DateTimeOffset FreshUntil, long Generation);

    /// <summary>Staff who can be given a case (<see cref="StaffDirectory.ListAsync"/>), for display.</summary>
    public async Task<IReadOnlyList<StaffMember>> StaffAsync(AppDbContext db)
    {
        var now = clock.GetUtcNow();
        var generation = Volatile.Read(ref _staffGeneration); // before the read, so a change meanwhile is noticed
        if (Volatile.Read(ref _staff) is { } cached && cached.Generation == generation && cached.FreshUntil > now)
        {
            return cached.Value;
        }

        var staff = await StaffDirectory.ListAsync(db);
        Volatile.Write(ref _staff, new Entry<IReadOnlyList<StaffMember>>(staff, now.AddSeconds(options.Value.Seconds), generation));
        return staff;
    }

    /// <summary>The saved views of <paramref name="userId"/>, by name.</summary>
    public async Task<IReadOnlyList<SavedView>> SavedViewsAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var generation = Volatile.Read(ref _viewsGeneration);
        if (_views.TryGetValue(userId, out var cached) && cached.Generation == generation && cached.FreshUntil > now)
        {
            return cached.Value;
        }

        var views = await db.SavedViews.AsNoTracking().Where(v => v.UserId == userId).OrderBy(v => v.Name).ToListAsync(cancellationToken);
        _views[userId] = new Entry<IReadOnlyList<SavedView>>(views, now.AddSeconds(options.Value.Seconds), generation);
        return views;
    }

    /// <summary>Users, roles or memberships changed (after the save): the list is read again on the next view.</summary>
    public void StaffChanged() => Interlocked.Increment(ref _staffGeneration);

    /// <summary>Someone's saved views changed (after the save).</summary>
    public void SavedViewsChanged(Guid userId)
    {
        Interlocked.Increment(ref _viewsGeneration);
        _views.TryRemove(userId, out _);
    }
}

/// <summary>How long an instance keeps reads that rarely change (section "ReadCache").</summary>
public sealed class ReadCacheOptions
{
    public const string Section = "ReadCache";

    /// <summary>Seconds a copy is kept; a change made on another instance shows here at most this much later (0: no copy).</summary>
    [Range(0, 300)]
    public int Seconds { get; set; } = 30;
}

/// <summary>Tells <see cref="QueueReadCache"/> when a save changed users, roles or role memberships, once the save is done.</summary>
public sealed class StaffChangeInterceptor(QueueReadCache cache) : SaveChangesInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _touched = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Done(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Done(eventData.Context);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Done(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Done(eventData.Context);

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e => e.State != EntityState.Unchanged
                && e.Entity is AppUser or IdentityRole<Guid> or IdentityUserRole<Guid>))
        {
            _touched.AddOrUpdate(context, context);
            cache.StaffChanged();
        }
    }

    private void Done(DbContext? context)
    {
        if (context is not null && _touched.Remove(context))
        {
            cache.StaffChanged();
        }
    }
}
