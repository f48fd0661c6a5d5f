using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Storage;
using AdPolicy.Web.Queue;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdPolicy.Web.Complaints.Staff;

/// <summary>
/// A complaint for staff: both sides' evidence, the timeline, its deadlines and the account's standing. Any staff member
/// reads, claims and writes notes; only support decides (uphold with a tier, or reject).
/// </summary>
public sealed class DetailsModel(
    AppDbContext db,
    TimeProvider clock,
    ComplaintDesk desk,
    AceStandings standings,
    PolicyStore policies,
    CaseAssignments assignments,
    CaseAttachments attachments,
    IAuthorizationService authorization,
    IValidator<DetailsModel.DecisionInput> validator,
    IStringLocalizer<DetailsModel> text) : PageModel, ICasePage<Guid>
{
    public AceComplaint Complaint { get; private set; } = null!;

    public Promotion Promotion { get; private set; } = null!;

    public IReadOnlyList<Ad> Ads { get; private set; } = [];

    public AccountRecord Record { get; private set; } = null!;

    public Deliveries Delivery { get; private set; } = Deliveries.None;

    public IReadOnlyList<Deadline> Deadlines { get; private set; } = [];

    public IReadOnlyList<EvidenceFile> Files { get; private set; } = [];

    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];

    /// <summary>The other open complaints of this one's duplicate group: deciding this one decides them too.</summary>
    public IReadOnlyList<AceComplaint> Duplicates { get; private set; } = [];

    public bool MayDecide { get; private set; }

    public bool MayAttach { get; private set; }

    /// <summary>The one who rejected the complaint is reading it: a contest goes to somebody else.</summary>
    public bool RejectedByMe { get; private set; }

    public PolicySettings Policy { get; private set; } = PolicySettings.Defaults;

    public DateTimeOffset Now { get; private set; }

    public string? TrackingUrl { get; private set; }

    [BindProperty]
    public DecisionInput Decision { get; set; } = new();

    [BindProperty]
    public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (TempData[Public.NewModel.TrackingTokenKey] is string token)
        {
            TrackingUrl = $"{Request.Scheme}://{Request.Host}{TrackingTokens.PathFor(token)}";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await assignments.ClaimAsync(CaseKind.AceComplaint, id, User.AsStaff(), cancellationToken);
        TempData[result.Succeeded ? "Status" : "Problem"] = result.Message;
        return RedirectToPage(new { id });
    }

    /// <summary>Takes the complaint out of its duplicate group, so it is decided on its own.</summary>
    public Task<IActionResult> OnPostSplitAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, supportOnly: true, async (c, ct) =>
        {
            await desk.SplitAsync(c, User.AsStaff(), ct);
            return text["Complaint {0} was taken out of its duplicate group; it is decided on its own.", c.Reference].Value;
        }, cancellationToken);

    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid? assigneeId, CancellationToken cancellationToken)
    {
        var result = await assignments.GiveAsync(CaseKind.AceComplaint, id, assigneeId, User, Url.Page("/Complaints/Staff/Details", new { id })!, cancellationToken);
        TempData[result.Succeeded ? "Status" : "Problem"] = result.Message;
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, supportOnly: false, async (c, ct) =>
        {
            // Appended under the case's row lock, not against the version read a moment ago: colleagues' notes never conflict.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.LockForAppendAsync(c, ct);
            c.AddInternalNote(Note ?? string.Empty, User.AsStaff(), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return text["Note added."].Value;
        }, cancellationToken);

    /// <summary>Reviewers (and admins) attach evidence; staff see it with the complaint, the complainant does not.</summary>
    public async Task<IActionResult> OnPostAttachAsync(Guid id, List<IFormFile> files, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded)
        {
            return Forbid();
        }

        return await ActAsync(id, supportOnly: false, async (c, ct) =>
        {
            var staff = User.AsStaff();
            var now = clock.GetUtcNow();
            var errors = new FieldErrors();
            var done = await attachments.AttachToCaseAsync(
                db, files, errors, "Files", CaseKind.AceComplaint, c.Id, c.OrganisationId, staff, now, name => c.RecordEvidence(name, staff, now), ct);
            ModelState.AddFieldErrors(errors);
            return done;
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostUpholdAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, supportOnly: true, async (c, ct) =>
        {
            Decision.Upholding = true;
            if (!await validator.ValidateIntoAsync(Decision, ModelState, "Decision"))
            {
                return null;
            }

            var violation = await desk.UpholdAsync(c, Decision.Tier!.Value, Decision.Reason, User.AsStaff(), ct, Decision.PenaltyFromRefusedRefund);
            var tier = AceWords.Tier(violation.Tier).ToLower(System.Globalization.CultureInfo.CurrentCulture);
            return (violation.IsStrike
                ? text["Complaint {0} upheld: {1} violation recorded (strike).", c.Reference, tier]
                : text["Complaint {0} upheld: {1} violation recorded.", c.Reference, tier]).Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, supportOnly: true, async (c, ct) =>
        {
            if (!await validator.ValidateIntoAsync(Decision, ModelState, "Decision"))
            {
                return null;
            }

            await desk.RejectAsync(c, Decision.Reason, User.AsStaff(), ct);
            return text["Complaint {0} rejected; its deadlines are cancelled.", c.Reference].Value;
        }, cancellationToken);

    /// <summary>Support revokes the complainant's tracking link (it leaked, or they asked) without sending a new one.</summary>
    public Task<IActionResult> OnPostRevokeLinkAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, supportOnly: true, async (c, ct) =>
        {
            await desk.RevokeTrackingAsync(c, ct);
            return text["The complainant's tracking link was revoked; it no longer opens the complaint."].Value;
        }, cancellationToken);

    /// <summary>Support revokes the complainant's tracking link and emails them a new one.</summary>
    public Task<IActionResult> OnPostReissueLinkAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, supportOnly: true, async (c, ct) =>
        {
            await desk.ReissueTrackingAsync(c, User.AsStaff(), ct);
            return text["A new tracking link was emailed to the complainant; the old one no longer works."].Value;
        }, cancellationToken);

    /// <summary>A support agent other than the one who rejected it upholds the complaint on review of the contest.</summary>
    public Task<IActionResult> OnPostUpholdContestAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, supportOnly: true, async (c, ct) =>
        {
            Decision.Upholding = true;
            if (!await validator.ValidateIntoAsync(Decision, ModelState, "Decision"))
            {
                return null;
            }

            var violation = await desk.DecideContestAsync(c, uphold: true, Decision.Tier, Decision.Reason, User.AsStaff(), ct, Decision.PenaltyFromRefusedRefund);
            return text["Complaint {0} upheld on review of the contest: {1} violation recorded; its deadlines were judged as of now.", c.Reference, AceWords.Tier(violation!.Tier).ToLower(System.Globalization.CultureInfo.CurrentCulture)].Value;
        }, cancellationToken);

    /// <summary>A support agent other than the one who rejected it keeps the rejection; the complainant cannot contest again.</summary>
    public Task<IActionResult> OnPostTurnDownContestAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, supportOnly: true, async (c, ct) =>
        {
            if (!await validator.ValidateIntoAsync(Decision, ModelState, "Decision"))
            {
                return null;
            }

            await desk.DecideContestAsync(c, uphold: false, null, Decision.Reason, User.AsStaff(), ct);
            return text["The contest of {0} was turned down; the rejection stands and the complainant was told.", c.Reference].Value;
        }, cancellationToken);

    /// <summary>Loads the complaint for change, runs the action, and answers with PRG, or the page with its field messages (a broken rule or a conflict is <see cref="CasePageFilter"/>'s).</summary>
    private async Task<IActionResult> ActAsync(Guid id, bool supportOnly, Func<AceComplaint, CancellationToken, Task<string?>> action, CancellationToken cancellationToken)
    {
        if (supportOnly && !(await authorization.AuthorizeAsync(User, Policies.Support)).Succeeded)
        {
            return Forbid();
        }

        var complaint = await db.AceComplaints.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
        {
            return NotFound();
        }

        return await CasePageFilter.AnswerAsync(this, id, await action(complaint, cancellationToken), cancellationToken);
    }

    public Task ReloadAsync(Guid id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public string? LatestChange => CasePageFilter.Latest(Complaint.Events, AceComplaint.Describe);

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var complaint = await db.AceComplaints.AsNoTracking().Include(c => c.Events).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
        {
            return false;
        }

        Complaint = complaint;
        Promotion = await db.Promotions.AsNoTracking().Include(p => p.Ads).SingleAsync(p => p.Id == complaint.PromotionId, cancellationToken);
        Ads = [.. Promotion.Ads.Where(a => complaint.AdId is null || a.Id == complaint.AdId)];
        var account = await db.AdAccounts.AsNoTracking().SingleAsync(a => a.Id == complaint.AdAccountId, cancellationToken);
        Record = await standings.ForAccountAsync(account, cancellationToken);
        Delivery = await standings.DeliveryOfAsync([Promotion], cancellationToken);
        Deadlines = await db.Deadlines.AsNoTracking().Where(d => d.ComplaintId == id).OrderBy(d => d.DueAt).ToListAsync(cancellationToken);
        Files = await db.EvidenceFiles.AsNoTracking()
            .Where(f => f.CaseKind == CaseKind.AceComplaint && f.CaseId == id)
            .OrderBy(f => f.UploadedAt)
            .ToListAsync(cancellationToken);
        (Policy, _) = await policies.CurrentAsync(cancellationToken);
        Staff = await StaffDirectory.ListAsync(db);
        Duplicates = complaint.IsAwaitingDecision ? await desk.DuplicatesOfAsync(complaint, cancellationToken) : [];
        MayDecide = (await authorization.AuthorizeAsync(User, Policies.Support)).Succeeded;
        MayAttach = (await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded;
        RejectedByMe = complaint.RejectedBy(User.AsStaff());
        return true;
    }

    public sealed class DecisionInput
    {
        public ViolationTier? Tier { get; set; }

        public string Reason { get; set; } = string.Empty;

        /// <summary>Staff found the penalty comes from a refund or return the advertiser refused (the appeal then needs refund or return proof).</summary>
        public bool PenaltyFromRefusedRefund { get; set; }

        internal bool Upholding { get; set; }
    }

    public sealed class DecisionValidator : AbstractValidator<DecisionInput>
    {
        public DecisionValidator(IStringLocalizer<DetailsModel> text)
        {
            RuleFor(x => x.Tier).NotNull().When(x => x.Upholding).WithMessage(_ => text["Choose the violation's tier."]);
            RuleFor(x => x.Tier).IsInEnum().WithMessage(_ => text["Choose the violation's tier."]);
            RuleFor(x => x.Reason)
                .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => text["Give the reason the advertiser and the complainant will read."])
                .MaximumLength(TextLimits.Message).WithMessage(x => TextLimits.TooLong(x.Reason));
        }
    }
}
