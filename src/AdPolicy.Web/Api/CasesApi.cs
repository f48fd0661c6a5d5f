using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Web.Appeals;
using AdPolicy.Web.Data;
using AdPolicy.Web.Localisation;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Storage;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Api;

public sealed record DeadlineResource(
    Guid Id, DeadlineKind Kind, string What, Guid AdAccountId, Guid? ComplaintId, Guid? ViolationId, Guid? AdId,
    DateTimeOffset StartsAt, DateTimeOffset DueAt, DeadlineState State, DateTimeOffset? EndedAt, string? Outcome)
{
    public static DeadlineResource From(Deadline d) =>
        new(d.Id, d.Kind, Deadline.What(d.Kind), d.AdAccountId, d.ComplaintId, d.ViolationId, d.AdId, d.StartsAt, d.DueAt, d.State, d.EndedAt, Localisation.Sentences.InEnglish(d.Outcome) is { Length: > 0 } outcome ? outcome : d.OutcomeText);
}

public sealed record EvidenceItemResource(EvidenceKind Kind, string Title, bool Attached, DateTimeOffset? AttachedAt, bool? CheckPassed, string? CheckSummary, ReviewVerdict Verdict);

public sealed record AppealResource(
    Guid Id, string Reference, Guid AdAccountId, SubjectKind SubjectKind, Guid SubjectId, IssueType IssueType, ReviewStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? ReviewDueAt, DateTimeOffset? DecidedAt, string? DecisionReason,
    IReadOnlyList<EvidenceItemResource> Evidence);

public sealed record EvidenceUploaded(string Message, AppealResource Appeal);

/// <summary>An organisation's deadlines and review requests (appeals); evidence uploads go through <see cref="AppealDesk"/>, streamed, as on the page.</summary>
public static class CasesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/deadlines", ListDeadlinesAsync)
            .WithTags("Deadlines")
            .RequireAuthorization(ApiScopes.DeadlinesRead)
            .WithSummary("The organisation's deadlines with their state, latest due first; ?state=Pending|Met|Missed|Cancelled (scope deadlines:read)")
            .Produces<Page<DeadlineResource>>();
        var appeals = api.MapGroup("/appeals").WithTags("Appeals");
        appeals.MapGet("/", ListAppealsAsync)
            .RequireAuthorization(ApiScopes.AppealsRead)
            .WithSummary("The organisation's review requests, newest first (scope appeals:read)")
            .Produces<Page<AppealResource>>();
        appeals.MapGet("/{id:guid}", GetAppealAsync)
            .RequireAuthorization(ApiScopes.AppealsRead)
            .WithSummary("One review request with its evidence checklist (scope appeals:read)")
            .Produces<AppealResource>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        appeals.MapPost("/{id:guid}/evidence/{kind}", UploadEvidenceAsync)
            .RequireAuthorization(ApiScopes.AppealsWrite)
            .WithSummary("Upload one checklist item's evidence as multipart/form-data, streamed: the file as 'Evidence.File' (and 'Evidence.Document'), the certificate or document fields as on the page (scope appeals:write)")
            .Produces<EvidenceUploaded>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListDeadlinesAsync(HttpContext http, AppDbContext db, DeadlineState? state, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryDecode(cursor, out var after))
        {
            return ApiCursor.BadCursor();
        }

        var organisationId = http.User.OrganisationId()!.Value;
        var query = db.Deadlines.AsNoTracking().Where(d => d.OrganisationId == organisationId);
        if (state is { } s)
        {
            query = query.Where(d => d.State == s);
        }

        if (after is var (at, id))
        {
            query = query.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.DueAt, d.Id), ValueTuple.Create(at, id)));
        }

        var take = ApiCursor.Limit(limit);
        var page = await query.OrderByDescending(d => d.DueAt).ThenByDescending(d => d.Id).Take(take + 1).ToListAsync(cancellationToken);
        return Results.Ok(ApiCursor.PageOf(page.Select(DeadlineResource.From).ToList(), take, i => (i.DueAt, i.Id)));
    }

    private static async Task<IResult> ListAppealsAsync(HttpContext http, AppDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryDecode(cursor, out var after))
        {
            return ApiCursor.BadCursor();
        }

        var organisationId = http.User.OrganisationId()!.Value;
        var query = db.ReviewRequests.AsNoTracking().Include(r => r.Items).Where(r => r.OrganisationId == organisationId);
        if (after is var (at, id))
        {
            query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.CreatedAt, r.Id), ValueTuple.Create(at, id)));
        }

        var take = ApiCursor.Limit(limit);
        var page = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(take + 1).AsSplitQuery().ToListAsync(cancellationToken);
        return Results.Ok(ApiCursor.PageOf(page.Select(Resource).ToList(), take, i => (i.CreatedAt, i.Id)));
    }

    private static async Task<IResult> GetAppealAsync(Guid id, HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var organisationId = http.User.OrganisationId()!.Value;
        var appeal = await db.ReviewRequests.AsNoTracking().Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == organisationId, cancellationToken);
        return appeal is null ? ApiResults.NotFound("review request") : Results.Ok(Resource(appeal));
    }

    private static async Task<IResult> UploadEvidenceAsync(
        Guid id, EvidenceKind kind, HttpContext http, AppDbContext db, AppealDesk desk, StreamedUploadReader reader, CancellationToken cancellationToken)
    {
        var organisationId = http.User.OrganisationId()!.Value;
        var appeal = await db.ReviewRequests.Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == id && r.OrganisationId == organisationId, cancellationToken);
        if (appeal is null || appeal.Items.All(i => i.Kind != kind))
        {
            return ApiResults.NotFound("review request asking for this evidence");
        }

        await using var form = await reader.ReadAsync(http, (field, _) => desk.RuleFor(kind, field), desk.MaxRequestBytes(kind), cancellationToken, checkAntiforgery: false);
        var errors = new FieldErrors();
        string? done;
        try
        {
            done = await desk.AttachAsync(appeal, kind, form, http.User.AsAdvertiser(), errors, cancellationToken);
        }
        catch (DomainRuleException rule)
        {
            return ApiResults.Rule(rule);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiResults.PreconditionFailed();
        }

        if (done is null)
        {
            var modelState = new ModelStateDictionary();
            modelState.AddFieldErrors(errors);
            return ApiResults.Invalid(modelState);
        }

        return Results.Ok(new EvidenceUploaded(done, Resource(appeal)));
    }

    public static AppealResource Resource(ReviewRequest r) => new(
        r.Id, r.Reference, r.AdAccountId, r.SubjectKind, r.SubjectId, r.IssueType, r.Status, r.CreatedAt, r.SubmittedAt, r.ReviewDueAt, r.DecidedAt, r.DecisionReason,
        [.. r.Items.Select(i => new EvidenceItemResource(i.Kind, RequirementMatrix.Title(i.Kind), i.EvidenceFileId is not null, i.AttachedAt, i.CheckPassed, i.Measured.Count == 0 ? null : Sentences.InEnglish(i.Measured), i.Verdict))]);
}
