using System.Net;
using System.Net.Http.Json;
using AdPolicy.Domain.Common;
using AdPolicy.Web.Api;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Api;

/// <summary>Who may call what: keys, scopes and organisations, as problem details, never a sign-in redirect.</summary>
public sealed class ApiAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task WithoutAKey_Answers401ProblemDetails_NotARedirectToTheSignInPage()
    {
        using var anonymous = app.Api(null);

        var response = await anonymous.GetAsync("/api/v1/refunds", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("API key", (await response.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task ASignedInBrowserCookie_IsNotAnApiCredential()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var browser = await app.SignedInAsync(advertiser.Email);

        var response = await browser.Http.GetAsync("/api/v1/refunds", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AKeyWithoutTheScope_Answers403_AndWithItTheSameCallWorks()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var standingOnly = app.Api(await app.OrganisationKeyAsync(advertiser, ApiScopes.StandingRead));
        using var refunds = app.Api(await app.OrganisationKeyAsync(advertiser, ApiScopes.RefundsRead));

        var refused = await standingOnly.GetAsync("/api/v1/refunds", TestContext.Current.CancellationToken);
        var allowed = await refunds.GetAsync("/api/v1/refunds", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task AnotherOrganisationsIds_Answer404_AsOnThePages()
    {
        var mine = await app.CreateAdvertiserAsync();
        var theirs = await app.CreateAdvertiserAsync();
        var theirPromotion = await app.CreatePromotionAsync(theirs.Account);
        var theirRefund = await app.FileRefundAsync(theirs, theirPromotion);
        var myPromotion = await app.CreatePromotionAsync(mine.Account);
        var myRefund = await app.FileRefundAsync(mine, myPromotion);
        using var api = app.Api(await app.OrganisationKeyAsync(mine, [.. ApiScopes.Organisation]));
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/refunds/{myRefund.Id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/refunds/{theirRefund.Id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/promotions/{theirPromotion.Id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/promotions/{theirPromotion.Id}/refund-check", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/accounts/{theirs.Account.Id}", ct)).StatusCode);
        var answer = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/refunds/{theirRefund.Id}/answer") { Content = JsonContent.Create(new { text = "Here it is." }) };
        answer.Headers.TryAddWithoutValidation("If-Match", $"\"{theirRefund.Version}\"");
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(answer, ct)).StatusCode);
        var filing = new HttpRequestMessage(HttpMethod.Post, "/api/v1/refunds")
        {
            Content = JsonContent.Create(new { promotionId = theirPromotion.Id, reason = "PerformanceShortfall", description = "Delivery stopped at 60% of what we paid for.", amount = 10m }, options: ApiTestData.Json),
        };
        filing.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(filing, ct)).StatusCode);

        var list = await (await api.GetAsync("/api/v1/refunds?status=all", ct)).ReadAsync<Page<RefundResource>>();
        Assert.Equal([myRefund.Id], list.Items.Select(r => r.Id));
        var promotions = await (await api.GetAsync("/api/v1/promotions", ct)).ReadAsync<Page<PromotionDeliveryResource>>();
        Assert.Equal([myPromotion.Id], promotions.Items.Select(p => p.Id));
        Assert.Equal(1, await app.WithDbAsync(db => db.RefundRequests.CountAsync(r => r.PromotionId == theirPromotion.Id, ct)));
    }

    [Fact]
    public async Task AnIntegrationKey_ReadsEveryOrganisationsStanding_ButNoRefundCases()
    {
        var one = await app.CreateAdvertiserAsync();
        var two = await app.CreateAdvertiserAsync();
        using var adServer = app.Api(await app.IntegrationKeyAsync("Ad server", ApiScopes.StandingRead, ApiScopes.DeliveryRead));
        var ct = TestContext.Current.CancellationToken;

        var first = await (await adServer.GetAsync($"/api/v1/accounts/{one.Account.Id}", ct)).ReadAsync<AccountStandingResource>();
        var second = await (await adServer.GetAsync($"/api/v1/accounts/{two.Account.Id}", ct)).ReadAsync<AccountStandingResource>();

        Assert.Equal((one.Organisation.Id, true), (first.OrganisationId, first.MayRunAds));
        Assert.Equal(two.Organisation.Id, second.OrganisationId);
        Assert.Equal(HttpStatusCode.Forbidden, (await adServer.GetAsync("/api/v1/refunds", ct)).StatusCode);

        // Each ad's delivery state is the one the pages derive: a running promotion's ad delivers, an ended one's does not.
        var running = await app.CreatePromotionAsync(one.Account, status: Domain.Promotions.PromotionStatus.Active, startsAt: app.Clock.GetUtcNow().AddDays(-1));
        var ended = await app.CreatePromotionAsync(two.Account);
        var live = await (await adServer.GetAsync($"/api/v1/promotions/{running.Id}", ct)).ReadAsync<PromotionDeliveryResource>();
        var over = await (await adServer.GetAsync($"/api/v1/promotions/{ended.Id}", ct)).ReadAsync<PromotionDeliveryResource>();
        Assert.True(live.Delivery.Delivering);
        Assert.True(Assert.Single(live.Ads).Serving);
        Assert.Equal((false, Domain.Ace.DeliveryBlock.PromotionStatus), (over.Delivery.Delivering, over.Delivery.Block));
        Assert.False(Assert.Single(over.Ads).Serving);
    }

    [Fact]
    public async Task ARevokedKey_Answers401_AndUseIsRecordedAsLastUsed()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var key = await app.OrganisationKeyAsync(advertiser, ApiScopes.RefundsRead);
        using var api = app.Api(key);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/refunds", ct)).StatusCode);
        var stored = await app.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Hash == ApiKey.HashOf(key), ct));
        Assert.Equal(app.Clock.GetUtcNow(), stored.LastUsedAt);
        Assert.DoesNotContain(key, stored.Hash);
        await app.WithDbAsync(async db =>
        {
            var k = await db.ApiKeys.SingleAsync(x => x.Id == stored.Id, ct);
            k.Revoke(app.Clock.GetUtcNow());
            return await db.SaveChangesAsync(ct);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/refunds", ct)).StatusCode);
    }

    [Fact]
    public async Task TheKeysOfADisabledMemberOrAdmin_Answer401AtOnce_AndWorkAgainWhenTheyAreEnabledAgain()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var integrationAdmin = await app.CreateUserAsync(Roles.Admin);
        using var member = app.Api(await app.OrganisationKeyAsync(advertiser, ApiScopes.RefundsRead));
        using var partner = app.Api(await app.IntegrationKeyByAsync(integrationAdmin, "Ad server", ApiScopes.StandingRead));
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin));
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/refunds", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/api/v1/accounts", ct)).StatusCode);

        // The admin disables both people on the Users page (the same button enables them again).
        Task<PageResult> ToggleAsync(string email) => admin.PostFormAsync("/Admin/Users", $"tr[data-user='{email}'] form", []);
        await ToggleAsync(advertiser.Email);
        await ToggleAsync(integrationAdmin);

        foreach (var refused in new[] { await member.GetAsync("/api/v1/refunds", ct), await partner.GetAsync("/api/v1/accounts", ct) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("The key's creator is disabled", (await refused.JsonAsync()).GetProperty("title").GetString());
        }

        await ToggleAsync(advertiser.Email);
        await ToggleAsync(integrationAdmin);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/refunds", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/api/v1/accounts", ct)).StatusCode);
    }

    [Fact]
    public async Task UnknownAddresses_UnderTheApi_AreProblemDetails404()
    {
        using var anonymous = app.Api(null);

        var response = await anonymous.GetAsync("/api/v1/no-such-thing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>The app with a tiny per-key limit.</summary>
public sealed class RateLimitedApp(PostgresFixture postgres) : AppFactory(postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings() => [("Api:PermitLimit", "3"), ("Api:WindowSeconds", "600")];
}

public sealed class ApiRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task EachKey_HasItsOwnLimit_AndBeyondItTheApiAnswers429WithRetryAfter()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var busy = app.Api(await app.OrganisationKeyAsync(advertiser, ApiScopes.RefundsRead));
        using var quiet = app.Api(await app.OrganisationKeyAsync(advertiser, ApiScopes.RefundsRead));
        var ct = TestContext.Current.CancellationToken;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/refunds", ct)).StatusCode);
        }

        var refused = await busy.GetAsync("/api/v1/refunds", ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/api/v1/refunds", ct)).StatusCode);
    }
}
