using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Appeals;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Queue;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Appeals.Staff;

/// <summary>
/// The reviewer's desk: the appeal, its checklist with each item's automatic result and files, the account's standing.
/// Any staff member reads; reviewers and admins claim, attach evidence, accept or reject items, and decide.
/// </summary>
public sealed class DetailsModel(
    AppDbContext db,
    AppealDesk desk,
    AppealSubjects subjects,
    AceStandings standings,
    PolicyStore policies,
    CaseAssignments assignments,
    IAuthorizationService authorization,
    IValidator<DetailsModel.DecisionInput> decisionValidator,
    IStringLocalizer<DetailsModel> text) : PageModel, ICasePage<Guid>
{
    public ReviewRequest Appeal { get; private set; } = null!;

    public AppealSubject? Subject { get; private set; }

    public AccountRecord Record { get; private set; } = null!;

    public string OrganisationName { get; private set; } = string.Empty;

    public IReadOnlyDictionary<Guid, EvidenceFile> Files { get; private set; } = new Dictionary<Guid, EvidenceFile>();

    public PolicySettings Policy { get; private set; } = PolicySettings.Defaults;

    public bool MayDecide { get; private set; }

    public AppealDesk Desk => desk;

    [BindProperty]
    public DecisionInput Decision { get; set; } = new();

    [BindProperty]
    public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded)
        {
            return Forbid();
        }

        var result = await assignments.ClaimAsync(CaseKind.ReviewRequest, id, User.AsStaff(), cancellationToken);
        TempData[result.Succeeded ? "Status" : "Problem"] = result.Message;
        return RedirectToPage(new { id });
    }

    /// <summary>Accepts or rejects one checklist item, with the reviewer's note (needed to reject).</summary>
    public Task<IActionResult> OnPostVerdictAsync(Guid id, EvidenceKind kind, ReviewVerdict verdict, CancellationToken cancellationToken) =>
        ActAsync(id, async (r, ct) =>
        {
            await desk.ReviewItemAsync(r, kind, verdict, Note, User.AsStaff(), ct);
            return verdict == ReviewVerdict.Rejected
                ? text["{0} rejected; the advertiser was told to replace it, and the review clock is paused until they resubmit.", AppealText.Title(kind)].Value
                : text["{0} {1}.", AppealText.Title(kind), AppealText.Verdict(verdict)].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async (r, ct) =>
            await decisionValidator.ValidateIntoAsync(Decision, ModelState, "Decision")
                ? await desk.ApproveAsync(r, Decision.Reason, User.AsStaff(), ct)
                : null, cancellationToken);

    public Task<IActionResult> OnPostDenyAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async (r, ct) =>
            await decisionValidator.ValidateIntoAsync(Decision, ModelState, "Decision")
                ? await DeniedAsync(r, ct)
                : null, cancellationToken);

    private async Task<string> DeniedAsync(ReviewRequest request, CancellationToken cancellationToken)
    {
        await desk.DenyAsync(request, Decision.Reason, User.AsStaff(), cancellationToken);
        return text["{0} denied; the advertiser was told.", request.Reference].Value;
    }

    /// <summary>Reviewer-only actions: check the role, load for change, act through the domain, PRG or the page with its field messages (a broken rule or a conflict is <see cref="CasePageFilter"/>'s).</summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<ReviewRequest, CancellationToken, Task<string?>> action, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded)
        {
            return Forbid();
        }

        var request = await db.ReviewRequests.Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        return await CasePageFilter.AnswerAsync(this, id, await action(request, cancellationToken), cancellationToken);
    }

    public Task ReloadAsync(Guid id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public string? LatestChange => CasePageFilter.Latest(Appeal.Events, ReviewRequest.Describe);

    public string ThisCase => "this review request (or the record it is about)";

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await db.ReviewRequests.AsNoTracking()
            .Include(r => r.Items).ThenInclude(i => i.EarlierVersions)
            .Include(r => r.Events)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return false;
        }

        Appeal = request;
        Subject = await subjects.FindAsync(request.OrganisationId, request.SubjectKind, request.SubjectId, cancellationToken);
        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == request.AdAccountId, cancellationToken);
        Record = await standings.ForAccountAsync(account, cancellationToken);
        OrganisationName = await db.Organisations.Where(o => o.Id == request.OrganisationId).Select(o => o.Name).FirstAsync(cancellationToken);
        Files = await db.EvidenceFiles.AsNoTracking()
            .Where(f => f.CaseKind == CaseKind.ReviewRequest && f.CaseId == id)
            .ToDictionaryAsync(f => f.Id, cancellationToken);
        (Policy, _) = await policies.CurrentAsync(cancellationToken);
        MayDecide = (await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded;
        return true;
    }

    public sealed class DecisionInput
    {
        public string Reason { get; set; } = string.Empty;
    }

    public sealed class DecisionValidator : AbstractValidator<DecisionInput>
    {
        public DecisionValidator(IStringLocalizer<DetailsModel> text)
        {
            RuleFor(x => x.Reason)
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => text["Give the reason the advertiser will read."])
                .MaximumLength(ReviewRequest.ReasonMaxLength).WithMessage(_ => text["Keep the reason under {0} characters.", ReviewRequest.ReasonMaxLength]);
        }
    }
}
