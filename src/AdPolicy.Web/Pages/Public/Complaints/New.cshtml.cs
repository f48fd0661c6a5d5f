using AdPolicy.Domain.Common;
using AdPolicy.Web.Ace;
using AdPolicy.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace AdPolicy.Web.Pages.Public.Complaints;

/// <summary>The public complaint form (SPEC 3.1): no account needed; rate-limited per client; files the complaint and its deadlines.</summary>
[EnableRateLimiting(ComplaintLimits.RateLimitPolicy)]
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
[RequestSizeLimit(64 * 1024 * 1024)]
public sealed class NewModel(ComplaintDesk desk, IValidator<ComplaintInput> validator) : PageModel
{
    public const string TrackingTokenKey = "ComplaintTrackingToken";

    [BindProperty]
    public ComplaintInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await validator.ValidateIntoAsync(Input, ModelState))
        {
            return Reshow();
        }

        var filed = await desk.FileAsync(Input, new Actor(null, Input.Name.Trim(), ActorKind.Complainant), ModelState, cancellationToken);
        if (filed is null)
        {
            return Reshow();
        }

        TempData[TrackingTokenKey] = filed.TrackingToken;
        return RedirectToPage("/Public/Complaints/Filed", new { reference = filed.Complaint.Reference });
    }

    private PageResult Reshow()
    {
        if (Input.Files.Count > 0)
        {
            ModelState.AddModelError("Input.Files", "Nothing was saved: choose your files again before you resubmit.");
        }

        return Page();
    }
}
