using System.Security.Claims;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Localisation;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Api;

public sealed record SanctionResource(SanctionKind Kind, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, Guid? ViolationId, Guid? DeadlineId, string Why);

/// <summary>An ad account's standing, derived from its record at the moment of the call (never stored).</summary>
public sealed record AccountStandingResource(
    Guid AccountId,
    Guid OrganisationId,
    string Name,
    Region Region,
    AccountStatus Status,
    bool MayRunAds,
    DateTimeOffset? SuspendedUntil,
    bool ReachLimited,
    bool NewAccountsBlocked,
    bool DepositBlocked,
    bool AdPlanCancelled,
    string Headline,
    int ActiveStrikes,
    IReadOnlyList<SanctionResource> SanctionsInForce,
    DateTimeOffset AsOf);

public sealed record ViolationResource(
    Guid Id, Guid AdAccountId, Guid? ComplaintId, Guid? AdId, ProhibitedCategory Category, ViolationTier Tier, bool IsStrike,
    ViolationStatus Status, string Reason, DateTimeOffset RecordedAt, DateTimeOffset? RemovedAt, DateTimeOffset? StrikeClearedAt)
{
    public static ViolationResource From(Violation v) =>
        new(v.Id, v.AdAccountId, v.ComplaintId, v.AdId, v.Category, v.Tier, v.IsStrike, v.Status, v.Reason, v.RecordedAt, v.RemovedAt, v.StrikeClearedAt);
}

/// <summary>The derived delivery state (the pages' own): whether it delivers now, and if not what blocks it, why and until when.</summary>
public sealed record DeliveryResource(bool Delivering, DeliveryBlock Block, string? Why, DateTimeOffset? Until, bool ForGood)
{
    public static DeliveryResource From(DeliveryState state) => new(state.IsDelivering, state.Block, state.Why, state.Until, state.ForGood);
}

/// <summary>An ad and whether it is served now (<c>serving</c> = its derived delivery state delivers).</summary>
public sealed record AdDeliveryResource(Guid Id, string ExternalAdId, string Headline, AdStatus Status, string? StatusReason, bool StoppedByPlatform, bool Serving, DeliveryResource Delivery);

public sealed record PromotionDeliveryResource(
    Guid Id, string CampaignId, string Name, Guid AdAccountId, PromotionStatus Status, string? StatusReason,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, DeliveryResource Delivery, IReadOnlyList<AdDeliveryResource> Ads);

