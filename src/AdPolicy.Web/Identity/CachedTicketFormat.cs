using System.Collections.Concurrent;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Identity;

/// <summary>
/// The sign-in cookie's format, remembering for <see cref="SessionCacheOptions.CacheSeconds"/> what each cookie it
/// decrypted held (issue 17: every request decrypted the same cookie, a key derivation and a MAC each time). Only a
/// cookie that decrypted is remembered, keyed by its whole text, so the answer is the one the keys gave; whether its
/// session still exists is decided by <see cref="SessionTicketStore"/> on every request, as before.
/// </summary>
public sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, WallClock clock, IOptions<SessionCacheOptions> options) : ISecureDataFormat<AuthenticationTicket>
{
    private readonly ConcurrentDictionary<string, (byte[] Ticket, DateTimeOffset FreshUntil)> _decrypted = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = clock.GetUtcNow();
        if (_decrypted.TryGetValue(protectedText, out var known) && known.FreshUntil > now)
        {
            return TicketSerializer.Default.Deserialize(known.Ticket); // a fresh copy: the handler may change it
        }

        var ticket = inner.Unprotect(protectedText, purpose);
        var seconds = options.Value.CacheSeconds;
        if (ticket is not null && seconds > 0)
        {
            if (_decrypted.Count >= options.Value.CacheEntries)
            {
                foreach (var (text, entry) in _decrypted)
                {
                    if (entry.FreshUntil <= now)
                    {
                        _decrypted.TryRemove(text, out _);
                    }
                }

                if (_decrypted.Count >= options.Value.CacheEntries)
                {
                    _decrypted.Clear();
                }
            }

            _decrypted[protectedText] = (TicketSerializer.Default.Serialize(ticket), now.AddSeconds(seconds));
        }

        return ticket;
    }
}
