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
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Complaints.Public;

/// <summary>
/// The complainant's private tracking page (anonymous: the token is the authorisation): this complaint's status,
/// outcome, the conversation with the advertiser and the files meant for the complainant; adding information and
/// files, replying to the advertiser, contesting a rejection once, and withdrawal. Found only by the token's hash; a
/// revoked or unknown token is 404. Nothing else of the advertiser is shown.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
[RequestSizeLimit(64 * 1024 * 1024)]
public sealed class TrackModel(AppDbContext db, ComplaintDesk desk, IEvidenceStore store, PolicyStore policies, TimeProvider clock, IStringLocalizer<TrackModel> text) : PageModel, ICasePage<string>
{
    /// <summary>The complaint is named by the complainant's token, never by its id.</summary>
    public string Key => "token";

    /// <summary>Who changed the complaint is not the complainant's to see (staff names stay inside): the page itself says where it stands.</summary>
    public string? LatestChange => null;

    public string ThisCase => "your complaint";

    /// <summary>Which form the posted input belongs to, so its messages show under it.</summary>
    public string? ActiveForm { get; private set; }

    [BindProperty]
    public TextAndFiles Information { get; set; } = new();

    [BindProperty]
    public TextAndFiles Reply { get; set; } = new();

    [BindProperty]
    public TextAndFiles Contest { get; set; } = new();

    /// <summary>Until when the rejection can be contested; null when it cannot (not rejected, already contested, too late).</summary>
    public DateTimeOffset? ContestOpenUntil { get; private set; }

    /// <summary>Whether the advertiser has written something the complainant can answer.</summary>
    public bool MayReply => Complaint.Status != ComplaintStatus.Withdrawn
        && Complaint.Events.Any(e => e.Kind == ComplaintEventKind.CooperationMessage && e.VisibleToComplainant);

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

    public Task<IActionResult> OnPostInformationAsync(string token, CancellationToken cancellationToken) =>
        ActAsync(token, "information", async (complaint, errors, ct) =>
        {
            // Said here, in the complaint's language, before the desk (which says it in English) is asked.
            if (string.IsNullOrWhiteSpace(Information.Text) && Information.Files.Count == 0)
            {
                errors.Add("Information.Text", text["Write the information you want to add, or choose a file."]);
                return null;
            }

            return Fits("Information.Text", Information.Text, errors) && await desk.AddInformationAsync(complaint, Information.Text, Information.Files, errors, ct)
                ? text["Thank you: what you added is with the staff handling your complaint."].Value : null;
        }, cancellationToken);

    public Task<IActionResult> OnPostReplyAsync(string token, CancellationToken cancellationToken) =>
        ActAsync(token, "reply", async (complaint, errors, ct) =>
        {
            if (string.IsNullOrWhiteSpace(Reply.Text))
            {
                errors.Add("Reply.Text", text["Write your reply to the advertiser."]);
                return null;
            }

            if (!Fits("Reply.Text", Reply.Text, errors))
            {
                return null;
            }

            await desk.ReplyAsync(complaint, Reply.Text, ct);
            return text["Your reply was sent to the advertiser."];
        }, cancellationToken);

    public Task<IActionResult> OnPostContestAsync(string token, CancellationToken cancellationToken) =>
        ActAsync(token, "contest", async (complaint, errors, ct) =>
        {
            if (string.IsNullOrWhiteSpace(Contest.Text))
            {
                errors.Add("Contest.Text", text["Say why the rejection is wrong."]);
                return null;
            }

            if (!Fits("Contest.Text", Contest.Text, errors))
            {
                return null;
            }

            return await desk.ContestAsync(complaint, Contest.Text, Contest.Files, errors, ct)
                ? text["You contested the rejection. A staff member who did not decide it will review your complaint, and you will hear the outcome by email."].Value
                : null;
        }, cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(string token, CancellationToken cancellationToken) =>
        ActAsync(token, "withdraw", async (complaint, _, ct) =>
        {
            await desk.WithdrawAsync(complaint, ct);
            return text["You withdrew complaint {0}.", complaint.Reference].Value;
        }, cancellationToken);

    /// <summary>A text over the message limit is refused next to its field (the domain refuses it too, as a rule).</summary>
    private static bool Fits(string field, string? text, FieldErrors errors)
    {
        if (text is not null && text.Trim().Length > AceComplaint.MessageMaxLength)
        {
            errors.Add(field, TextLimits.TooLong(text));
            return false;
        }

        return true;
    }

    public async Task ReloadAsync(string key, CancellationToken cancellationToken) => await LoadAsync(key, tracking: false, cancellationToken);

    /// <summary>
    /// Loads the complaint for change and runs the action; <see cref="CasePageFilter"/> answers (PRG, or the page with
    /// its messages, a broken rule or a conflict shown with the complaint as it now stands).
    /// </summary>
    private async Task<IActionResult> ActAsync(string token, string form, Func<AceComplaint, FieldErrors, CancellationToken, Task<string?>> action, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(token, tracking: true, cancellationToken))
        {
            return NotFound();
        }

        ActiveForm = form;
        var errors = new FieldErrors();
        var done = await action(Complaint, errors, cancellationToken);
        ModelState.AddFieldErrors(errors);
        return await CasePageFilter.AnswerAsync(this, token, done, cancellationToken);
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
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        ContestOpenUntil = found.MayContest(policy.ContestWindow, clock.GetUtcNow()) ? found.DecidedAt + policy.ContestWindow : null;
        return true;
    }

    /// <summary>What the complainant writes, with files where the form takes them (checked by the upload path).</summary>
    public sealed class TextAndFiles
    {
        public string? Text { get; set; }

        public List<IFormFile> Files { get; set; } = [];
    }
}
