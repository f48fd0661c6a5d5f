using System.Net;
using System.Net.Http.Json;
using AdPolicy.Domain.Ace;
using AdPolicy.Web.Api;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Api;

/// <summary>Partners file complaints through the API with the public form's rules, once per Idempotency-Key.</summary>
public sealed class ComplaintIntakeApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static HttpRequestMessage File(object body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints") { Content = JsonContent.Create(body, options: ApiTestData.Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    [Fact]
    public async Task TwoConcurrentIdenticalRequests_FileOneComplaint_AndBothAnswerIt()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var key = await app.IntegrationKeyAsync("Rights agency", ApiScopes.ComplaintsWrite, ApiScopes.ComplaintsRead);
        using var first = app.Api(key);
        using var second = app.Api(key);
        var idempotencyKey = Guid.NewGuid().ToString();
        var body = ApiTestData.IpComplaint(promotion.Ads[0].ExternalAdId);
        var ct = TestContext.Current.CancellationToken;

        var answers = await Task.WhenAll(first.SendAsync(File(body, idempotencyKey), ct), second.SendAsync(File(body, idempotencyKey), ct));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var complaints = await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().Where(c => c.PromotionId == promotion.Id).ToListAsync(ct));
        var complaint = Assert.Single(complaints);
        var bodies = await Task.WhenAll(answers.Select(a => a.ReadAsync<ComplaintResource>()));
        Assert.All(bodies, b => Assert.Equal((complaint.Id, complaint.Reference), (b.Id, b.Reference)));

        // The first answer carries the tracking link once; the replay says it is one and does not.
        Assert.Single(answers, a => a.Headers.Contains(ComplaintsApi.ReplayedHeader));
        Assert.Single(bodies, b => b.TrackingUrl is not null);
        Assert.Equal(2, await app.WithDbAsync(db => db.Deadlines.CountAsync(d => d.ComplaintId == complaint.Id, ct)));
        Assert.Equal(1, await app.WithDbAsync(db => db.QueueItems.CountAsync(q => q.CaseId == complaint.Id, ct)));
    }

    [Fact]
    public async Task ARetry_AnswersTheFirstFiling_ButTheSameKeyForADifferentComplaint_IsRefused()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var api = app.Api(await app.IntegrationKeyAsync("Partner portal", ApiScopes.ComplaintsWrite, ApiScopes.ComplaintsRead));
        var idempotencyKey = Guid.NewGuid().ToString();
        var ct = TestContext.Current.CancellationToken;

        var filed = await api.SendAsync(File(ApiTestData.IpComplaint(promotion.ExternalCampaignId), idempotencyKey), ct);
        var retried = await api.SendAsync(File(ApiTestData.IpComplaint(promotion.ExternalCampaignId), idempotencyKey), ct);
        var reused = await api.SendAsync(File(ApiTestData.IpComplaint(promotion.ExternalCampaignId, "A different story about a different counterfeit product."), idempotencyKey), ct);

        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal("true", retried.Headers.GetValues(ComplaintsApi.ReplayedHeader).Single());
        Assert.Equal(filed.Headers.Location, retried.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AceComplaints.CountAsync(c => c.PromotionId == promotion.Id, ct)));

        var read = await (await api.GetAsync(filed.Headers.Location, ct)).ReadAsync<ComplaintResource>();
        Assert.Equal(ComplaintStatus.Filed, read.Status);
        Assert.Contains(read.Timeline, e => e.Kind == ComplaintEventKind.Filed);
        Assert.Null(read.TrackingUrl);
    }

    [Fact]
    public async Task BadInput_Answers422WithTheFormsSentences_ByField_AndFilesNothing()
    {
        using var api = app.Api(await app.IntegrationKeyAsync("Partner portal", ApiScopes.ComplaintsWrite));
        var before = await app.WithDbAsync(db => db.AceComplaints.CountAsync());
        var ct = TestContext.Current.CancellationToken;

        var invalid = await api.SendAsync(File(new { type = "IntellectualProperty", category = "BrandImpersonation", campaignOrAdId = "CMP-X", name = "Rita", email = "not-an-email", description = "too short" }, "k-1"), ct);
        var unknown = await api.SendAsync(File(ApiTestData.IpComplaint("CMP-DOES-NOT-EXIST"), "k-2"), ct);
        var withoutKey = await api.SendAsync(File(ApiTestData.IpComplaint("CMP-DOES-NOT-EXIST"), null), ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var errors = (await invalid.JsonAsync()).GetProperty("errors");
        Assert.Contains("like name@example.com", errors.GetProperty("email")[0].GetString());
        Assert.Contains("rights holder or its authorised representative", errors.GetProperty("role")[0].GetString());
        Assert.Contains("at least 20 characters", errors.GetProperty("description")[0].GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("No campaign or ad has the id \"CMP-DOES-NOT-EXIST\"", (await unknown.JsonAsync()).GetProperty("errors").GetProperty("campaignOrAdId")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, withoutKey.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.AceComplaints.CountAsync()));
    }

    [Fact]
    public async Task AnIntegration_ReadsOnlyTheComplaintsItFiled()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var agency = app.Api(await app.IntegrationKeyAsync("Agency A", ApiScopes.ComplaintsWrite, ApiScopes.ComplaintsRead));
        using var other = app.Api(await app.IntegrationKeyAsync("Agency B", ApiScopes.ComplaintsRead));
        var ct = TestContext.Current.CancellationToken;
        var filed = await agency.SendAsync(File(ApiTestData.IpComplaint(promotion.ExternalCampaignId), Guid.NewGuid().ToString()), ct);
        var fromPublicForm = await app.FileAsync(AceTestData.UserForm(promotion.ExternalCampaignId));

        var mine = await (await agency.GetAsync("/api/v1/complaints", ct)).ReadAsync<Page<ComplaintResource>>();

        Assert.Equal([filed.Headers.Location!.ToString().Split('/')[^1]], mine.Items.Select(c => c.Id.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(filed.Headers.Location, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync($"/api/v1/complaints/{fromPublicForm.Id}", ct)).StatusCode);
    }
}
