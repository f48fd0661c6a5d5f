using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Identity;

/// <summary>
/// The security stamp check of the sign-in cookie, asked for only when it is due (issue 17). Identity's own hook
/// resolves its validator, and with it a SignInManager, a UserManager and a user store, on every request, only to find
/// in most of them that the last check is less than <see cref="SecurityStampValidatorOptions.ValidationInterval"/>
/// old; the same test is made here first, with the same clock (WallClock), and the validator runs only when it is due.
/// </summary>
public static class StampCheck
{
    public static Task ValidateWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval
            ? Task.CompletedTask
            : SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
