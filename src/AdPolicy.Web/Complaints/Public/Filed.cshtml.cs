using AdPolicy.Web.Complaints;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdPolicy.Web.Complaints.Public;

/// <summary>The confirmation: shows the private tracking link once (it is not stored, only its hash).</summary>
public sealed class FiledModel : PageModel
{
    public string Reference { get; private set; } = string.Empty;

    public string? TrackingUrl { get; private set; }

    public void OnGet(string? reference)
    {
        Reference = reference ?? string.Empty;
        if (TempData[NewModel.TrackingTokenKey] is string token)
        {
            TrackingUrl = $"{Request.Scheme}://{Request.Host}{TrackingTokens.PathFor(token)}";
        }
    }
}
