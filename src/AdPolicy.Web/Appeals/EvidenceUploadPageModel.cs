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
public abstract class EvidenceUploadPageModel(AppDbContext db, AppealDesk desk, StreamedUploadReader reader, PolicyStore policies, IStringLocalizer<EvidenceUploadPageModel> text) : PageModel
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

        string? done;
        form.CopyValuesTo(ModelState);
        var errors = new FieldErrors();
        try
        {
            done = await desk.AttachAsync(Appeal, kind, form, Uploader, errors, cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            ModelState.AddRule(rule);
            done = null;
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, text["This review request changed while you were uploading; nothing was attached. This is its current state; upload the file again."]);
            done = null;
        }

        // The desk's fixed refusals ("Choose the file to upload.") in the reader's language; a sentence with the file's
        // own findings in it stays as the desk wrote it.
        foreach (var (field, message) in errors.All)
        {
            ModelState.AddModelError(field, text[message]);
        }

        if (done is null)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, kind, tracking: false, cancellationToken);
            return Page();
        }

        TempData["Status"] = done;
        return Redirect(DetailsPage);
    }

    protected abstract Actor Uploader { get; }

    /// <summary>The appeals this user may see; another organisation's are not found.</summary>
    protected abstract IQueryable<ReviewRequest> Visible(IQueryable<ReviewRequest> requests);

    protected abstract Task<bool> MayUploadAsync();

    private async Task<bool> LoadAsync(Guid id, EvidenceKind kind, bool tracking, CancellationToken cancellationToken)
    {
        var query = Visible(db.ReviewRequests.Include(r => r.Items)).Where(r => r.Id == id);
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
