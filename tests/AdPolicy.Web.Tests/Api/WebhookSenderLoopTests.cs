using AdPolicy.Domain.Ace;
using AdPolicy.Web.Tests.Ace;
using AdPolicy.Web.Tests.Deadlines;
using AdPolicy.Web.Tests.Infrastructure;
using AdPolicy.Web.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Api;

/// <summary>
/// Webhooks are sent by their own background loop, apart from the sweeps: a customer's receiver that hangs does not hold
/// up the deadline sweep of the same instance. Both loops run here as they do in production.
/// </summary>
public sealed class WebhookSenderLoopTests(WebhookSenderLoopTests.LoopsApp app) : IClassFixture<WebhookSenderLoopTests.LoopsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReceiverThatHangs_DoesNotDelayADeadlineSweep_AndItsDeliveryIsStillRecordedOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hang = TimeSpan.FromSeconds(15);
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account);
        using var browser = await app.SignedInAsync(advertiser.Email);
        var (endpointId, _) = await app.RegisterEndpointAsync(browser, receiver.Url, WebhookEventTypes.ComplaintFiled);

        // A complaint filed on the form: the sender loop picks its event up and the receiver sits on it.
        await app.FileAsync(AceTestData.IpForm(promotion.ExternalCampaignId));
        await WaitUntilAsync(() => Task.FromResult(receiver.InFlight == 1), TimeSpan.FromSeconds(20), "The sender loop never delivered the event.");

        // Meanwhile a decided complaint's deadline falls due.
        var late = await app.FileComplaintAsync(ComplaintType.IntellectualProperty);
        await app.UpholdAsync(late.ComplaintId);
        var deadline = (await app.DeadlinesAsync(late.ComplaintId)).Where(d => d.State == DeadlineState.Pending).OrderBy(d => d.DueAt).First();
        app.Clock.Advance(deadline.DueAt - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        // The sweep loop enforces it while the delivery is still hanging.
        await WaitUntilAsync(
            async () => await app.WithDbAsync(db => db.Deadlines.AnyAsync(d => d.Id == deadline.Id && d.State == DeadlineState.Missed, Ct)),
            TimeSpan.FromSeconds(10),
            "The deadline was not enforced while the receiver hung.");
        Assert.Equal(1, receiver.InFlight);
        Assert.Empty(receiver.Received);

        // Once the receiver answers, its delivery is recorded, once.
        await WaitUntilAsync(
            async () => await app.WithDbAsync(db => db.WebhookDeliveries.AnyAsync(d => d.EndpointId == endpointId && d.DeliveredAt != null, Ct)),
            TimeSpan.FromSeconds(40),
            "The hanging delivery was never recorded.");
        Assert.Single(receiver.Received);
        Assert.Equal(1, await app.WithDbAsync(db => db.WebhookAttempts.CountAsync(a => db.WebhookDeliveries.Any(d => d.Id == a.DeliveryId && d.EndpointId == endpointId), Ct)));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within, string failure)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(started.Elapsed < within, failure);
            await Task.Delay(100, Ct);
        }
    }

    public sealed class LoopsApp(PostgresFixture postgres) : AppFactory(postgres)
    {
        protected override IEnumerable<(string Key, string Value)> Settings() =>
        [
            ("Sweeps:Enabled", "true"), ("Sweeps:IntervalSeconds", "1"),
            ("Webhooks:Enabled", "true"), ("Webhooks:IntervalSeconds", "1"), ("Webhooks:TimeoutSeconds", "60"),
        ];
    }
}
