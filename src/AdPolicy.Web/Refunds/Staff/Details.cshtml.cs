using AdPolicy.Web.Refunds;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Webhooks;
using AdPolicy.Web.Storage;
using AdPolicy.Web.Queue;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Refunds.Staff;

/// <summary>
/// The staff view of a refund case: figures, files, the whole timeline with internal notes and changes, and the actions.
/// Deciding and paying are for support agents (and admins); reviewers can read, claim and write notes.
/// </summary>
public sealed class DetailsModel(
    AppDbContext db,
    TimeProvider clock,
    PolicyStore policies,
    CaseAssignments assignments,
    Notifier notifier,
    CaseAttachments attachments,
    IAuthorizationService authorization,
    IValidator<DecisionInput> decisionValidator,
    IValidator<InformationRequestInput> informationValidator,
    IValidator<StaffMessageInput> messageValidator,
    WebhookPublisher webhooks,
    AdPolicy.Web.Complaints.AceStandings standings,
    Localisation.Reader reader,
    IStringLocalizerFactory localisers) : PageModel, ICasePage<Guid>
{
    /// <summary>The page whose resource holds this page's and its forms' sentences.</summary>
    public const string Resource = "Refunds/Staff/Details";

    private IStringLocalizer Text => localisers.ForPage(Resource);

    public RefundRequest Case { get; private set; } = null!;

    public Promotion Promotion { get; private set; } = null!;

    /// <summary>Whether the promotion delivers now, derived from the account's standing (as on every page that shows it).</summary>
    public AdPolicy.Web.Complaints.Deliveries Delivery { get; private set; } = AdPolicy.Web.Complaints.Deliveries.None;

    public string OrganisationName { get; private set; } = string.Empty;

    public IReadOnlyList<EvidenceFile> Files { get; private set; } = [];

    /// <summary>What could still be approved on this case: spend less every other request's paid or approved amount.</summary>
    public Money Refundable { get; private set; }

    /// <summary>What the promotion has left: spend less every paid or approved refund, this case's included.</summary>
    public Money StillRefundable { get; private set; }

    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];

    public bool CanDecide { get; private set; }

    public bool MayAttach { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>The due dates the information request form offers (its min and max), from the policy.</summary>
    public (DateOnly Earliest, DateOnly Latest) InformationDueRange { get; private set; }

    public string? ActiveForm { get; private set; }

    [BindProperty]
    public DecisionInput Decision { get; set; } = new();

    [BindProperty]
    public InformationRequestInput Information { get; set; } = new();

    [BindProperty]
    public StaffMessageInput Message { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Decision.Amount = Case.ApprovedAmount ?? Math.Min(Case.RequestedAmount, Refundable.Amount);
        Information.DueDate = reader.Today(Now).AddDays((await policies.CurrentAsync()).Settings.InformationRequestDefaultDays);
        return Page();
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken ct)
    {
        var result = await assignments.ClaimAsync(CaseKind.RefundRequest, id, User.AsStaff(), ct);
        TempData[result.Succeeded ? "Status" : "Problem"] = result.Message;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid? assigneeId, CancellationToken ct)
    {
        var result = await assignments.GiveAsync(CaseKind.RefundRequest, id, assigneeId, User, Url.Page("/Refunds/Staff/Details", new { id })!, ct);
        TempData[result.Succeeded ? "Status" : "Problem"] = result.Message;
        return RedirectToPage(new { id });
    }

    /// <summary>Reviewers (and admins) attach evidence to the case; the advertiser sees the file on the timeline.</summary>
    public async Task<IActionResult> OnPostAttachAsync(Guid id, List<IFormFile> files, CancellationToken ct)
    {
        ActiveForm = "attach";
        if (!(await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, tracking: true))
        {
            return NotFound();
        }

        var staff = User.AsStaff();
        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        var done = await attachments.AttachToCaseAsync(
            db, files, errors, "Files", CaseKind.RefundRequest, Case.Id, Case.OrganisationId, staff, now, name => Case.RecordAttachment(name, staff, now), ct);
        ModelState.AddFieldErrors(errors);
        return await CasePageFilter.AnswerAsync(this, id, done, ct);
    }

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "note", supportOnly: false, () => messageValidator.ValidateIntoAsync(Message, ModelState, "Message"), async (r, staff, _, now) =>
        {
            // Appended under the case's row lock, not against the version read a moment ago: colleagues' notes never conflict.
            await db.LockForAppendAsync(r, ct);
            r.AddInternalNote(Message.Text, staff, now);
            return Text["Note added (staff only)."];
        }, ct);

    public Task<IActionResult> OnPostReplyAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "reply", supportOnly: true, () => messageValidator.ValidateIntoAsync(Message, ModelState, "Message"), async (r, staff, _, now) =>
        {
            r.Reply(Message.Text, staff, now);
            await NotifyAdvertiserAsync(r, () => (NoticeWords.Get("Support replied on your refund case"), Message.Text), email: false, ct);
            return Text["Reply sent to the advertiser."];
        }, ct);

    public Task<IActionResult> OnPostRequestInformationAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "information", supportOnly: true, () => informationValidator.ValidateIntoAsync(Information, ModelState, "Information"), async (r, staff, _, now) =>
        {
            // The end of the chosen day on the clock of the staff member who chose it.
            var due = reader.FromLocal(Information.DueDate!.Value.ToDateTime(new TimeOnly(23, 59)));
            r.RequestInformation(Information.Question, due, staff, now);
            await NotifyAdvertiserAsync(r, () => (NoticeWords.Format("We need more information on {0}", r.Reference), $"{Information.Question}\n\n{NoticeWords.Format("Please answer by {0}.", Display.Utc(due))}"), email: true, ct);
            return Text["Question sent; the response clock is paused until the advertiser answers."];
        }, ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "decision", supportOnly: true, () => decisionValidator.ValidateIntoAsync(Decision, ModelState, "Decision"), async (r, staff, version, now) =>
        {
            var refundable = await LockAndMeasureAsync(r, ct);
            r.Approve(new Money(Decision.Amount, r.Currency), Decision.Reason, refundable, staff, version, now);
            var what = r.Status == RefundStatus.Approved ? "approved" : "partially approved";
            await NotifyAdvertiserAsync(r, () => (NoticeWords.Format(r.Status == RefundStatus.Approved ? "Refund {0} approved" : "Refund {0} partially approved", r.Reference), $"{NoticeWords.Format("{0} was approved.", Display.Money(Decision.Amount, r.Currency))} {Decision.Reason}"), email: true, ct);
            await webhooks.RaiseAsync(WebhookEventTypes.RefundDecided, r.OrganisationId, Api.RefundsApi.Resource(r, timeline: false), ct);
            return r.Status == RefundStatus.Approved
                ? Text["{0} approved: {1}.", r.Reference, Display.Money(Decision.Amount, r.Currency)]
                : Text["{0} partially approved: {1}.", r.Reference, Display.Money(Decision.Amount, r.Currency)];
        }, ct);

    public Task<IActionResult> OnPostDenyAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "decision", supportOnly: true, () =>
        {
            // The amount box sits in the same form; a denial approves nothing, so what it holds does not matter.
            ModelState.Remove("Decision.Amount");
            return decisionValidator.ValidateIntoAsync(Decision, ModelState, "Decision");
        }, async (r, staff, version, now) =>
        {
            r.Deny(Decision.Reason, Decision.Advice ?? string.Empty, staff, version, now);
            await NotifyAdvertiserAsync(r, () => (NoticeWords.Format("Refund {0} denied", r.Reference), $"{Decision.Reason}\n{NoticeWords.Format("What would have made it eligible: {0}", Decision.Advice ?? string.Empty)}"), email: true, ct);
            await webhooks.RaiseAsync(WebhookEventTypes.RefundDecided, r.OrganisationId, Api.RefundsApi.Resource(r, timeline: false), ct);
            return Text["{0} denied.", r.Reference];
        }, ct);

    public Task<IActionResult> OnPostPayAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "pay", supportOnly: true, () => Task.FromResult(true), async (r, staff, _, now) =>
        {
            var refundable = await LockAndMeasureAsync(r, ct);
            db.LedgerEntries.Add(r.Pay(refundable, staff, now));
            await NotifyAdvertiserAsync(r, () => (NoticeWords.Format("Refund {0} paid", r.Reference), NoticeWords.Format("{0} was credited to your ad account.", Display.Money(r.Approved!.Value))), email: true, ct);
            await webhooks.RaiseAsync(WebhookEventTypes.RefundPaid, r.OrganisationId, Api.RefundsApi.Resource(r, timeline: false), ct);
            return Text["{0} credited to the ad account.", Display.Money(r.Approved!.Value)];
        }, ct);

    /// <summary>
    /// One shape for every action: check the role, validate, load, act through the domain, save in one transaction
    /// (with the promotion locked where money is involved). A refusal or a race is <see cref="CasePageFilter"/>'s: the
    /// transaction is rolled back as it is disposed, and the filter shows the case as it now stands.
    /// </summary>
    private async Task<IActionResult> ActAsync(
        Guid id,
        string form,
        bool supportOnly,
        Func<Task<bool>> validate,
        Func<RefundRequest, Actor, int, DateTimeOffset, Task<string>> action,
        CancellationToken ct)
    {
        ActiveForm = form;
        if (supportOnly && !(await authorization.AuthorizeAsync(User, Policies.Support)).Succeeded)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, tracking: true))
        {
            return NotFound();
        }

        if (!await validate())
        {
            return Page();
        }

        var (_, version) = await policies.CurrentAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var done = await action(Case, User.AsStaff(), version, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Status"] = done;
        return RedirectToPage(new { id });
    }

    public Task ReloadAsync(Guid id, CancellationToken cancellationToken) => LoadAsync(id);

    public string? LatestChange => CasePageFilter.Latest(Case.Events, RefundRequest.Describe);

    /// <summary>Where the case now stands, for the person whose action lost a race: paid, decided by whom, or with whom.</summary>
    public string Standing => Case.Status switch
    {
        RefundStatus.Refunded => Text["It was already paid on {0}", Display.Utc(Case.RefundedAt!.Value)],
        RefundStatus.Approved or RefundStatus.PartiallyApproved or RefundStatus.Denied => Text["It is now {0} by {1}", RefundText.Status(Case.Status), Case.DecidedByName ?? string.Empty],
        _ => Case.AssigneeName is { } a
            ? Text["It is now {0}, with {1}", RefundText.Status(Case.Status), a]
            : Text["It is now {0}", RefundText.Status(Case.Status)],
    };

    private async Task<Money> LockAndMeasureAsync(RefundRequest request, CancellationToken ct)
    {
        await db.LockPromotionAsync(request.PromotionId, ct);
        return await db.RefundableAsync(Promotion, except: request.Id, ct);
    }

    /// <summary>The advertiser who filed is told in their language (<paramref name="write"/> runs in it).</summary>
    private Task<bool> NotifyAdvertiserAsync(RefundRequest request, Func<(string Title, string Body)> write, bool email, CancellationToken ct) =>
        notifier.NotifyAsync(request.FiledById, write, $"/Refunds/Details/{request.Id}", email, ct);

    private async Task<bool> LoadAsync(Guid id, bool tracking = false)
    {
        Now = clock.GetUtcNow();
        InformationDueRange = InformationRequestValidator.DueDateRange(reader.Today(Now), (await policies.CurrentAsync()).Settings);
        var query = db.RefundRequests.Include(r => r.Events).Where(r => r.Id == id);
        var found = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        if (found is null)
        {
            return false;
        }

        Case = found;
        Promotion = await db.Promotions.AsNoTracking().FirstAsync(p => p.Id == found.PromotionId);
        Delivery = await standings.DeliveryOfAsync([Promotion]);
        OrganisationName = await db.Organisations.Where(o => o.Id == found.OrganisationId).Select(o => o.Name).FirstAsync();
        Files = await db.EvidenceFiles.AsNoTracking().Where(f => f.CaseKind == CaseKind.RefundRequest && f.CaseId == id).OrderBy(f => f.UploadedAt).ToListAsync();
        Refundable = await db.RefundableAsync(Promotion, except: id);
        StillRefundable = await db.RefundableAsync(Promotion);
        Staff = await StaffDirectory.ListAsync(db);
        CanDecide = (await authorization.AuthorizeAsync(User, Policies.Support)).Succeeded;
        MayAttach = (await authorization.AuthorizeAsync(User, Policies.Reviewer)).Succeeded;
        return true;
    }
}

