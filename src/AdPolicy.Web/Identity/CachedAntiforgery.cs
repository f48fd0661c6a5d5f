using System.Security.Claims;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AdPolicy.Web.Identity;

/// <summary>
/// The antiforgery tokens a page writes into its forms (the header's sign-out, the footer's language switch: every
/// page), remembered per antiforgery cookie and person for <see cref="SessionCacheOptions.CacheSeconds"/> (issue 17:
/// every view decrypted the same cookie token and encrypted a new form token, two key derivations and MACs, 5–7 % of a
/// small page's CPU). A form token is valid for as long as its cookie token and its person are, whichever response
/// carried it, so handing the same one to a person's next pages changes nothing a check decides: requests are still
/// validated in full by the framework's antiforgery, on every post. Only a pair whose cookie token the framework
/// accepted is remembered (it did not have to issue a new cookie), keyed by the cookie's whole text and the person's id
/// exactly as the framework binds a token to a person, so another person, a new cookie or a signed-out browser gets
/// its own token. Responses are still marked not to be cached.
/// </summary>
public sealed class CachedAntiforgery(IAntiforgery inner, IOptions<AntiforgeryOptions> antiforgery, WallClock clock, IOptions<SessionCacheOptions> options) : IAntiforgery
{
    private readonly string _cookieName = antiforgery.Value.Cookie.Name!;

    private readonly InstanceCopies<Key, AntiforgeryTokenSet> _issued = new(clock, TimeSpan.FromSeconds(options.Value.CacheSeconds), options.Value.CacheEntries);

    /// <summary>A cookie token and the person a form token is bound to (none when signed out).</summary>
    private readonly record struct Key(string Cookie, string? Person, string? Issuer);

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        if (httpContext.Request.Cookies[_cookieName] is not { Length: > 0 } cookie || PersonOf(httpContext.User) is not { } person)
        {
            return inner.GetAndStoreTokens(httpContext);
        }

        var tokens = _issued.Get(
            new Key(cookie, person.Id, person.Issuer),
            (inner, httpContext),
            s => s.inner.GetAndStoreTokens(s.httpContext),
            keep: issued => issued.CookieToken is null); // the cookie was accepted: no new one had to be sent
        if (!httpContext.Response.HasStarted)
        {
            // As the framework does: a response carrying a token is never cached.
            httpContext.Response.Headers[HeaderNames.CacheControl] = "no-cache, no-store";
            httpContext.Response.Headers[HeaderNames.Pragma] = "no-cache";
        }

        return tokens;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    /// <summary>
    /// Whom the framework binds a form token to, by its own rule (the first signed-in identity's subject, else its name
    /// identifier, else its UPN, else all its claims): the name identifier and its issuer, an empty person when no one
    /// is signed in, and null (not remembered) for any other shape, which this app does not issue.
    /// </summary>
    private static (string? Id, string? Issuer)? PersonOf(ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities)
        {
            if (!identity.IsAuthenticated)
            {
                continue;
            }

            if (identity.FindFirst("sub") is { Value.Length: > 0 })
            {
                return null;
            }

            return identity.FindFirst(ClaimTypes.NameIdentifier) is { Value.Length: > 0 } id ? (id.Value, id.Issuer) : null;
        }

        return (null, null);
    }
}
