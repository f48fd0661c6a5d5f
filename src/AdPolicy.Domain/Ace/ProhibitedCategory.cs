namespace AdPolicy.Domain.Ace;

/// <summary>The prohibited-behaviour categories a complaint or violation names (SPEC 3.1). Strikes are counted per category.</summary>
public enum ProhibitedCategory
{
    IllegalOrFraudulent,
    PersonalDataMisuse,
    UnsafeOrCounterfeitGoods,
    BrandImpersonation,
    FalsePromotionOrScam,
    CoercivePayment,
    SlowAfterSales,
    IntellectualPropertyInfringement,
}

public static class ProhibitedCategories
{
    public static IReadOnlyList<ProhibitedCategory> All { get; } = Enum.GetValues<ProhibitedCategory>();

    /// <summary>The name a person reads on a form, a notice or the advertiser's ACE page.</summary>
    public static string Label(ProhibitedCategory category) => category switch
    {
        ProhibitedCategory.IllegalOrFraudulent => "Illegal or fraudulent activity",
        ProhibitedCategory.PersonalDataMisuse => "Misuse of users' personal data",
        ProhibitedCategory.UnsafeOrCounterfeitGoods => "Unsafe, counterfeit or low-quality goods",
        ProhibitedCategory.BrandImpersonation => "Impersonating or misusing another brand",
        ProhibitedCategory.FalsePromotionOrScam => "False promotion or scam",
        ProhibitedCategory.CoercivePayment => "Coercive payment",
        ProhibitedCategory.SlowAfterSales => "Slow after-sales service",
        ProhibitedCategory.IntellectualPropertyInfringement => "Intellectual-property infringement",
        _ => category.ToString(),
    };

    /// <summary>One line that says what the category covers, for the complaint form and the guidance page.</summary>
    public static string Description(ProhibitedCategory category) => category switch
    {
        ProhibitedCategory.IllegalOrFraudulent => "Illegal, criminal or unethical activity such as fraud, gambling or pyramid schemes.",
        ProhibitedCategory.PersonalDataMisuse => "Collecting or using users' personal data unlawfully, for example selling customer details.",
        ProhibitedCategory.UnsafeOrCounterfeitGoods => "Goods or services that break the law or put people or property at risk, such as counterfeit or poor-quality products.",
        ProhibitedCategory.BrandImpersonation => "Posing as another brand or using its trademark, including the platform's shop identity without permission.",
        ProhibitedCategory.FalsePromotionOrScam => "The product, price, gift or after-sales service is not what the ad promised.",
        ProhibitedCategory.CoercivePayment => "Pushing users to pay against their wishes: malicious discounts, unauthorised price rises or hidden charges.",
        ProhibitedCategory.SlowAfterSales => "Late delivery or slow after-sales service.",
        ProhibitedCategory.IntellectualPropertyInfringement => "Unauthorised use of someone else's intellectual-property rights in an ad.",
        _ => category.ToString(),
    };
}
