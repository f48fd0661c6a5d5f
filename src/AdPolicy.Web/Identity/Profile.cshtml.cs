using System.Text;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Localisation;
using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace AdPolicy.Web.Identity;

/// <summary>
/// The signed-in person's own account (any role): language and time zone, two-factor sign-in with an authenticator
/// app (QR code and key, recovery codes), password change, and signing out every session. Sections are independent
/// forms with their own handler.
/// </summary>
public sealed class ProfileModel(
    UserManager<AppUser> users,
    AppSignInManager signIn,
    AppDbContext db,
    SessionTicketStore sessions,
    IValidator<ProfileModel.PasswordInput> passwordValidator,
    IValidator<ProfileModel.PreferencesInput> preferencesValidator,
    Microsoft.Extensions.Options.IOptions<LocalisationOptions> localisation,
    TimeProvider clock,
    IStringLocalizer<SharedResource> text) : PageModel
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

    [BindProperty]
    public PreferencesInput Preferences { get; set; } = new();

    /// <summary>The zone the person reads times in when they choose none (their organisation's region's, or the staff zone).</summary>
    public string DefaultZone { get; private set; } = Zones.Utc;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnPostPreferencesAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!await preferencesValidator.ValidateIntoAsync(Preferences, ModelState, nameof(Preferences)))
        {
            await LoadAsync(keepPreferences: true);
            return Page();
        }

        user.Language = string.IsNullOrEmpty(Preferences.Language) ? null : Preferences.Language;
        user.TimeZone = string.IsNullOrEmpty(Preferences.TimeZone) ? null : Preferences.TimeZone;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user); // the sign-in carries the zone and language every page reads
        if (user.Language is { } language)
        {
            LanguageCookie.Write(Response, language); // kept after signing out too
        }

        TempData["Status"] = text["Your language and time zone are saved."].Value;
        return RedirectToPage();
    }

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
            ModelState.AddModelError(nameof(Code), text["That code is not right. Scan the QR code (or type the key) into your app, then enter the 6-digit code it shows now."]);
            await LoadAsync();
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? [];
        await signIn.RefreshSignInAsync(user);
        TempData["RecoveryCodes"] = string.Join(' ', codes);
        TempData["Status"] = text["Two-factor sign-in is on. From now on you enter a code from your app after your password."].Value;
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
        TempData["Status"] = text["New recovery codes made; the old ones no longer work."].Value;
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
            TempData["Problem"] = text["Admins must sign in with a second factor; you can set up a new app instead."].Value;
            return RedirectToPage(null, null, null, "two-factor");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = text["Two-factor sign-in is off."].Value;
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
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Password.Current" : "Password.New", error.Code == "PasswordMismatch" ? text["Your current password is not right."] : error.Description);
            }

            await LoadAsync();
            return Page();
        }

        // Anyone else holding a session of this account (the reason people change passwords) is signed out.
        await sessions.RevokeAllAsync(db, user.Id, SessionTicketStore.CurrentSession(User), HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = text["Your password is changed, and your other sessions are signed out."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await sessions.RevokeAllAsync(db, user.Id, keep: null, HttpContext.RequestAborted);
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        TempData["Status"] = text["You are signed out on every device."].Value;
        return RedirectToPage("/Identity/Login");
    }

    private async Task<bool> LoadAsync(bool keepPreferences = false)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return false;
        }

        Person = user;
        var region = user.OrganisationId is { } org
            ? await db.Organisations.Where(o => o.Id == org).Select(o => (AdPolicy.Domain.Accounts.Region?)o.Region).SingleOrDefaultAsync()
            : null;
        DefaultZone = localisation.Value.ZoneOf(region);
        if (!keepPreferences)
        {
            Preferences = new PreferencesInput { Language = user.Language ?? string.Empty, TimeZone = user.TimeZone ?? string.Empty };
        }

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

    public sealed class PreferencesInput
    {
        /// <summary>"en", "es", or empty: what the browser asks for.</summary>
        public string? Language { get; set; } = string.Empty;

        /// <summary>An IANA zone, or empty: the default.</summary>
        public string? TimeZone { get; set; } = string.Empty;
    }

    public sealed class PreferencesValidator : AbstractValidator<PreferencesInput>
    {
        public PreferencesValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Language).Must(l => string.IsNullOrEmpty(l) || Languages.IsSupported(l)).WithMessage(_ => text["Choose English or Spanish."]);
            RuleFor(x => x.TimeZone).Must(z => string.IsNullOrEmpty(z) || Zones.IsKnown(z)).WithMessage(_ => text["Choose a time zone from the list, like Europe/Madrid."]);
        }
    }

    public sealed class PasswordValidator : AbstractValidator<PasswordInput>
    {
        /// <param name="rules">Identity's own rule and message for the length (the configured one, in the reader's language).</param>
        public PasswordValidator(IStringLocalizer<SharedResource> text, IdentityErrorDescriber rules, IOptions<IdentityOptions> identity)
        {
            var length = identity.Value.Password.RequiredLength;
            RuleFor(x => x.Current).NotEmpty().WithMessage(_ => text["Enter your current password."]).MaximumLength(200).WithMessage(_ => text["A password has at most 200 characters."]);
            RuleFor(x => x.New).Must(p => p?.Length >= length).WithMessage(_ => rules.PasswordTooShort(length).Description)
                .MaximumLength(200).WithMessage(_ => text["A password has at most 200 characters."]);
            RuleFor(x => x.Confirm).Equal(x => x.New).WithMessage(_ => text["The two new passwords are not the same."]);
        }
    }
}
