using System.Security.Claims;
using System.Security.Cryptography;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Identity;

/// <summary>
/// Keeps sign-in sessions in PostgreSQL (<see cref="AuthSession"/>), so the cookie carries only a random session id and
/// the server decides whether a session still exists: signing out deletes it, and <see cref="RevokeAllAsync"/> ends
/// every session of a person at once (sign out everywhere, an admin disabling the account). Every instance sees the same
/// sessions. The ticket is encrypted at rest with the app's DataProtection keys.
/// </summary>
public sealed class SessionTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, WallClock clock) : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("AdPolicy.SessionTickets.v1");

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
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var stored = await db.AuthSessions.AsNoTracking()
            .Where(s => s.Id == key && (s.ExpiresAt == null || s.ExpiresAt > now))
            .Select(s => s.Ticket)
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            return null; // encrypted with a key that no longer exists: the person signs in again
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.AuthSessions.Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Ends every session of <paramref name="userId"/> except <paramref name="keep"/> (the current one, when it should go on).</summary>
    public static Task<int> RevokeAllAsync(AppDbContext db, Guid userId, string? keep, CancellationToken cancellationToken) =>
        db.AuthSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(cancellationToken);

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
