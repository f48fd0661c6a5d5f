using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdPolicy.Web.Pages;

public class IndexModel : PageModel
{
    public void OnGet()
    {

    }
}
