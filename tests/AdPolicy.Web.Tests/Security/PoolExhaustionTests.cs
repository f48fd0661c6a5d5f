using System.Diagnostics;
using System.Net;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Infrastructure;
using Npgsql;

namespace AdPolicy.Web.Tests.Security;

/// <summary>
/// The app with a connection pool of three, as in the probe that made every request hang for 17 seconds, and the
/// production lock wait (the test settings raise it so that tests on a loaded machine do not time out).
/// </summary>
public sealed class SmallPoolApp(PostgresFixture postgres) : AppFactory(postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings() =>
        [("ConnectionStrings:AdPolicy", ConnectionString + ";Maximum Pool Size=3"), ("Database:LockTimeoutMilliseconds", "1000"), ("Database:ConnectTimeoutSeconds", "2")];
}

/// <summary>
/// Pool of three and a row locked by another transaction: requests get a quick 503 with Retry-After instead of hanging,
/// /health/ready answers at once, and when the lock goes the app serves again.
/// </summary>
public sealed class PoolExhaustionTests(SmallPoolApp app) : IClassFixture<SmallPoolApp>
{
    [Fact]
    public async Task WithTheDatabaseSaturated_RequestsAnswer503Quickly_AndServeAgainWhenTheLockIsReleased()
    {
        var ct = TestContext.Current.CancellationToken;
        var advertiser = await app.CreateAdvertiserAsync();
        var refund = await app.FileRefundAsync(advertiser, await app.CreatePromotionAsync(advertiser.Account));
        using var support = await app.SupportAsync();
        var details = $"/Staff/Refunds/Details/{refund.Id}";
        var token = await support.TokenFromAsync(details);

        await using var holder = new NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync(ct);
        var transaction = await holder.BeginTransactionAsync(ct);
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM refund_requests WHERE id = @id FOR UPDATE", holder, transaction))
        {
            lockRow.Parameters.AddWithValue("id", refund.Id);
            await lockRow.ExecuteScalarAsync(ct);
        }

        var burst = Enumerable.Range(0, 12).Select(async i =>
        {
            var watch = Stopwatch.StartNew();
            using var response = i % 2 == 0
                ? await support.Http.PostAsync($"{details}?handler=Note", new FormUrlEncodedContent([new("Message.Text", $"Note {i}"), new("__RequestVerificationToken", token)]), ct)
                : await support.Http.GetAsync("/Staff/Queue", ct);
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, watch.Elapsed);
        }).ToList();
        var readyWatch = Stopwatch.StartNew();
        using var ready = await support.Http.GetAsync("/health/ready", ct);
        var readyTook = readyWatch.Elapsed;
        var answers = await Task.WhenAll(burst);

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.ServiceUnavailable }));
        var busy = answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(busy);
        Assert.All(busy, a => Assert.True(a.Elapsed < TimeSpan.FromSeconds(2), $"a 503 took {a.Elapsed}"));
        Assert.All(busy, a => Assert.NotNull(a.RetryAfter));
        Assert.DoesNotContain(answers, a => a.StatusCode == HttpStatusCode.Redirect); // no note got past the lock
        Assert.True(readyTook < TimeSpan.FromSeconds(2), $"/health/ready took {readyTook}");

        await transaction.RollbackAsync(ct);

        var note = await support.PostFormAsync(details, "form[action*=Note]", new() { ["Message.Text"] = "After the lock." });
        Assert.Equal(HttpStatusCode.Redirect, note.Status);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync("/Staff/Queue")).Status);
        Assert.Equal(HttpStatusCode.OK, (await support.Http.GetAsync("/health/ready", ct)).StatusCode);
    }
}
