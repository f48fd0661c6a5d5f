using System.Collections.Concurrent;
using AdPolicy.Web.Data;
using AdPolicy.Web.Notifications;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AdPolicy.Web.Tests.Notifications;

/// <summary>
/// The outbox sender delivers each email once: to the pickup folder and to a real SMTP server (maildev, started by the
/// run), through a crash, with two senders at once.
/// </summary>
public sealed class OutboxSenderTests(NotificationsApp app, MailDevFixture maildev) : IClassFixture<NotificationsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OutboxOptions Settings => app.Services.GetRequiredService<IOptions<OutboxOptions>>().Value;

    [Fact]
    public async Task SendDue_WritesTheMessageToThePickupFolder_Once_AndMarksItSent()
    {
        var message = await QueueAsync();
        var sender = app.Services.GetRequiredService<OutboxSender>();

        Assert.Equal(1, await sender.SendDueAsync(Ct));
        Assert.Equal(0, await sender.SendDueAsync(Ct));

        var file = Assert.Single(FilesOf(message.Id));
        using var mail = await MimeMessage.LoadAsync(file, Ct);
        Assert.Equal($"{message.Id:N}@adpolicy.localhost", mail.MessageId);
        Assert.Equal(message.ToAddress, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("no-reply@adpolicy.localhost", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("AdPolicy: Decision on your refund", mail.Subject);
        Assert.Equal("Your refund was approved.", mail.TextBody?.TrimEnd('\r', '\n'));
        var stored = await LoadAsync(message.Id);
        Assert.Equal(app.Clock.GetUtcNow(), stored.SentAt);
        Assert.Null(stored.LockedUntil);
        Assert.Empty(Directory.GetFiles(app.MailFolder, "*", SearchOption.AllDirectories).Except(app.MailFiles()));
    }

    /// <summary>
    /// The crash window: the file is written, then the sender dies before sent_at commits. The message stays leased (no
    /// other pass takes it while the crashed sender might still be at work); when the lease expires the next pass finds
    /// the file already delivered, does not write it again, and marks the message sent.
    /// </summary>
    [Fact]
    public async Task CrashAfterDeliveringBeforeMarkingSent_StillDeliversTheMessageOnce()
    {
        var message = await QueueAsync();
        var crashing = Create<CrashBeforeMarkingSent>();

        await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.SendDueAsync(Ct));

        var file = Assert.Single(FilesOf(message.Id));
        var written = File.GetLastWriteTimeUtc(file);
        var leased = await LoadAsync(message.Id);
        Assert.Null(leased.SentAt);
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(Settings.LeaseSeconds), leased.LockedUntil);

        var sender = Create<CountingSender>();
        app.Clock.Advance(TimeSpan.FromSeconds(Settings.LeaseSeconds - 1));
        Assert.Equal(0, await sender.SendDueAsync(Ct));

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await sender.SendDueAsync(Ct));

        Assert.Equal([message.Id], sender.Delivered);
        Assert.Equal(file, Assert.Single(FilesOf(message.Id)));
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        var sent = await LoadAsync(message.Id);
        Assert.Equal(app.Clock.GetUtcNow(), sent.SentAt);
        Assert.Equal(0, sent.Attempts);
        Assert.Equal(0, await sender.SendDueAsync(Ct));
    }

    [Fact]
    public async Task SendDue_OverSmtp_DeliversTheEmailToTheServer_AndMarksItSent()
    {
        var options = await SmtpOptionsAsync();
        var message = await QueueAsync(subject: "AdPolicy: Décision — refund RF-1042", body: "Your refund of €120.50 was approved.\nThe money reaches you within 5 days.");

        Assert.Equal(1, await Create<CountingSender>(options).SendDueAsync(Ct));

        var mail = Assert.Single(await maildev.ReceivedAsync(message.ToAddress));
        Assert.Equal("AdPolicy: Décision — refund RF-1042", mail.Subject);
        Assert.Equal("Your refund of €120.50 was approved.\nThe money reaches you within 5 days.", mail.Text?.TrimEnd('\n'));
        Assert.Equal(message.ToAddress, Assert.Single(mail.To).Address);
        Assert.Equal(("no-reply@adpolicy.localhost", "AdPolicy"), (Assert.Single(mail.From).Address, Assert.Single(mail.From).Name));
        Assert.Equal($"<{message.Id:N}@adpolicy.localhost>", mail.MessageId);
        Assert.NotNull((await LoadAsync(message.Id)).SentAt);
        Assert.Empty(FilesOf(message.Id));
    }

    /// <summary>Over SMTP the server cannot be asked what it already took: a crash costs at most one resend, with the same Message-ID.</summary>
    [Fact]
    public async Task CrashAfterSendingOverSmtp_ResendsOnce_WithTheSameMessageId()
    {
        var options = await SmtpOptionsAsync();
        var message = await QueueAsync();

        await Assert.ThrowsAsync<SimulatedCrashException>(() => Create<CrashBeforeMarkingSent>(options).SendDueAsync(Ct));
        Assert.Single(await maildev.ReceivedAsync(message.ToAddress));
        Assert.Null((await LoadAsync(message.Id)).SentAt);

        app.Clock.Advance(TimeSpan.FromSeconds(options.Value.LeaseSeconds + 1));
        Assert.Equal(1, await Create<CountingSender>(options).SendDueAsync(Ct));
        Assert.Equal(0, await Create<CountingSender>(options).SendDueAsync(Ct));

        var received = await maildev.ReceivedAsync(message.ToAddress);
        Assert.Equal(2, received.Count);
        Assert.Equal($"<{message.Id:N}@adpolicy.localhost>", Assert.Single(received.Select(m => m.MessageId).Distinct()));
        Assert.All(received, m => Assert.Equal("AdPolicy: Decision on your refund", m.Subject));
        Assert.NotNull((await LoadAsync(message.Id)).SentAt);
        Assert.Empty(FilesOf(message.Id));
    }

    /// <summary>An SMTP server that refuses the connection: the message is kept for a retry, with the reason, and nothing is marked sent.</summary>
    [Fact]
    public async Task AnUnreachableSmtpServer_LeavesTheMessageQueuedWithTheReason()
    {
        var options = Options.Create(new OutboxOptions
        {
            PickupFolder = app.MailFolder,
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = Data.PostgresCluster.FreePort(), EnableSsl = false, TimeoutSeconds = 5 },
        });
        var message = await QueueAsync();

        Assert.Equal(0, await Create<CountingSender>(options).SendDueAsync(Ct));

        var stored = await LoadAsync(message.Id);
        Assert.Null(stored.SentAt);
        Assert.Equal(1, stored.Attempts);
        Assert.StartsWith("SocketException:", stored.LastError, StringComparison.Ordinal);

        // Its retry would be picked up by the other tests of this class once their clock moves on.
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteDeleteAsync(Ct));
    }

    [Fact]
    public async Task TwoSendersAtOnce_Deliver50Messages_EachExactlyOnce()
    {
        var messages = new List<OutboxMessage>();
        for (var i = 0; i < 50; i++)
        {
            messages.Add(await QueueAsync(save: false));
        }

        await app.WithDbAsync(db =>
        {
            db.OutboxMessages.AddRange(messages);
            return db.SaveChangesAsync(Ct);
        });
        var options = Options.Create(new OutboxOptions { PickupFolder = app.MailFolder, BatchSize = 4 });
        var delivered = new ConcurrentBag<Guid>();
        var senders = new[] { Create<CountingSender>(options), Create<CountingSender>(options) };
        foreach (var sender in senders)
        {
            sender.Shared = delivered;
        }

        var sent = await Task.WhenAll(senders.Select(async s =>
        {
            var total = 0;
            while (await s.SendDueAsync(Ct) is var n && n > 0)
            {
                total += n;
            }

            return total;
        }));

        var ids = messages.Select(m => m.Id).ToHashSet();
        Assert.Equal(50, sent.Sum());
        Assert.Equal(50, delivered.Count(ids.Contains));
        Assert.Equal(ids.Order(), delivered.Where(ids.Contains).Order());
        Assert.Equal(50, app.MailFiles().Count(f => ids.Contains(Guid.ParseExact(Path.GetFileNameWithoutExtension(f), "N"))));
        Assert.Equal(50, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => ids.Contains(m.Id) && m.SentAt != null, Ct)));
    }

    [Fact]
    public async Task AFailedDelivery_IsRetriedWithBackoff_AndDoesNotStopTheBatch()
    {
        var failing = await QueueAsync();
        var fine = await QueueAsync();
        var sender = Create<FailOnceSender>();
        sender.FailFor = failing.Id;

        Assert.Equal(1, await sender.SendDueAsync(Ct));

        Assert.NotNull((await LoadAsync(fine.Id)).SentAt);
        var failed = await LoadAsync(failing.Id);
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("SmtpCommandException: Mailbox unavailable.", failed.LastError);
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(Settings.BackoffSeconds), failed.NextAttemptAt);
        Assert.Empty(FilesOf(failing.Id));

        Assert.Equal(0, await sender.SendDueAsync(Ct));
        app.Clock.Advance(TimeSpan.FromSeconds(Settings.BackoffSeconds));
        Assert.Equal(1, await sender.SendDueAsync(Ct));
        Assert.NotNull((await LoadAsync(failing.Id)).SentAt);
        Assert.Single(FilesOf(failing.Id));
    }

    private async Task<IOptions<OutboxOptions>> SmtpOptionsAsync() =>
        Options.Create(new OutboxOptions
        {
            PickupFolder = app.MailFolder,
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = await maildev.StartAsync(), EnableSsl = false, TimeoutSeconds = 10 },
        });

    private async Task<OutboxMessage> QueueAsync(bool save = true, string subject = "AdPolicy: Decision on your refund", string body = "Your refund was approved.")
    {
        var now = app.Clock.GetUtcNow();
        var message = new OutboxMessage(Guid.CreateVersion7(), $"person-{Guid.NewGuid():N}@test.example", subject, body, now);
        if (save)
        {
            await app.WithDbAsync(db =>
            {
                db.OutboxMessages.Add(message);
                return db.SaveChangesAsync(Ct);
            });
        }

        return message;
    }

    private Task<OutboxMessage> LoadAsync(Guid id) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, Ct));

    private string[] FilesOf(Guid id) =>
        app.MailFiles().Where(f => Path.GetFileName(f) == OutboxSender.PickupFileName(id)).ToArray();

    private T Create<T>(IOptions<OutboxOptions>? options = null)
        where T : OutboxSender =>
        ActivatorUtilities.CreateInstance<T>(app.Services, options ?? app.Services.GetRequiredService<IOptions<OutboxOptions>>());

    private sealed class SimulatedCrashException() : Exception("The process died between delivering and recording the delivery.");

    /// <summary>Delivers for real, then "dies" before it records the message as sent.</summary>
    private sealed class CrashBeforeMarkingSent(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxSender> logger)
        : OutboxSender(scopes, options, clock, logger)
    {
        protected override Task MarkSentAsync(AppDbContext db, OutboxMessage message, CancellationToken cancellationToken) =>
            throw new SimulatedCrashException();
    }

    /// <summary>Counts the deliveries it starts, so a test sees a message delivered twice even where the file could hide it.</summary>
    private sealed class CountingSender(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxSender> logger)
        : OutboxSender(scopes, options, clock, logger)
    {
        public ConcurrentBag<Guid> Shared { get; set; } = [];

        public List<Guid> Delivered => [.. Shared];

        protected override Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Shared.Add(message.Id);
            return base.DeliverAsync(message, cancellationToken);
        }
    }

    private sealed class FailOnceSender(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxSender> logger)
        : OutboxSender(scopes, options, clock, logger)
    {
        private bool _failed;

        public Guid FailFor { get; set; }

        protected override Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (message.Id == FailFor && !_failed)
            {
                _failed = true;
                throw new MailKit.Net.Smtp.SmtpCommandException(MailKit.Net.Smtp.SmtpErrorCode.RecipientNotAccepted, MailKit.Net.Smtp.SmtpStatusCode.MailboxUnavailable, "Mailbox unavailable.");
            }

            return base.DeliverAsync(message, cancellationToken);
        }
    }
}
