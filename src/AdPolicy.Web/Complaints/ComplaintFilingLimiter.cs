using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdPolicy.Web.Complaints;

/// <summary>
/// How many complaints one client address may file per window (SPEC 3.1's abuse guard), counted only when a complaint is
/// actually filed: a form sent back with a message costs nothing. The page checks before filing so it can re-show the
/// complainant's text with a sentence instead of the middleware's bare 429; parallel posts from one address may pass the
/// check together, so a burst can exceed the limit by at most the requests in flight.
/// </summary>
public sealed class ComplaintFilingLimiter(IOptions<ComplaintLimits> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PermitLimit,
            Window = TimeSpan.FromSeconds(options.Value.WindowSeconds),
            QueueLimit = 0,
        }));

    public TimeSpan Window => TimeSpan.FromSeconds(options.Value.WindowSeconds);

    /// <summary>True while the address may still file in this window.</summary>
    public bool MayFile(string address) => limiter.GetStatistics(address)?.CurrentAvailablePermits > 0;

    /// <summary>Counts one filed complaint against the address.</summary>
    public void Filed(string address)
    {
        using var _ = limiter.AttemptAcquire(address);
    }

    public void Dispose() => limiter.Dispose();
}
