using System.Text;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;

namespace AdPolicy.Web.Identity;

/// <summary>
/// The page a reset link opens (anonymous): a new password for the account, with Identity's token. The token works
/// once (setting the password renews the account's security stamp, which the token is bound to) and every session of
/// the account ends.
/// </summary>
[EnableRateLimiting(SignInLimits.RateLimitPolicy)]
public sealed class ResetPasswordModel(UserManager<AppUser> users, AppDbContext db, SessionTicketStore sessions, IValidator<ResetPasswordModel.ResetInput> validator, IStringLocalizer<SharedResource> text) : PageModel
{
    public const string LinkNotValid = "This link is used or has expired. Ask for a new one.";

    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public IActionResult OnGet(string? email, string? token)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(token))
        {
            return RedirectToPage("/Identity/ForgotPassword");
        }

        Input.Email = email;
        Input.Token = token;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState))
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        var token = Decode(Input.Token);
        var reset = user is { DisabledAt: null } && token is not null
            ? await users.ResetPasswordAsync(user, token, Input.Password)
            : IdentityResult.Failed(new IdentityError { Code = "InvalidToken" });
        if (!reset.Succeeded)
        {
            foreach (var error in reset.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? string.Empty : "Input.Password", error.Code == "InvalidToken" ? text[LinkNotValid] : error.Description);
            }

            return Page();
        }

        await sessions.RevokeAllAsync(db, user!.Id, keep: null, HttpContext.RequestAborted);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Status"] = text["Your new password is set. Sign in with it."].Value;
        return RedirectToPage("/Identity/Login");
    }

    private static string? Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public sealed class ResetInput
    {
        public string Email { get; set; } = string.Empty;

        public string Token { get; set; } = string.Empty;

        public string Password { get; set; } = string.Empty;

        public string Confirm { get; set; } = string.Empty;
    }

    public sealed class ResetValidator : AbstractValidator<ResetInput>
    {
        public ResetValidator(IStringLocalizer<SharedResource> text, IdentityErrorDescriber rules, IOptions<IdentityOptions> identity)
        {
            var length = identity.Value.Password.RequiredLength;
            RuleFor(x => x.Email).NotEmpty().WithMessage(_ => text[LinkNotValid]).MaximumLength(256).WithMessage(_ => text[LinkNotValid]);
            RuleFor(x => x.Token).NotEmpty().WithMessage(_ => text[LinkNotValid]).MaximumLength(2000).WithMessage(_ => text[LinkNotValid]);
            RuleFor(x => x.Password).Must(p => p?.Length >= length).WithMessage(_ => rules.PasswordTooShort(length).Description)
                .MaximumLength(200).WithMessage(_ => text["A password has at most 200 characters."]);
            RuleFor(x => x.Confirm).Equal(x => x.Password).WithMessage(_ => text["The two passwords are not the same."]);
        }
    }
}
