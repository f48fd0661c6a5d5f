using AdPolicy.Web.Identity;
using Microsoft.AspNetCore.Identity;
using AdPolicy.Web.Localisation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AdPolicy.Web.Identity;

/// <summary>
/// The second step of signing in for people with an authenticator app (anonymous, but only after the right password:
/// Identity's two-factor cookie names the person). A code from the app, or one of the recovery codes.
/// </summary>
[EnableRateLimiting(SignInLimits.RateLimitPolicy)]
public sealed class LoginWith2faModel(AppSignInManager signIn, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    public string RecoveryCode { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Identity/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var code = Clean(Code);
        if (code.Length is < 6 or > 8)
        {
            ModelState.AddModelError(nameof(Code), text["Enter the 6-digit code your authenticator app shows."]);
            return Page();
        }

        return await OutcomeAsync(await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false), nameof(Code),
            text["That code is not right. Codes change every 30 seconds: enter the one your app shows now."]);
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        var code = Clean(RecoveryCode);
        if (code.Length is < 8 or > 20)
        {
            ModelState.AddModelError(nameof(RecoveryCode), text["Enter one of the recovery codes you saved when you set up two-factor sign-in."]);
            return Page();
        }

        return await OutcomeAsync(await signIn.TwoFactorRecoveryCodeSignInAsync(code), nameof(RecoveryCode),
            text["That recovery code is not right, or it was used already."]);
    }

    private async Task<IActionResult> OutcomeAsync(Microsoft.AspNetCore.Identity.SignInResult result, string field, string wrong)
    {
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Identity/Login");
        }

        ModelState.AddModelError(
            result.IsLockedOut ? string.Empty : field,
            result.IsLockedOut ? text["Too many wrong codes. Try again in 15 minutes."]
            : result.IsNotAllowed ? text[LoginModel.Disabled]
            : wrong);
        return Page();
    }

    private static string Clean(string? code) => (code ?? string.Empty).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
}
