using System.Security.Claims;
using AdPolicy.Web.Data;
using AdPolicy.Web.Localisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Identity;

/// <summary>
/// Puts the display name, for advertisers the organisation, and the person's time zone (their own, or their
/// organisation's region's) and chosen language into the sign-in cookie.
/// </summary>
public sealed class AppClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options,
    AppDbContext db,
    IOptions<LocalisationOptions> localisation)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(AppClaims.TwoFactor, "true"));
        }

        Domain.Accounts.Region? region = null;
        if (user.OrganisationId is { } org)
        {
            identity.AddClaim(new Claim(AppClaims.Organisation, org.ToString()));
            region = await db.Organisations.Where(o => o.Id == org).Select(o => (Domain.Accounts.Region?)o.Region).SingleOrDefaultAsync();
        }

        identity.AddClaim(new Claim(AppClaims.TimeZone, Recipient.EffectiveZone(user.TimeZone, region, localisation.Value)));
        if (Languages.IsSupported(user.Language))
        {
            identity.AddClaim(new Claim(AppClaims.Language, user.Language!));
        }

        return identity;
    }
}
