using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Identity;

/// <summary>Puts the display name and, for advertisers, the organisation into the sign-in cookie.</summary>
public sealed class AppClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options)
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

        if (user.OrganisationId is { } org)
        {
            identity.AddClaim(new Claim(AppClaims.Organisation, org.ToString()));
        }

        return identity;
    }
}
