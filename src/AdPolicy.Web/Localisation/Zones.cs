using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using AdPolicy.Domain.Accounts;
using NodaTime;

namespace AdPolicy.Web.Localisation;

/// <summary>
/// Where people are when nobody chose: staff read <see cref="StaffTimeZone"/>, an advertiser the zone of their
/// organisation's region. Section <c>Localisation</c>; every zone is an IANA id (<c>Europe/Madrid</c>).
/// </summary>
public sealed class LocalisationOptions : IValidatableObject
{
    public const string Section = "Localisation";

    public string StaffTimeZone { get; set; } = "UTC";

    public string EmeaTimeZone { get; set; } = "Europe/Madrid";

    public string NorthAmericaTimeZone { get; set; } = "America/New_York";

    public string LatinAmericaTimeZone { get; set; } = "America/Mexico_City";

    public string AsiaPacificTimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>The language of emails to people who chose none and of pages before anything else says (en or es).</summary>
    public string DefaultLanguage { get; set; } = Languages.English;

    public string ZoneOf(Region? region) => region switch
    {
        Region.Emea => EmeaTimeZone,
        Region.NorthAmerica => NorthAmericaTimeZone,
        Region.LatinAmerica => LatinAmericaTimeZone,
        Region.AsiaPacific => AsiaPacificTimeZone,
        _ => StaffTimeZone,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (key, zone) in new[]
                 {
                     (nameof(StaffTimeZone), StaffTimeZone), (nameof(EmeaTimeZone), EmeaTimeZone), (nameof(NorthAmericaTimeZone), NorthAmericaTimeZone),
                     (nameof(LatinAmericaTimeZone), LatinAmericaTimeZone), (nameof(AsiaPacificTimeZone), AsiaPacificTimeZone),
                 })
        {
            if (!Zones.IsKnown(zone))
            {
                yield return new ValidationResult($"{Section}:{key} must be an IANA time zone such as Europe/Madrid (\"{zone}\" is not one).", [key]);
            }
        }

        if (!Languages.IsSupported(DefaultLanguage))
        {
            yield return new ValidationResult($"{Section}:{nameof(DefaultLanguage)} must be one of: {string.Join(", ", Languages.All)}.", [nameof(DefaultLanguage)]);
        }
    }
}

/// <summary>
/// Time zones (the IANA database NodaTime carries, so every machine names them alike) and the one way a moment is
/// written for a person: "8 Dec 2026, 23:59 CET" in their zone and culture.
/// </summary>
public static partial class Zones
{
    public const string Utc = "UTC";

    /// <summary>The zones a person may choose: the canonical "Area/City" ids, and UTC.</summary>
    public static IReadOnlyList<string> Choices { get; } =
        [Utc, .. NodaTime.TimeZones.TzdbDateTimeZoneSource.Default.CanonicalIdMap.Where(p => p.Key == p.Value && p.Key.Contains('/', StringComparison.Ordinal) && !p.Key.StartsWith("Etc/", StringComparison.Ordinal)).Select(p => p.Key).Order(StringComparer.Ordinal)];

    public static bool IsKnown(string? id) => id is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null;

    public static DateTimeZone Get(string? id) => (id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)) ?? DateTimeZone.Utc;

    /// <summary>"8 Dec 2026, 23:59 CET" (English), "8 dic 2026, 23:59 CET" (Spanish).</summary>
    public static string Format(DateTimeOffset at, DateTimeZone zone, CultureInfo culture)
    {
        var local = Instant.FromDateTimeOffset(at).InZone(zone);
        return local.ToDateTimeUnspecified().ToString("d MMM yyyy, HH:mm", culture) + " " + Abbreviation(local);
    }

    /// <summary>The date alone, in the zone: "8 Dec 2026".</summary>
    public static string FormatDate(DateTimeOffset at, DateTimeZone zone, CultureInfo culture) =>
        Instant.FromDateTimeOffset(at).InZone(zone).ToDateTimeUnspecified().ToString("d MMM yyyy", culture);

    /// <summary>"CET", "EST"; where the database has no letters, the offset ("UTC-03").</summary>
    public static string Abbreviation(ZonedDateTime local)
    {
        var name = local.GetZoneInterval().Name;
        return name.Length > 0 && (name[0] == '+' || name[0] == '-') ? "UTC" + name : name;
    }

    /// <summary>A wall-clock time the person typed, in their zone, as the moment it names (a time skipped by a clock change moves forward).</summary>
    public static DateTimeOffset FromLocal(DateTime local, DateTimeZone zone) =>
        LocalDateTime.FromDateTime(local).InZoneLeniently(zone).ToDateTimeOffset().ToUniversalTime();

    /// <summary>The calendar date it is now in the zone.</summary>
    public static DateOnly Today(DateTimeOffset now, DateTimeZone zone) =>
        DateOnly.FromDateTime(Instant.FromDateTimeOffset(now).InZone(zone).ToDateTimeUnspecified());

    /// <summary>
    /// Text written for everyone (a stored notice, a status line) names its moments as <c>Display.Utc</c> does
    /// ("2026-12-08 22:59 UTC"); this writes each in the reader's zone. Text without such moments is unchanged.
    /// </summary>
    public static string InZone(string text, DateTimeZone zone, CultureInfo culture) =>
        string.IsNullOrEmpty(text)
            ? text
            : UtcStamp().Replace(text, m => Format(
                new DateTimeOffset(DateTime.ParseExact(m.Value[..16], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.Zero), zone, culture));

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UtcStamp();
}

/// <summary>The languages the app speaks.</summary>
public static class Languages
{
    public const string English = "en";
    public const string Spanish = "es";

    public static readonly string[] All = [English, Spanish];

    public static bool IsSupported(string? language) => language is not null && All.Contains(language, StringComparer.Ordinal);

    /// <summary>A language's own name, as a switcher shows it.</summary>
    public static string NameOf(string language) => language == Spanish ? "Español" : "English";
}
