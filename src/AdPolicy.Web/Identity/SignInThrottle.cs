using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Identity;

public sealed class SignInLimits
{
    public const string Section = "SignIn";

    public const string RateLimitPolicy = "sign-in";

    /// <summary>Sign-in and second-factor posts one client address may send per minute, whatever the account (then 429).</summary>
    [Range(1, 10_000)]
    public int PermitPerClientPerMinute { get; set; } = 20;

    /// <summary>Wrong passwords for one account from one client address before that pair is refused for the window.</summary>
    [Range(1, 1_000)]
    public int FailuresPerAccountAndClient { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int FailureWindowMinutes { get; set; } = 15;

    /// <summary>Wrong passwords for one account from all clients before each further attempt is slowed (never refused).</summary>
    [Range(1, 100_000)]
    public int AccountFailuresBeforeSlowdown { get; set; } = 20;

    [Range(0, 10_000)]
    public int SlowdownMilliseconds { get; set; } = 1_500;
}

/// <summary>
/// Limits password guessing without handing an attacker a way to lock staff out: a client that keeps failing for one
/// account is refused for that account only (the owner elsewhere signs in as usual); many failures for one account
/// from everywhere only slow each attempt down. Keys are the email as typed (normalised), whether or not it has an
/// account, so the limits reveal nothing either. Counted per instance (in memory), like the framework's rate limiter.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly SignInLimits _limits;
    private readonly PartitionedRateLimiter<string> _accountAndClient;
    private readonly PartitionedRateLimiter<string> _account;

    public SignInThrottle(IOptions<SignInLimits> options)
    {
        _limits = options.Value;
        var window = TimeSpan.FromMinutes(_limits.FailureWindowMinutes);
        _accountAndClient = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = _limits.FailuresPerAccountAndClient,
            Window = window,
            SegmentsPerWindow = 15,
            QueueLimit = 0,
        }));
        _account = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = _limits.AccountFailuresBeforeSlowdown,
            Window = window,
            SegmentsPerWindow = 15,
            QueueLimit = 0,
        }));
    }

    public int WindowMinutes => _limits.FailureWindowMinutes;

    /// <summary>True when this client has failed too often for this account within the window.</summary>
    public bool IsRefused(string email, IPAddress? client)
    {
        using var lease = _accountAndClient.AttemptAcquire(Key(email, client), 0);
        return !lease.IsAcquired;
    }

    /// <summary>How long to hold this attempt: zero unless the account has had many failures from everywhere.</summary>
    public TimeSpan Slowdown(string email)
    {
        using var lease = _account.AttemptAcquire(Normalise(email), 0);
        return lease.IsAcquired ? TimeSpan.Zero : TimeSpan.FromMilliseconds(_limits.SlowdownMilliseconds);
    }

    public void Failed(string email, IPAddress? client)
    {
        _accountAndClient.AttemptAcquire(Key(email, client)).Dispose();
        _account.AttemptAcquire(Normalise(email)).Dispose();
    }

    public void Dispose()
    {
        _accountAndClient.Dispose();
        _account.Dispose();
    }

    private static string Key(string email, IPAddress? client) => $"{client}|{Normalise(email)}";

    private static string Normalise(string email) => email.Trim().ToUpperInvariant();
}
