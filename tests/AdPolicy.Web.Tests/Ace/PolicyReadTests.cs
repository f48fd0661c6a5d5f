using AdPolicy.Domain.Policy;
using AdPolicy.Web.Data;
using AdPolicy.Web.Data.Configurations;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Ace;

/// <summary>
/// The policy in force is read as saved, version after version, although the settings parsed from the last text read
/// are kept (issue 17): a new version applies from the next read, and a version that goes back to older numbers too.
/// </summary>
public sealed class PolicyReadTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task EachNewVersion_IsWhatTheNextReadApplies_EvenBackToAnEarlierText()
    {
        Assert.Equal(0, (await CurrentAsync()).Version);

        await SaveAsync(1, PolicySettings.Defaults with { FirstStrikeSuspensionDays = 5 });
        Assert.Equal((5, 1), await FirstStrikeDaysAsync());

        await SaveAsync(2, PolicySettings.Defaults with { FirstStrikeSuspensionDays = 9, ContestWindowDays = 183 });
        var (settings, version) = await CurrentAsync();
        Assert.Equal((9, 183, 2), (settings.FirstStrikeSuspensionDays, settings.ContestWindowDays, version));

        await SaveAsync(3, PolicySettings.Defaults with { FirstStrikeSuspensionDays = 5 });
        Assert.Equal((5, 3), await FirstStrikeDaysAsync());
        Assert.Equal(PolicySettings.Defaults.ContestWindowDays, (await CurrentAsync()).Settings.ContestWindowDays);
    }

    [Fact]
    public void TheSameText_GivesTheSameSettings_WithoutParsingAgain_AndAnotherTextItsOwn()
    {
        var five = PolicyVersionConfiguration.SettingsToJson(PolicySettings.Defaults with { FirstStrikeSuspensionDays = 5 });
        var six = PolicyVersionConfiguration.SettingsToJson(PolicySettings.Defaults with { FirstStrikeSuspensionDays = 6 });

        var first = PolicyVersionConfiguration.SettingsFromJson(five);
        Assert.Same(first, PolicyVersionConfiguration.SettingsFromJson(new string(five.AsSpan())));
        Assert.Equal(6, PolicyVersionConfiguration.SettingsFromJson(six).FirstStrikeSuspensionDays);
        Assert.Equal(5, PolicyVersionConfiguration.SettingsFromJson(five).FirstStrikeSuspensionDays);
    }

    private async Task SaveAsync(int version, PolicySettings settings) => await app.WithDbAsync(async db =>
    {
        db.PolicyVersions.Add(new PolicyVersion { Version = version, Settings = settings, EffectiveFrom = app.Clock.GetUtcNow(), ChangedByName = "Ada Admin" });
        return await db.SaveChangesAsync();
    });

    private async Task<(PolicySettings Settings, int Version)> CurrentAsync()
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<PolicyStore>().CurrentAsync();
    }

    private async Task<(int Days, int Version)> FirstStrikeDaysAsync()
    {
        var (settings, version) = await CurrentAsync();
        return (settings.FirstStrikeSuspensionDays, version);
    }
}
