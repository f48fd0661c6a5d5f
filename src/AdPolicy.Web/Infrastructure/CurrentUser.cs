using System.Security.Claims;
using AdPolicy.Domain.Common;
using AdPolicy.Web.Identity;

namespace AdPolicy.Web.Infrastructure;

/// <summary>The signed-in person as the domain sees them.</summary>
public static class CurrentUser
{
    public static Guid Id(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."));

    public static string Name(this ClaimsPrincipal user) =>
        user.FindFirstValue(AppClaims.DisplayName) ?? user.Identity?.Name ?? "unknown";

    /// <summary>The advertiser's organisation; null for staff.</summary>
    public static Guid? OrganisationId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(AppClaims.Organisation), out var id) ? id : null;

    public static bool IsStaff(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Support) || user.IsInRole(Roles.Reviewer) || user.IsInRole(Roles.Admin);

    public static Actor AsAdvertiser(this ClaimsPrincipal user) => Actor.Advertiser(user.Id(), user.Name());

    public static Actor AsStaff(this ClaimsPrincipal user) => Actor.Staff(user.Id(), user.Name());
}
