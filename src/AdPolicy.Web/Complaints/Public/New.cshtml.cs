using AdPolicy.Domain.Common;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Complaints.Public;

/// <summary>
/// The public complaint form (SPEC 3.1): no account needed; limited per client address (only filed complaints count, and
/// a refused one comes back as the form with what was written and a sentence, status 429); files the complaint and its
/// deadlines.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
[RequestSizeLimit(64 * 1024 * 1024)]
public sealed class NewModel(ComplaintDesk desk, ComplaintFilingLimiter limiter, IValidator<ComplaintInput> validator, IStringLocalizer<NewModel> text) : PageModel
{
    public const string TrackingTokenKey = "ComplaintTrackingToken";

    [BindProperty]
    public ComplaintInput Input { get; set; } = new();

    public void OnGet()
    {
        Input.SubmissionKey = Guid.NewGuid();
        Input.Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName; // the page's language, unless changed
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The same form sent again (a double click, a resend after a timeout) answers with the complaint it filed.
        if (await desk.FindSubmittedAsync(Input.SubmissionKey, cancellationToken) is { } earlier)
        {
            return Filed(earlier);
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState))
        {
            return Reshow();
        }

        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!limiter.MayFile(address))
        {
            ModelState.AddModelError(
                string.Empty,
                text["Too many requests: this connection has filed the most complaints we accept in {0}. Nothing was sent this time; your complaint is still below, so you can send it again later.", Display.Span(limiter.Window)]);
            var refused = Reshow();
            refused.StatusCode = StatusCodes.Status429TooManyRequests;
            return refused;
        }

        var errors = new FieldErrors();
        var filed = await desk.FileAsync(Input, new Actor(null, Input.Name.Trim(), ActorKind.Complainant), errors, cancellationToken);
        ModelState.AddFieldErrors(errors);
        if (filed is null)
        {
            return Reshow();
        }

        if (!filed.Duplicate)
        {
            limiter.Filed(address);
        }

        return Filed(filed);
    }

    private RedirectToPageResult Filed(FiledComplaint filed)
    {
        TempData[TrackingTokenKey] = filed.TrackingToken;
        return RedirectToPage("/Complaints/Public/Filed", new { reference = filed.Complaint.Reference });
    }

    private PageResult Reshow()
    {
        if (Input.Files.Count > 0)
        {
            ModelState.AddModelError("Input.Files", text["Nothing was saved: choose your files again before you resubmit."]);
        }

        return Page();
    }
}
