using System.ComponentModel.DataAnnotations;

namespace AdPolicy.Web.Webhooks;

/// <summary>The "Webhooks" configuration section: how deliveries are sent and retried.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Runs the background sender (its own loop, apart from the sweeps); tests turn it off and call <see cref="WebhookSender.SendDueAsync(CancellationToken)"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sender looks for due deliveries when the last pass was not a full batch.</summary>
    [Range(1, 3600)]
    public int IntervalSeconds { get; set; } = 5;

    /// <summary>Allows http://127.0.0.1 and http://localhost endpoints (Development and Testing only; production endpoints must be HTTPS).</summary>
    public bool AllowHttpLoopback { get; set; }

    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long a claimed delivery stays reserved for its sender; longer than a request's timeout.</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>First retry delay; it doubles with each failed attempt up to <see cref="MaxBackoffSeconds"/>.</summary>
    [Range(1, 86400)]
    public int BackoffSeconds { get; set; } = 30;

    [Range(1, 86400)]
    public int MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>After this long since the event a failing delivery is given up (it can be re-sent by hand from the delivery log).</summary>
    [Range(1, 720)]
    public int RetryForHours { get; set; } = 24;
}
