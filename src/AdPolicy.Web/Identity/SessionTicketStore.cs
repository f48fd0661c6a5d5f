using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Identity;

/// <summary>
/// Keeps sign-in sessions in PostgreSQL (<see cref="AuthSession"/>), so the cookie carries only a random session id and
/// the server decides whether a session still exists: signing out deletes it, and <see cref="RevokeAllAsync"/> ends
/// every session of a person at once (sign out everywhere, an admin disabling the account). Every instance sees the same
/// sessions. The ticket is encrypted at rest with the app's DataProtection keys.
/// <para>
/// Every request reads its session, so each instance keeps the sessions it read for a few seconds
/// (<see cref="SessionCacheOptions.CacheSeconds"/>, issue 17: one statement and one decryption less per page view). On
/// this instance a sign-out or a revocation counts at once: it bumps a generation number after its delete, and a cached
/// session read under an older generation is read again. On another instance a revoked session is refused at most
/// <see cref="SessionCacheOptions.CacheSeconds"/> later; a session's own expiry is checked on every request.
/// </para>
/// </summary>
public sealed class SessionTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, WallClock clock, IOptions<SessionCacheOptions> options) : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("AdPolicy.SessionTickets.v1");

    private readonly ConcurrentDictionary<string, CachedSession> _cache = new(StringComparer.Ordinal);

    /// <summary>Bumped after every removal on this instance: sessions cached under an older number are read again.</summary>
    private long _generation;

    /// <summary>A session as read from the database: its serialised (decrypted) ticket, when it expires, and until when it may be served from memory.</summary>
    private sealed record CachedSession(byte[] Ticket, DateTimeOffset? ExpiresAt, DateTimeOffset FreshUntil, long Generation);

    public async Task<string> StoreAsync(AuthenticationTicket ticket) => await StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AuthSessions.Add(new AuthSession
        {
            Id = key,
            UserId = UserId(ticket),
            Ticket = Protect(key, ticket),
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = ticket.Properties.ExpiresUtc,
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var protectedTicket = Protect(key, ticket);
        var userId = UserId(ticket);
        var expires = ticket.Properties.ExpiresUtc;

        // A session revoked meanwhile stays revoked: renewing never brings a deleted row back.
        await db.AuthSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, protectedTicket).SetProperty(x => x.UserId, userId).SetProperty(x => x.ExpiresAt, expires), cancellationToken);
        _cache.TryRemove(key, out _); // the next request reads the renewed ticket
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var generation = Volatile.Read(ref _generation); // read before the database, so a removal meanwhile is noticed
        if (_cache.TryGetValue(key, out var cached))
        {
            if (cached.Generation == generation && cached.FreshUntil > now && (cached.ExpiresAt is null || cached.ExpiresAt > now))
            {
                return TicketSerializer.Default.Deserialize(cached.Ticket);
            }

            _cache.TryRemove(KeyValuePair.Create(key, cached));
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.AuthSessions.AsNoTracking()
            .Where(s => s.Id == key && (s.ExpiresAt == null || s.ExpiresAt > now))
            .Select(s => new { s.Ticket, s.ExpiresAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }

        byte[] ticket;
        try
        {
            ticket = _protector.Unprotect(stored.Ticket);
        }
        catch (CryptographicException)
        {
            return null; // encrypted with a key that no longer exists: the person signs in again
        }

        var seconds = options.Value.CacheSeconds;
        if (seconds > 0)
        {
            if (_cache.Count >= options.Value.CacheEntries)
            {
                Prune(now);
            }

            _cache[key] = new CachedSession(ticket, stored.ExpiresAt, now.AddSeconds(seconds), generation);
        }

        return TicketSerializer.Default.Deserialize(ticket);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.AuthSessions.Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken);
        Forget(key);
    }

    /// <summary>Ends every session of <paramref name="userId"/> except <paramref name="keep"/> (the current one, when it should go on).</summary>
    public async Task<int> RevokeAllAsync(AppDbContext db, Guid userId, string? keep, CancellationToken cancellationToken)
    {
        var deleted = await db.AuthSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(cancellationToken);
        Forget(null);
        return deleted;
    }

    /// <summary>After a delete: every session cached on this instance is read again on its next request (sign-outs are rare, views are not).</summary>
    private void Forget(string? key)
    {
        Interlocked.Increment(ref _generation);
        if (key is not null)
        {
            _cache.TryRemove(key, out _);
        }
    }

    /// <summary>Drops sessions no longer fresh; if the cache is still full, all of them (it is only a shortcut to the database).</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, cached) in _cache)
        {
            if (cached.FreshUntil <= now)
            {
                _cache.TryRemove(KeyValuePair.Create(key, cached));
            }
        }

        if (_cache.Count >= options.Value.CacheEntries)
        {
            _cache.Clear();
        }
    }

    /// <summary>The session id of the signed-in request, if any.</summary>
    public static string? CurrentSession(ClaimsPrincipal user) => user.FindFirstValue(AppClaims.Session);

    private byte[] Protect(string key, AuthenticationTicket ticket)
    {
        // The session's own id travels in the principal, so "sign out my other sessions" knows which one to keep.
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var old in identity.FindAll(AppClaims.Session).ToList())
            {
                identity.RemoveClaim(old);
            }

            identity.AddClaim(new Claim(AppClaims.Session, key));
        }

        return _protector.Protect(TicketSerializer.Default.Serialize(ticket));
    }

    private static Guid UserId(AuthenticationTicket ticket) =>
        Guid.Parse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A session needs a signed-in user."));
}

/// <summary>How long an instance may serve a session it read from memory (section "Sessions").</summary>
public sealed class SessionCacheOptions
{
    public const string Section = "Sessions";

    /// <summary>
    /// Seconds a session read from the database is served from this instance's memory; a session revoked on another
    /// instance is refused here at most this much later (0: read the database on every request).
    /// </summary>
    [Range(0, 60)]
    public int CacheSeconds { get; set; } = 10;

    /// <summary>At most this many sessions are kept in memory per instance.</summary>
    [Range(1, 1_000_000)]
    public int CacheEntries { get; set; } = 50_000;
}
