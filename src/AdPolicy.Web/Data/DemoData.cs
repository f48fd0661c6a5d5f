using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Data;

/// <summary>Demo organisations, promotions and one user per role, seeded on the first Development start.</summary>
public static partial class DemoData
{
    public const string Password = "Demo-pass-2026";

    public static readonly (string Email, string Name, string Role, string? Organisation)[] Logins =
    [
        ("advertiser@lumen.example", "Alex Advertiser (Lumen Outdoor, EMEA)", Roles.Advertiser, "Lumen Outdoor"),
        ("advertiser@northwind.example", "Nora Advertiser (Northwind Gadgets, North America)", Roles.Advertiser, "Northwind Gadgets"),
        ("advertiser@copa.example", "Carla Advertiser (Copa Moda, Latin America)", Roles.Advertiser, "Copa Moda"),
        ("advertiser@sakura.example", "Sato Advertiser (Sakura Home, Asia-Pacific)", Roles.Advertiser, "Sakura Home"),
        ("support@adpolicy.example", "Sam Support", Roles.Support, null),
        ("support2@adpolicy.example", "Jo Support", Roles.Support, null),
        ("reviewer@adpolicy.example", "Riley Reviewer", Roles.Reviewer, null),
        ("admin@adpolicy.example", "Ada Admin", Roles.Admin, null),
    ];

