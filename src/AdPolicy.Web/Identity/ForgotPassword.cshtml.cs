using System.Text;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Notifications;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Identity;

/// <summary>
/// "Forgot password?" (anonymous): asks for an email address and answers the same whether or not an account has it.
/// An active account gets Identity's reset token in a link, by email through the outbox (never in the app's notices).
/// Limited per client like sign-in.
/// </summary>
[EnableRateLimiting(SignInLimits.RateLimitPolicy)]
public sealed class ForgotPasswordModel(
    UserManager<AppUser> users,
    AppDbContext db,
    Notifier notifier,
    IOptions<OutboxOptions> outbox,
    IValidator<ForgotPasswordModel.EmailInput> validator,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    /// <summary>True after a request: the page says what happens next, the same for every address.</summary>
    public bool Sent { get; private set; }

    public void OnGet(bool sent = false) => Sent = sent;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState))
        {
            return Page();
        }

        if (await users.FindByEmailAsync(Input.Email.Trim()) is { DisabledAt: null } user)
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var link = outbox.Value.SiteUrl.TrimEnd('/') + Url.Page("/Identity/ResetPassword", new { email = user.Email, token });
            // Written in the recipient's language (the notifier speaks it while this runs), not the requester's.
            await notifier.EmailOnlyAsync(user.Id, () => (
                text["Choose a new password"],
                string.Join(
                    "\n\n",
                    text["Someone (we hope you) asked to choose a new password for your AdPolicy account."],
                    text["Choose it here: {0}", link],
                    text["The link works once, for a few hours. If you did not ask, ignore this email: your password stays as it is."])), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        // The same answer for every address: nobody learns from this page whether an account exists.
        return RedirectToPage(new { sent = true });
    }

    public sealed class EmailInput
    {
        public string Email { get; set; } = string.Empty;
    }

    public sealed class EmailValidator : AbstractValidator<EmailInput>
    {
        public EmailValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(_ => text["Enter your email address."])
                .MaximumLength(256).WithMessage(_ => text["An email address has at most 256 characters."])
                .EmailAddress().WithMessage(_ => text["Enter an email address like name@example.com."]);
        }
    }
}
