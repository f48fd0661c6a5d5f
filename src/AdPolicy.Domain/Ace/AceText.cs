using System.Globalization;
using AdPolicy.Domain.Common;

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

/// <summary>The small phrases ACE sentences are made of, as <see cref="Phrase"/>s a page can say in its reader's language.</summary>
public static class AcePhrases
{
    /// <summary>"1 day", "3 days".</summary>
    public static Phrase Days(int days) => days == 1 ? new Phrase("1 day") : new Phrase("{0} days", days);

    /// <summary>"1st", "2nd", "3rd", "4th".</summary>
    public static Phrase Ordinal(int n) => new("{0}" + AceText.Ordinal(n).TrimStart("0123456789".ToCharArray()), n);
}
