using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Deadlines;

public sealed record ComplaintCase(Advertiser Advertiser, Promotion Promotion, Guid AdId, Guid ComplaintId);

/// <summary>Complaints filed and decided through the domain and the app's own services, at the fake clock's time.</summary>
internal static class DeadlineTestData
{
    /// <summary>A real support agent of this app's database (notices to the decider need a real user).</summary>
    public static async Task<Actor> StaffAsync(this AppFactory app)
    {
        var email = await app.CreateUserAsync(AdPolicy.Web.Identity.Roles.Support, name: "Sam Support");
        return Actor.Staff(await app.UserIdAsync(email), "Sam Support");
    }

    public static async Task<ComplaintCase> FileComplaintAsync(this AppFactory app, ComplaintType type, Advertiser? advertiser = null)
    {
        advertiser ??= await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, status: PromotionStatus.Active);
        var adId = promotion.Ads[0].Id;
        var now = app.Clock.GetUtcNow();
        var complainant = type == ComplaintType.IntellectualProperty
            ? new ComplainantDetails("Rita Rights", "legal@brand.example", "Brand Ltd", ComplainantRole.RightsHolder, "EU trademark 018123456")
            : new ComplainantDetails("Uma User", "uma@example.com", null, ComplainantRole.AffectedUser, null);
        var complaint = AceComplaint.File(
            type, type == ComplaintType.IntellectualProperty ? ProhibitedCategory.IntellectualPropertyInfringement : ProhibitedCategory.SlowAfterSales,
            advertiser.Organisation.Id, advertiser.Account.Id, promotion.Id, adId, complainant,
            "The ad breaks the policy in a way the complainant explains.", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            new Actor(null, complainant.Name, ActorKind.Complainant), now);
        await app.WithDbAsync(async db =>
        {
            db.AceComplaints.Add(complaint);
            db.Deadlines.AddRange(Deadline.ForComplaint(complaint, PolicySettings.Defaults));
            return await db.SaveChangesAsync();
        });
        return new ComplaintCase(advertiser, promotion, adId, complaint.Id);
    }

    public static async Task<Violation> UpholdAsync(this AppFactory app, Guid complaintId, ViolationTier tier = ViolationTier.Low)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var desk = scope.ServiceProvider.GetRequiredService<ComplaintDesk>();
        var complaint = await db.AceComplaints.SingleAsync(c => c.Id == complaintId);
        return await desk.UpholdAsync(complaint, tier, "Upheld by the test.", await app.StaffAsync(), CancellationToken.None);
    }

    public static async Task RemoveAdAsync(this AppFactory app, Guid adId) =>
        await app.WithDbAsync(async db =>
        {
            var ad = await db.Ads.SingleAsync(a => a.Id == adId);
            ad.RemoveByAdvertiser(app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

    public static Task<List<Deadline>> DeadlinesAsync(this AppFactory app, Guid complaintId) =>
        app.WithDbAsync(db => db.Deadlines.AsNoTracking().Where(d => d.ComplaintId == complaintId).OrderBy(d => d.DueAt).ToListAsync());

    public static Task<Ad> AdAsync(this AppFactory app, Guid adId) =>
        app.WithDbAsync(db => db.Ads.AsNoTracking().SingleAsync(a => a.Id == adId));

    public static Task<int> SanctionCountAsync(this AppFactory app, Guid accountId) =>
        app.WithDbAsync(db => (from s in db.DeadlineSanctions join d in db.Deadlines on s.DeadlineId equals d.Id where d.AdAccountId == accountId select s).CountAsync());

    public static Task<int> SanctionCountAsync(this AppFactory app, Guid accountId, MissedDeadlineSanction sanction) =>
        app.WithDbAsync(db => (from s in db.DeadlineSanctions join d in db.Deadlines on s.DeadlineId equals d.Id where d.AdAccountId == accountId && s.Sanction == sanction select s).CountAsync());

    public static Task<int> NoticeCountAsync(this AppFactory app, Guid organisationId, string titleContains) =>
        app.WithDbAsync(db => (from n in db.Notifications
                               join u in db.Users on n.UserId equals u.Id
                               where u.OrganisationId == organisationId && n.Title.Contains(titleContains)
                               select n).CountAsync());

    /// <summary>Inserts <paramref name="count"/> correct-similar-content deadlines already an hour past due, as bulk SQL.</summary>
    public static Task<int> SeedDueDeadlinesAsync(this AppFactory app, Advertiser advertiser, int count)
    {
        var now = app.Clock.GetUtcNow();
        return app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO ace_deadlines (id, kind, ad_account_id, organisation_id, starts_at, due_at, state)
            SELECT gen_random_uuid(), 'CorrectSimilarContent', {advertiser.Account.Id}, {advertiser.Organisation.Id},
                   {now.AddHours(-49)}, {now.AddHours(-1)} - make_interval(secs => g), 'Pending'
            FROM generate_series(1, {count}) g
            """));
    }

    /// <summary>Runs one sweep as one instance would (its own scope and connection).</summary>
    public static async Task<SweepResult> SweepAsync<TSweep>(this AppFactory app, Action<TSweep>? configure = null)
        where TSweep : ISweep
    {
        await using var scope = app.Scope();
        var sweep = scope.ServiceProvider.GetServices<ISweep>().OfType<TSweep>().Single();
        configure?.Invoke(sweep);
        return await sweep.RunAsync(CancellationToken.None);
    }
}
