namespace AdPolicy.Web.Notifications;

/// <summary>
/// An email waiting to go out, written in the same transaction as the change that caused it and delivered later by
/// <see cref="OutboxSender"/>. Its id names the delivered file and the email's Message-ID, so a retry is recognisable.
/// </summary>
public sealed class OutboxMessage
{
    public const int AddressMaxLength = 320;
    public const int SubjectMaxLength = 300;
    public const int ErrorMaxLength = 2000;

    private OutboxMessage()
    {
        ToAddress = string.Empty;
        Subject = string.Empty;
        Body = string.Empty;
    }

    /// <param name="id">Names the delivered file and the Message-ID.</param>
    /// <param name="toAddress">The recipient.</param>
    /// <param name="subject">The subject line.</param>
    /// <param name="body">Plain text; when <paramref name="isSealed"/>, the DataProtection-protected text.</param>
    /// <param name="createdAt">When the change that caused it happened.</param>
    /// <param name="isSealed">The body carries a secret (a complainant's tracking link): protected at rest, wiped once sent.</param>
    public OutboxMessage(Guid id, string toAddress, string subject, string body, DateTimeOffset createdAt, bool isSealed = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toAddress);
        Id = id;
        ToAddress = toAddress;
        Subject = Notification.Clip(subject, SubjectMaxLength);
        Body = body;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
        IsSealed = isSealed;
    }

    public Guid Id { get; private set; }

    public string ToAddress { get; private set; }

    public string Subject { get; private set; }

    /// <summary>Plain text, or (<see cref="IsSealed"/>) its DataProtection-protected form; empty once a sealed message is sent.</summary>
    public string Body { get; private set; }

    /// <summary>
    /// The body holds a secret only the recipient may read (a tracking link, of which the database keeps only a hash):
    /// it is stored protected, opened only to deliver it, and wiped when delivered.
    /// </summary>
    public bool IsSealed { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>While in the future, one sender holds the message; after it, the message is free to be retried.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public void Lease(DateTimeOffset until) => LockedUntil = until;

    /// <summary>Gives a claimed message back without an attempt (the sender ran out of lease before reaching it).</summary>
    public void Release() => LockedUntil = null;

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        if (IsSealed)
        {
            Body = string.Empty;
        }

        LockedUntil = null;
    }

    public void MarkFailed(string error, DateTimeOffset nextAttemptAt)
    {
        Attempts++;
        LastError = Notification.Clip(error, ErrorMaxLength);
        NextAttemptAt = nextAttemptAt;
        LockedUntil = null;
    }
}
