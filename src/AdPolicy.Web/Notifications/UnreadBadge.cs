using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Runtime.CompilerServices;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Notifications;

/// <summary>
/// The number on the header's notifications link, which every page a signed-in person opens shows (issue 17: it was a
/// statement and a round trip on every view, half of what "my cases" sends). Each instance keeps a person's count for
/// <see cref="UnreadBadgeOptions.CacheSeconds"/> (<see cref="InstanceCopies{TKey, TValue}"/>). On this instance a change
/// shows on the next page: a save or a committed transaction that wrote a notification
/// (<see cref="NotificationChangeInterceptor"/>: the notifier's notices, marking one read) and marking all read mark
/// only the people concerned as changed, so a busy desk's notices do not empty everyone's copy. A notice written on
/// another instance shows here at most <see cref="UnreadBadgeOptions.CacheSeconds"/> later. The notification centre
/// always reads the database (and keeps what it read).
/// </summary>
public sealed class UnreadBadge(WallClock clock, IOptions<UnreadBadgeOptions> options)
{
    /// <summary>Counting stops here: the badge shows "99+" and the query never walks more rows than this.</summary>
    public const int Cap = 100;

    private readonly InstanceCopies<Guid, int> _counts = new(clock, TimeSpan.FromSeconds(options.Value.CacheSeconds), options.Value.CacheEntries);

    /// <summary>Compiled once: it runs on every page a signed-in person opens whose count is not in memory.</summary>
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<int>> Unread = EF.CompileAsyncQuery(
        (AppDbContext db, Guid userId, CancellationToken _) => db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).Take(Cap).Count());

    /// <summary>The badge's count: this instance's copy while it is fresh and nothing changed here, else the database's.</summary>
    public Task<int> CountAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken) =>
        _counts.GetAsync(userId, (db, userId, cancellationToken), Read);

    /// <summary>Reads the count from the database and keeps it: the notification centre, whose header then agrees with its list.</summary>
    public Task<int> RefreshAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken) =>
        _counts.GetAsync(userId, (db, userId, cancellationToken), Read, refresh: true);

    /// <summary><paramref name="userId"/>'s notifications were written on this instance (after the write): their count is read again on their next page.</summary>
    public void Changed(Guid userId) => _counts.Changed(userId);

    /// <summary>Everyone's count is read again on their next page (the page benchmarks, to capture a view as a cold instance serves it).</summary>
    public void ChangedForEveryone() => _counts.ChangedForEveryone();

    /// <summary>Unread notifications of a user, up to <see cref="Cap"/>, from the partial index on unread rows.</summary>
    private static Task<int> Read((AppDbContext Db, Guid UserId, CancellationToken CancellationToken) s) => Unread(s.Db, s.UserId, s.CancellationToken);

    /// <summary>The badge as shown: the count, or "99+" from <see cref="Cap"/> on.</summary>
    public static string Text(int count) => count >= Cap ? $"{Cap - 1}+" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>How long an instance keeps each person's unread count (section "UnreadBadge").</summary>
public sealed class UnreadBadgeOptions
{
    public const string Section = "UnreadBadge";

    /// <summary>Seconds a count is kept; a notice written on another instance shows here at most this much later (0: read on every page).</summary>
    [Range(0, 60)]
    public int CacheSeconds { get; set; } = 10;

    /// <summary>At most this many people's counts are kept in memory per instance.</summary>
    [Range(1, 1_000_000)]
    public int CacheEntries { get; set; } = 50_000;
}

/// <summary>
/// Tells <see cref="UnreadBadge"/> whose notifications a save may have written (those its context tracks: the
/// notifier's notices, one marked read): once the save is done, and again when its transaction commits, since a page
/// read between the two would keep the count from before the commit.
/// </summary>
public sealed class NotificationChangeInterceptor(UnreadBadge badge) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    /// <summary>The people whose notifications a context saved inside a transaction still open.</summary>
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _inTransaction = [];

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // A transaction disposed without commit or rollback leaves its set behind; a pooled context's next one starts afresh.
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData.Context);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context, committed: true);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData.Context, committed: false);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _inTransaction.Remove(context);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || Recipients(context) is not { Count: > 0 } people)
        {
            return;
        }

        foreach (var userId in people)
        {
            badge.Changed(userId);
        }

        if (context.Database.CurrentTransaction is not null)
        {
            _inTransaction.GetOrCreateValue(context).UnionWith(people);
        }
    }

    private void Ended(DbContext? context, bool committed)
    {
        if (context is null || !_inTransaction.TryGetValue(context, out var people))
        {
            return;
        }

        _inTransaction.Remove(context);
        if (committed)
        {
            foreach (var userId in people)
            {
                badge.Changed(userId);
            }
        }
    }

    /// <summary>The people whose notifications the context tracks, read as they stand (the save has detected changes).</summary>
    private static HashSet<Guid>? Recipients(DbContext context)
    {
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            HashSet<Guid>? people = null;
            foreach (var entry in tracker.Entries<Notification>())
            {
                (people ??= []).Add(entry.Entity.UserId);
            }

            return people;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
