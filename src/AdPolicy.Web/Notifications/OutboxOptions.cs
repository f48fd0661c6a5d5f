namespace AdPolicy.Web.Notifications;

/// <summary>The "Outbox" configuration section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Runs the background sender; tests turn it off and call <see cref="OutboxSender.SendDueAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    public int IntervalSeconds { get; set; } = 5;

    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claimed message stays reserved for its sender; after that it counts as abandoned and is retried.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>First retry delay; it doubles with each failed attempt up to <see cref="MaxBackoffSeconds"/>.</summary>
    public int BackoffSeconds { get; set; } = 30;

    public int MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>Where mail goes when no SMTP host is configured (default: <c>&lt;repo&gt;/.local/mail</c>).</summary>
    public string PickupFolder { get; set; } = string.Empty;

    /// <summary>The site's public address, to turn a notification's link into one an email can carry.</summary>
    public string SiteUrl { get; set; } = "http://localhost:5080";

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>"Outbox:Smtp". The password comes from user secrets or the environment, never from a file in the repo.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string From { get; set; } = "AdPolicy <no-reply@adpolicy.localhost>";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}
