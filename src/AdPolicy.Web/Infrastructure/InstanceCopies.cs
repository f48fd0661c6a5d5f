using System.Collections.Concurrent;

namespace AdPolicy.Web.Infrastructure;

/// <summary>
/// Values an instance keeps in memory for a few seconds, per key, because pages read them on every view (issue 17): the
/// unread badge, the queue's staff list and saved views, the decrypted sign-in cookie and a person's form token. A
/// change made on this instance counts at once: after the write, <see cref="Changed"/> bumps the key's generation
/// number (one of <see cref="InstanceCopies.Stripes"/>, chosen by the key), and a copy read under an older number is
/// read again. The number is taken before the read, so a change made while a
/// copy was being read is noticed too. A change made on another instance shows here within the window.
/// </summary>
public sealed class InstanceCopies<TKey, TValue>(WallClock clock, TimeSpan window, int maxEntries)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _copies = new();
    private readonly long[] _generations = new long[InstanceCopies.Stripes];

    private sealed record Entry(TValue Value, DateTimeOffset FreshUntil, long Generation);

    /// <summary>
    /// The copy of <paramref name="key"/> while it is fresh and unchanged here, else what <paramref name="read"/> returns,
    /// which is kept; with <paramref name="refresh"/>, always read (and kept). A zero window keeps nothing.
    /// </summary>
    public async Task<TValue> GetAsync<TState>(TKey key, TState state, Func<TState, Task<TValue>> read, bool refresh = false)
    {
        if (window <= TimeSpan.Zero)
        {
            return await read(state);
        }

        var (now, generation) = Now(key);
        if (!refresh && TryFresh(key, now, generation, out var copy))
        {
            return copy;
        }

        var value = await read(state);
        Keep(key, value, now, generation);
        return value;
    }

    /// <summary>
    /// <see cref="GetAsync"/> for a value worked out in memory (a decrypted cookie, a token): the copy while fresh, else
    /// what <paramref name="read"/> returns, kept only if <paramref name="keep"/> says so.
    /// </summary>
    public TValue Get<TState>(TKey key, TState state, Func<TState, TValue> read, Func<TValue, bool> keep)
    {
        if (window <= TimeSpan.Zero)
        {
            return read(state);
        }

        var (now, generation) = Now(key);
        if (TryFresh(key, now, generation, out var copy))
        {
            return copy;
        }

        var value = read(state);
        if (keep(value))
        {
            Keep(key, value, now, generation);
        }

        return value;
    }

    /// <summary><paramref name="key"/>'s value changed on this instance (call it after the write): it is read again on its next use.</summary>
    public void Changed(TKey key) => Interlocked.Increment(ref _generations[InstanceCopies.Stripe(key)]);

    /// <summary>Every value is read again on its next use.</summary>
    public void ChangedForEveryone()
    {
        for (var i = 0; i < InstanceCopies.Stripes; i++)
        {
            Interlocked.Increment(ref _generations[i]);
        }
    }

    /// <summary>The time and <paramref name="key"/>'s generation number, taken before a read so a change meanwhile is noticed.</summary>
    private (DateTimeOffset Now, long Generation) Now(TKey key) =>
        (clock.GetUtcNow(), Volatile.Read(ref _generations[InstanceCopies.Stripe(key)]));

    private bool TryFresh(TKey key, DateTimeOffset now, long generation, out TValue value)
    {
        if (_copies.TryGetValue(key, out var copy) && copy.Generation == generation && copy.FreshUntil > now)
        {
            value = copy.Value;
            return true;
        }

        value = default!;
        return false;
    }

    private void Keep(TKey key, TValue value, DateTimeOffset now, long generation)
    {
        if (_copies.Count >= maxEntries)
        {
            _copies.Clear(); // bounded: a burst of distinct keys starts the copies afresh rather than growing without end
        }

        _copies[key] = new Entry(value, now + window, generation);
    }
}

/// <summary>How <see cref="InstanceCopies{TKey, TValue}"/> spreads its keys over generation numbers.</summary>
public static class InstanceCopies
{
    /// <summary>How many generation numbers the keys are spread over: a change refreshes about 1 key in this many.</summary>
    public const int Stripes = 1024;

    /// <summary>Which generation number <paramref name="key"/>'s copy is kept under.</summary>
    public static int Stripe<TKey>(TKey key)
        where TKey : notnull => (int)((uint)EqualityComparer<TKey>.Default.GetHashCode(key) % Stripes);
}
