using AdPolicy.Domain.Ace;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Deadlines;

/// <summary>The same sweep twice, three instances at once, a crash before commit: every missed deadline is acted on once.</summary>
public sealed class ExactlyOnceTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Inserts <paramref name="count"/> correct-similar-content deadlines already an hour past due, as bulk SQL.</summary>
    private async Task<Advertiser> SeedDueDeadlinesAsync(int count)
    {
        var advertiser = await app.CreateAdvertiserAsync();
        await app.SeedDueDeadlinesAsync(advertiser, count);
        return advertiser;
    }

    private Task<int> MissedAsync(Guid accountId) =>
        app.WithDbAsync(db => db.Deadlines.CountAsync(d => d.AdAccountId == accountId && d.State == DeadlineState.Missed));

    private static async Task<int> DrainAsync(Func<Task<SweepResult>> sweep)
    {
        var done = 0;
        while (true)
        {
            var result = await sweep();
            done += result.Done;
            if (result.Done == 0)
            {
                return done;
            }
        }
    }

    [Fact]
    public async Task TheSameSweepRunTwice_ActsOnce()
    {
        var advertiser = await SeedDueDeadlinesAsync(3);

        var first = await app.SweepAsync<AceDeadlineSweep>();
        var second = await app.SweepAsync<AceDeadlineSweep>();

        Assert.Equal(3, first.Done);
        Assert.Equal(0, second.Due);
        Assert.Equal(3, await MissedAsync(advertiser.Account.Id));
        Assert.Equal(3, await app.SanctionCountAsync(advertiser.Account.Id));
        Assert.Equal(3, await app.NoticeCountAsync(advertiser.Organisation.Id, "Deadline missed"));
    }

    [Fact]
    public async Task ThreeInstancesOnTenThousandDueDeadlines_ActExactlyTenThousandTimes()
    {
        const int count = 10_000;
        var advertiser = await SeedDueDeadlinesAsync(count);

        var done = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => DrainAsync(() => app.SweepAsync<AceDeadlineSweep>()))));

        Assert.Equal(count, done.Sum());
        Assert.All(done, d => Assert.True(d > 0, "every instance took a share of the work"));
        Assert.Equal(count, await MissedAsync(advertiser.Account.Id));
        Assert.Equal(count, await app.SanctionCountAsync(advertiser.Account.Id));
        Assert.Equal(count, await app.NoticeCountAsync(advertiser.Organisation.Id, "Deadline missed"));
        Assert.Equal(count, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == advertiser.Email && m.Subject.Contains("Deadline missed"))));
    }

    [Fact]
    public async Task ACrashBetweenClaimingAndCommitting_LosesNothingAndDoublesNothing()
    {
        var advertiser = await SeedDueDeadlinesAsync(250);

        var crash = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            app.SweepAsync<AceDeadlineSweep>(s => s.BeforeCommit = _ => throw new InvalidOperationException("crash before commit")));
        Assert.Equal("crash before commit", crash.Message);
        Assert.Equal(0, await MissedAsync(advertiser.Account.Id));
        Assert.Equal(0, await app.SanctionCountAsync(advertiser.Account.Id));

        var done = await DrainAsync(() => app.SweepAsync<AceDeadlineSweep>());

        Assert.Equal(250, done);
        Assert.Equal(250, await MissedAsync(advertiser.Account.Id));
        Assert.Equal(250, await app.SanctionCountAsync(advertiser.Account.Id));
        Assert.Equal(250, await app.NoticeCountAsync(advertiser.Organisation.Id, "Deadline missed"));
    }

    [Fact]
    public async Task AFailingDeadline_IsSkipped_AndTheOthersAreStillHandled()
    {
        var advertiser = await SeedDueDeadlinesAsync(5);
        var broken = await app.WithDbAsync(db => db.Deadlines.Where(d => d.AdAccountId == advertiser.Account.Id).OrderBy(d => d.DueAt).Select(d => d.Id).FirstAsync());

        // A row whose complaint is missing: judging it throws, as any unexpected fault would.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"ALTER TABLE ace_deadlines DISABLE TRIGGER ALL"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE ace_deadlines SET complaint_id = gen_random_uuid() WHERE id = {broken}"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"ALTER TABLE ace_deadlines ENABLE TRIGGER ALL"));

        var result = await app.SweepAsync<AceDeadlineSweep>();

        Assert.Equal(1, result.Failed);
        Assert.Equal(4, result.Done);
        Assert.Equal(4, await MissedAsync(advertiser.Account.Id));
        Assert.Equal(DeadlineState.Pending, (await app.WithDbAsync(db => db.Deadlines.SingleAsync(d => d.Id == broken))).State);

        // The class shares one database: the broken row would stay due and count in the other tests' sweeps.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE ace_deadlines SET state = 'Cancelled' WHERE id = {broken}"));
    }
}
