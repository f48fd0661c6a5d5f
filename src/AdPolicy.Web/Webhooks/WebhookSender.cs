using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdPolicy.Web.Data;
using AdPolicy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Webhooks;

/// <summary>
/// Sends the webhook outbox in its own hosted loop (apart from the sweeps, so a slow receiver never holds up a deadline):
/// claims due deliveries with <c>FOR UPDATE SKIP LOCKED</c> and a lease (so instances never
/// send the same delivery at once), commits the claim, POSTs each signed body, and records the attempt. A 2xx answer
/// delivers it; anything else is retried with a doubling delay until a day after the event, then given up (the delivery
/// log can send it again). A crash between the receiver's 2xx and recording it sends the event again after the lease,
/// with the same event id: receivers de-duplicate by <c>AdPolicy-Event-Id</c>.
/// </summary>
public sealed partial class WebhookSender(
    IServiceScopeFactory scopes,
    IHttpClientFactory clients,
    WebhookSecrets secrets,
    IOptions<WebhookOptions> options,
    AdPolicyMetrics metrics,
    TimeProvider clock,
    AfterStart afterStart,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    /// <summary>The name its passes carry in the sweep metrics (<c>adpolicy_sweep_*{sweep="webhook-deliveries"}</c>).</summary>
    public const string Name = "webhook-deliveries";

    private readonly Wakeup _wake = new();

    /// <summary>Asks for a pass now rather than at the next interval.</summary>
    public void WakeUp() => _wake.Release();

    /// <summary>One pass: claims up to <c>BatchSize</c> due deliveries and sends them; what it found due, delivered and failed.</summary>
    public async Task<SweepResult> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var result = await SendDueAsync(db, cancellationToken);
        metrics.SweepRan(Name, result);
        if (result.Due > 0)
        {
            LogPass(logger, result.Due, result.Done, result.Failed);
        }

        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        if (!await afterStart.WaitAsync(stoppingToken))
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(settings.IntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = (await SendDueAsync(stoppingToken)).Due >= settings.BatchSize;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop outlives a failed pass (database restart); the next pass retries.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                LogPassFailed(logger, failure);
            }

            if (!full && !await _wake.WaitAsync(interval, stoppingToken))
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private async Task<SweepResult> SendDueAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = await ClaimAsync(db, settings, cancellationToken);
        if (claimed.Count == 0)
        {
            return SweepResult.Nothing;
        }

        var eventIds = claimed.Select(d => d.EventId).Distinct().ToList();
        var endpointIds = claimed.Select(d => d.EndpointId).Distinct().ToList();
        var events = await db.WebhookEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var budget = TimeSpan.FromSeconds(settings.TimeoutSeconds + 5);
        int done = 0, failed = 0;
        for (var i = 0; i < claimed.Count; i++)
        {
            var delivery = claimed[i];
            if (cancellationToken.IsCancellationRequested || clock.GetUtcNow() + budget >= delivery.LockedUntil)
            {
                // Not enough lease left to cover a request: give the rest back rather than risk a second sender.
                foreach (var rest in claimed.Skip(i))
                {
                    rest.Release();
                }

                await db.SaveChangesAsync(CancellationToken.None);
                break;
            }

            var (status, error, took) = await SendAsync(events[delivery.EventId], endpoints[delivery.EndpointId], settings, cancellationToken);
            var now = clock.GetUtcNow();
            WebhookAttempt attempt;
            if (status is >= 200 and < 300)
            {
                attempt = delivery.Succeeded(status.Value, now, took);
                done++;
            }
            else
            {
                attempt = delivery.Failed(status, error ?? $"The endpoint answered {status}.", now, took, RetryAt(delivery, settings, now));
                failed++;
                LogFailed(logger, delivery.Id, delivery.EndpointId, status, delivery.AttemptCount, delivery.GaveUpAt is not null);
            }

            db.WebhookAttempts.Add(attempt);

            // Recording it is the crash window: if this throws, the lease expires and the event is sent again, same id.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return new SweepResult(claimed.Count, done, failed);
    }

    /// <summary>The body, signed now, POSTed with the event's id and type in headers.</summary>
    private async Task<(int? Status, string? Error, int Took)> SendAsync(WebhookEvent @event, WebhookEndpoint endpoint, WebhookOptions settings, CancellationToken cancellationToken)
    {
        if (!endpoint.IsActive)
        {
            return (null, "The endpoint was disabled.", 0);
        }

        if (secrets.UrlProblem(endpoint.Url) is { } problem)
        {
            return (null, problem, 0);
        }

        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(secrets.Unprotect(endpoint.SecretProtected), timestamp, @event.Payload);
        if (endpoint.PreviousSecretProtected is { } previous && endpoint.PreviousSecretExpiresAt > now)
        {
            signature += ", " + WebhookSignature.Sign(secrets.Unprotect(previous), timestamp, @event.Payload);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(@event.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.EventIdHeader, @event.Id.ToString());
        request.Headers.Add(WebhookSignature.EventTypeHeader, @event.Type);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, signature);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, null, Took(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {settings.TimeoutSeconds} seconds.", Took(started));
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressRefusedException refused)
        {
            return (null, $"Not sent: {refused.Message}", Took(started));
        }
        catch (HttpRequestException e)
        {
            // The message names the host and the socket error, not the body or the secret.
            return (null, $"The request failed: {e.HttpRequestError} ({e.Message})", Took(started));
        }
    }

    private static int Took(long started) => (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    /// <summary>The next attempt after a failure, or null when it would fall after the retry window.</summary>
    private static DateTimeOffset? RetryAt(WebhookDelivery delivery, WebhookOptions settings, DateTimeOffset now)
    {
        var exponent = Math.Min(delivery.AttemptCount - 1, 20);
        var delay = TimeSpan.FromSeconds(Math.Min(settings.BackoffSeconds * Math.Pow(2, exponent), settings.MaxBackoffSeconds));
        var next = now + delay;
        return next <= delivery.CreatedAt.AddHours(settings.RetryForHours) ? next : null;
    }

    private async Task<List<WebhookDelivery>> ClaimAsync(AppDbContext db, WebhookOptions settings, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var claimed = await db.WebhookDeliveries
            .FromSql($"""
                SELECT * FROM webhook_deliveries
                WHERE delivered_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= {now}
                  AND (locked_until IS NULL OR locked_until <= {now})
                ORDER BY next_attempt_at, id
                LIMIT {settings.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        foreach (var delivery in claimed)
        {
            delivery.Lease(now.AddSeconds(settings.LeaseSeconds));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook sender is disabled (Webhooks:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook pass: {Due} due, {Done} delivered, {Failed} failed")]
    private static partial void LogPass(ILogger logger, int due, int done, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook pass failed; retrying at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to endpoint {EndpointId} failed with {StatusCode} (attempt {Attempt}; given up: {GaveUp})")]
    private static partial void LogFailed(ILogger logger, Guid deliveryId, Guid endpointId, int? statusCode, int attempt, bool gaveUp);
}
