using AdPolicy.Web.Complaints;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Complaints.Staff;

/// <summary>Support records a complaint received another way (phone, letter, email); it starts its deadlines like any other.</summary>
[Authorize(Policy = Policies.Support)]
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
[RequestSizeLimit(64 * 1024 * 1024)]
public sealed class NewModel(ComplaintDesk desk, IValidator<ComplaintInput> validator, IStringLocalizer<NewModel> text) : PageModel
{
    [BindProperty]
    public ComplaintInput Input { get; set; } = new();

    public void OnGet() => Input.SubmissionKey = Guid.NewGuid();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The same form sent again answers with the complaint it recorded, not a second one.
        if (await desk.FindSubmittedAsync(Input.SubmissionKey, cancellationToken) is { } earlier)
        {
            return Recorded(earlier);
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState))
        {
            return Page();
        }

        var errors = new FieldErrors();
        var filed = await desk.FileAsync(Input, User.AsStaff(), errors, cancellationToken);
        ModelState.AddFieldErrors(errors);
        return filed is null ? Page() : Recorded(filed);
    }

    private RedirectToPageResult Recorded(FiledComplaint filed)
    {
        TempData[Public.NewModel.TrackingTokenKey] = filed.TrackingToken;
        TempData["Status"] = filed.Duplicate
            ? text["This complaint was already recorded as {0}; it was not recorded twice.", filed.Complaint.Reference].Value
            : text["Complaint {0} recorded; its deadlines run from now.", filed.Complaint.Reference].Value;
        return RedirectToPage("/Complaints/Staff/Details", new { id = filed.Complaint.Id });
    }
}
