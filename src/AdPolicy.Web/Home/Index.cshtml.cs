using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdPolicy.Web.Home;

/// <summary>The start page sends each person to where their work is.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.IsInRole(Roles.Advertiser))
        {
            return RedirectToPage("/Accounts/Promotions/Index");
        }

        return User.IsStaff() ? RedirectToPage("/Queue/Staff/Index") : Page();
    }
}