    public static async Task SeedAsync(IServiceProvider services, ILogger logger)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!await db.Organisations.AnyAsync())
        {
            await SeedDataAsync(scope.ServiceProvider, now);
        }

        foreach (var (email, _, role, _) in Logins)
        {
            LogLogin(logger, email, Password, role);
        }
    }

    public static async Task SeedDataAsync(IServiceProvider services, DateTimeOffset now)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7(now) });
            }
        }

        var organisations = new Dictionary<string, Organisation>
        {
            ["Lumen Outdoor"] = new(Guid.CreateVersion7(now), "Lumen Outdoor", Region.Emea),
            ["Northwind Gadgets"] = new(Guid.CreateVersion7(now), "Northwind Gadgets", Region.NorthAmerica),
            ["Copa Moda"] = new(Guid.CreateVersion7(now), "Copa Moda", Region.LatinAmerica),
            ["Sakura Home"] = new(Guid.CreateVersion7(now), "Sakura Home", Region.AsiaPacific),
        };
        db.Organisations.AddRange(organisations.Values);

        var currencies = new Dictionary<Region, string>
        {
            [Region.Emea] = "EUR",
            [Region.NorthAmerica] = "USD",
            [Region.LatinAmerica] = "USD",
            [Region.AsiaPacific] = "SGD",
        };
        var prefix = 100;
        foreach (var organisation in organisations.Values)
        {
            prefix++;
            var currency = currencies[organisation.Region];
            var account = new AdAccount(Guid.CreateVersion7(now), organisation.Id, $"{organisation.Name} main account", organisation.Region, currency);
            db.AdAccounts.Add(account);
            db.Promotions.AddRange(DemoPromotions(account, $"{prefix}", currency, now));
        }

        await db.SaveChangesAsync();

        foreach (var (email, name, role, organisationName) in Logins)
        {
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(now),
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                OrganisationId = organisationName is null ? null : organisations[organisationName].Id,
            };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
        }

        await SeedAceAsync(services, organisations, now);
    }

    /// <summary>
    /// The ACE record, made by the product's own flows on a clock set back in time, so the demo never shows what the
    /// product itself would not do. Lumen (EMEA): an IP complaint filed two days ago and upheld yesterday (1st strike,
    /// 3-day suspension running) and a user complaint filed three hours ago, undecided. Northwind (North America): a
    /// medium violation recorded from an ACE evaluation, and a user complaint upheld as low before its removal deadline,
    /// which the advertiser then missed: the deadline service removed the ad and cancelled the ad plan, and the
    /// advertiser has started a review request against it.
    /// </summary>
    private static async Task SeedAceAsync(IServiceProvider services, Dictionary<string, Organisation> organisations, DateTimeOffset now)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var clock = new SeedClock();
        T Make<T>(params object[] args) => ActivatorUtilities.CreateInstance<T>(services, args);
        var notifier = Make<Notifications.Notifier>(clock);
        var notices = Make<Complaints.AceNotices>(notifier);
        var standings = Make<Complaints.AceStandings>(clock);
        var enforcement = Make<Complaints.EnforcementDesk>(standings, notices);
        var enforcer = Make<Deadlines.DeadlineEnforcer>(notices, notifier);
        var desk = Make<Complaints.ComplaintDesk>(clock, notices, enforcement, enforcer);
        var sweep = Make<Deadlines.AceDeadlineSweep>(clock, enforcer, notifier);
        var appeals = Make<Appeals.AppealDesk>(clock, enforcement, notifier, Make<Appeals.AppealSubjects>(standings));
        var policies = Make<PolicyStore>();

        var support = await db.Users.SingleAsync(u => u.Email == "support@adpolicy.example");
        var staff = Actor.Staff(support.Id, support.DisplayName);

        async Task<AceComplaint> FileAsync(DateTimeOffset at, ComplaintInput input)
        {
            clock.Now = at;
            var errors = new Infrastructure.FieldErrors();
            var filed = await desk.FileAsync(input, new Actor(null, input.Name, ActorKind.Complainant), errors, CancellationToken.None)
                ?? throw new InvalidOperationException($"Demo complaint refused: {string.Join(" ", errors.All.Select(e => e.Message))}");
            return filed.Complaint;
        }

        async Task UpholdAsync(AceComplaint complaint, DateTimeOffset at, ViolationTier tier, string reason)
        {
            clock.Now = at;
            await desk.UpholdAsync(complaint, tier, reason, staff, CancellationToken.None);
        }

        var ip = await FileAsync(now.AddDays(-2), new ComplaintInput
        {
            Type = ComplaintType.IntellectualProperty,
            Category = ProhibitedCategory.BrandImpersonation,
            CampaignOrAdId = "AD-101-002A",
            Name = "Rita Rights",
            Email = "legal@trailbrand.example",
            Organisation = "Trailbrand Ltd",
            Role = ComplainantRole.RightsHolder,
            RightConcerned = "EU trademark 018123456 \"TRAILBRAND\"",
            Description = "The ad shows our registered logo on boots that are not ours.",
        });
        await UpholdAsync(ip, now.AddDays(-1), ViolationTier.Low, "The ad uses the complainant's registered trademark without permission.");

        await FileAsync(now.AddHours(-3), new ComplaintInput
        {
            Type = ComplaintType.UserComplaint,
            Category = ProhibitedCategory.SlowAfterSales,
            CampaignOrAdId = "AD-101-001A",
            Name = "Uma User",
            Email = "uma@example.com",
            Description = "I ordered a tent after this ad five weeks ago; it never arrived and nobody answers my emails.",
        });

        // Northwind: a medium violation from an ACE evaluation, recorded at the staff desk's own path.
        var northwind = organisations["Northwind Gadgets"];
        var northwindAccount = await db.AdAccounts.SingleAsync(a => a.OrganisationId == northwind.Id);
        clock.Now = now.AddDays(-1);
        var (policy, _) = await policies.CurrentAsync();
        await enforcement.RecordViolationAsync(
            Violation.Record(northwindAccount.Id, northwind.Id, null, ProhibitedCategory.FalsePromotionOrScam, ViolationTier.Medium, "An ACE evaluation found the advertised gift missing from most orders.", staff, clock.Now),
            [], null, staff, policy, clock.Now, CancellationToken.None);
        await db.SaveChangesAsync();

        // Northwind: upheld as low before its 24-hour removal deadline, which then passes unmet; the service enforces it.
        var missed = await FileAsync(now.AddHours(-30), new ComplaintInput
        {
            Type = ComplaintType.UserComplaint,
            Category = ProhibitedCategory.FalsePromotionOrScam,
            CampaignOrAdId = "AD-102-002A",
            Name = "Mia Buyer",
            Email = "mia@example.com",
            Description = "The ad promised a free carry case with every order; mine came without one and support never answered.",
        });
        await UpholdAsync(missed, now.AddHours(-28), ViolationTier.Low, "The advertised free gift was not delivered with the orders complained of.");
        clock.Now = now.AddHours(-5);
        await sweep.RunAsync(CancellationToken.None);

        // ...and the advertiser has started a review request against the missed deadline's sanction.
        clock.Now = now.AddHours(-4);
        var advertiser = await db.Users.SingleAsync(u => u.Email == "advertiser@northwind.example");
        var removal = await db.Deadlines.AsNoTracking().SingleAsync(d => d.ComplaintId == missed.Id && d.Kind == DeadlineKind.RemoveContent);
        var errors = new Infrastructure.FieldErrors();
        _ = await appeals.CreateAsync(
            northwind.Id, Domain.Appeals.SubjectKind.AdRestriction, removal.Id, Domain.Appeals.IssueType.BusinessModel,
            "The carry case was out of stock for two days; we shipped it separately to every buyer and can show the orders.",
            Actor.Advertiser(advertiser.Id, advertiser.DisplayName), errors, CancellationToken.None)
            ?? throw new InvalidOperationException($"Demo review request refused: {string.Join(" ", errors.All.Select(e => e.Message))}");
    }

    /// <summary>The demo's own clock: the product's flows run at the moments the story needs.</summary>
    private sealed class SeedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static IEnumerable<Promotion> DemoPromotions(AdAccount account, string prefix, string currency, DateTimeOffset now)
    {
        Money M(decimal amount) => new(amount, currency);
        var start = now.AddDays(-40);

        var shortfall = new Promotion(
            Guid.CreateVersion7(now), account.Id, $"CMP-{prefix}-001", "Spring collection launch", "Reach",
            M(5000m), M(5000m), start, now.AddDays(-10), "Adults 25–44, interest: outdoor sports",
            promisedImpressions: 1_000_000, deliveredImpressions: 620_000, promisedEngagements: 40_000, deliveredEngagements: 21_500,
            PromotionStatus.Completed);
        shortfall.AddAd(Guid.CreateVersion7(now), $"AD-{prefix}-001A", "Spring is here: new collection");
        shortfall.AddAd(Guid.CreateVersion7(now), $"AD-{prefix}-001B", "Ready for the trail?");
        yield return shortfall;

        var onTarget = new Promotion(
            Guid.CreateVersion7(now), account.Id, $"CMP-{prefix}-002", "Always-on brand awareness", "Awareness",
            M(2000m), M(1850.40m), start, now.AddDays(20), "All adults, home country",
            promisedImpressions: 400_000, deliveredImpressions: 412_300, promisedEngagements: 0, deliveredEngagements: 9_800,
            PromotionStatus.Active);
        onTarget.AddAd(Guid.CreateVersion7(now), $"AD-{prefix}-002A", "Made to last");
        yield return onTarget;

        var engagementShortfall = new Promotion(
            Guid.CreateVersion7(now), account.Id, $"CMP-{prefix}-003", "Video views: how it is made", "Engagement",
            M(1200m), M(1200m), start, now.AddDays(-1), "Adults 18–34, interest: crafts",
            promisedImpressions: 0, deliveredImpressions: 90_000, promisedEngagements: 30_000, deliveredEngagements: 24_000,
            PromotionStatus.Completed);
        engagementShortfall.AddAd(Guid.CreateVersion7(now), $"AD-{prefix}-003A", "Behind the scenes");
        yield return engagementShortfall;

        var removed = new Promotion(
            Guid.CreateVersion7(now), account.Id, $"CMP-{prefix}-004", "Miracle results in 3 days", "Conversions",
            M(3000m), M(740m), now.AddDays(-12), now.AddDays(18), "Adults 30–60",
            promisedImpressions: 300_000, deliveredImpressions: 61_000, promisedEngagements: 0, deliveredEngagements: 0,
            PromotionStatus.Active);
        removed.AddAd(Guid.CreateVersion7(now), $"AD-{prefix}-004A", "Guaranteed results or your money back");
        removed.StopByPlatform(PromotionStatus.Removed, Fact.Of(FactKind.StaffStoppedForPolicy, EventValues.Of(EventValue.Note, "The ad claims results the product cannot support.")));
        yield return removed;

        var future = new Promotion(
            Guid.CreateVersion7(now), account.Id, $"CMP-{prefix}-005", "Autumn pre-sale", "Traffic",
            M(2500m), M(0m), now.AddDays(10), now.AddDays(40), "Adults 25–54, returning visitors",
            promisedImpressions: 500_000, deliveredImpressions: 0, promisedEngagements: 0, deliveredEngagements: 0,
            PromotionStatus.Paused);
        future.AddAd(Guid.CreateVersion7(now), $"AD-{prefix}-005A", "Early access for subscribers");
        yield return future;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo login: {Email} / {Password} ({Role})")]
    private static partial void LogLogin(ILogger logger, string email, string password, string role);
}
