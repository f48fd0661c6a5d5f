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
    public async Task PublicForm_CountsOnlyFiledComplaints_AndPastTheLimitReshowsTheFormWithTheTextAnd429()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var client = app.CreateAppClient();
        var form = AceTestData.UserForm(promotion.ExternalCampaignId, "repeat@example.com");

        // Forms sent back with a message cost nothing: more of them than the per-address limit (4).
        for (var i = 0; i < 6; i++)
        {
            var invalid = await client.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, new(form) { ["Input.Description"] = "Too short" });
            Assert.Equal(HttpStatusCode.OK, invalid.Status);
            Assert.Contains("at least 20 characters", invalid.FieldError("Input.Description"));
        }

        var first = await client.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, form);
        var second = await client.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, form);
        var third = await client.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, form);

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.Redirect, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Contains("has filed 2 complaints in the last hour", third.Summary);
        Assert.Equal(2, await app.WithDbAsync(db => db.AceComplaints.CountAsync(c => c.PromotionId == promotion.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, AceTestData.UserForm(promotion.ExternalCampaignId, "other@example.com"))).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Public/Complaints/New", AceTestData.ComplaintForm, AceTestData.UserForm(promotion.ExternalCampaignId, "third@example.com"))).Status);

        // The fifth filing from this address: refused with a sentence, and the complainant's words are still in the form.
        var words = "The shop took my money for a lamp that never arrived, and the ad promised delivery in three days.";
        var refused = await client.PostFormAsync(
            "/Public/Complaints/New", AceTestData.ComplaintForm, new(AceTestData.UserForm(promotion.ExternalCampaignId, "fourth@example.com")) { ["Input.Description"] = words });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("Too many requests: this connection has filed the most complaints we accept in 1 h 0 min.", refused.Summary);
        Assert.Contains("your complaint is still below", refused.Summary);
        Assert.Equal(words, refused.Document.QuerySelector("textarea[name='Input.Description']")!.TextContent.Trim());
        Assert.Equal("fourth@example.com", refused.Document.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));
        Assert.Equal(4, await app.WithDbAsync(db => db.AceComplaints.CountAsync(c => c.PromotionId == promotion.Id)));

        // Reading is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Public/Complaints/New")).Status);
    }
}
