using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Appeals;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Evidence;
using AdPolicy.Domain.Policy;
using AdPolicy.Domain.Promotions;
using AdPolicy.Domain.Refunds;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Localisation;

namespace AdPolicy.Web.Tests.Localisation;

/// <summary>What ships in the resource files: every key in both languages, nothing empty, the same placeholders.</summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly System.Reflection.Assembly Web = typeof(SharedResource).Assembly;

    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo(Languages.Spanish);

    /// <summary>Values that are the same word in both languages (names and acronyms).</summary>
    private static readonly HashSet<string> SameInBoth = ["ACE", "API"];

    public static TheoryData<string> Resources() => [.. Web.GetManifestResourceNames().Where(n => n.StartsWith("AdPolicy.Web.Resources.", StringComparison.Ordinal)).Select(n => n[..^".resources".Length])];

    [Theory]
    [MemberData(nameof(Resources))]
    public void EveryKey_IsInEnglishAndSpanish_WithAValue_AndTheSamePlaceholders(string baseName)
    {
        var english = Read(Web.GetManifestResourceStream(baseName + ".resources")!);
        var spanishAssembly = Web.GetSatelliteAssembly(Spanish);
        using var stream = spanishAssembly.GetManifestResourceStream(baseName + ".es.resources");
        Assert.True(stream is not null, $"{baseName} has no Spanish file");
        var spanish = Read(stream);

        Assert.Empty(english.Keys.Except(spanish.Keys));
        Assert.Empty(spanish.Keys.Except(english.Keys));
        Assert.All(english.Concat(spanish), pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{baseName}: \"{pair.Key}\" is empty"));
        Assert.All(english, pair =>
        {
            Assert.Equal(Placeholders(pair.Value), Placeholders(spanish[pair.Key]));
            Assert.True(SameInBoth.Contains(pair.Value) || pair.Value != spanish[pair.Key] || pair.Value.All(c => !char.IsLower(c)), $"{baseName}: \"{pair.Key}\" is not translated");
        });
    }

    /// <summary>A page finds each Spanish value by its key: two keys that differ only in case ("Upheld", "upheld") would not both be found.</summary>
    [Theory]
    [MemberData(nameof(Resources))]
    public void EveryKey_IsFoundByThePagesLookUp(string baseName)
    {
        using var stream = Web.GetSatelliteAssembly(Spanish).GetManifestResourceStream(baseName + ".es.resources");
        var manager = new ResourceManager(baseName, Web);

        Assert.All(Read(stream!), pair => Assert.Equal(pair.Value, manager.GetString(pair.Key, Spanish)));
    }

    [Fact]
    public void EveryStatusWordAPageShows_HasSpanish()
    {
        Type[] shown =
        [
            typeof(RefundStatus), typeof(RefundReason), typeof(RefundEventKind), typeof(CaseKind), typeof(PromotionStatus), typeof(AdStatus),
            typeof(Region), typeof(ComplaintType), typeof(ComplainantRole), typeof(ComplaintStatus), typeof(ComplaintEventKind),
            typeof(EnforcementEventKind), typeof(ReviewStatus), typeof(ReviewEventKind), typeof(ReviewVerdict), typeof(EvidenceKind),
            typeof(EvidenceFormat), typeof(SubjectKind), typeof(AccountStatus), typeof(SanctionKind), typeof(MissedDeadlineSanction),
            typeof(ViolationTier), typeof(ProhibitedCategory), typeof(DeadlineKind), typeof(DeadlineState), typeof(ActorKind), typeof(IssueType),
        ];
        var resource = new ResourceManager("AdPolicy.Web.Resources.Localisation.SharedResource", Web);
        var missing = shown.SelectMany(t => Enum.GetNames(t).Select(n => (t.Name, Words: Display.English(n))))
            .Where(w => resource.GetString(w.Words, Spanish) is not { Length: > 0 } said || (said == w.Words && !SameInBoth.Contains(said)))
            .Select(w => $"{w.Name}: {w.Words}")
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void TheStatusWords_FollowThePolicysSpanishVocabulary()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Spanish;
            Assert.Equal("Queja del usuario", Display.Words(ComplaintType.UserComplaint));
            Assert.Equal("Queja del titular de la propiedad intelectual", Display.Words(ComplaintType.IntellectualProperty));
            Assert.Equal("Advertencia", Display.Words(SubjectKind.Strike));
            Assert.Equal("Solicitud de revisión", Display.Words(CaseKind.ReviewRequest));
            Assert.Equal(["Riesgo bajo", "Riesgo medio", "Riesgo alto", "Riesgo crítico"], Enum.GetValues<ViolationTier>().Select(t => Display.Words(t)));
            Assert.Equal("quedan 2 h 0 min", Display.TimeLeft(AppFactoryStart.AddHours(2), AppFactoryStart));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Languages.English);
            Assert.Equal("User complaint", Display.Words(ComplaintType.UserComplaint));
            Assert.Equal("overdue by 2 h 0 min", Display.TimeLeft(AppFactoryStart, AppFactoryStart.AddHours(2)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static readonly DateTimeOffset AppFactoryStart = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> Read(Stream stream)
    {
        using var reader = new ResourceReader(stream);
        return reader.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static string Placeholders(string text) => string.Join(",", Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal));

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
