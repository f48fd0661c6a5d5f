using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Complaints.Public;

/// <summary>
/// The complainant's private tracking page: this complaint's status, outcome, the advertiser's messages and the files
/// meant for the complainant, and withdrawal. Found only by the token's hash; a revoked or unknown token is 404.
/// Nothing else of the advertiser is shown.
/// </summary>
public sealed class TrackModel(AppDbContext db, ComplaintDesk desk, IEvidenceStore store) : PageModel
{
    public AceComplaint Complaint { get; private set; } = null!;

    public IReadOnlyList<EvidenceFile> Files { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, tracking: false, cancellationToken) ? Page() : NotFound();

    /// <summary>A file shared with the complainant, downloadable only through this complaint's link.</summary>
    public async Task<IActionResult> OnGetFileAsync(string token, Guid fileId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, tracking: false, cancellationToken) || Files.FirstOrDefault(f => f.Id == fileId) is not { } file)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = Storage.EvidenceDownloads.NoStore;
        return File(await store.OpenReadAsync(file.Sha256, cancellationToken), file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string token, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, tracking: true, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await desk.WithdrawAsync(Complaint, cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(token, tracking: false, cancellationToken);
            ModelState.AddRule(rule);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(token, tracking: false, cancellationToken);
            ModelState.AddModelError(string.Empty, "Your complaint changed while you were on this page. This is its current state; check it and try again.");
            return Page();
        }

        TempData["Status"] = $"You withdrew complaint {Complaint.Reference}.";
        return RedirectToPage(new { token });
    }

    private async Task<bool> LoadAsync(string token, bool tracking, CancellationToken cancellationToken)
    {
        if (!TrackingTokens.LooksValid(token))
        {
            return false;
        }

        var hash = TrackingTokens.Hash(token);
        var query = db.AceComplaints.Include(c => c.Events).Where(c => c.TrackingTokenHash == hash && c.TrackingRevokedAt == null);
        var found = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        Complaint = found;
        Files = await db.EvidenceFiles.AsNoTracking()
            .Where(f => f.CaseKind == CaseKind.AceComplaint && f.CaseId == found.Id && f.VisibleToComplainant)
            .OrderBy(f => f.UploadedAt)
            .ToListAsync(cancellationToken);
        return true;
    }
}
