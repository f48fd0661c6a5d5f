using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;

namespace AdPolicy.Domain.Tests.Ace;

/// <summary>One advertiser account, its people and a clock start, for the ACE tests.</summary>
internal static class AceFixture
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public static readonly Guid OrganisationId = Guid.Parse("0195a000-0000-7000-8000-000000000001");

    public static readonly Guid AccountId = Guid.Parse("0195a000-0000-7000-8000-000000000002");

    public static readonly Guid PromotionId = Guid.Parse("0195a000-0000-7000-8000-000000000003");

    public static readonly Guid AdId = Guid.Parse("0195a000-0000-7000-8000-000000000004");

    public static readonly Actor Staff = Actor.Staff(Guid.Parse("0195a000-0000-7000-8000-0000000000a1"), "Sam Agent");

    public static readonly Actor OtherStaff = Actor.Staff(Guid.Parse("0195a000-0000-7000-8000-0000000000a2"), "Kim Reviewer");

    public static readonly Actor Advertiser = Actor.Advertiser(Guid.Parse("0195a000-0000-7000-8000-0000000000b1"), "Ada Advertiser");

    public static PolicySettings Defaults => PolicySettings.Defaults;

    public static DateTimeOffset Day(int day) => T0.AddDays(day);

    public static AdAccount Account(Region region = Region.Emea) => new(AccountId, OrganisationId, "Shop account", region, "EUR");

    public static ComplainantDetails User(string name = "Uma User") =>
        new(name, "uma@example.com", null, ComplainantRole.AffectedUser, null);

    public static ComplainantDetails RightsHolder(ComplainantRole role = ComplainantRole.RightsHolder, string? right = "Trademark EU 018123456") =>
        new("Rita Rights", "legal@brand.example", "Brand Ltd", role, right);

    public static Actor ComplainantActor(string name) => new(null, name, ActorKind.Complainant);

    public static AceComplaint UserComplaint(DateTimeOffset at, ProhibitedCategory category = ProhibitedCategory.FalsePromotionOrScam) =>
        AceComplaint.File(
            ComplaintType.UserComplaint,
            category,
            OrganisationId,
            AccountId,
            PromotionId,
            AdId,
            User(),
            "The gift in the ad never arrived.",
            "hash-user",
            ComplainantActor("Uma User"),
            at);

    public static AceComplaint IpComplaint(DateTimeOffset at, ProhibitedCategory category = ProhibitedCategory.BrandImpersonation) =>
        AceComplaint.File(
            ComplaintType.IntellectualProperty,
            category,
            OrganisationId,
            AccountId,
            PromotionId,
            AdId,
            RightsHolder(),
            "The ad uses our registered logo.",
            "hash-ip",
            ComplainantActor("Rita Rights"),
            at);

    /// <summary>An upheld IP complaint: a strike recorded at <paramref name="at"/>.</summary>
    public static Violation Strike(DateTimeOffset at, ProhibitedCategory category = ProhibitedCategory.BrandImpersonation, ViolationTier tier = ViolationTier.Medium) =>
        IpComplaint(at, category).Uphold(tier, "The logo is used without permission.", Staff, 1, at);

    public static Violation ViolationAt(DateTimeOffset at, ViolationTier tier, ProhibitedCategory category = ProhibitedCategory.SlowAfterSales) =>
        Domain.Ace.Violation.Record(AccountId, OrganisationId, AdId, category, tier, "Orders shipped weeks late.", Staff, at);

    public static AccountStanding Standing(DateTimeOffset now, params Violation[] violations) =>
        SanctionLadder.Evaluate(Account(), violations, [], Defaults, now);
}
