using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdPolicy.Web.Identity;

public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
