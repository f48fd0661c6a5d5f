using System.Security.Cryptography;

namespace AdPolicy.Web.Webhooks;

/// <summary>
/// An address outside AdPolicy that is told of chosen events. An organisation's endpoint hears of that organisation's
/// events; an integration endpoint (made by an admin, no organisation) hears of every organisation's. Its signing secret
/// is stored encrypted with the app's data-protection keys and shown once, when it is made or rotated.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 200;
    public const string SecretStart = "whsec_";

    /// <summary>After a rotation the old secret still signs (as a second signature) for this long, so receivers can switch over.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    private WebhookEndpoint()
    {
        Url = Description = SecretProtected = string.Empty;
        Events = [];
    }

    public WebhookEndpoint(Guid id, Guid? organisationId, string url, string description, string[] events, string secretProtected, Guid createdById, DateTimeOffset createdAt)
    {
        Id = id;
        OrganisationId = organisationId;
        Url = url;
        Description = description;
        Events = events;
        SecretProtected = secretProtected;
        CreatedById = createdById;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid? OrganisationId { get; private set; }

    public string Url { get; private set; }

    public string Description { get; private set; }

    /// <summary>Event types (<see cref="WebhookEventTypes"/>) sent here.</summary>
    public string[] Events { get; private set; }

    public string SecretProtected { get; private set; }

    public string? PreviousSecretProtected { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    public Guid CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    public bool IsActive => DisabledAt is null;

    public static string NewSecret() => SecretStart + Api.ApiKey.Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new secret replaces the current one; the current one keeps signing beside it for <see cref="RotationOverlap"/>.</summary>
    public void Rotate(string newSecretProtected, DateTimeOffset now)
    {
        PreviousSecretProtected = SecretProtected;
        PreviousSecretExpiresAt = now + RotationOverlap;
        SecretProtected = newSecretProtected;
    }

    public void Disable(DateTimeOffset now) => DisabledAt ??= now;
}

/// <summary>Something that happened, once, with the id receivers de-duplicate by. Written in the transaction of the change.</summary>
public sealed class WebhookEvent
{
    public const int TypeMaxLength = 60;

    private WebhookEvent()
    {
        Type = Payload = string.Empty;
    }

    public WebhookEvent(Guid id, string type, Guid? organisationId, DateTimeOffset occurredAt, string payload)
    {
        Id = id;
        Type = type;
        OrganisationId = organisationId;
        OccurredAt = occurredAt;
        Payload = payload;
    }

    public Guid Id { get; private set; }

    public string Type { get; private set; }

    public Guid? OrganisationId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The exact JSON body every endpoint receives (the signature covers these bytes).</summary>
    public string Payload { get; private set; }
}

/// <summary>One event on its way to one endpoint: the outbox row the delivery sweep claims.</summary>
public sealed class WebhookDelivery
{
    public const int ErrorMaxLength = 1000;

    private readonly List<WebhookAttempt> _attempts = [];

    private WebhookDelivery()
    {
    }

    public WebhookDelivery(Guid id, Guid eventId, Guid endpointId, DateTimeOffset createdAt)
    {
        Id = id;
        EventId = eventId;
        EndpointId = endpointId;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public Guid EndpointId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public int AttemptCount { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>Set when retries ran out (a day of failures): the delivery log can send it again by hand.</summary>
    public DateTimeOffset? GaveUpAt { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public IReadOnlyList<WebhookAttempt> Attempts => _attempts;

    public bool IsPending => DeliveredAt is null && GaveUpAt is null;

    public void Lease(DateTimeOffset until) => LockedUntil = until;

    /// <summary>Gives a claimed delivery back without an attempt.</summary>
    public void Release() => LockedUntil = null;

    public WebhookAttempt Succeeded(int statusCode, DateTimeOffset at, int durationMs)
    {
        DeliveredAt = at;
        LastStatusCode = statusCode;
        LastError = null;
        LockedUntil = null;
        return Record(statusCode, null, at, durationMs);
    }

    /// <summary>A failed attempt: retried at <paramref name="retryAt"/>, or given up when that is null.</summary>
    public WebhookAttempt Failed(int? statusCode, string error, DateTimeOffset at, int durationMs, DateTimeOffset? retryAt)
    {
        LastStatusCode = statusCode;
        LastError = Notifications.Notification.Clip(error, ErrorMaxLength);
        LockedUntil = null;
        if (retryAt is { } next)
        {
            NextAttemptAt = next;
        }
        else
        {
            GaveUpAt = at;
        }

        return Record(statusCode, LastError, at, durationMs);
    }

    /// <summary>Sent again by hand from the delivery log: due now, with the same event id (receivers de-duplicate by it).</summary>
    public void Resend(DateTimeOffset now)
    {
        DeliveredAt = null;
        GaveUpAt = null;
        LockedUntil = null;
        NextAttemptAt = now;
    }

    private WebhookAttempt Record(int? statusCode, string? error, DateTimeOffset at, int durationMs)
    {
        AttemptCount++;
        var attempt = new WebhookAttempt(Guid.CreateVersion7(at), Id, AttemptCount, at, statusCode, error, durationMs);
        _attempts.Add(attempt);
        return attempt;
    }
}

/// <summary>One HTTP request of a delivery, for the delivery log.</summary>
public sealed class WebhookAttempt
{
    private WebhookAttempt()
    {
    }

    public WebhookAttempt(Guid id, Guid deliveryId, int number, DateTimeOffset attemptedAt, int? statusCode, string? error, int durationMs)
    {
        Id = id;
        DeliveryId = deliveryId;
        Number = number;
        AttemptedAt = attemptedAt;
        StatusCode = statusCode;
        Error = error;
        DurationMs = durationMs;
    }

    public Guid Id { get; private set; }

    public Guid DeliveryId { get; private set; }

    public int Number { get; private set; }

    public DateTimeOffset AttemptedAt { get; private set; }

    /// <summary>The receiver's HTTP status; null when no answer came (refused, timed out).</summary>
    public int? StatusCode { get; private set; }

    public string? Error { get; private set; }

    public int DurationMs { get; private set; }

    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>The event catalogue (docs/api.md describes each).</summary>
public static class WebhookEventTypes
{
    public const string ComplaintFiled = "complaint.filed";
    public const string ViolationRecorded = "violation.recorded";
    public const string StrikeRecorded = "strike.recorded";
    public const string SuspensionStarted = "suspension.started";
    public const string SuspensionEnded = "suspension.ended";
    public const string DeadlineCreated = "deadline.created";
    public const string DeadlineReminded = "deadline.reminded";
    public const string DeadlineMissed = "deadline.missed";
    public const string RefundDecided = "refund.decided";
    public const string RefundPaid = "refund.paid";
    public const string AppealDecided = "appeal.decided";

    public static readonly IReadOnlyList<string> All =
    [
        ComplaintFiled, ViolationRecorded, StrikeRecorded, SuspensionStarted, SuspensionEnded,
        DeadlineCreated, DeadlineReminded, DeadlineMissed, RefundDecided, RefundPaid, AppealDecided,
    ];

    public static string Describe(string type) => type switch
    {
        ComplaintFiled => "A complaint was filed against a promotion",
        ViolationRecorded => "A violation was recorded (a complaint was upheld)",
        StrikeRecorded => "An intellectual-property strike was recorded",
        SuspensionStarted => "An ad account was suspended",
        SuspensionEnded => "A temporary suspension ended",
        DeadlineCreated => "A deadline started (remove content, cooperate, correct similar content)",
        DeadlineReminded => "A deadline is near and the advertiser was reminded",
        DeadlineMissed => "A deadline passed unmet and its sanction applied",
        RefundDecided => "A refund request was approved, partly approved or denied",
        RefundPaid => "An approved refund was credited",
        AppealDecided => "A review request (appeal) was approved or denied",
        _ => type,
    };
}
