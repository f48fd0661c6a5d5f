using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdPolicy.Web.Api;

/// <summary>A complaint as a partner files it: the fields of the public form.</summary>
public sealed record ComplaintIntake(
    ComplaintType Type,
    ProhibitedCategory? Category,
    string? CampaignOrAdId,
    string? Name,
    string? Email,
    string? Organisation,
    ComplainantRole? Role,
    string? RightConcerned,
    string? Description);

/// <param name="At">When it happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Status">The complaint's status after it.</param>
/// <param name="Text">What a person wrote (a reason, a message), if anything.</param>
/// <param name="Values">The event's facts by name (for example <c>tier</c>, <c>category</c>, <c>deadline</c>, <c>dueAt</c>), if any.</param>
public sealed record ComplaintTimelineEntry(DateTimeOffset At, ComplaintEventKind Kind, ComplaintStatus? Status, string? Text, IReadOnlyDictionary<string, string>? Values);

/// <summary>A complaint as its filer sees it. <c>trackingUrl</c> is given once, in the answer that filed it (its replay has null).</summary>
public sealed record ComplaintResource(
    Guid Id,
    string Reference,
    ComplaintType Type,
    ProhibitedCategory Category,
    ComplaintStatus Status,
    DateTimeOffset FiledAt,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    IReadOnlyList<ComplaintTimelineEntry> Timeline,
    string? TrackingUrl);

