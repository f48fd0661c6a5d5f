using AdPolicy.Domain.Common;
namespace AdPolicy.Domain.Accounts;

public sealed class AdAccount
{
    public AdAccount(Guid id, Guid organisationId, string name, Region region, string currency)
    {
        Id = id;
        OrganisationId = organisationId;
        Name = name;
        Region = region;
        Currency = currency;
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    public string Name { get; private set; }

    public Region Region { get; private set; }

    public string Currency { get; private set; }

    /// <summary>Shop quality score (0–100) when the account has one.</summary>
    public int? ShopQualityScore { get; private set; }

    public DateTimeOffset? ShopQualityScoredAt { get; private set; }

    public uint Version { get; private set; }

    public void SetShopQualityScore(int score, DateTimeOffset now)
    {
        Common.DomainRuleException.Check(
            score is >= 0 and <= 100,
            RuleCodes.QualityScoreRange,
            $"A shop quality score is a whole number from 0 to 100.");
        ShopQualityScore = score;
        ShopQualityScoredAt = now;
    }
}
