using System.Globalization;
using System.Runtime.CompilerServices;

namespace AdPolicy.Domain.Ace;

/// <summary>Formatting shared by the sentences ACE types write for people.</summary>
public static class AceText
{
    public static string When(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"1 day", "3 days": a phrase of its own (its template is what a page translates), inside a sentence or not.</summary>
    public static FormattableString Days(int days) => days == 1 ? (FormattableString)$"1 day" : $"{days} days";

    /// <summary>"1st", "2nd", "11th": the template "{0}st" and its number.</summary>
    public static FormattableString Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return FormattableStringFactory.Create("{0}" + suffix, n);
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
