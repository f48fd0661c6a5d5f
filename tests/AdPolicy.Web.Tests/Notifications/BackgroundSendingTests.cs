using AdPolicy.Web.Notifications;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Tests.Notifications;

/// <summary>The app as it runs by default: the background sender is on and empties the outbox by itself.</summary>
public sealed class BackgroundSendingTests(BackgroundSendingTests.RunningSenderApp app) : IClassFixture<BackgroundSendingTests.RunningSenderApp>
{
    [Fact]
    public async Task ANotificationEmail_IsDeliveredByTheBackgroundSender_WithoutAnyoneCallingIt()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var userId = await app.UserIdAsync(advertiser.Email);

        await app.NotifyAndSaveAsync(n => n.NotifyAsync(userId, () => ("Information requested", "Support asked for the delivery report."), "/Refunds", email: true));

        var message = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == advertiser.Email));
        var file = Path.Combine(app.MailFolder, OutboxSender.PickupFileName(message.Id));
        for (var waited = 0; waited < 100 && !File.Exists(file); waited++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1)); // the sender waits its interval on the app's (fake) clock
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(file), "The background sender did not deliver the message within 10 s.");
        using var eml = await MimeKit.MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(advertiser.Email, Assert.Single(eml.To.Mailboxes).Address);
        Assert.Contains("Support asked for the delivery report.", eml.TextBody, StringComparison.Ordinal);
        Assert.NotNull((await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Id == message.Id))).SentAt);
    }

    public sealed class RunningSenderApp(PostgresFixture postgres) : NotificationsApp(postgres)
    {
        protected override bool SenderRuns => true;
    }
}
