using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AdPolicy.Web.Identity;

/// <summary>
/// Sign-in (anonymous). One answer for an unknown email and a wrong password; a disabled account is named only to
/// someone who knows its password. Posts are limited per client (429) and per account and client (<see cref="SignInThrottle"/>).
/// </summary>
[EnableRateLimiting(SignInLimits.RateLimitPolicy)]
public sealed class LoginModel(AppSignInManager signIn, SignInThrottle throttle, IValidator<LoginModel.LoginInput> validator) : PageModel
{
    public const string Wrong = "The email or password is not right.";

    public const string Disabled = "This account is disabled. Ask an administrator if you need it again.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState))
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var client = HttpContext.Connection.RemoteIpAddress;
        if (throttle.IsRefused(email, client))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.AddModelError(string.Empty, $"Too many failed sign-ins for this account from here. Try again in {throttle.WindowMinutes} minutes.");
            return Page();
        }

        if (throttle.Slowdown(email) is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, HttpContext.RequestAborted);
        }

        switch (await signIn.SignInWithPasswordAsync(email, Input.Password))
        {
            case PasswordSignIn.SignedIn:
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case PasswordSignIn.NeedsSecondFactor:
                return RedirectToPage("/Identity/LoginWith2fa", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
            case PasswordSignIn.Disabled:
                ModelState.AddModelError(string.Empty, Disabled);
                return Page();
            default:
                throttle.Failed(email, client);
                ModelState.AddModelError(string.Empty, Wrong);
                return Page();
        }
    }

    public sealed class LoginInput
    {
        public string Email { get; set; } = string.Empty;

        public string Password { get; set; } = string.Empty;
    }

    public sealed class LoginValidator : AbstractValidator<LoginInput>
    {
        public LoginValidator()
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your email address.")
                .MaximumLength(256).WithMessage("An email address has at most 256 characters.");
            RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.")
                .MaximumLength(200).WithMessage("A password has at most 200 characters.");
        }
    }
}
