using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Identity;

public enum PasswordSignIn
{
    /// <summary>Unknown email or wrong password: one answer for both.</summary>
    Wrong,
    Disabled,
    SignedIn,
    NeedsSecondFactor,
}

/// <summary>
/// Identity's sign-in, with two changes: a disabled account cannot sign in, and a password is checked with the same
/// work whether or not the email has an account (a decoy hash), so neither the answer nor its timing tells which
/// emails exist. Wrong passwords never lock an account: <see cref="SignInThrottle"/> limits guessing per client instead.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public override async Task<bool> CanSignInAsync(AppUser user) => user.DisabledAt is null && await base.CanSignInAsync(user);

    public async Task<PasswordSignIn> SignInWithPasswordAsync(string email, string password)
    {
        var user = await UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, password);
            return PasswordSignIn.Wrong;
        }

        if (!await UserManager.CheckPasswordAsync(user, password))
        {
            return PasswordSignIn.Wrong;
        }

        // Said only to someone who knows the password.
        if (user.DisabledAt is not null)
        {
            return PasswordSignIn.Disabled;
        }

        var result = await SignInOrTwoFactorAsync(user, isPersistent: false);
        return result.RequiresTwoFactor ? PasswordSignIn.NeedsSecondFactor
            : result.Succeeded ? PasswordSignIn.SignedIn
            : PasswordSignIn.Wrong;
    }
}
