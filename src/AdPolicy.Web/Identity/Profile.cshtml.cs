using System.Text;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace AdPolicy.Web.Identity;

/// <summary>
/// The signed-in person's own account (any role): two-factor sign-in with an authenticator app (QR code and key,
/// recovery codes), password change, and signing out every session. Sections are independent forms with their own
/// handler, so more settings (e.g. language) add a section and a handler.
/// </summary>
public sealed class ProfileModel(
    UserManager<AppUser> users,
    AppSignInManager signIn,
    AppDbContext db,
    IValidator<ProfileModel.PasswordInput> passwordValidator) : PageModel
{
    private const string Issuer = "AdPolicy";

    public AppUser Person { get; private set; } = null!;

    public bool TwoFactorEnabled { get; private set; }

    public bool MustUseTwoFactor { get; private set; }

    /// <summary>The authenticator key, grouped in fours for typing, while two-factor is being set up.</summary>
    public string? SharedKey { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>New recovery codes, shown once right after they are made.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    [BindProperty]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    /// <summary>The QR code of the authenticator key (its own request, so the page needs no inline image data).</summary>
    public async Task<IActionResult> OnGetQrCodeAsync()
    {
        if (await users.GetUserAsync(User) is not { } user || user.TwoFactorEnabled || await users.GetAuthenticatorKeyAsync(user) is not { } key)
        {
            return NotFound();
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri(user.Email ?? user.UserName ?? "", key), QRCodeGenerator.ECCLevel.Q);
        Response.Headers.CacheControl = "no-store";
        return File(new PngByteQRCode(data).GetGraphic(6), "image/png");
    }

    public async Task<IActionResult> OnPostEnableTwoFactorAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "That code is not right. Scan the QR code (or type the key) into your app, then enter the 6-digit code it shows now.");
            await LoadAsync();
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? [];
        await signIn.RefreshSignInAsync(user);
        TempData["RecoveryCodes"] = string.Join(' ', codes);
        TempData["Status"] = "Two-factor sign-in is on. From now on you enter a code from your app after your password.";
        return RedirectToPage(null, null, null, "two-factor");
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { } user || !user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? [];
        TempData["RecoveryCodes"] = string.Join(' ', codes);
        TempData["Status"] = "New recovery codes made; the old ones no longer work.";
        return RedirectToPage(null, null, null, "two-factor");
    }

    /// <summary>Turns two-factor sign-in off and forgets the key (not for admins, who must keep it).</summary>
    public async Task<IActionResult> OnPostDisableTwoFactorAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (await users.IsInRoleAsync(user, Roles.Admin))
        {
            TempData["Problem"] = "Admins must sign in with a second factor; you can set up a new app instead.";
            return RedirectToPage(null, null, null, "two-factor");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = "Two-factor sign-in is off.";
        return RedirectToPage(null, null, null, "two-factor");
    }

    public async Task<IActionResult> OnPostChangePasswordAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!await passwordValidator.ValidateIntoAsync(Password, ModelState, nameof(Password)))
        {
            await LoadAsync();
            return Page();
        }

        var changed = await users.ChangePasswordAsync(user, Password.Current, Password.New);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Password.Current" : "Password.New", error.Code == "PasswordMismatch" ? "Your current password is not right." : error.Description);
            }

            await LoadAsync();
            return Page();
        }

        // Anyone else holding a session of this account (the reason people change passwords) is signed out.
        await SessionTicketStore.RevokeAllAsync(db, user.Id, SessionTicketStore.CurrentSession(User), HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = "Your password is changed, and your other sessions are signed out.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await SessionTicketStore.RevokeAllAsync(db, user.Id, keep: null, HttpContext.RequestAborted);
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        TempData["Status"] = "You are signed out on every device.";
        return RedirectToPage("/Identity/Login");
    }

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return false;
        }

        Person = user;
        TwoFactorEnabled = user.TwoFactorEnabled;
        MustUseTwoFactor = await users.IsInRoleAsync(user, Roles.Admin);
        if (TwoFactorEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        }
        else
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;

                // The reset renewed the security stamp; this session carries the new one.
                await signIn.RefreshSignInAsync(user);
            }

            SharedKey = Group(key);
        }

        NewRecoveryCodes = TempData["RecoveryCodes"] is string codes ? codes.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return true;
    }

    private static string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    private static string Group(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }

    public sealed class PasswordInput
    {
        public string Current { get; set; } = string.Empty;

        public string New { get; set; } = string.Empty;

        public string Confirm { get; set; } = string.Empty;
    }

    public sealed class PasswordValidator : AbstractValidator<PasswordInput>
    {
        public PasswordValidator()
        {
            RuleFor(x => x.Current).NotEmpty().WithMessage("Enter your current password.").MaximumLength(200).WithMessage("A password has at most 200 characters.");
            RuleFor(x => x.New).MinimumLength(10).WithMessage("The new password needs at least 10 characters.")
                .MaximumLength(200).WithMessage("A password has at most 200 characters.");
            RuleFor(x => x.Confirm).Equal(x => x.New).WithMessage("The two new passwords are not the same.");
        }
    }
}
