using System.Net;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Common;
using AdPolicy.Web.Identity;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Ace;

/// <summary>A complaint received another way (phone, letter) is recorded by support; its deadlines count from then.</summary>
public sealed class StaffRecordedComplaintTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task SupportRecordsAComplaint_WithDeadlinesFromNow_AndItJoinsTheQueue()
    {
        var promotion = await app.CreatePromotionAsync((await app.CreateAdvertiserAsync()).Account);
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));

        var recorded = await support.PostFormAsync("/Staff/Complaints/New", AceTestData.ComplaintForm, AceTestData.UserForm(promotion.ExternalCampaignId, "caller@example.com"));

        Assert.Equal(HttpStatusCode.Redirect, recorded.Status);
        var complaint = await app.WithDbAsync(db => db.AceComplaints.AsNoTracking().SingleAsync(c => c.PromotionId == promotion.Id));
        Assert.Equal(ActorKind.Staff, (await app.WithDbAsync(db => db.AceComplaints.Include(c => c.Events).SingleAsync(c => c.Id == complaint.Id))).Events.Single(e => e.Kind == ComplaintEventKind.Filed).ActorKind);
        var deadline = await app.WithDbAsync(db => db.Deadlines.SingleAsync(d => d.ComplaintId == complaint.Id));
        Assert.Equal(app.Clock.GetUtcNow().AddHours(24), deadline.DueAt);
        Assert.True(await app.WithDbAsync(db => db.QueueItems.AnyAsync(q => q.CaseId == complaint.Id)));
    }

    [Fact]
    public async Task AnUnknownCampaign_IsAFieldError_AndNothingIsRecorded()
    {
        using var support = await app.SignedInAsync(await app.CreateUserAsync(Roles.Support));
        var before = await app.WithDbAsync(db => db.AceComplaints.CountAsync());

        var result = await support.PostFormAsync("/Staff/Complaints/New", AceTestData.ComplaintForm, AceTestData.UserForm("CMP-DOES-NOT-EXIST"));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.NotEmpty(result.FieldError("Input.CampaignOrAdId"));
        Assert.Equal(before, await app.WithDbAsync(db => db.AceComplaints.CountAsync()));
    }

    [Fact]
    public async Task AReviewer_CannotRecordAComplaint()
    {
        using var reviewer = await app.SignedInAsync(await app.CreateUserAsync(Roles.Reviewer));

        var result = await reviewer.GetAsync("/Staff/Complaints/New");

        Assert.Contains("/Account/AccessDenied", result.Location);
    }
}
