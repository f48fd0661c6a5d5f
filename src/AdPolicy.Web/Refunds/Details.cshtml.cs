using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Refunds;
using AdPolicy.Web.Queue;
using AdPolicy.Web.Storage;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Refunds;

/// <summary>The advertiser's case page: status, public timeline, files, and what they can do next.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
[RequestSizeLimit(64 * 1024 * 1024)]
public sealed class DetailsModel(
    AppDbContext db,
    TimeProvider clock,
    PolicyStore policies,
    CaseAttachments attachments,
    Notifier notifier,
    RefundDesk desk,
    IStringLocalizerFactory localisers) : PageModel, ICasePage<Guid>
{
    private IStringLocalizer Text => localisers.ForPage("Refunds/Details");

    // Built only by the posts that send a message, not on every view of the case (issue 17: validators are scoped,
    // so one taken by the constructor was built, rules and all, for each GET).
    private IValidator<CaseMessageInput> MessageValidator => HttpContext.RequestServices.GetRequiredService<IValidator<CaseMessageInput>>();

    public RefundRequest Case { get; private set; } = null!;

    public IReadOnlyList<EvidenceFile> Files { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    [BindProperty]
    public CaseMessageInput Message { get; set; } = new();

    /// <summary>Which form the posted message belongs to, so errors show under the right one.</summary>
    public string? ActiveForm { get; private set; }

    /// <summary>
    /// Whether the posted form is still on the page as the case now stands. A form from a stale tab (a second dispute,
    /// an answer to a question already answered) is not, so its message and text show at the top instead.
    /// </summary>
    public bool ActiveFormShown => ActiveForm switch
    {
        "answer" => Case.Status == RefundStatus.AwaitingAdvertiser,
        "dispute" => Case.Status is RefundStatus.Denied or RefundStatus.PartiallyApproved && !Case.HasBeenDisputed,
        "followup" or "attach" => Case.IsOpen,
        _ => false,
    };

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "withdraw", requiresText: false, (r, _, now) => Sync(() => r.Withdraw(User.AsAdvertiser(), now)), Text["You withdrew this request."], ct);

    public Task<IActionResult> OnPostFollowUpAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "followup", requiresText: true, (r, policy, now) => desk.FollowUpAsync(r, Message.Text, User.AsAdvertiser(), policy, now, ct), Text["Your follow-up was sent to support."], ct);

    public Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "answer", requiresText: true, (r, policy, now) => desk.AnswerAsync(r, Message.Text, User.AsAdvertiser(), policy, now, ct), Text["Your answer was sent; the case is back in review."], ct);

    public Task<IActionResult> OnPostDisputeAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "dispute", requiresText: true, async (r, policy, now) =>
        {
            r.Dispute(Message.Text, User.AsAdvertiser(), policy, now);

            // A dispute goes to someone other than the agent who decided, when anyone else is available.
            if (await StaffDirectory.PickForDisputeAsync(db, r.DecidedById) is { } agent)
            {
                r.AssignTo(agent.Id, agent.Name, Actor.System, now);
                await notifier.NotifyAsync(agent.Id, () => (NoticeWords.Format("{0} was disputed and given to you", r.Reference), Message.Text), $"/Staff/Refunds/Details/{r.Id}", email: false, ct);
            }
        }, Text["Your dispute was filed; another member of staff will review the case."], ct);

    public Task<IActionResult> OnPostAttachAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "attach", requiresText: false, (r, _, _) => Sync(() => DomainRuleException.Check(r.IsOpen, RuleCodes.RefundClosed, $"Files can only be added to an open case.")), Text["Your files were added to the case."], ct);

    private async Task<IActionResult> ActAsync(
        Guid id,
        string form,
        bool requiresText,
        Func<RefundRequest, PolicySettings, DateTimeOffset, Task> action,
        string done,
        CancellationToken cancellationToken)
    {
        ActiveForm = form;
        if (!await LoadAsync(id, tracking: true))
        {
            return NotFound();
        }

        Message.RequiresText = requiresText;
        if (!await MessageValidator.ValidateIntoAsync(Message, ModelState, "Message"))
        {
            return Page();
        }

        var errors = new FieldErrors();
        await using var staged = await attachments.StageAsync(Message.Files, errors, "Message.Files", cancellationToken);
        if (!ModelState.AddFieldErrors(errors))
        {
            return Page();
        }

        if (form == "attach" && staged.Count == 0)
        {
            ModelState.AddModelError("Message.Files", Text["Choose at least one file to add."]);
            return Page();
        }

        var now = clock.GetUtcNow();
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var advertiser = User.AsAdvertiser();
        await action(Case, policy, now);
        await staged.AttachAsync(db, CaseKind.RefundRequest, Case.Id, Case.OrganisationId, advertiser, now, name => Case.RecordAttachment(name, advertiser, now), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = done;
        return RedirectToPage(new { id });
    }

    public Task ReloadAsync(Guid id, CancellationToken cancellationToken) => LoadAsync(id);

    /// <summary>The newest change the advertiser may see: staff's internal notes are not theirs to read.</summary>
    public string? LatestChange => CasePageFilter.Latest(Case.Events.Where(e => !e.IsInternal), RefundRequest.Describe);

    private static Task Sync(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    private async Task<bool> LoadAsync(Guid id, bool tracking = false)
    {
        Now = clock.GetUtcNow();
        var organisationId = User.OrganisationId()!.Value;
        var query = db.RefundRequests.Include(r => r.Events).Where(r => r.Id == id && r.OrganisationId == organisationId);
        var found = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        if (found is null)
        {
            return false;
        }

        Case = found;
        Files = await db.EvidenceFiles.AsNoTracking()
            .Where(f => f.CaseKind == CaseKind.RefundRequest && f.CaseId == id)
            .OrderBy(f => f.UploadedAt)
            .ToListAsync();
        return true;
    }
}