public sealed class DecisionInput
{
    [System.ComponentModel.DataAnnotations.Display(Name = "the amount to approve")]
    public decimal Amount { get; set; }

    public string Reason { get; set; } = string.Empty;

    public string? Advice { get; set; }
}

public sealed class DecisionValidator : AbstractValidator<DecisionInput>
{
    public DecisionValidator(IStringLocalizerFactory localisers)
    {
        var text = localisers.ForPage(DetailsModel.Resource);
        RuleFor(x => x.Reason).NotEmpty().WithMessage(_ => text["Give the reason the advertiser will read."])
            .MaximumLength(TextLimits.Message).WithMessage(x => TextLimits.TooLong(x.Reason));
        RuleFor(x => x.Advice).MaximumLength(TextLimits.Message).WithMessage(x => TextLimits.TooLong(x.Advice));
        RuleFor(x => x.Amount).Must(a => decimal.Round(a, 2) == a).WithMessage(_ => text["Amounts have at most two decimals."]);
    }
}

public sealed class InformationRequestInput
{
    public string Question { get; set; } = string.Empty;

    [System.ComponentModel.DataAnnotations.Display(Name = "the date the answer is due")]
    public DateOnly? DueDate { get; set; }
}

public sealed class InformationRequestValidator : AbstractValidator<InformationRequestInput>
{
    /// <summary>How a date is written in a sentence, a resource of its own: "8 December 2026", "8 de diciembre de 2026".</summary>
    private const string LongDate = "d MMMM yyyy";

