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
/// Identity's own writes count) and saving or deleting a view mark the copy changed (<see cref="InstanceCopies{TKey, TValue}"/>),
/// and it is read again. On another instance a change shows within <see cref="ReadCacheOptions.Seconds"/>. Only what
/// is shown is cached: giving a case to someone still checks the database.
/// </summary>
public sealed class QueueReadCache(WallClock clock, IOptions<ReadCacheOptions> options)
{
    /// <summary>Staff are few, and so are their saved views: no bound beyond them is needed.</summary>
    private readonly InstanceCopies<Guid, IReadOnlyList<SavedView>> _views = new(clock, TimeSpan.FromSeconds(options.Value.Seconds), int.MaxValue);

    /// <summary>One copy, for everyone.</summary>
    private readonly InstanceCopies<bool, IReadOnlyList<StaffMember>> _staff = new(clock, TimeSpan.FromSeconds(options.Value.Seconds), 1);

    /// <summary>Staff who can be given a case (<see cref="StaffDirectory.ListAsync"/>), for display.</summary>
    public Task<IReadOnlyList<StaffMember>> StaffAsync(AppDbContext db) => _staff.GetAsync(true, db, ReadStaffAsync);

    /// <summary>The saved views of <paramref name="userId"/>, by name.</summary>
    public Task<IReadOnlyList<SavedView>> SavedViewsAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken) =>
        _views.GetAsync(userId, (db, userId, cancellationToken), ReadViewsAsync);

    /// <summary>Users, roles or memberships changed (after the save): the list is read again on the next view.</summary>
    public void StaffChanged() => _staff.Changed(true);

    /// <summary>Someone's saved views changed (after the save).</summary>
    public void SavedViewsChanged(Guid userId) => _views.Changed(userId);

    private static async Task<IReadOnlyList<StaffMember>> ReadStaffAsync(AppDbContext db) => await StaffDirectory.ListAsync(db);

    private static async Task<IReadOnlyList<SavedView>> ReadViewsAsync((AppDbContext Db, Guid UserId, CancellationToken CancellationToken) s) =>
        await s.Db.SavedViews.AsNoTracking().Where(v => v.UserId == s.UserId).OrderBy(v => v.Name).ToListAsync(s.CancellationToken);
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
