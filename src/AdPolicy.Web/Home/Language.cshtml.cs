using AdPolicy.Web.Identity;
using AdPolicy.Web.Localisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdPolicy.Web.Home;

/// <summary>
/// The layout's language switcher (anyone; a POST with its antiforgery token): keeps the choice in the language cookie
/// and, for someone signed in, in their profile too. Back to the page it came from (a local address only).
/// </summary>
public sealed class LanguageModel(UserManager<AppUser> users, AppSignInManager signIn) : PageModel
{
    public IActionResult OnGet(string? returnUrl) => LocalRedirect(Back(returnUrl));

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        if (!Languages.IsSupported(language))
        {
            return BadRequest();
        }

        LanguageCookie.Write(Response, language!);
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
        {
            user.Language = language;
            await users.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
        }

        return LocalRedirect(Back(returnUrl));
    }

    private string Back(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
