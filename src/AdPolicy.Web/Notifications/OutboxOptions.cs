using System.ComponentModel.DataAnnotations;

namespace AdPolicy.Web.Notifications;

/// <summary>The "Outbox" configuration section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Runs the background sender; tests turn it off and call <see cref="OutboxSender.SendDueAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 3600, ErrorMessage = "Outbox:IntervalSeconds must be between 1 and 3600 seconds.")]
    public int IntervalSeconds { get; set; } = 5;

    [Range(1, 1000, ErrorMessage = "Outbox:BatchSize must be between 1 and 1000 messages.")]
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claimed message stays reserved for its sender; after that it counts as abandoned and is retried.</summary>
    [Range(1, 86_400, ErrorMessage = "Outbox:LeaseSeconds must be between 1 and 86400 seconds.")]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>First retry delay; it doubles with each failed attempt up to <see cref="MaxBackoffSeconds"/>.</summary>
    [Range(1, 86_400, ErrorMessage = "Outbox:BackoffSeconds must be between 1 and 86400 seconds.")]
    public int BackoffSeconds { get; set; } = 30;

    [Range(1, 604_800, ErrorMessage = "Outbox:MaxBackoffSeconds must be between 1 and 604800 seconds (a week).")]
    public int MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>Where mail goes when no SMTP host is configured (default: <c>&lt;repo&gt;/.local/mail</c>).</summary>
    public string PickupFolder { get; set; } = string.Empty;

    /// <summary>The site's public address, to turn a notification's link into one an email can carry.</summary>
    [Url(ErrorMessage = "Outbox:SiteUrl must be an absolute http or https address, like https://adpolicy.example.")]
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