/// <summary>
/// Standing, violations and ad delivery state, through <see cref="AceStandings"/> (the ACE page's own derivation). An
/// organisation key sees its organisation; an integration key (the ad-serving system) sees every organisation.
/// </summary>
public static class StandingApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Standing");
        accounts.MapGet("/", ListAccountsAsync)
            .RequireAuthorization(ApiScopes.StandingRead)
            .WithSummary("Ad accounts with their standing now (scope standing:read)")
            .Produces<Page<AccountStandingResource>>();
        accounts.MapGet("/{id:guid}", GetAccountAsync)
            .RequireAuthorization(ApiScopes.StandingRead)
            .WithSummary("One ad account's standing now (scope standing:read)")
            .Produces<AccountStandingResource>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/violations", ListViolationsAsync)
            .WithTags("Standing")
            .RequireAuthorization(ApiScopes.StandingRead)
            .WithSummary("Violations on the record, newest first, removed ones included (scope standing:read)")
            .Produces<Page<ViolationResource>>();
        var promotions = api.MapGroup("/promotions").WithTags("Delivery");
        promotions.MapGet("/", ListPromotionsAsync)
            .RequireAuthorization(ApiScopes.DeliveryRead)
            .WithSummary("Promotions with each ad's delivery state, latest start first (scope delivery:read)")
            .Produces<Page<PromotionDeliveryResource>>();
        promotions.MapGet("/{id:guid}", GetPromotionAsync)
            .RequireAuthorization(ApiScopes.DeliveryRead)
            .WithSummary("One promotion with each ad's delivery state (scope delivery:read)")
            .Produces<PromotionDeliveryResource>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Accounts this key may see: its organisation's, or all for an integration key.</summary>
    public static IQueryable<AdAccount> VisibleAccounts(AppDbContext db, ClaimsPrincipal user) =>
        user.OrganisationId() is { } organisationId ? db.AdAccounts.Where(a => a.OrganisationId == organisationId) : db.AdAccounts;

    private static async Task<IResult> ListAccountsAsync(HttpContext http, AppDbContext db, AceStandings standings, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryDecode(cursor, out var after))
        {
            return ApiCursor.BadCursor();
        }

        var query = VisibleAccounts(db, http.User).AsNoTracking();
        if (after is var (_, id))
        {
            query = query.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.Id, a.Id), ValueTuple.Create(id, id)));
        }

        var take = ApiCursor.Limit(limit);
        var page = await query.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(cancellationToken);
        var records = await standings.ForAccountsAsync([.. page.Take(take)], cancellationToken);
        var items = records.Select(Resource).ToList();
        return Results.Ok(new Page<AccountStandingResource>(items, page.Count > take ? ApiCursor.Encode(DateTimeOffset.UnixEpoch, items[^1].AccountId) : null));
    }

    private static async Task<IResult> GetAccountAsync(Guid id, HttpContext http, AppDbContext db, AceStandings standings, CancellationToken cancellationToken)
    {
        var account = await VisibleAccounts(db, http.User).AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return account is null ? ApiResults.NotFound("ad account") : Results.Ok(Resource(await standings.ForAccountAsync(account, cancellationToken)));
    }

    private static async Task<IResult> ListViolationsAsync(HttpContext http, AppDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryDecode(cursor, out var after))
        {
            return ApiCursor.BadCursor();
        }

        var query = db.Violations.AsNoTracking();
        if (http.User.OrganisationId() is { } organisationId)
        {
            query = query.Where(v => v.OrganisationId == organisationId);
        }

        if (after is var (at, id))
        {
            query = query.Where(v => EF.Functions.LessThan(ValueTuple.Create(v.RecordedAt, v.Id), ValueTuple.Create(at, id)));
        }

        var take = ApiCursor.Limit(limit);
        var page = await query.OrderByDescending(v => v.RecordedAt).ThenByDescending(v => v.Id).Take(take + 1).ToListAsync(cancellationToken);
        return Results.Ok(ApiCursor.PageOf(page.Select(ViolationResource.From).ToList(), take, i => (i.RecordedAt, i.Id)));
    }

    private static async Task<IResult> ListPromotionsAsync(HttpContext http, AppDbContext db, AceStandings standings, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiCursor.TryDecode(cursor, out var after))
        {
            return ApiCursor.BadCursor();
        }

        var query = VisiblePromotions(db, http.User);
        if (after is var (at, id))
        {
            query = query.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.StartsAt, p.Id), ValueTuple.Create(at, id)));
        }

        var take = ApiCursor.Limit(limit);
        var page = await query.AsNoTracking().Include(p => p.Ads).OrderByDescending(p => p.StartsAt).ThenByDescending(p => p.Id).Take(take + 1).ToListAsync(cancellationToken);
        var items = await DeliveryAsync(standings, [.. page.Take(take)], cancellationToken);
        return Results.Ok(new Page<PromotionDeliveryResource>(items, page.Count > take ? ApiCursor.Encode(items[^1].StartsAt, items[^1].Id) : null));
    }

    private static async Task<IResult> GetPromotionAsync(Guid id, HttpContext http, AppDbContext db, AceStandings standings, CancellationToken cancellationToken)
    {
        var promotion = await VisiblePromotions(db, http.User).AsNoTracking().Include(p => p.Ads).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return promotion is null ? ApiResults.NotFound("promotion") : Results.Ok((await DeliveryAsync(standings, [promotion], cancellationToken))[0]);
    }

    private static IQueryable<Promotion> VisiblePromotions(AppDbContext db, ClaimsPrincipal user) =>
        user.OrganisationId() is { } organisationId ? db.PromotionsOf(organisationId) : db.Promotions;

    /// <summary>Each promotion and its ads with the delivery state <see cref="AceStandings.DeliveryOfAsync"/> derives for the pages.</summary>
    private static async Task<List<PromotionDeliveryResource>> DeliveryAsync(AceStandings standings, IReadOnlyList<Promotion> promotions, CancellationToken cancellationToken)
    {
        var delivery = await standings.DeliveryOfAsync(promotions, cancellationToken);
        return [.. promotions.Select(p => new PromotionDeliveryResource(
            p.Id, p.ExternalCampaignId, p.Name, p.AdAccountId, p.Status, Sentences.WhyInEnglish(p.StatusWhy, p.StatusReason), p.StartsAt, p.EndsAt, DeliveryResource.From(delivery.Promotions[p.Id]),
            [.. p.Ads.OrderBy(a => a.ExternalAdId).Select(a => new AdDeliveryResource(
                a.Id, a.ExternalAdId, a.Headline, a.Status, Sentences.WhyInEnglish(a.StatusWhy, a.StatusReason), a.StoppedByPlatform, delivery.Ads[a.Id].IsDelivering, DeliveryResource.From(delivery.Ads[a.Id])))]))];
    }

    public static AccountStandingResource Resource(AccountRecord record)
    {
        var s = record.Standing;
        return new AccountStandingResource(
            record.Account.Id,
            record.Account.OrganisationId,
            record.Account.Name,
            record.Account.Region,
            s.Status,
            s.MayRunAds,
            s.SuspendedUntil,
            s.ReachLimited,
            s.NewAccountsBlocked,
            s.DepositBlocked,
            s.AdPlanCancelled,
            Localisation.Sentences.InEnglish(s.Headline),
            record.Violations.Count(v => v is { IsStrike: true, IsActive: true, StrikeClearedAt: null }),
            [.. s.InForce.Select(x => new SanctionResource(x.Kind, x.StartsAt, x.EndsAt, x.ViolationId, x.DeadlineId, Localisation.Sentences.InEnglish(x.Why)))],
            s.AsOf);
    }
}
