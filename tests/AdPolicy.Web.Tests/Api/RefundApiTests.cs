using System.Net;
using System.Net.Http.Json;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Api;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Api;

/// <summary>Refund cases through the API: the page's pre-check on filing, and If-Match on answering.</summary>
public sealed class RefundApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static HttpRequestMessage Answer(Guid id, string text, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/refunds/{id}/answer") { Content = JsonContent.Create(new { text }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private Task StaffAsync(Guid refundId, Action<RefundRequest, Actor> act) =>
        app.WithDbAsync(async db =>
        {
            var request = await db.RefundRequests.Include(r => r.Events).SingleAsync(r => r.Id == refundId);
            act(request, Actor.Staff(Guid.NewGuid(), "Sam Support"));
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task AnsweringWithAStaleETag_Answers412_AndChangesNothing_WhileTheCurrentETagAnswers()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var refund = await app.FileRefundAsync(advertiser, promotion);
        await StaffAsync(refund.Id, (r, staff) => r.RequestInformation("Which dates did delivery stop?", app.Clock.GetUtcNow().AddDays(3), staff, app.Clock.GetUtcNow()));
        using var api = app.Api(await app.OrganisationKeyAsync(advertiser, ApiScopes.RefundsRead, ApiScopes.RefundsWrite));
        var ct = TestContext.Current.CancellationToken;
        var read = await api.GetAsync($"/api/v1/refunds/{refund.Id}", ct);
        var etag = read.Headers.ETag!.ToString();
        Assert.Equal("Which dates did delivery stop?", (await read.ReadAsync<RefundResource>()).OpenQuestion);

        // Support writes on the case meanwhile: the version the advertiser read is no longer the case's.
        await StaffAsync(refund.Id, (r, staff) => r.Reply("Take your time, the 10th to the 14th matter most.", staff, app.Clock.GetUtcNow()));
        var stale = await api.SendAsync(Answer(refund.Id, "It stopped on the 12th.", etag), ct);
        var missing = await api.SendAsync(Answer(refund.Id, "It stopped on the 12th.", null), ct);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(RefundStatus.AwaitingAdvertiser, (await app.RefundAsync(refund.Id)).Status);

        var current = (await api.GetAsync($"/api/v1/refunds/{refund.Id}", ct)).Headers.ETag!.ToString();
        Assert.NotEqual(etag, current);
        var answered = await api.SendAsync(Answer(refund.Id, "It stopped on the 12th.", current), ct);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.NotEqual(current, answered.Headers.ETag!.ToString());
        var after = await app.RefundAsync(refund.Id);
        Assert.Equal(RefundStatus.InReview, after.Status);
        Assert.Contains(after.Events, e => e.Kind == RefundEventKind.InformationProvided && e.Text == "It stopped on the 12th.");
    }

    [Fact]
    public async Task Filing_RunsThePagesPreCheck_AndAnIdempotencyKeyFilesOnce()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 1000m);
        using var api = app.Api(await app.OrganisationKeyAsync(advertiser, ApiScopes.RefundsRead, ApiScopes.RefundsWrite));
        var ct = TestContext.Current.CancellationToken;
        HttpRequestMessage File(decimal amount, Guid key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/refunds")
            {
                Content = JsonContent.Create(new { promotionId = promotion.Id, reason = "PerformanceShortfall", description = "Delivery stopped at 60% of what we paid for.", amount }, options: ApiTestData.Json),
            };
            request.Headers.Add("Idempotency-Key", key.ToString());
            return request;
        }

        var overSpend = await api.SendAsync(File(5000m, Guid.NewGuid()), ct);
        var key = Guid.NewGuid();
        var filed = await api.SendAsync(File(400m, key), ct);
        var again = await api.SendAsync(File(400m, key), ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, overSpend.StatusCode);
        Assert.True((await overSpend.JsonAsync()).GetProperty("errors").TryGetProperty("amount", out _));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var requests = await app.WithDbAsync(db => db.RefundRequests.AsNoTracking().Where(r => r.PromotionId == promotion.Id).ToListAsync(ct));
        var request = Assert.Single(requests);
        Assert.Equal(400m, request.RequestedAmount);
        Assert.Equal(await app.UserIdAsync(advertiser.Email), request.FiledById);
        Assert.Equal(request.Id, (await again.ReadAsync<RefundResource>()).Id);
    }
}
