using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
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

        await SeedAceAsync(db, organisations, now);
    }

    /// <summary>Lumen (EMEA): an upheld IP complaint (1st strike, 3-day suspension running) and an undecided user complaint; Northwind: a medium violation.</summary>
    private static async Task SeedAceAsync(AppDbContext db, Dictionary<string, Organisation> organisations, DateTimeOffset now)
    {
        var policy = PolicySettings.Defaults;
        var support = await db.Users.SingleAsync(u => u.Email == "support@adpolicy.example");
        var staff = Actor.Staff(support.Id, support.DisplayName);
        var lumen = organisations["Lumen Outdoor"].Id;
        var lumenAccount = await db.AdAccounts.SingleAsync(a => a.OrganisationId == lumen);
        var ads = await db.Ads.Where(a => a.ExternalAdId == "AD-101-002A" || a.ExternalAdId == "AD-101-001A").ToDictionaryAsync(a => a.ExternalAdId);

        var ip = AceComplaint.File(
            ComplaintType.IntellectualProperty, ProhibitedCategory.BrandImpersonation, lumen, lumenAccount.Id, ads["AD-101-002A"].PromotionId, ads["AD-101-002A"].Id,
            new ComplainantDetails("Rita Rights", "legal@trailbrand.example", "Trailbrand Ltd", ComplainantRole.RightsHolder, "EU trademark 018123456 \"TRAILBRAND\""),
            "The ad shows our registered logo on boots that are not ours.", Ace.TrackingTokens.New().Hash,
            new Actor(null, "Rita Rights", ActorKind.Complainant), now.AddDays(-2));
        var ipDeadlines = Deadline.ForComplaint(ip, policy);
        var upheldAt = now.AddDays(-1);
        var strike = ip.Uphold(ViolationTier.Low, "The ad uses the complainant's registered trademark without permission.", staff, 0, upheldAt);
        foreach (var deadline in ipDeadlines)
        {
            deadline.JudgeAtUphold(null, upheldAt);
        }

        ads["AD-101-002A"].Enforce(strike.AdEffect, $"Violation upheld on complaint {ip.Reference}.", upheldAt);
        strike.MarkNotified(upheldAt);
        db.AceComplaints.Add(ip);
        db.Violations.Add(strike);
        db.Deadlines.AddRange(ipDeadlines);
        db.Deadlines.Add(Deadline.ForViolationNotice(strike, upheldAt, policy));

        var user = AceComplaint.File(
            ComplaintType.UserComplaint, ProhibitedCategory.SlowAfterSales, lumen, lumenAccount.Id, ads["AD-101-001A"].PromotionId, ads["AD-101-001A"].Id,
            new ComplainantDetails("Uma User", "uma@example.com", null, ComplainantRole.AffectedUser, null),
            "I ordered a tent after this ad five weeks ago; it never arrived and nobody answers my emails.", Ace.TrackingTokens.New().Hash,
            new Actor(null, "Uma User", ActorKind.Complainant), now.AddHours(-3));
        db.AceComplaints.Add(user);
        db.Deadlines.AddRange(Deadline.ForComplaint(user, policy));

        var northwind = organisations["Northwind Gadgets"].Id;
        var northwindAccount = await db.AdAccounts.SingleAsync(a => a.OrganisationId == northwind);
        var medium = Violation.Record(
            northwindAccount.Id, northwind, null, ProhibitedCategory.FalsePromotionOrScam, ViolationTier.Medium,
            "An ACE evaluation found the advertised gift missing from most orders.", staff, now.AddDays(-1));
        medium.MarkNotified(now.AddDays(-1));
        db.Violations.Add(medium);
        db.Deadlines.Add(Deadline.ForViolationNotice(medium, now.AddDays(-1), policy));
        await db.SaveChangesAsync();
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
        removed.StopByPlatform(PromotionStatus.Removed, "Removed for a policy violation: ad claims the product cannot support.");
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
