using System.Globalization;

namespace AdPolicy.Domain.Ace;

/// <summary>Formatting shared by the sentences ACE types write for people.</summary>
internal static class AceText
{
    public static string When(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Days(int days) => days == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{days} days");

    public static string Hours(int hours) => hours == 1 ? "1 hour" : string.Create(CultureInfo.InvariantCulture, $"{hours} hours");

    public static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{n}{suffix}");
    }

    public static string Tier(ViolationTier tier) => tier switch
    {
        ViolationTier.Low => "low-risk",
        ViolationTier.Medium => "medium-risk",
        ViolationTier.High => "high-risk",
        ViolationTier.Critical => "critical-risk",
        _ => tier.ToString(),
    };
}
