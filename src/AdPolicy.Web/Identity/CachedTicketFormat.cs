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
    /// <summary>Each decrypted cookie's ticket, serialised: every request gets a fresh copy, since the handler may change it.</summary>
    private readonly InstanceCopies<string, byte[]?> _decrypted = new(clock, TimeSpan.FromSeconds(options.Value.CacheSeconds), options.Value.CacheEntries);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var ticket = _decrypted.Get(
            protectedText,
            (inner, protectedText),
            s => s.inner.Unprotect(s.protectedText) is { } decrypted ? TicketSerializer.Default.Serialize(decrypted) : null,
            keep: serialised => serialised is not null);
        return ticket is null ? null : TicketSerializer.Default.Deserialize(ticket);
    }
}
