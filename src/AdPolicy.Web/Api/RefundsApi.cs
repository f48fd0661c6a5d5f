using AdPolicy.Domain.Common;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Refunds;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Api;

public sealed record RefundTimelineEntry(DateTimeOffset At, RefundEventKind Kind, string ActorName, RefundStatus? Status, string? Text);

public sealed record RefundResource(
    Guid Id,
    string Reference,
    Guid PromotionId,
    string CampaignId,
    RefundReason Reason,
    RefundStatus Status,
    string Currency,
    decimal RequestedAmount,
    decimal? ApprovedAmount,
    DateTimeOffset FiledAt,
    DateTimeOffset? ResponseDueAt,
    string? OpenQuestion,
    DateTimeOffset? InformationDueAt,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    DateTimeOffset? RefundedAt,
    IReadOnlyList<RefundTimelineEntry>? Timeline);

public sealed record RefundFiling(Guid PromotionId, RefundReason Reason, string? Description, decimal Amount);

public sealed record RefundAnswer(string? Text);

public sealed record RefundCheck(RefundReason Reason, bool Eligible, string? RefusalReason, string Currency, decimal Spent, decimal AlreadyCommitted, decimal Refundable, decimal? SuggestedRefund);

/// <summary>An organisation's refund cases: the same filing (pre-check under the promotion's lock) and answering as the pages, through <see cref="RefundDesk"/>.</summary>
public static class RefundsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var refunds = api.MapGroup("/refunds").WithTags("Refunds");
        refunds.MapGet("/", ListAsync)
            .RequireAuthorization(ApiScopes.RefundsRead)
            .WithSummary("The organisation's refund cases, newest first (scope refunds:read)")
            .Produces<Page<RefundResource>>();
        refunds.MapGet("/{id:guid}", GetAsync)
            .RequireAuthorization(ApiScopes.RefundsRead)
            .WithSummary("One refund case with its timeline; the ETag is its version (scope refunds:read)")
            .Produces<RefundResource>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        refunds.MapPost("/", FileAsync)
            .RequireAuthorization(ApiScopes.RefundsWrite)
            .WithSummary("File a refund request with the eligibility pre-check; Idempotency-Key (a UUID) required (scope refunds:write)")
            .Produces<RefundResource>(StatusCodes.Status201Created)
            .Produces<RefundResource>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound);
        refunds.MapPost("/{id:guid}/answer", AnswerAsync)
            .RequireAuthorization(ApiScopes.RefundsWrite)
            .WithSummary("Answer support's information request; If-Match with the case's ETag required (scope refunds:write)")
            .Produces<RefundResource>()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/promotions/{id:guid}/refund-check", CheckAsync)
            .WithTags("Refunds")
            .RequireAuthorization(ApiScopes.RefundsRead)
            .WithSummary("The eligibility pre-check for each refund reason, from the promotion's own figures (scope refunds:read)")
            .Produces<IReadOnlyList<RefundCheck>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(HttpContext http, AppDbContext db, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryDecode(cursor, out var after))
        {
            return ApiCursor.BadCursor();
        }

        var organisationId = http.User.OrganisationId()!.Value;
        var open = RefundRequest.OpenStates;
        var query = db.RefundRequests.AsNoTracking().Where(r => r.OrganisationId == organisationId);
        query = status switch
        {
            "open" => query.Where(r => open.Contains(r.Status)),
            "closed" => query.Where(r => !open.Contains(r.Status)),
            _ => query,
        };
        if (after is var (at, id))
        {
            query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.FiledAt, r.Id), ValueTuple.Create(at, id)));
        }

        var take = ApiCursor.Limit(limit);
        var page = await query.OrderByDescending(r => r.FiledAt).ThenByDescending(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
        return Results.Ok(ApiCursor.PageOf(page.Select(r => Resource(r, timeline: false)).ToList(), take, i => (i.FiledAt, i.Id)));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var request = await FindAsync(db, http, id, tracking: false, cancellationToken);
        if (request is null)
        {
            return ApiResults.NotFound("refund case");
        }

        http.Response.Headers.ETag = ApiResults.ETag(request.Version);
        return Results.Ok(Resource(request, timeline: true));
    }

    private static async Task<IResult> FileAsync(
        [FromHeader(Name = ComplaintsApi.IdempotencyHeader)] string? idempotencyKey,
        [FromBody] RefundFiling filing,
        HttpContext http,
        AppDbContext db,
        RefundDesk desk,
        IValidator<RefundInput> validator,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(idempotencyKey, out var key) || key == Guid.Empty)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Idempotency-Key is required",
                detail: "Send a new UUID as the Idempotency-Key header with each refund request, and the same one when you retry it.");
        }

        var organisationId = http.User.OrganisationId()!.Value;
        var advertiser = http.User.AsAdvertiser();
        if (await desk.FindFiledAsync(advertiser.UserId!.Value, key, cancellationToken) is { } earlier)
        {
            return Replayed(http, earlier);
        }

        var promotion = await db.FindPromotionAsync(organisationId, filing.PromotionId, cancellationToken);
        if (promotion is null)
        {
            return ApiResults.NotFound("promotion");
        }

        var input = new RefundInput
        {
            PromotionId = filing.PromotionId,
            IdempotencyKey = key,
            Reason = filing.Reason,
            Description = filing.Description ?? string.Empty,
            Amount = filing.Amount,
        };
        var modelState = new ModelStateDictionary();
        if (!await validator.ValidateIntoAsync(input, modelState))
        {
            return ApiResults.Invalid(modelState);
        }

        var errors = new FieldErrors();
        var filed = await desk.FileAsync(
            promotion, organisationId, new RefundApplication(input.Reason, input.Description, input.Amount, key), advertiser, staged: null, errors, cancellationToken);
        if (filed is null)
        {
            modelState.AddFieldErrors(errors);
            return ApiResults.Invalid(modelState);
        }

        if (filed.Duplicate)
        {
            return Replayed(http, filed.Request);
        }

        http.Response.Headers.ETag = ApiResults.ETag(filed.Request.Version);
        return Results.Created($"/api/v1/refunds/{filed.Request.Id}", Resource(filed.Request, timeline: true));
    }

    private static async Task<IResult> AnswerAsync(
        Guid id,
        [FromBody] RefundAnswer answer,
        HttpContext http,
        AppDbContext db,
        RefundDesk desk,
        PolicyStore policies,
        TimeProvider clock,
        IValidator<CaseMessageInput> validator,
        CancellationToken cancellationToken)
    {
        var request = await FindAsync(db, http, id, tracking: true, cancellationToken);
        if (request is null)
        {
            return ApiResults.NotFound("refund case");
        }

        if (ApiResults.IfMatch(http.Request) is not { } version)
        {
            return ApiResults.PreconditionRequired();
        }

        if (version != request.Version)
        {
            return ApiResults.PreconditionFailed();
        }

        var message = new CaseMessageInput { Text = answer.Text ?? string.Empty, RequiresText = true };
        var modelState = new ModelStateDictionary();
        if (!await validator.ValidateIntoAsync(message, modelState, string.Empty))
        {
            return ApiResults.Invalid(modelState);
        }

        // Saving checks the version read here against the row's: a change between our read and our write is also a 412.
        db.Entry(request).Property(r => r.Version).OriginalValue = version;
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        try
        {
            await desk.AnswerAsync(request, message.Text, http.User.AsAdvertiser(), policy, clock.GetUtcNow(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            return ApiResults.Rule(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiResults.PreconditionFailed();
        }

        http.Response.Headers.ETag = ApiResults.ETag(request.Version);
        return Results.Ok(Resource(request, timeline: true));
    }

    private static async Task<IResult> CheckAsync(Guid id, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var promotion = await db.FindPromotionAsync(http.User.OrganisationId()!.Value, id, cancellationToken);
        if (promotion is null)
        {
            return ApiResults.NotFound("promotion");
        }

        var now = clock.GetUtcNow();
        var checks = new List<RefundCheck>();
        foreach (var reason in Enum.GetValues<RefundReason>())
        {
            var check = await db.PreCheckAsync(promotion, reason, now, cancellationToken);
            checks.Add(new RefundCheck(
                reason, check.Eligible, check.RefusalReason is { } refusal ? Localisation.Sentences.InEnglish(refusal) : null, promotion.Currency, check.Spent.Amount, check.AlreadyCommitted.Amount, check.Refundable.Amount, check.SuggestedRefund?.Amount));
        }

        return Results.Ok(checks);
    }

    private static IResult Replayed(HttpContext http, RefundRequest request)
    {
        http.Response.Headers[ComplaintsApi.ReplayedHeader] = "true";
        return Results.Ok(Resource(request, timeline: false));
    }

    private static async Task<RefundRequest?> FindAsync(AppDbContext db, HttpContext http, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var organisationId = http.User.OrganisationId()!.Value;
        var query = db.RefundRequests.Include(r => r.Events).Where(r => r.Id == id && r.OrganisationId == organisationId);
        return await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
    }

    public static RefundResource Resource(RefundRequest r, bool timeline) => new(
        r.Id,
        r.Reference,
        r.PromotionId,
        r.CampaignExternalId,
        r.Reason,
        r.Status,
        r.Currency,
        r.RequestedAmount,
        r.ApprovedAmount,
        r.FiledAt,
        r.ResponseDueAt,
        r.OpenQuestion,
        r.InformationDueAt,
        r.DecidedAt,
        r.DecisionReason,
        r.RefundedAt,
        timeline
            ? [.. r.Events.Where(e => !e.IsInternal).OrderBy(e => e.Sequence).Select(e => new RefundTimelineEntry(e.At, e.Kind, e.ActorName, e.ToStatus, e.Text))]
            : null);
}
