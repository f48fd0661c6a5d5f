using System.Security.Claims;
using System.Text.Encodings.Web;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Api;

/// <summary>
/// The API's own authentication scheme: the key comes as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key</c>,
/// is looked up by its SHA-256, and becomes a principal with the key's organisation and scopes. A missing or wrong key
/// answers 401 and a missing scope 403, both as problem details: never a redirect to the sign-in page.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    private const string CreatorDisabledItem = "AdPolicy.ApiKeyCreatorDisabled";

    /// <summary>Last-used times are written at most this often per key, so a busy key does not write on every request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>The key presented with a request, if any.</summary>
    public static string? Presented(HttpRequest request)
    {
        if (request.Headers[HeaderName] is [{ Length: > 0 } key])
        {
            return key.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7
            ? authorization[7..].Trim()
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKey.HashOf(presented);
        var found = await (
            from k in db.ApiKeys.AsNoTracking()
            join u in db.Users on k.CreatedById equals u.Id
            where k.Hash == hash
            select new { Key = k, CreatorDisabled = u.DisabledAt != null }).FirstOrDefaultAsync(Context.RequestAborted);
        if (found is not { Key.IsActive: true })
        {
            return AuthenticateResult.Fail("The API key is not known or was revoked.");
        }

        // A key acts for the person who made it: it works only while they may sign in (a disabled member's or admin's
        // keys stop at once and work again if they are enabled again).
        if (found.CreatorDisabled)
        {
            Context.Items[CreatorDisabledItem] = true;
            return AuthenticateResult.Fail("The API key's creator is disabled.");
        }

        var key = found.Key;

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || key.LastUsedAt < now - LastUsedResolution)
        {
            var before = now - LastUsedResolution;
            await db.ApiKeys
                .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < before))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.CreatedById.ToString()),
            new(AppClaims.DisplayName, $"{key.CreatedByName} (API key \"{key.Name}\")"),
            new(ApiCaller.KeyIdClaim, key.Id.ToString()),
        };
        if (key.OrganisationId is { } organisationId)
        {
            claims.Add(new Claim(AppClaims.Organisation, organisationId.ToString()));
        }

        claims.AddRange(key.Scopes.Select(s => new Claim(ApiScopes.Claim, s)));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Context.Items.ContainsKey(CreatorDisabledItem)
            ? WriteProblemAsync(
                StatusCodes.Status401Unauthorized,
                "The key's creator is disabled",
                "An API key works only while the person who made it can sign in. Ask an administrator to enable them again, or have an active member make a new key.")
            : WriteProblemAsync(
                StatusCodes.Status401Unauthorized,
                "An API key is needed",
                "Send a valid, unrevoked API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(
            StatusCodes.Status403Forbidden,
            "The API key lacks the scope this call needs",
            "Each call names its scope in the API reference; create a key with that scope.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail }).ExecuteAsync(Context);
    }
}

/// <summary>Who is calling the API, read from the principal <see cref="ApiKeyAuthenticationHandler"/> made.</summary>
public static class ApiCaller
{
    public const string KeyIdClaim = "adpolicy:api-key";

    public static Guid ApiKeyId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(KeyIdClaim) ?? throw new InvalidOperationException("Not called with an API key."));
}
