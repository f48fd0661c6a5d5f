using System.Net;
using System.Text.Json;
using AdPolicy.Domain.Ace;
using AdPolicy.Domain.Policy;
using AdPolicy.Web.Complaints;
using AdPolicy.Web.Data;
using AdPolicy.Web.Deadlines;
using AdPolicy.Web.Infrastructure;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Webhooks;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdPolicy.Web.Tests.Api;

/// <summary>Webhooks end to end: an endpoint registered on the Integrations page, events from real changes, a real HTTP receiver.</summary>
public sealed class WebhookDeliveryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<(Guid EndpointId, string Secret)> RegisterAsync(AppClient advertiser, string url, params string[] events) =>
        app.RegisterEndpointAsync(advertiser, url, events);

    private Task<SweepResult> SweepAsync() =>
        app.Services.GetRequiredService<WebhookSender>().SendDueAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task TheReceiver_GetsEachEvent_SignedAndExactlyOnce_AfterAnswering500TwiceThen200()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailuresPerEvent = 2;
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var browser = await app.SignedInAsync(advertiser.Email);
        var (endpointId, secret) = await RegisterAsync(browser, receiver.Url, WebhookEventTypes.ComplaintFiled, WebhookEventTypes.DeadlineCreated);

        var filed = await app.FileAsync(AceTestData.IpForm(promotion.ExternalCampaignId));

        // Three events (the complaint and its two deadlines); 500, retry after 30 s; 500, retry after 60 s; 200.
        Assert.Equal(new SweepResult(3, 0, 3), await SweepAsync());
        Assert.Equal(SweepResult.Nothing, await SweepAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(new SweepResult(3, 0, 3), await SweepAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(new SweepResult(3, 3, 0), await SweepAsync());
        app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(SweepResult.Nothing, await SweepAsync());

        var received = receiver.Received.ToList();
        Assert.Equal(9, received.Count);
        foreach (var delivery in received)
        {
            Assert.True(
                WebhookSignature.Verify(secret, delivery.Timestamp, delivery.Signature, delivery.Body, app.Clock.GetUtcNow(), TimeSpan.FromDays(3)),
                $"Bad signature on {delivery.EventType}");
            Assert.False(WebhookSignature.Verify(secret, delivery.Timestamp, delivery.Signature, delivery.Body + " ", app.Clock.GetUtcNow(), TimeSpan.FromDays(3)));
            using var body = JsonDocument.Parse(delivery.Body);
            Assert.Equal(delivery.EventId, body.RootElement.GetProperty("id").GetString());
            Assert.Equal(delivery.EventType, body.RootElement.GetProperty("type").GetString());
        }

        var byEvent = received.GroupBy(r => r.EventId).ToList();
        Assert.Equal(3, byEvent.Count);
        Assert.All(byEvent, e => Assert.Equal([500, 500, 200], e.Select(r => r.Answered)));
        Assert.Equal(
            [WebhookEventTypes.ComplaintFiled, WebhookEventTypes.DeadlineCreated, WebhookEventTypes.DeadlineCreated],
            byEvent.Select(e => e.First().EventType).Order());
        var complaintEvent = byEvent.Single(e => e.First().EventType == WebhookEventTypes.ComplaintFiled).First();
        Assert.Equal(filed.Id.ToString(), JsonDocument.Parse(complaintEvent.Body).RootElement.GetProperty("data").GetProperty("complaintId").GetString());

        // The delivery log shows every attempt; sending one again delivers it again with the same event id.
        // (Two days passed on the fake clock: the sign-in expired, so the advertiser signs in again.)
        using var later = await app.SignedInAsync(advertiser.Email);
        var log = await later.GetAsync($"/Integrations/Deliveries/{endpointId}");
        Assert.Equal(9, log.Document.QuerySelectorAll("[data-testid=attempts] li").Length);
        Assert.All(log.Document.QuerySelectorAll("[data-testid=delivery-state]"), s => Assert.Contains("delivered", s.TextContent));
        var resend = await later.PostFormAsync($"/Integrations/Deliveries/{endpointId}", "form[action*=Resend]", []);
        Assert.Equal(HttpStatusCode.Redirect, resend.Status);
        Assert.Equal(new SweepResult(1, 1, 0), await SweepAsync());
        Assert.Equal(10, receiver.Received.Count);
        Assert.Contains(receiver.Received.Last().EventId, byEvent.Select(e => e.Key));
    }

    [Fact]
    public async Task AChangeThatIsRolledBack_SendsNoWebhook_AndTheSameChangeCommittedSendsOne()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var browser = await app.SignedInAsync(advertiser.Email);
        var (endpointId, _) = await RegisterAsync(browser, receiver.Url, WebhookEventTypes.ComplaintFiled);
        var input = new ComplaintInput
        {
            Type = Domain.Ace.ComplaintType.UserComplaint,
            Category = Domain.Ace.ProhibitedCategory.SlowAfterSales,
            CampaignOrAdId = promotion.ExternalCampaignId,
            Name = "Uma User",
            Email = "uma@example.com",
            Description = "I ordered after this ad five weeks ago and nothing arrived.",
        };

        async Task<bool> FileAsync(bool commit)
        {
            await using var scope = app.Scope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var filed = await scope.ServiceProvider.GetRequiredService<ComplaintDesk>()
                .FileAsync(input, new Domain.Common.Actor(null, "Uma User", Domain.Common.ActorKind.Complainant), new AdPolicy.Web.Infrastructure.FieldErrors(), CancellationToken.None);
            Assert.NotNull(filed);
            Assert.Equal(1, await db.WebhookDeliveries.CountAsync(d => d.EndpointId == endpointId && d.DeliveredAt == null));
            if (commit)
            {
                await transaction.CommitAsync();
            }

            // Not committed: disposing the transaction rolls the complaint, its event and its delivery back together.
            return commit;
        }

        await FileAsync(commit: false);
        Assert.Equal(SweepResult.Nothing, await SweepAsync());
        Assert.Empty(receiver.Received);
        Assert.Equal(0, await app.WithDbAsync(db => db.AceComplaints.CountAsync(c => c.PromotionId == promotion.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.WebhookEvents.CountAsync(e => e.OrganisationId == advertiser.Organisation.Id)));

        await FileAsync(commit: true);
        Assert.Equal(new SweepResult(1, 1, 0), await SweepAsync());
        Assert.Equal(WebhookEventTypes.ComplaintFiled, Assert.Single(receiver.Received).EventType);
    }

    [Fact]
    public async Task AMissedCorrectionDeadlineThatBlocksTheAccount_SendsSuspensionStartedOnce_InTheBlocksTransaction()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var advertiser = await app.CreateAdvertiserAsync();
        using var browser = await app.SignedInAsync(advertiser.Email);
        var (endpointId, _) = await RegisterAsync(browser, receiver.Url, WebhookEventTypes.SuspensionStarted);
        var complaint = await app.FileComplaintAsync(ComplaintType.UserComplaint, advertiser);
        await app.UpholdAsync(complaint.ComplaintId);
        var correction = await app.WithDbAsync(db => db.Deadlines.AsNoTracking()
            .SingleAsync(d => d.AdAccountId == advertiser.Account.Id && d.Kind == DeadlineKind.CorrectSimilarContent));
        Assert.Equal(SweepResult.Nothing, await SweepAsync());

        // Every deadline of the case is missed; only the correction deadline's sanction blocks the account (SPEC defaults).
        app.Clock.Advance(correction.DueAt - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            app.SweepAsync<AceDeadlineSweep>(s => s.BeforeCommit = _ => throw new InvalidOperationException("crash before commit")));
        Assert.Equal(SweepResult.Nothing, await SweepAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.WebhookEvents.CountAsync(e => e.OrganisationId == advertiser.Organisation.Id)));

        Assert.True((await app.SweepAsync<AceDeadlineSweep>()).Done >= 1);
        Assert.Equal(new SweepResult(1, 1, 0), await SweepAsync());
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.SweepAsync<AceDeadlineSweep>();
        Assert.Equal(SweepResult.Nothing, await SweepAsync());

        var received = Assert.Single(receiver.Received);
        Assert.Equal(WebhookEventTypes.SuspensionStarted, received.EventType);
        var data = JsonDocument.Parse(received.Body).RootElement.GetProperty("data");
        Assert.Equal(advertiser.Account.Id.ToString(), data.GetProperty("accountId").GetString());
        Assert.Equal("AccountAndDepositBlocked", data.GetProperty("kind").GetString());
        Assert.Equal("Suspended", data.GetProperty("status").GetString());
        Assert.Equal(correction.Id.ToString(), data.GetProperty("deadlineId").GetString());
        Assert.Equal(1, await app.SanctionCountAsync(advertiser.Account.Id, MissedDeadlineSanction.BlockAccountAndDeposit));
        Assert.Equal(1, await app.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.EndpointId == endpointId)));
    }

    [Fact]
    public async Task AnotherOrganisationsEndpoint_IsNotFound_AndPlainHttpOutsideLoopbackIsRefused()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var owner = await app.CreateAdvertiserAsync();
        var stranger = await app.CreateAdvertiserAsync();
        using var ownerBrowser = await app.SignedInAsync(owner.Email);
        using var strangerBrowser = await app.SignedInAsync(stranger.Email);
        var (endpointId, _) = await RegisterAsync(ownerBrowser, receiver.Url, WebhookEventTypes.ViolationRecorded);

        Assert.Equal(HttpStatusCode.NotFound, (await strangerBrowser.GetAsync($"/Integrations/Deliveries/{endpointId}")).Status);
        var disable = await strangerBrowser.PostAsync(
            $"/Integrations?handler=DisableEndpoint&id={endpointId}",
            [new("__RequestVerificationToken", await strangerBrowser.TokenFromAsync("/Integrations"))]);
        Assert.Equal(HttpStatusCode.NotFound, disable.Status);
        Assert.Null(await app.WithDbAsync(db => db.WebhookEndpoints.Where(e => e.Id == endpointId).Select(e => e.DisabledAt).SingleAsync()));

        var plain = await strangerBrowser.PostAsync("/Integrations?handler=CreateEndpoint", [
            new("NewEndpoint.Url", "http://hooks.example.com/adpolicy"),
            new("NewEndpoint.Events", WebhookEventTypes.ComplaintFiled),
            new("__RequestVerificationToken", await strangerBrowser.TokenFromAsync("/Integrations"))]);
        Assert.Equal(HttpStatusCode.OK, plain.Status);
        Assert.Contains("must use HTTPS", plain.FieldError("NewEndpoint.Url"));
        Assert.Equal(string.Empty, plain.TestId("new-secret-value"));
    }
}
