using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Appeals;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Appeals;

/// <summary>
/// Opens a review request against a penalty named by the link on the ACE page: the advertiser chooses the issue type
/// and sees the evidence each type requires before choosing.
/// </summary>
public sealed class NewModel(AppealSubjects subjects, AppealDesk desk, PolicyStore policies, IValidator<NewModel.AppealInput> validator, IStringLocalizer<NewModel> text) : PageModel
{
    public AppealSubject? Subject { get; private set; }

    public PolicySettings Policy { get; private set; } = PolicySettings.Defaults;

    [BindProperty]
    public AppealInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(SubjectKind subjectKind, Guid subjectId, CancellationToken cancellationToken)
    {
        Input.SubjectKind = subjectKind;
        Input.SubjectId = subjectId;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState))
        {
            return Page();
        }

        var errors = new FieldErrors();
        var request = await desk.CreateAsync(
            User.OrganisationId()!.Value, Input.SubjectKind, Input.SubjectId, Input.IssueType!.Value,
            Input.Statement, User.AsAdvertiser(), errors, cancellationToken);
        ModelState.AddFieldErrors(errors);
        if (request is null)
        {
            return Page();
        }

        TempData["Status"] = text["Review request {0} opened. Upload the evidence below; you can submit it once every item passes its check.", request.Reference].Value;
        return Redirect(AppealDesk.AdvertiserPage(request.Id));
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        (Policy, _) = await policies.CurrentAsync(cancellationToken);
        Subject = await subjects.FindAsync(User.OrganisationId()!.Value, Input.SubjectKind, Input.SubjectId, cancellationToken);
        return Subject is not null;
    }

    public sealed class AppealInput
    {
        public SubjectKind SubjectKind { get; set; }

        public Guid SubjectId { get; set; }

        public IssueType? IssueType { get; set; }

        public string Statement { get; set; } = string.Empty;
    }

    public sealed class AppealInputValidator : AbstractValidator<AppealInput>
    {
        public AppealInputValidator(IStringLocalizer<NewModel> text)
        {
            RuleFor(x => x.IssueType).NotNull().WithMessage(_ => text["Choose the issue type: it decides the evidence you need."]).IsInEnum().WithMessage(_ => text["Choose the issue type: it decides the evidence you need."]);
            RuleFor(x => x.Statement)
                .Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage(_ => text["Explain why you believe the penalty is wrong."])
                .MaximumLength(ReviewRequest.StatementMaxLength).WithMessage(_ => text["Keep it under {0} characters.", ReviewRequest.StatementMaxLength]);
        }
    }
}
