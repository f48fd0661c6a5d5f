using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Appeals;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Appeals;

/// <summary>
/// The advertiser's review request: the checklist of evidence its issue type requires, each item's automatic result and
/// what is missing, an upload form per item, submit (refused until every item passes) and withdraw. Only their own
/// organisation's requests exist here.
/// </summary>
public sealed class DetailsModel(AppDbContext db, TimeProvider clock, AppealDesk desk, AppealSubjects subjects, PolicyStore policies, IStringLocalizer<DetailsModel> text) : PageModel, ICasePage<Guid>
{
    public ReviewRequest Appeal { get; private set; } = null!;

    public AppealSubject? Subject { get; private set; }

    public IReadOnlyDictionary<Guid, EvidenceFile> Files { get; private set; } = new Dictionary<Guid, EvidenceFile>();

    public PolicySettings Policy { get; private set; } = PolicySettings.Defaults;

    public AppealDesk Desk => desk;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is null ? NotFound() : Page();

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async (r, ct) =>
        {
            await desk.SubmitAsync(r, User.AsAdvertiser(), ct);
            return text["{0} was sent to the reviewers. You will be told of their decision.", r.Reference].Value;
        }, cancellationToken);

    /// <summary>Sends the replaced evidence back to the reviewer (refused until every rejected item has a new file that passes).</summary>
    public Task<IActionResult> OnPostResubmitAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async (r, ct) =>
        {
            await desk.ResubmitAsync(r, User.AsAdvertiser(), ct);
            return text["{0} was sent back to the reviewer with the replaced evidence.", r.Reference].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async (r, ct) =>
        {
            r.Withdraw(User.AsAdvertiser(), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return text["{0} was withdrawn.", r.Reference].Value;
        }, cancellationToken);

    /// <summary>Loads their own request for change, acts, and redirects; a refusal or a conflict is <see cref="CasePageFilter"/>'s.</summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<ReviewRequest, CancellationToken, Task<string>> action, CancellationToken cancellationToken)
    {
        var organisationId = User.OrganisationId()!.Value;
        var request = await db.ReviewRequests.Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == organisationId, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        TempData["Status"] = await action(request, cancellationToken);
        return RedirectToPage(new { id });
    }

    public Task ReloadAsync(Guid id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public string? LatestChange => CasePageFilter.Latest(Appeal.Events, ReviewRequest.Describe);

    private async Task<ReviewRequest?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var organisationId = User.OrganisationId()!.Value;
        var request = await db.ReviewRequests.AsNoTracking()
            .Include(r => r.Items).ThenInclude(i => i.EarlierVersions)
            .Include(r => r.Events)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == organisationId, cancellationToken);
        if (request is null)
        {
            return null;
        }

        Appeal = request;
        Subject = await subjects.FindAsync(organisationId, request.SubjectKind, request.SubjectId, cancellationToken);
        Files = await db.EvidenceFiles.AsNoTracking()
            .Where(f => f.CaseKind == CaseKind.ReviewRequest && f.CaseId == id)
            .ToDictionaryAsync(f => f.Id, cancellationToken);
        (Policy, _) = await policies.CurrentAsync(cancellationToken);
        return request;
    }
}
