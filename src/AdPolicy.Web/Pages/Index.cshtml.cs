using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdPolicy.Web.Pages;

/// <summary>The start page sends each person to where their work is.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.IsInRole(Roles.Advertiser))
        {
            return RedirectToPage("/Promotions/Index");
        }

        return User.IsStaff() ? RedirectToPage("/Staff/Queue") : Page();
    }
}
