using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AdPolicy.Web.Notifications;

/// <summary>
/// Delivers the outbox: claims due messages with <c>FOR UPDATE SKIP LOCKED</c> (so several instances never claim the
/// same message), leases them and commits, delivers each, then marks it sent. Mail goes to the SMTP server when
/// <c>Outbox:Smtp:Host</c> is set, otherwise as <c>&lt;id&gt;.eml</c> files into the pickup folder.
/// </summary>
/// <remarks>
/// The crash window is between a delivery and the commit of its <c>sent_at</c>. A sender that dies there leaves the
/// message leased with <c>sent_at</c> null; once the lease expires another pass claims it again. What that retry does:
/// <list type="bullet">
/// <item>pickup folder: exactly once. The file is named by the message id and appears by an atomic no-overwrite rename
/// from a staging folder; a retry that finds the file knows the message went out and only marks it sent.</item>
/// <item>SMTP: at most one duplicate per crash, and it carries the same <c>Message-ID</c> (derived from the outbox id),
/// so a receiving server or client that deduplicates by Message-ID shows it once. An SMTP server cannot be asked
/// whether it already took a message, so this is the tightest bound SMTP allows.</item>
/// </list>
/// Without a crash a message is delivered once: a lease outlives one delivery (the sender stops a batch rather than
/// start a delivery its lease might not cover), so no second sender can claim a message that is still being sent.
/// </remarks>
public partial class OutboxSender(
    IServiceScopeFactory scopes,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger,
    AfterStart? afterStart = null) : BackgroundService
{
    private const string StagingFolder = ".staging";

    private IDataProtector? sealedBodies;

    protected TimeProvider Clock => clock;

    protected OutboxOptions Options => options.Value;

    /// <summary>One pass: claims up to <c>BatchSize</c> due messages and delivers them. Returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var metrics = scope.ServiceProvider.GetRequiredService<Infrastructure.AdPolicyMetrics>();
        sealedBodies ??= scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(Notifier.SealedBodyPurpose);
        var claimed = await ClaimAsync(db, settings, cancellationToken);
        var budget = TimeSpan.FromSeconds(settings.Smtp.TimeoutSeconds);
        var sent = 0;
        for (var i = 0; i < claimed.Count; i++)
        {
            var message = claimed[i];
            if (cancellationToken.IsCancellationRequested || clock.GetUtcNow() + budget >= message.LockedUntil)
            {
                // Not enough lease left to cover a delivery: hand the rest back rather than risk a second sender.
                foreach (var rest in claimed.Skip(i))
                {
                    rest.Release();
                }

                await db.SaveChangesAsync(CancellationToken.None);
                break;
            }

            try
            {
                await DeliverAsync(message, cancellationToken);
            }
#pragma warning disable CA1031 // Any delivery failure is recorded on its message and must not stop the batch.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                await RecordFailureAsync(db, message, failure, settings);
                continue;
            }

            // A failure here is the crash window: it propagates, the message stays leased and is retried after the lease.
            await MarkSentAsync(db, message, CancellationToken.None);
            metrics.EmailDelivered(message.SentAt!.Value - message.CreatedAt);
            sent++;
        }

        if (claimed.Count > 0)
        {
            LogPass(logger, claimed.Count, sent);
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        if (afterStart is not null && !await afterStart.WaitAsync(stoppingToken))
        {
            return;
        }

        LogStarted(logger, settings.Smtp.Host is { Length: > 0 } host ? $"SMTP server {host}:{settings.Smtp.Port}" : $"pickup folder {settings.PickupFolder}");
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await SendDueAsync(stoppingToken) >= settings.BatchSize;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop outlives a failed pass (database restart, full disk); the next pass retries.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                LogPassFailed(logger, failure);
            }

            if (!full)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(settings.IntervalSeconds), clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Sends one message; throws when it could not be delivered.</summary>
    protected virtual async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mail = Compose(message, settings.Smtp, message.IsSealed ? sealedBodies!.Unprotect(message.Body) : message.Body);
        if (settings.Smtp.Host is { Length: > 0 } host)
        {
            using var smtp = new SmtpClient { Timeout = settings.Smtp.TimeoutSeconds * 1000 };
            var security = !settings.Smtp.EnableSsl ? SecureSocketOptions.None
                : settings.Smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
                : SecureSocketOptions.StartTls;
            await smtp.ConnectAsync(host, settings.Smtp.Port, security, cancellationToken);
            if (settings.Smtp.UserName is { Length: > 0 } user)
            {
                await smtp.AuthenticateAsync(user, settings.Smtp.Password ?? string.Empty, cancellationToken);
            }

            await smtp.SendAsync(mail, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            return;
        }

        await DropInPickupFolderAsync(message, mail, settings.PickupFolder, cancellationToken);
    }

    /// <summary>Records the delivery; the second half of the crash window.</summary>
    protected virtual async Task MarkSentAsync(AppDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        message.MarkSent(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The email for an outbox message, with a Message-ID that stays the same on every retry.</summary>
    public static MimeMessage Compose(OutboxMessage message, SmtpOptions smtp) => Compose(message, smtp, message.Body);

    /// <summary>The email for an outbox message with its body as delivered (a sealed message's, opened).</summary>
    public static MimeMessage Compose(OutboxMessage message, SmtpOptions smtp, string body)
    {
        var from = MailboxAddress.Parse(smtp.From);
        var mail = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = MessageId(message.Id, from),
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = body },
        };
        mail.From.Add(from);
        mail.To.Add(MailboxAddress.Parse(message.ToAddress));
        return mail;
    }

    /// <summary>The Message-ID (without angle brackets, as MimeKit takes it) derived from the outbox id.</summary>
    public static string MessageId(Guid outboxId, MailboxAddress from) => $"{outboxId:N}@{from.Domain}";

    public static string PickupFileName(Guid outboxId) => $"{outboxId:N}.eml";

    private async Task<List<OutboxMessage>> ClaimAsync(AppDbContext db, OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var batch = Math.Max(1, settings.BatchSize);
        var claimed = await db.OutboxMessages
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE sent_at IS NULL AND next_attempt_at <= {now} AND (locked_until IS NULL OR locked_until <= {now})
                ORDER BY next_attempt_at, id
                LIMIT {batch}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        var until = now.AddSeconds(settings.LeaseSeconds);
        foreach (var message in claimed)
        {
            message.Lease(until);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    private async Task RecordFailureAsync(AppDbContext db, OutboxMessage message, Exception failure, OutboxOptions settings)
    {
        var now = clock.GetUtcNow();
        var exponent = Math.Min(message.Attempts, 20);
        var delay = TimeSpan.FromSeconds(Math.Min(settings.BackoffSeconds * Math.Pow(2, exponent), settings.MaxBackoffSeconds));
        message.MarkFailed($"{failure.GetType().Name}: {failure.Message}", now + delay);
        await db.SaveChangesAsync(CancellationToken.None);

        // The exception text may name the recipient, so only its type is logged above Debug.
        LogDeliveryFailed(logger, message.Id, message.Attempts, failure.GetType().Name, message.NextAttemptAt);
        LogDeliveryFailedDetail(logger, message.Id, failure);
    }

    /// <summary>
    /// Writes the message under a staging name, then renames it to <c>&lt;id&gt;.eml</c> without overwriting, so the
    /// folder only ever holds whole messages and holds each message once.
    /// </summary>
    private async Task DropInPickupFolderAsync(OutboxMessage message, MimeMessage mail, string folder, CancellationToken cancellationToken)
    {
        var target = Path.Combine(folder, PickupFileName(message.Id));
        if (File.Exists(target))
        {
            LogAlreadyDelivered(logger, message.Id);
            return;
        }

        var staging = Path.Combine(folder, StagingFolder);
        Directory.CreateDirectory(staging);
        var written = Path.Combine(staging, $"{message.Id:N}-{Guid.NewGuid():N}.eml");
        try
        {
            await using (var file = new FileStream(written, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await mail.WriteToAsync(file, cancellationToken);
            }

            try
            {
                File.Move(written, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                LogAlreadyDelivered(logger, message.Id);
            }
        }
        finally
        {
            File.Delete(written);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox sender started; delivering to {Destination}")]
    private static partial void LogStarted(ILogger logger, string destination);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox sender is disabled (Outbox:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox pass: {Claimed} claimed, {Sent} sent")]
    private static partial void LogPass(ILogger logger, int claimed, int sent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} was already in the pickup folder; marking it sent without writing it again")]
    private static partial void LogAlreadyDelivered(ILogger logger, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} failed (attempt {Attempts}, {ErrorType}); next attempt at {NextAttemptAt}")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid messageId, int attempts, string errorType, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox message {MessageId} failure detail")]
    private static partial void LogDeliveryFailedDetail(ILogger logger, Guid messageId, Exception failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox pass failed; retrying at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception failure);
}