/// <summary>Complaint intake for partners (integration keys): the public form's rules through <see cref="ComplaintDesk"/>, retried safely with an Idempotency-Key.</summary>
public static class ComplaintsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static void Map(RouteGroupBuilder api)
    {
        var complaints = api.MapGroup("/complaints").WithTags("Complaints");
        complaints.MapPost("/", FileAsync)
            .RequireAuthorization(ApiScopes.ComplaintsWrite)
            .WithSummary("File a complaint (scope complaints:write; Idempotency-Key required)")
            .Produces<ComplaintResource>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        complaints.MapGet("/", ListAsync)
            .RequireAuthorization(ApiScopes.ComplaintsRead)
            .WithSummary("The complaints this integration filed, newest first (scope complaints:read)")
            .Produces<Page<ComplaintResource>>();
        complaints.MapGet("/{id:guid}", GetAsync)
            .RequireAuthorization(ApiScopes.ComplaintsRead)
            .WithSummary("One complaint this integration filed, with its public timeline (scope complaints:read)")
            .Produces<ComplaintResource>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> FileAsync(
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        [FromBody] ComplaintIntake intake,
        HttpContext http,
        AppDbContext db,
        ComplaintDesk desk,
        IValidator<ComplaintInput> validator,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > IdempotencyRecord.KeyMaxLength)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Idempotency-Key is required",
                detail: $"Send a unique Idempotency-Key header (at most {IdempotencyRecord.KeyMaxLength} characters, e.g. a UUID) with each complaint, and the same one when you retry it.");
        }

        var keyId = http.User.ApiKeyId();
        var requestHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(intake, ApiJson.Options)));
        var input = new ComplaintInput
        {
            Type = intake.Type,
            Category = intake.Category,
            CampaignOrAdId = intake.CampaignOrAdId ?? string.Empty,
            Name = intake.Name ?? string.Empty,
            Email = intake.Email ?? string.Empty,
            Organisation = intake.Organisation,
            Role = intake.Role,
            RightConcerned = intake.RightConcerned,
            Description = intake.Description ?? string.Empty,
        };
        var modelState = new ModelStateDictionary();
        if (!await validator.ValidateIntoAsync(input, modelState))
        {
            return ApiResults.Invalid(modelState);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The request holds its key for the length of its transaction. A concurrent twin does not wait for it: it is told
        // at once that the first is still in progress (409, Retry-After), and its retry after the commit replays the answer.
        // One round trip takes the key and says whether it was used before (-1: held elsewhere, 0: new, 1: used).
        var state = await db.Database.SqlQuery<int>($"""
            SELECT CASE WHEN NOT pg_try_advisory_xact_lock({IdempotencyLockClass}, hashtext({keyId.ToString() + "/" + idempotencyKey})) THEN -1
                        ELSE (SELECT count(*)::int FROM api_idempotency_keys WHERE api_key_id = {keyId} AND key = {idempotencyKey}) END AS "Value"
            """).SingleAsync(cancellationToken);
        if (state < 0)
        {
            return InProgress(http);
        }

        if (state > 0 && await ReplayAsync(db, keyId, idempotencyKey, requestHash, cancellationToken) is { } committed)
        {
            return committed;
        }

        var record = new IdempotencyRecord(keyId, idempotencyKey, requestHash, clock.GetUtcNow());
        db.IdempotencyRecords.Add(record);
        var filedBy = new Actor(null, $"{input.Name.Trim()} (via {http.User.Name()})", ActorKind.Complainant);
        ComplaintResource? stored = null;
        FiledComplaint? filed;
        var errors = new FieldErrors();
        try
        {
            // The answer is recorded with the filing, in its one SaveChanges.
            filed = await desk.FileAsync(input, filedBy, errors, cancellationToken, limitPerEmail: false, beforeSave: complaint =>
            {
                stored = Resource(complaint, trackingUrl: null);
                record.Complete(StatusCodes.Status201Created, JsonSerializer.Serialize(stored, ApiJson.Options), complaint.Id);
            });
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: IdempotencyRecord.PrimaryKey })
        {
            // The twin committed between this statement's snapshot and taking the key: its answer is the answer.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, keyId, idempotencyKey, requestHash, cancellationToken) ?? InProgress(http);
        }

        if (filed is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            modelState.AddFieldErrors(errors);
            return ApiResults.Invalid(modelState);
        }

        await transaction.CommitAsync(cancellationToken);

        var trackingUrl = $"{http.Request.Scheme}://{http.Request.Host}{TrackingTokens.PathFor(filed.TrackingToken)}";
        return Results.Created($"/api/v1/complaints/{filed.Complaint.Id}", stored! with { TrackingUrl = trackingUrl });
    }

    /// <summary>The first of the two keys of the advisory lock a filing holds on its Idempotency-Key ("IDEM").</summary>
    private const int IdempotencyLockClass = 0x4944454D;

    /// <summary>How long a twin of a request still in progress is asked to wait before retrying.</summary>
    public const int RetryAfterSeconds = 1;

    private static IResult InProgress(HttpContext http)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "A request with this Idempotency-Key is still in progress",
            detail: $"Retry after {RetryAfterSeconds} second(s) with the same key: once the first request has finished, the retry answers what it answered.");
    }

    /// <summary>The first answer again for a retried key; a key reused for a different request is refused.</summary>
    private static async Task<IResult?> ReplayAsync(AppDbContext db, Guid keyId, string idempotencyKey, string requestHash, CancellationToken cancellationToken)
    {
        var earlier = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.ApiKeyId == keyId && r.Key == idempotencyKey, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.RequestHash != requestHash)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was used for a different complaint. Use a new key for each new complaint.");
        }

        return new ReplayResult(earlier.StatusCode ?? StatusCodes.Status409Conflict, earlier.ResponseBody ?? "{}", earlier.ResourceId);
    }

    private static async Task<IResult> ListAsync(HttpContext http, AppDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryDecode(cursor, out var after))
        {
            return ApiCursor.BadCursor();
        }

        var take = ApiCursor.Limit(limit);
        var query = FiledByThisIntegration(db, http.User);
        if (after is var (at, id))
        {
            query = query.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.FiledAt, c.Id), ValueTuple.Create(at, id)));
        }

        var page = await query.AsNoTracking().Include(c => c.Events)
            .OrderByDescending(c => c.FiledAt).ThenByDescending(c => c.Id)
            .Take(take + 1)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return Results.Ok(ApiCursor.PageOf(page.Select(c => Resource(c, null)).ToList(), take, i => (i.FiledAt, i.Id)));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var complaint = await FiledByThisIntegration(db, http.User).AsNoTracking().Include(c => c.Events).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return complaint is null ? ApiResults.NotFound("complaint") : Results.Ok(Resource(complaint, null));
    }

    /// <summary>Complaints filed with this key or another integration key of the same name (a replacement key keeps its history).</summary>
    private static IQueryable<AceComplaint> FiledByThisIntegration(AppDbContext db, ClaimsPrincipal user)
    {
        var keyId = user.ApiKeyId();
        var keys = db.ApiKeys.Where(k => k.OrganisationId == null && db.ApiKeys.Any(mine => mine.Id == keyId && mine.Name == k.Name)).Select(k => k.Id);
        return db.AceComplaints.Where(c => db.IdempotencyRecords.Any(r => r.ResourceId == c.Id && keys.Contains(r.ApiKeyId)));
    }

    public static ComplaintResource Resource(AceComplaint complaint, string? trackingUrl) => new(
        complaint.Id,
        complaint.Reference,
        complaint.Type,
        complaint.Category,
        complaint.Status,
        complaint.FiledAt,
        complaint.DecidedAt,
        complaint.DecisionReason,
        [.. complaint.Events.Where(e => e.VisibleToComplainant).OrderBy(e => e.Sequence).Select(e => new ComplaintTimelineEntry(e.At, e.Kind, e.ToStatus, e.Text, e.Values))],
        trackingUrl);

    /// <summary>The stored JSON of the first answer, with the same status and <c>Idempotent-Replayed: true</c>.</summary>
    private sealed class ReplayResult(int status, string body, Guid? resourceId) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers[ReplayedHeader] = "true";
            if (resourceId is { } id && status == StatusCodes.Status201Created)
            {
                httpContext.Response.Headers.Location = $"/api/v1/complaints/{id}";
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await httpContext.Response.WriteAsync(body, Encoding.UTF8);
        }
    }
}
