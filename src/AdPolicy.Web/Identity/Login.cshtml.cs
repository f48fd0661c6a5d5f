using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using FluentValidation;
using AdPolicy.Web.Localisation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AdPolicy.Web.Identity;

/// <summary>
/// Sign-in (anonymous). One answer for an unknown email and a wrong password; a disabled account is named only to
/// someone who knows its password. Posts are limited per client (429) and per account and client (<see cref="SignInThrottle"/>).
/// </summary>
[EnableRateLimiting(SignInLimits.RateLimitPolicy)]
public sealed class LoginModel(AppSignInManager signIn, SignInThrottle throttle, IValidator<LoginModel.LoginInput> validator, IStringLocalizer<SharedResource> text) : PageModel
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
            ModelState.AddModelError(string.Empty, text["Too many failed sign-ins for this account from here. Try again in {0} minutes.", throttle.WindowMinutes]);
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
                ModelState.AddModelError(string.Empty, text[Disabled]);
                return Page();
            default:
                throttle.Failed(email, client);
                ModelState.AddModelError(string.Empty, text[Wrong]);
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
        public LoginValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(_ => text["Enter your email address."])
                .MaximumLength(256).WithMessage(_ => text["An email address has at most 256 characters."]);
            RuleFor(x => x.Password).NotEmpty().WithMessage(_ => text["Enter your password."])
                .MaximumLength(200).WithMessage(_ => text["A password has at most 200 characters."]);
        }
    }
}
