using System.Net;
using System.Net.Http.Json;
using AdPolicy.Domain.Ace;
using AdPolicy.Web.Api;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
    public async Task ATwinSentWhileTheFirstIsInProgress_Answers409WithRetryAfterAtOnce_AndItsRetryReplaysTheOneFiling()
    {
        var (promotion, first, second, idempotencyKey, body) = await TwinsAsync("Rights agency");
        using var firstClient = first;
        using var secondClient = second;
        var ct = TestContext.Current.CancellationToken;

        // The first request is held inside its filing: another session keeps complaints from being written for a while.
        await using var blocker = new NpgsqlConnection(app.ConnectionString);
        await blocker.OpenAsync(ct);
        await using var hold = await blocker.BeginTransactionAsync(ct);
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE ace_complaints IN EXCLUSIVE MODE", blocker, hold))
        {
            await lockTable.ExecuteNonQueryAsync(ct);
        }

        var firstAnswer = first.SendAsync(File(body, idempotencyKey), ct);
        await WaitUntilAsync(async () => await WaitingOnComplaintsAsync(blocker, hold) > 0, firstAnswer);

        // Its twin is not made to wait behind it: it is told at once to retry.
        using var quick = CancellationTokenSource.CreateLinkedTokenSource(ct);
        quick.CancelAfter(TimeSpan.FromSeconds(10));
        var twin = await second.SendAsync(File(body, idempotencyKey), quick.Token);
        Assert.Equal(HttpStatusCode.Conflict, twin.StatusCode);
        Assert.Equal("application/problem+json", twin.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(ComplaintsApi.RetryAfterSeconds), twin.Headers.RetryAfter?.Delta);
        Assert.Contains("still in progress", (await twin.JsonAsync()).GetProperty("title").GetString());
        Assert.False(firstAnswer.IsCompleted);

        await hold.RollbackAsync(ct);
        var filed = await firstAnswer;
        var retried = await second.SendAsync(File(body, idempotencyKey), ct);

        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal("true", retried.Headers.GetValues(ComplaintsApi.ReplayedHeader).Single());
        var complaint = Assert.Single(await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().Where(c => c.PromotionId == promotion.Id).ToListAsync(ct)));
        var (filedBody, retriedBody) = (await filed.ReadAsync<ComplaintResource>(), await retried.ReadAsync<ComplaintResource>());
        Assert.Equal((complaint.Id, complaint.Reference), (filedBody.Id, filedBody.Reference));
        Assert.Equal((complaint.Id, complaint.Reference), (retriedBody.Id, retriedBody.Reference));

        // The first answer carries the tracking link once; the replay does not.
        Assert.NotNull(filedBody.TrackingUrl);
        Assert.Null(retriedBody.TrackingUrl);
        Assert.Equal(2, await app.WithDbAsync(db => db.Deadlines.CountAsync(d => d.ComplaintId == complaint.Id, ct)));
        Assert.Equal(1, await app.WithDbAsync(db => db.QueueItems.CountAsync(q => q.CaseId == complaint.Id, ct)));
    }

    [Fact]
    public async Task TwoConcurrentIdenticalRequests_FileOneComplaint_AndEachAnswersItOrAsksForARetryThatDoes()
    {
        var (promotion, first, second, idempotencyKey, body) = await TwinsAsync("Partner portal twin");
        using var firstClient = first;
        using var secondClient = second;
        var ct = TestContext.Current.CancellationToken;

        async Task<HttpResponseMessage> FileUntilAnsweredAsync(HttpClient client)
        {
            var answer = await client.SendAsync(File(body, idempotencyKey), ct);
            while (answer.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.NotNull(answer.Headers.RetryAfter?.Delta);
                await Task.Delay(answer.Headers.RetryAfter!.Delta!.Value, ct);
                answer = await client.SendAsync(File(body, idempotencyKey), ct);
            }

            return answer;
        }

        var answers = await Task.WhenAll(FileUntilAnsweredAsync(first), FileUntilAnsweredAsync(second));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var complaint = Assert.Single(await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().Where(c => c.PromotionId == promotion.Id).ToListAsync(ct)));
        var bodies = await Task.WhenAll(answers.Select(a => a.ReadAsync<ComplaintResource>()));
        Assert.All(bodies, b => Assert.Equal(complaint.Id, b.Id));
        Assert.Single(answers, a => a.Headers.Contains(ComplaintsApi.ReplayedHeader));
        Assert.Single(bodies, b => b.TrackingUrl is not null);
    }

    /// <summary>A promotion to complain about and two clients of one integration key that will send the same complaint with the same Idempotency-Key.</summary>
    private async Task<(Domain.Promotions.Promotion Promotion, HttpClient First, HttpClient Second, string IdempotencyKey, object Body)> TwinsAsync(string integration)
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var key = await app.IntegrationKeyAsync(integration, ApiScopes.ComplaintsWrite, ApiScopes.ComplaintsRead);
        return (promotion, app.Api(key), app.Api(key), Guid.NewGuid().ToString(), ApiTestData.IpComplaint(promotion.Ads[0].ExternalAdId));
    }

    /// <summary>How many lock requests on the complaints table wait (seen from the session that holds it).</summary>
    private static async Task<long> WaitingOnComplaintsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'ace_complaints'::regclass", connection, transaction);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Task mustNotFinish)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.False(mustNotFinish.IsCompleted, "The first request finished before it was seen waiting.");
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), "The first request was never seen waiting.");
            await Task.Delay(50);
        }
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
