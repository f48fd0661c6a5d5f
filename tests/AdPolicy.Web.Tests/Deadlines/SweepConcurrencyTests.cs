using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdPolicy.Web.Tests.Deadlines;

/// <summary>
/// The batched sweep: three instances over deadlines that share complaints, promotions and ads take their locks in one
/// order, so none deadlocks and each deadline is acted on once; a deadline that fails sends its batch to the
/// one-at-a-time fallback, and the batch's other deadlines are still enforced in full. Batches of five
/// (<see cref="SmallBatchApp"/>), so three sweeps over a few dozen deadlines interleave many times.
/// </summary>
public sealed class SweepConcurrencyTests(SmallBatchApp app) : IClassFixture<SmallBatchApp>
{
    private Task<long> DeadlocksAsync() =>
        app.WithDbAsync(db => db.Database.SqlQuery<long>($"SELECT deadlocks AS \"Value\" FROM pg_stat_database WHERE datname = current_database()").SingleAsync());

    /// <summary>
    /// Sweeps until a sweep finds nothing due (deadlines skipped for a busy complaint count as due); a deadline that stays
    /// due through many sweeps (one that fails every time) fails the test rather than keep it running.
    /// </summary>
    private async Task<(int Done, int Failed)> DrainAsync()
    {
        var (done, failed) = (0, 0);
        for (var run = 0; run < 200; run++)
        {
            var result = await app.SweepAsync<AceDeadlineSweep>();
            done += result.Done;
            failed += result.Failed;
            if (result.Due == 0)
            {
                return (done, failed);
            }
        }

        Assert.Fail($"Deadlines were still due after 200 sweeps ({done} enforced, {failed} failed).");
        return (done, failed);
    }

    private async Task<Guid> FileAsync(Advertiser advertiser, Promotion promotion)
    {
        var now = app.Clock.GetUtcNow();
        var complainant = new ComplainantDetails("Uma User", "uma@example.com", null, ComplainantRole.AffectedUser, null);
        var complaint = AceComplaint.File(
            ComplaintType.UserComplaint, ProhibitedCategory.SlowAfterSales, advertiser.Organisation.Id, advertiser.Account.Id, promotion.Id, promotion.Ads[0].Id,
            complainant, "The shop never answers after the sale.", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            new Actor(null, complainant.Name, ActorKind.Complainant), now);
        await app.WithDbAsync(async db =>
        {
            db.AceComplaints.Add(complaint);
            db.Deadlines.AddRange(Deadline.ForComplaint(complaint, PolicySettings.Defaults));
            return await db.SaveChangesAsync();
        });
        return complaint.Id;
    }

