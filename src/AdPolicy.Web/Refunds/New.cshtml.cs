using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Refunds;
using AdPolicy.Web.Storage;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Refunds;

/// <summary>"Request a refund": the eligibility pre-check from the promotion's own figures, then the form.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
[RequestSizeLimit(64 * 1024 * 1024)]
public sealed class NewModel(
    AppDbContext db,
    TimeProvider clock,
    RefundDesk desk,
    CaseAttachments attachments,
    IOptions<UploadLimits> limits,
    IValidator<RefundInput> validator,
    IStringLocalizerFactory localisers) : PageModel
{
    private IStringLocalizer Text => localisers.ForPage(RefundInputValidator.Page);

    [BindProperty]
    public RefundInput Input { get; set; } = new();

    public Promotion Promotion { get; private set; } = null!;

    public IReadOnlyDictionary<RefundReason, RefundPreCheck> Checks { get; private set; } = new Dictionary<RefundReason, RefundPreCheck>();

    public RefundPreCheck Check => Checks[Input.Reason];

    public bool AnyEligible => Checks.Values.Any(c => c.Eligible);

    public long MaxAttachmentBytes => limits.Value.AttachmentMaxBytes;

    public async Task<IActionResult> OnGetAsync(Guid promotionId, RefundReason? reason)
    {
        if (!await LoadAsync(promotionId))
        {
            return NotFound();
        }

        Input.PromotionId = promotionId;
        Input.IdempotencyKey = Guid.NewGuid();
        Input.Reason = reason ?? Checks.FirstOrDefault(c => c.Value.Eligible).Key;
        Input.Amount = Check.SuggestedRefund?.Amount ?? Check.Refundable.Amount;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var organisationId = User.OrganisationId()!.Value;
        if (!await LoadAsync(Input.PromotionId))
        {
            return NotFound();
        }

        var userId = User.Id();
        if (await FindFiledAsync(userId) is { } alreadyFiled)
        {
            return Filed(alreadyFiled, duplicate: true);
        }

        if (!await validator.ValidateIntoAsync(Input, ModelState))
        {
            return Reshow();
        }

        var errors = new FieldErrors();
        await using var staged = await attachments.StageAsync(Input.Attachments, errors, "Input.Attachments", cancellationToken);
        if (!ModelState.AddFieldErrors(errors))
        {
            return Reshow();
        }

        var filed = await desk.FileAsync(
            Promotion,
            organisationId,
            new RefundApplication(Input.Reason, Input.Description, Input.Amount, Input.IdempotencyKey),
            User.AsAdvertiser(),
            staged,
            errors,
            cancellationToken);
        ModelState.AddFieldErrors(errors);
        return filed is null ? Reshow() : Filed(filed.Request, filed.Duplicate);
    }

    private IActionResult Reshow()
    {
        if (Input.Attachments.Count > 0)
        {
            ModelState.AddModelError("Input.Attachments", Text["Nothing was saved: choose your files again before you resubmit."]);
        }

        return Page();
    }

    private IActionResult Filed(RefundRequest request, bool duplicate)
    {
        TempData["Status"] = duplicate
            ? Text["This request was already filed as {0}; it was not filed twice.", request.Reference].Value
            : Text["Refund request {0} filed. We will respond by the time shown below.", request.Reference].Value;
        return RedirectToPage("/Refunds/Details", new { id = request.Id });
    }

    private Task<RefundRequest?> FindFiledAsync(Guid userId) => desk.FindFiledAsync(userId, Input.IdempotencyKey, HttpContext.RequestAborted);

    private async Task<bool> LoadAsync(Guid promotionId)
    {
        var promotion = await db.FindPromotionAsync(User.OrganisationId()!.Value, promotionId);
        if (promotion is null)
        {
            return false;
        }

        Promotion = promotion;
        var now = clock.GetUtcNow();
        var checks = new Dictionary<RefundReason, RefundPreCheck>();
        foreach (var reason in Enum.GetValues<RefundReason>())
        {
            checks[reason] = await db.PreCheckAsync(promotion, reason, now);
        }

        Checks = checks;
        return true;
    }
}
