using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Appeals;

/// <summary>
/// The upload of one checklist item's evidence, streamed (see <see cref="StreamedUploadReader"/>): its own endpoint, so the
/// request size limit is raised to that item's files only here. The advertiser's and the reviewer's pages differ only in
/// who may upload and where they return. On a refusal the form is shown again with the reason next to the file.
/// </summary>
public abstract class EvidenceUploadPageModel(AppDbContext db, AppealDesk desk, StreamedUploadReader reader, PolicyStore policies, IStringLocalizer<EvidenceUploadPageModel> text) : PageModel, ICasePage<Guid>
{
    public ReviewRequest Appeal { get; private set; } = null!;

    public ReviewEvidenceItem Item { get; private set; } = null!;

    public PolicySettings Policy { get; private set; } = PolicySettings.Defaults;

    public AppealDesk Desk => desk;

    public abstract string DetailsPage { get; }

    public string UploadPage => $"{Request.Path}";

    public async Task<IActionResult> OnGetAsync(Guid id, EvidenceKind kind, CancellationToken cancellationToken) =>
        await LoadAsync(id, kind, tracking: false, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, EvidenceKind kind, CancellationToken cancellationToken)
    {
        if (!await MayUploadAsync())
        {
            return Forbid();
        }

        if (!await LoadAsync(id, kind, tracking: true, cancellationToken))
        {
            return NotFound();
        }

        await using var form = await reader.ReadAsync(HttpContext, (field, _) => desk.RuleFor(kind, field), desk.MaxRequestBytes(kind), cancellationToken);
        if (form.Forged)
        {
            return BadRequest();
        }

        // A broken rule or a conflict (someone changed the appeal meanwhile) is answered by CasePageFilter, with the
        // appeal as it now stands and nothing attached.
        form.CopyValuesTo(ModelState);
        var errors = new FieldErrors();
        var done = await desk.AttachAsync(Appeal, kind, form, Uploader, errors, cancellationToken);

        // The desk's fixed refusals ("Choose the file to upload.") in the reader's language; a sentence worded from the
        // file's own findings is already in it.
        foreach (var (field, message) in errors.All)
        {
            ModelState.AddModelError(field, text[message]);
        }

        return await CasePageFilter.AnswerAsync(this, id, done, cancellationToken, () => Redirect(DetailsPage));
    }

    public string? LatestChange => CasePageFilter.Latest(Appeal.Events, ReviewRequest.Describe);

    public string ThisCase => "this review request";

    public async Task ReloadAsync(Guid key, CancellationToken cancellationToken) =>
        await LoadAsync(key, Enum.Parse<EvidenceKind>((string)RouteData.Values["kind"]!, ignoreCase: true), tracking: false, cancellationToken, withEvents: true);

    protected abstract Actor Uploader { get; }

    /// <summary>The appeals this user may see; another organisation's are not found.</summary>
    protected abstract IQueryable<ReviewRequest> Visible(IQueryable<ReviewRequest> requests);

    protected abstract Task<bool> MayUploadAsync();

    /// <summary>Loads the appeal and the item; <paramref name="withEvents"/> also its timeline, to say what changed after a conflict.</summary>
    private async Task<bool> LoadAsync(Guid id, EvidenceKind kind, bool tracking, CancellationToken cancellationToken, bool withEvents = false)
    {
        IQueryable<ReviewRequest> requests = db.ReviewRequests.Include(r => r.Items);
        requests = withEvents ? requests.Include(r => r.Events) : requests;
        var query = Visible(requests).Where(r => r.Id == id);
        var found = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        if (found?.Items.FirstOrDefault(i => i.Kind == kind) is not { } item)
        {
            return false;
        }

        Appeal = found;
        Item = item;
        (Policy, _) = await policies.CurrentAsync(cancellationToken);
        return true;
    }
}
