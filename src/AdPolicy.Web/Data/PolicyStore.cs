using AdPolicy.Domain.Policy;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Data;

/// <summary>
/// Reads the policy settings in force: the newest saved version, or the SPEC defaults (version 0) before any is saved.
/// Scoped: the first read in a request (or a sweep's pass) is kept for the rest of it, so a page that asks twice (the
/// page and the standings it derives) reads once; the next request reads again, so a version staff save shows on the
/// next view. <see cref="Forget"/> drops the kept read when the scope itself learns that a newer version exists.
/// </summary>
public sealed class PolicyStore(AppDbContext db)
{
    private Task<(PolicySettings Settings, int Version)>? _current;

    public Task<(PolicySettings Settings, int Version)> CurrentAsync(CancellationToken cancellationToken = default)
    {
        // A failed or cancelled read is not kept: the next caller reads again.
        if (_current is null || _current.IsFaulted || _current.IsCanceled)
        {
            _current = ReadAsync(cancellationToken);
        }

        return _current;
    }

    /// <summary>The next <see cref="CurrentAsync"/> reads the database again (after this scope saved a version or lost a race to save one).</summary>
    public void Forget() => _current = null;

    private async Task<(PolicySettings Settings, int Version)> ReadAsync(CancellationToken cancellationToken)
    {
        var latest = await Latest(db, cancellationToken);
        return latest is null ? (PolicySettings.Defaults, 0) : (latest.Settings, latest.Version);
    }

    // Compiled once: the ACE and promotions pages read the policy on every view (issue 17).
    private static readonly Func<AppDbContext, CancellationToken, Task<PolicyVersion?>> Latest = EF.CompileAsyncQuery(
        (AppDbContext db, CancellationToken _) => db.PolicyVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefault());
}
