using AdPolicy.Web.Infrastructure;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Refunds;

/// <summary>The outcome of filing: the request, and whether it had already been filed under the same idempotency key.</summary>
public sealed record RefundFiled(RefundRequest Request, bool Duplicate);

/// <summary>What the advertiser asks for, as the "Request a refund" form or the API gives it.</summary>
public sealed record RefundApplication(RefundReason Reason, string Description, decimal Amount, Guid IdempotencyKey);

/// <summary>
/// What happens around an advertiser's refund request beyond the aggregate: filing with the eligibility pre-check under the
/// promotion's lock (so two filings cannot both spend the same refundable amount), once per idempotency key, and answering
/// an information request. The "Request a refund" and case pages and the API call these; the rules are the domain's.
/// </summary>
public sealed class RefundDesk(AppDbContext db, TimeProvider clock, PolicyStore policies, Notifier notifier)
{
    public Task<RefundRequest?> FindFiledAsync(Guid userId, Guid idempotencyKey, CancellationToken cancellationToken) =>
        idempotencyKey == Guid.Empty
            ? Task.FromResult<RefundRequest?>(null)
            : db.RefundRequests.AsNoTracking().FirstOrDefaultAsync(r => r.FiledById == userId && r.IdempotencyKey == idempotencyKey, cancellationToken);

    /// <summary>
    /// Files the request with its files, or finds the one already filed under the key. A broken rule goes into
    /// <paramref name="errors"/> (the amount's own rules next to "Input.Amount") and null is returned.
    /// </summary>
    public async Task<RefundFiled?> FileAsync(
        Promotion promotion,
        Guid organisationId,
        RefundApplication application,
        Actor advertiser,
        CaseAttachments.Staged? staged,
        FieldErrors errors,
        CancellationToken cancellationToken)
    {
        var userId = advertiser.UserId!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockPromotionAsync(promotion.Id, cancellationToken);
        if (await FindFiledAsync(userId, application.IdempotencyKey, cancellationToken) is { } racedFiled)
        {
            return new RefundFiled(racedFiled, Duplicate: true);
        }

        var now = clock.GetUtcNow();
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var check = await db.PreCheckAsync(promotion, application.Reason, now, cancellationToken);
        RefundRequest request;
        try
        {
            request = RefundRequest.File(
                promotion, organisationId, application.Reason, application.Description,
                new Money(application.Amount, promotion.Currency), check, application.IdempotencyKey, advertiser, policy, now);
        }
        catch (DomainRuleException rule)
        {
            errors.Add(rule.Rule is RuleCodes.RefundOverSpend or RuleCodes.RefundAmountPositive ? "Input.Amount" : string.Empty, rule.Message);
            return null;
        }

        db.RefundRequests.Add(request);
        if (staged is not null)
        {
            await staged.AttachAsync(db, CaseKind.RefundRequest, request.Id, organisationId, advertiser, now, name => request.RecordAttachment(name, advertiser, now), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RefundFiled(request, Duplicate: false);
    }

    /// <summary>The advertiser answers support's question: the case goes back into review and its assignee is told. The caller saves.</summary>
    public async Task AnswerAsync(RefundRequest request, string text, Actor advertiser, PolicySettings policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        request.ProvideInformation(text, advertiser, policy, now);
        await TellAssigneeAsync(request, "{0}: the advertiser answered your question", text, cancellationToken);
    }

    /// <summary>The advertiser follows up: the assignee is told. The caller saves.</summary>
    public async Task FollowUpAsync(RefundRequest request, string text, Actor advertiser, PolicySettings policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        request.FollowUp(text, advertiser, policy, now);
        await TellAssigneeAsync(request, "{0}: the advertiser followed up", text, cancellationToken);
    }

    /// <summary>The assignee is told in their language: <paramref name="title"/> is the English pattern of the title, {0} the reference.</summary>
    private async Task TellAssigneeAsync(RefundRequest request, string title, string text, CancellationToken cancellationToken)
    {
        if (request.AssigneeId is { } assignee)
        {
            await notifier.NotifyAsync(assignee, () => (NoticeWords.Format(title, request.Reference), text), $"/Staff/Refunds/Details/{request.Id}", email: false, cancellationToken);
        }
    }
}
