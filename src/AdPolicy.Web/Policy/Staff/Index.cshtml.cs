using AdPolicy.Domain.Policy;
using AdPolicy.Web.Data;
using AdPolicy.Web.Policy.Admin;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdPolicy.Web.Policy.Staff;

/// <summary>The policy settings in force, read-only for staff, with the history of versions.</summary>
public sealed class PolicyModel(AppDbContext db, PolicyStore policies) : PageModel
{
    public PolicySettings Current { get; private set; } = PolicySettings.Defaults;

    public int CurrentVersion { get; private set; }

    public IReadOnlyList<PolicyHistoryLine> History { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        (Current, CurrentVersion) = await policies.CurrentAsync(cancellationToken);
        History = await Admin.PolicyModel.HistoryAsync(db, cancellationToken);
    }
}
