using AdPolicy.Domain.Ace;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Deadlines;

/// <summary>The app with a standing sweep that checks at most five accounts a run.</summary>
public sealed class SmallBatchApp(PostgresFixture postgres) : AppFactory(postgres)
{
    public const int BatchSize = 5;

    protected override IEnumerable<(string Key, string Value)> Settings() => [("DeadlineService:BatchSize", BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>More accounts due than one run takes: every one is reached across runs, oldest due first, each told once.</summary>
public sealed class StandingSweepBatchTests(SmallBatchApp app) : IClassFixture<SmallBatchApp>
{
    [Fact]
    public async Task TwelveSuspensionsEndingTogether_AreAllAnnounced_AcrossThreeRunsOfFive_OldestDueFirst()
    {
        var start = app.Clock.GetUtcNow();
        var accounts = new List<(Guid Account, Guid Organisation)>();
        for (var i = 0; i < 12; i++)
        {
            var c = await app.FileComplaintAsync(ComplaintType.UserComplaint);
            await app.UpholdAsync(c.ComplaintId, ViolationTier.High);
            accounts.Add((c.Advertiser.Account.Id, c.Advertiser.Organisation.Id));
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        // Each account is looked at once now (nothing ended yet), which plans its next check at its suspension's end.
        for (var run = 0; run < 3; run++)
        {
            await app.SweepAsync<StandingSweep>();
        }

        Assert.Equal(12, await app.WithDbAsync(db => db.StandingChecks.CountAsync(c => c.DueAt > start.AddDays(6))));

        app.Clock.SetUtcNow(start.AddDays(8));
        var handled = new List<Guid>();
        var ended = new List<int>();
        for (var run = 0; run < 3; run++)
        {
            StandingSweep? sweep = null;
            var result = await app.SweepAsync<StandingSweep>(s => sweep = s);
            handled.AddRange(sweep!.Handled);
            var told = 0;
            foreach (var (_, organisation) in accounts)
            {
                told += await app.NoticeCountAsync(organisation, "Suspension ended");
            }

            ended.Add(told);
            Assert.True(result.Due <= SmallBatchApp.BatchSize);
        }

        Assert.Equal([5, 10, 12], ended);
        Assert.Equal(accounts.Select(a => a.Account), handled);
        Assert.Equal(0, (await app.SweepAsync<StandingSweep>()).Due);
    }
}
