using AdPolicy.Domain.Policy;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Data;

/// <summary>Reads the policy settings in force: the newest saved version, or the SPEC defaults (version 0) before any is saved.</summary>
public sealed class PolicyStore(AppDbContext db)
{
    public async Task<(PolicySettings Settings, int Version)> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var latest = await db.PolicyVersions.AsNoTracking()
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null ? (PolicySettings.Defaults, 0) : (latest.Settings, latest.Version);
    }
}
