using System.Net;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Ace;

/// <summary>The app with small limits on the public complaint form.</summary>
public sealed class SmallComplaintLimitsApp(PostgresFixture postgres) : AppFactory(postgres)
{
    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Complaints:PermitLimit", "4"),
        ("Complaints:WindowSeconds", "3600"),
        ("Complaints:MaxPerEmailPerHour", "2"),
    ];
}

public sealed class RateLimitTests(SmallComplaintLimitsApp app) : IClassFixture<SmallComplaintLimitsApp>
{
    [Fact]
    public async Task PublicForm_RefusesAnAddressFilingTooOften_ThenAnswers429AfterThePerClientLimit()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var client = app.CreateAppClient();
        var form = AceTestData.UserForm(promotion.ExternalCampaignId, "repeat@example.com");

        var first = await client.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, form);
        var second = await client.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, form);
        var third = await client.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, form);

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.Redirect, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Contains("has filed 2 complaints in the last hour", third.Summary);
        Assert.Equal(2, await app.WithDbAsync(db => db.AceComplaints.CountAsync(c => c.PromotionId == promotion.Id)));

        var fourth = await client.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, AceTestData.UserForm(promotion.ExternalCampaignId, "other@example.com"));
        Assert.Equal(HttpStatusCode.Redirect, fourth.Status);

        var fifth = await client.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, AceTestData.UserForm(promotion.ExternalCampaignId, "third@example.com"));
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.Status);
        Assert.Contains("Too many requests", fifth.Text);
        Assert.Equal(3, await app.WithDbAsync(db => db.AceComplaints.CountAsync(c => c.PromotionId == promotion.Id)));

        // Reading is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Public/Complaints/New")).Status);
    }
}
