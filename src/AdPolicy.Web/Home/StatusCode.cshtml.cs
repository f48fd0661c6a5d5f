using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdPolicy.Web.Home;

[IgnoreAntiforgeryToken]
public sealed class StatusCodeModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>413: how much the form takes in one sending, when known.</summary>
    public long? FormLimitBytes => HttpContext.Items[Infrastructure.FormLimitFilter.LimitItem] as long?;

    public void OnGet(int code) => Code = Of(code);

    /// <summary>A post's body may be what was refused (too large to read): then the code comes from the response itself.</summary>
    public void OnPost(int code) => Code = Of(code);

    private int Of(int code) => code > 0 ? code : Response.StatusCode;
}