    public InformationRequestValidator(TimeProvider clock, PolicyStore policies, Localisation.Reader reader, IStringLocalizerFactory localisers)
    {
        var text = localisers.ForPage(DetailsModel.Resource);
        RuleFor(x => x.Question).NotEmpty().WithMessage(_ => text["Write the question for the advertiser."])
            .MaximumLength(TextLimits.Message).WithMessage(x => TextLimits.TooLong(x.Question));
        RuleFor(x => x.DueDate).NotNull().WithMessage(_ => text["Choose the date the answer is due."]);
        RuleFor(x => x.DueDate!.Value).CustomAsync(async (due, context, ct) =>
        {
            var (earliest, latest) = DueDateRange(reader.Today(clock.GetUtcNow()), (await policies.CurrentAsync(ct)).Settings);
            if (due < earliest || due > latest)
            {
                context.AddFailure(
                    nameof(InformationRequestInput.DueDate),
                    text[
                        "Choose a date from {0} to {1}: an answer can be due at most {2} days ahead.",
                        earliest.ToString(text[LongDate], System.Globalization.CultureInfo.CurrentCulture),
                        latest.ToString(text[LongDate], System.Globalization.CultureInfo.CurrentCulture),
                        latest.DayNumber - earliest.DayNumber + 1]);
            }
        }).When(x => x.DueDate is not null);
    }

    /// <summary>The dates staff may choose (on their own calendar): from tomorrow to the policy's maximum ahead.</summary>
    public static (DateOnly Earliest, DateOnly Latest) DueDateRange(DateOnly today, PolicySettings policy) =>
        (today.AddDays(1), today.AddDays(policy.InformationRequestMaxDays));
}

public sealed class StaffMessageInput
{
    public string Text { get; set; } = string.Empty;
}

public sealed class StaffMessageValidator : AbstractValidator<StaffMessageInput>
{
    public StaffMessageValidator(IStringLocalizerFactory localisers)
    {
        var text = localisers.ForPage(DetailsModel.Resource);
        RuleFor(x => x.Text).NotEmpty().WithMessage(_ => text["Write the message."])
            .MaximumLength(TextLimits.Message).WithMessage(x => TextLimits.TooLong(x.Text));
    }
}