    [Fact]
    public async Task ThreeSweepsOverUpheldComplaintsSharingPromotionsAndAds_ActOnEachDeadlineOnce_WithoutADeadlock()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotions = new[]
        {
            await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active),
            await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active),
        };
        var complaints = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            complaints.Add(await FileAsync(advertiser, promotions[i % 2]));
        }

        foreach (var complaint in complaints)
        {
            await app.UpholdAsync(complaint);
        }

        app.Clock.Advance(TimeSpan.FromDays(10));
        var pending = await app.WithDbAsync(db => db.Deadlines.CountAsync(d => d.AdAccountId == advertiser.Account.Id && d.State == DeadlineState.Pending));
        Assert.True(pending >= complaints.Count, $"every upheld complaint has a deadline still to enforce ({pending})");
        var deadlocksBefore = await DeadlocksAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(DrainAsync)));

        Assert.Equal(pending, runs.Sum(r => r.Done));
        Assert.Equal(0, runs.Sum(r => r.Failed));
        var missed = await app.WithDbAsync(db => db.Deadlines.Where(d => d.AdAccountId == advertiser.Account.Id && d.State == DeadlineState.Missed).Select(d => d.Id).ToListAsync());
        Assert.Equal(pending, missed.Count);
        Assert.Equal(0, await app.WithDbAsync(db => db.Deadlines.CountAsync(d => d.AdAccountId == advertiser.Account.Id && d.State == DeadlineState.Pending)));
        Assert.Equal(pending, await app.SanctionCountAsync(advertiser.Account.Id));
        Assert.Equal(pending, await app.NoticeCountAsync(advertiser.Organisation.Id, "Deadline missed"));
        Assert.Equal(pending, await app.WithDbAsync(db => db.ComplaintEvents.CountAsync(e => complaints.Contains(e.ComplaintId) && e.Kind == ComplaintEventKind.DeadlineMissed)));
        Assert.All(promotions, p => Assert.Equal(PromotionStatus.Cancelled, app.WithDbAsync(db => db.Promotions.AsNoTracking().SingleAsync(x => x.Id == p.Id)).Result.Status));
        Assert.All(promotions, p => Assert.Equal(AdStatus.Removed, app.AdAsync(p.Ads[0].Id).Result.Status));

        // The server counts every deadlock it broke (40P01) in this database; its statistics reach the view within a second.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(deadlocksBefore, await app.WithDbAsync(db => db.Database.SqlQuery<long>($"SELECT deadlocks AS \"Value\" FROM pg_stat_database WHERE datname = current_database() AND pg_stat_clear_snapshot() IS NOT NULL").SingleAsync()));
    }

    [Fact]
    public async Task AFailingDeadlineInABatch_FallsBackToOneAtATime_AndTheRestOfTheBatchIsEnforcedInFull()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        await app.SeedDueDeadlinesAsync(advertiser, 5);

        // The third of the batch (by due time) names a complaint that does not exist: judging it throws.
        var broken = await app.WithDbAsync(db => db.Deadlines.Where(d => d.AdAccountId == advertiser.Account.Id).OrderBy(d => d.DueAt).Select(d => d.Id).Skip(2).FirstAsync());
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"ALTER TABLE ace_deadlines DISABLE TRIGGER ALL"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE ace_deadlines SET complaint_id = gen_random_uuid() WHERE id = {broken}"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"ALTER TABLE ace_deadlines ENABLE TRIGGER ALL"));

        try
        {
            var result = await app.SweepAsync<AceDeadlineSweep>();

            await AssertEnforcedOnceExceptAsync(advertiser, broken, result);
        }
        finally
        {
            // The class shares one database: the broken row would stay due and count in the other tests' sweeps.
            await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE ace_deadlines SET state = 'Cancelled' WHERE id = {broken}"));
        }
    }

    [Fact]
    public async Task ADeadlineWhoseWriteTheDatabaseRefuses_FailsAlone_AndTheRestOfTheBatchIsEnforcedOnce()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        await app.SeedDueDeadlinesAsync(advertiser, 5);

        // The batch is judged in memory and its writes sent together; the database refuses one deadline's sanction row,
        // so the whole batch's writes fail in the database (not in the domain code) and the batch starts over one at a time.
        var broken = await app.WithDbAsync(db => db.Deadlines.Where(d => d.AdAccountId == advertiser.Account.Id).OrderBy(d => d.DueAt).Select(d => d.Id).Skip(3).FirstAsync());
        var trigger = $"refuse_{broken:N}"; // DDL takes no parameters: the names and the id are made here, not typed by anyone
        var create = $"""
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.deadline_id = '{broken}' THEN RAISE EXCEPTION 'refused for the test'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON ace_deadline_sanctions FOR EACH ROW EXECUTE FUNCTION {trigger}();
            """;
        var drop = $"DROP TRIGGER {trigger} ON ace_deadline_sanctions; DROP FUNCTION {trigger}();";
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(create));
        try
        {
            var result = await app.SweepAsync<AceDeadlineSweep>();

            await AssertEnforcedOnceExceptAsync(advertiser, broken, result);
        }
        finally
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(drop));

            // The class shares one database: the refused row would stay due and count in the other tests' sweeps.
            await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE ace_deadlines SET state = 'Cancelled' WHERE id = {broken}"));
        }
    }

    [Fact]
    public async Task ADeadlineWhoseComplaintSomeoneHolds_WaitsForThem_AndIsEnforcedOnceTheyAreDone()
    {
        var (advertiser, promotion, complaint) = await UpheldAndDueAsync();
        Task<int> PendingAsync() => app.WithDbAsync(db => db.Deadlines.CountAsync(d => d.ComplaintId == complaint && d.State == DeadlineState.Pending));
        var pending = await PendingAsync();
        Assert.True(pending >= 1, "the upheld complaint has a deadline to enforce");

        // A staff member's request holds the complaint (a decision, a withdrawal) while a sweep runs: the sweep leaves it to them.
        var whileHeld = await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM ace_complaints WHERE id = {complaint} FOR UPDATE");
            var result = await app.SweepAsync<AceDeadlineSweep>();
            await transaction.RollbackAsync();
            return result;
        });

        Assert.Equal(0, whileHeld.Failed);
        Assert.Equal(pending, await PendingAsync());
        Assert.NotEqual(AdStatus.Removed, (await app.AdAsync(promotion.Ads[0].Id)).Status);
        Assert.Equal(0, await app.NoticeCountAsync(advertiser.Organisation.Id, "Deadline missed"));

        await app.SweepAsync<AceDeadlineSweep>();

        Assert.Equal(0, await PendingAsync());
        Assert.Equal(AdStatus.Removed, (await app.AdAsync(promotion.Ads[0].Id)).Status);
        Assert.Equal(pending, await app.NoticeCountAsync(advertiser.Organisation.Id, "Deadline missed"));
    }

    [Fact]
    public async Task ASweepsBatch_HoldsThePromotionAndAdItEnforces_AndLeavesThoseOfAComplaintSomeoneHolds()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var enforced = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var held = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var enforcedComplaint = await FileAsync(advertiser, enforced);
        var heldComplaint = await FileAsync(advertiser, held);
        await app.UpholdAsync(enforcedComplaint);
        await app.UpholdAsync(heldComplaint);
        app.Clock.Advance(TimeSpan.FromDays(10));

        // A staff member's request holds one complaint while the sweep runs; each batch is looked at just before it commits.
        var batches = new List<(bool EnforcedPromotion, bool EnforcedAd, bool HeldPromotion, bool HeldAd)>();
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM ace_complaints WHERE id = {heldComplaint} FOR UPDATE");
            var result = await app.SweepAsync<AceDeadlineSweep>(s => s.BeforeCommit = async _ => batches.Add((
                await FreeAsync("promotions", enforced.Id), await FreeAsync("ads", enforced.Ads[0].Id), await FreeAsync("promotions", held.Id), await FreeAsync("ads", held.Ads[0].Id))));
            await transaction.RollbackAsync();
            return result;
        });

        Assert.Contains(batches, b => !b.EnforcedPromotion && !b.EnforcedAd);
        Assert.All(batches, b => Assert.True(b.HeldPromotion && b.HeldAd, "the held complaint's promotion and ad are left alone"));
        Assert.Equal(AdStatus.Removed, (await app.AdAsync(enforced.Ads[0].Id)).Status);
        Assert.NotEqual(AdStatus.Removed, (await app.AdAsync(held.Ads[0].Id)).Status);

        // Released, the held complaint is enforced by the next sweep (and the class's shared database keeps nothing due
        // that would count in the other tests' sweeps).
        await DrainAsync();
        Assert.Equal(AdStatus.Removed, (await app.AdAsync(held.Ads[0].Id)).Status);
        Assert.Equal(0, await app.WithDbAsync(db => db.Deadlines.CountAsync(d => d.ComplaintId == heldComplaint && d.State == DeadlineState.Pending)));
    }

    [Fact]
    public async Task WhileABatchIsJudged_ItsPromotionsAndAdsAreFreeForUsers_AndAWriteThatChangesNothingLetsTheBatchThrough()
    {
        var (_, promotion, complaint) = await UpheldAndDueAsync();

        // Judged in memory, before its writes: a user can take the promotion's and the ad's locks at once, and writes them
        // (the same values again, as a save with nothing changed would). Just before the commit the sweep holds both.
        var judging = new List<(bool Promotion, bool Ad)>();
        var committing = new List<(bool Promotion, bool Ad)>();
        var sweep = default(AceDeadlineSweep);
        var result = await app.SweepAsync<AceDeadlineSweep>(s =>
        {
            sweep = s;
            s.BeforeWrite = async _ =>
            {
                judging.Add((await FreeAsync("promotions", promotion.Id), await FreeAsync("ads", promotion.Ads[0].Id)));
                await UserWritesAsync($"UPDATE promotions SET name = name WHERE id = {promotion.Id}");
                await UserWritesAsync($"UPDATE ads SET headline = headline WHERE id = {promotion.Ads[0].Id}");
            };
            s.BeforeCommit = async _ => committing.Add((await FreeAsync("promotions", promotion.Id), await FreeAsync("ads", promotion.Ads[0].Id)));
        });

        Assert.Equal((true, true), Assert.Single(judging));
        Assert.Equal((false, false), Assert.Single(committing));
        Assert.Equal(0, sweep!.FellBack);
        Assert.Equal(0, result.Failed);
        Assert.Equal(AdStatus.Removed, (await app.AdAsync(promotion.Ads[0].Id)).Status);
        Assert.Equal(PromotionStatus.Cancelled, (await app.WithDbAsync(db => db.Promotions.AsNoTracking().SingleAsync(p => p.Id == promotion.Id))).Status);
        Assert.Equal(0, await app.WithDbAsync(db => db.Deadlines.CountAsync(d => d.ComplaintId == complaint && d.State == DeadlineState.Pending)));
    }

    [Fact]
    public async Task AnAdTheAdvertiserRemovesWhileABatchIsJudged_IsTheirs_AndTheDeadlineSaysTheContentWasAlreadyDown()
    {
        var (advertiser, promotion, complaint) = await UpheldAndDueAsync();
        var ad = promotion.Ads[0].Id;

        // The batch judged the ad live and meant to take it down; the advertiser takes it down first. The batch finds the
        // row changed when it locks it, starts over one deadline at a time, and judges the ad as it is now.
        var sweep = default(AceDeadlineSweep);
        var result = await app.SweepAsync<AceDeadlineSweep>(s =>
        {
            sweep = s;
            s.BeforeWrite = _ => app.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlAsync($"SET lock_timeout = '5s'"); // a sweep still holding the ad fails the test, not hangs it
                (await db.Ads.SingleAsync(a => a.Id == ad)).RemoveByAdvertiser(app.Clock.GetUtcNow());
                return await db.SaveChangesAsync();
            });
        });

        Assert.Equal(1, sweep!.FellBack);
        Assert.Equal(0, result.Failed);
        var stored = await app.AdAsync(ad);
        Assert.Equal(AdStatus.Removed, stored.Status);
        Assert.Equal(FactKind.AdvertiserRemovedAd, stored.StatusWhy!.Kind);
        var deadlines = await app.DeadlinesAsync(complaint);
        var removal = deadlines.Single(d => d.Kind == DeadlineKind.RemoveContent);
        Assert.Equal(DeadlineState.Missed, removal.State);
        Assert.Contains(removal.Outcome!, f => f.Kind == FactKind.ContentAlreadyDown);
        Assert.DoesNotContain(removal.Outcome!, f => f.Kind == FactKind.PlatformRemovedAds);

        // Each missed deadline once: one timeline event, one sanction, none left pending.
        var missed = deadlines.Count(d => d.State == DeadlineState.Missed);
        Assert.Equal(0, deadlines.Count(d => d.State == DeadlineState.Pending));
        Assert.Equal(missed, await app.WithDbAsync(db => db.ComplaintEvents.CountAsync(e => e.ComplaintId == complaint && e.Kind == ComplaintEventKind.DeadlineMissed)));
        Assert.Equal(missed, await app.SanctionCountAsync(advertiser.Account.Id));
    }

    /// <summary>An advertiser's active promotion with one complaint against it, upheld, its deadlines all past due.</summary>
    private async Task<(Advertiser Advertiser, Promotion Promotion, Guid Complaint)> UpheldAndDueAsync()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var complaint = await FileAsync(advertiser, promotion);
        await app.UpholdAsync(complaint);
        app.Clock.Advance(TimeSpan.FromDays(10));
        return (advertiser, promotion, complaint);
    }

    /// <summary>Whether another session could take the row's lock at that moment (NOWAIT: refused at once if anyone holds it).</summary>
    private async Task<bool> FreeAsync(string table, Guid id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"SELECT 1 FROM {table} WHERE id = @id FOR UPDATE NOWAIT", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        try
        {
            await command.ExecuteScalarAsync();
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
    }

    /// <summary>A user's statement on its own connection, committed at once; waiting more than 5 s for a lock fails the test.</summary>
    private Task UserWritesAsync(FormattableString sql) => app.WithDbAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlAsync($"SET lock_timeout = '5s'");
        return await db.Database.ExecuteSqlAsync(sql);
    });

    /// <summary>A batch of five where one failed: that one still pending, the other four missed, sanctioned, noticed and emailed once.</summary>
    private async Task AssertEnforcedOnceExceptAsync(Advertiser advertiser, Guid broken, SweepResult result)
    {
        Assert.Equal((5, 4, 1), (result.Due, result.Done, result.Failed));
        var others = await app.WithDbAsync(db => db.Deadlines.AsNoTracking().Where(d => d.AdAccountId == advertiser.Account.Id && d.Id != broken).ToListAsync());
        Assert.All(others, d => Assert.Equal(DeadlineState.Missed, d.State));
        Assert.Equal(DeadlineState.Pending, (await app.WithDbAsync(db => db.Deadlines.SingleAsync(d => d.Id == broken))).State);
        Assert.Equal(4, await app.SanctionCountAsync(advertiser.Account.Id));
        Assert.Equal(4, await app.NoticeCountAsync(advertiser.Organisation.Id, "Deadline missed"));
        Assert.Equal(4, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == advertiser.Email && m.Subject.Contains("Deadline missed"))));
    }
}
