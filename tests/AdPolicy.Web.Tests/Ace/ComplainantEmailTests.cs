using AdPolicy.Domain.Ace;
using AdPolicy.Web.Tests.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Ace;

/// <summary>Complainants have no account: they hear of the decision by email, and the email never carries their tracking link.</summary>
public sealed class ComplainantEmailTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AnUpheldComplaint_IsEmailedToTheComplainant_WithoutTheTrackingLink()
    {
        var filed = await app.FileAsync(AceTestData.IpForm((await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account)).ExternalCampaignId, email: "rights@brand.example"));

        await app.UpholdAsync(filed.Id);

        var email = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "rights@brand.example" && m.Subject.Contains("was upheld")));
        Assert.Contains($"{filed.Reference} was upheld", email.Subject);
        Assert.DoesNotContain(new Uri(filed.TrackingUrl).AbsolutePath, email.Body);
        Assert.DoesNotContain("Track/", email.Body);
    }

    [Fact]
    public async Task ARejectedComplaint_IsEmailedToTheComplainant()
    {
        var c = await app.FileComplaintAsync(ComplaintType.UserComplaint);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AdPolicy.Web.Data.AppDbContext>();
            var desk = scope.ServiceProvider.GetRequiredService<AdPolicy.Web.Complaints.ComplaintDesk>();
            await desk.RejectAsync(await db.AceComplaints.SingleAsync(x => x.Id == c.ComplaintId), "The ad promised no delivery date.", await app.StaffAsync(), CancellationToken.None);
        }

        var email = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == "uma@example.com" && m.Subject.Contains("was rejected")));
        Assert.Contains("was rejected", email.Subject);
        Assert.Contains("The ad promised no delivery date.", email.Body);
    }
}
