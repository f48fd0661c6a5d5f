using System.Globalization;
using AdPolicy.Domain.Accounts;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Localisation;
using Microsoft.AspNetCore.Http;

namespace AdPolicy.Web.Tests.Localisation;

/// <summary>
/// The ACE domain's sentences said again by the web (<see cref="StandingWords"/>, <see cref="Reader.Text(FormattableString?)"/>):
/// in English exactly the domain's words, so the English pages do not change; in Spanish the policy's words.
/// </summary>
public sealed class StandingWordsTests
{
    private static readonly Reader InUtc = new(new HttpContextAccessor());

    private static readonly DateTimeOffset At = new(2026, 12, 8, 22, 59, 0, TimeSpan.Zero);

    public static TheoryData<PolicySettings> Policies() =>
    [
        PolicySettings.Defaults,
        PolicySettings.Defaults with { FirstStrikeSuspensionDays = 1, SecondStrikeSuspensionDays = 2, StrikesForPermanentSuspension = 11, FirstHighViolationSuspensionDays = 1 },
    ];

    [Theory]
    [MemberData(nameof(Policies))]
    public void InEnglish_TheTierTableAndTheStrikeLadder_AreTheDomainsWords(PolicySettings policy)
    {
        using var english = Speak("en");
        foreach (var region in Enum.GetValues<Region>())
        {
            foreach (var row in TierConsequences.Table(region, policy))
            {
                Assert.Equal(row.ForTheAd, StandingWords.ForTheAd(row.Tier));
                Assert.Equal(row.ForTheAccount, StandingWords.ForTheAccount(row.Tier, policy));
                Assert.Equal(row.Notice.Sentence, StandingWords.Notice(row.Notice.Kind));
                Assert.Equal($"{row.Label}: {row.ForTheAd} {row.ForTheAccount}", StandingWords.TierOption(row, policy));
            }
        }

        Assert.Equal(TierConsequences.StrikeLadder(policy), StandingWords.StrikeLadder(policy));
    }

    [Fact]
    public void InEnglish_EveryHeadline_IsTheDomainsWithItsMomentInTheReadersZone()
    {
        using var english = Speak("en");
        AccountStanding[] standings =
        [
            Standing(AccountStatus.Active),
            Standing(AccountStatus.Restricted),
            Standing(AccountStatus.Suspended) with { SuspendedUntil = At },
            Standing(AccountStatus.Suspended),
            Standing(AccountStatus.PermanentlySuspended),
            Standing(AccountStatus.PermanentlySuspended) with { RemovedFromPlatform = true },
        ];

        Assert.All(standings, s => Assert.Equal(InUtc.Text(s.Headline), StandingWords.Headline(s, InUtc)));
        Assert.Equal("This ad account is suspended until 8 Dec 2026, 22:59 UTC.", StandingWords.Headline(standings[2], InUtc));
    }

    [Fact]
    public void ADomainSentence_IsTheDomainsEnglish_AndThePolicysSpanish()
    {
        // As the ladder writes a lifted first strike: templates within a template, a unit, an ordinal, a person's words.
        FormattableString what = $"{AceText.Ordinal(1)} strike in {ProhibitedCategories.Label(ProhibitedCategory.BrandImpersonation)}, recorded on {"2026-12-08 22:59 UTC"}";
        FormattableString suspended = $"{what}: the account is suspended for {AceText.Days(3)}.";
        FormattableString note = $"Lifted by staff on {"2026-12-08 22:59 UTC"}: {"Reviewed again."}";
        var lifted = Phrases.Join([suspended, note]);

        Assert.Equal(
            "1st strike in Impersonating or misusing another brand, recorded on 2026-12-08 22:59 UTC: the account is suspended for 3 days. Lifted by staff on 2026-12-08 22:59 UTC: Reviewed again.",
            lifted.ToString(CultureInfo.InvariantCulture));
        using (Speak("en"))
        {
            Assert.Equal(InUtc.Text(lifted.ToString(CultureInfo.InvariantCulture)), InUtc.Text(lifted));
        }

        using (Speak("es"))
        {
            Assert.Equal(
                "1.ª advertencia en Suplantación o uso indebido de otra marca, registrada el 8 dic 2026, 22:59 UTC: la cuenta se suspende durante 3 días. Levantada por el equipo el 8 dic 2026, 22:59 UTC: Reviewed again.",
                InUtc.Text(lifted));
            Assert.Contains("1.ª advertencia: la cuenta se suspende durante 3 días", StandingWords.StrikeLadder(PolicySettings.Defaults), StringComparison.Ordinal);
            Assert.Equal("Esta cuenta publicitaria está en regla.", StandingWords.Headline(Standing(AccountStatus.Active), InUtc));
        }
    }

    private static AccountStanding Standing(AccountStatus status) =>
        new(At, status, null, false, false, false, false, false, false, false, [], []);

    private static IDisposable Speak(string language) => new Recipient(NodaTime.DateTimeZone.Utc, CultureInfo.GetCultureInfo(language)).Speak();
}
