using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Ace;

/// <summary>An admin changes the policy; the change is a new audited version and decisions record it.</summary>
public sealed class PolicySettingsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void ThePolicyPage_CoversEverySetting()
    {
        var settable = typeof(PolicySettings).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order();
        Assert.Equal(settable, PolicyFields.All.Select(f => f.Name).Order());
    }

    [Fact]
    public async Task SavingTheSettings_AddsAVersionWithItsChanges_AndAnUpholdRecordsAndAppliesIt()
    {
        using var admin = await app.SignedInAsync(await app.CreateUserAsync(Roles.Admin, name: "Ada Admin"));
        var invalid = await admin.PostFormAsync("/Admin/Policy", "form[data-testid=policy-form]", Values(("FirstStrikeSuspensionDays", "-2")));
        Assert.Equal(HttpStatusCode.OK, invalid.Status);
        Assert.Contains("whole number from 1 to 365", invalid.FieldError("Values[FirstStrikeSuspensionDays]"));
        Assert.Equal(0, await app.WithDbAsync(db => db.PolicyVersions.CountAsync()));

        var saved = await admin.PostFormAsync("/Admin/Policy", "form[data-testid=policy-form]", Values(("FirstStrikeSuspensionDays", "5"), ("Note", "Longer first strike")));

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        using var staff = await app.SupportAsync();
        var readOnly = await staff.GetAsync("/Staff/Policy");
        Assert.Equal("1", readOnly.TestId("policy-version"));
        Assert.Contains("Suspension for a 1st strike: 3 → 5", readOnly.TestId("policy-history"));
        Assert.Contains("Longer first strike", readOnly.TestId("policy-history"));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/Admin/Policy")).Status);

        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        var filed = await app.FileAsync(AceTestData.IpForm(promotion.ExternalCampaignId));
        await staff.UpholdAsync(filed.Id, ViolationTier.Low);

        var complaint = await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().SingleAsync(c => c.Id == filed.Id));
        Assert.Equal(1, complaint.DecisionPolicyVersion);
        Assert.Equal("1", (await staff.GetAsync($"/Staff/Complaints/Details/{filed.Id}")).TestId("decision-policy-version"));
        using var advertiserClient = await app.SignedInAsync(advertiser.Email);
        Assert.Equal(app.Clock.GetUtcNow().AddDays(5), (await advertiserClient.GetAsync("/Ace")).Moment("suspended-until"));
    }

    [Fact]
    public async Task AShopQualityScoreBelowTheThreshold_LimitsReach_AndTheAdvertiserIsTold()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        using var staff = await app.SupportAsync();

        var result = await staff.PostFormAsync($"/Staff/Accounts/Details/{advertiser.Account.Id}", "form[action*=Score]", new() { ["Score.Value"] = "40" });

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        using var client = await app.SignedInAsync(advertiser.Email);
        var ace = await client.GetAsync("/Ace");
        Assert.Equal("This ad account is restricted.", ace.TestId("standing"));
        Assert.Contains("reach and frequency of your ads are limited", ace.TestId("flags"));
        var notices = await app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Title.StartsWith("Reach limited")).ToListAsync());
        Assert.Single(notices);
        Assert.Contains("Recommended steps", notices[0].Body);
    }

    private static Dictionary<string, string> Values(params (string Name, string Value)[] changes)
    {
        var values = PolicyFields.All.ToDictionary(f => $"Values[{f.Name}]", f => f.DefaultValue);
        foreach (var (name, value) in changes)
        {
            values[name == "Note" ? "Note" : $"Values[{name}]"] = value;
        }

        return values;
    }
}
