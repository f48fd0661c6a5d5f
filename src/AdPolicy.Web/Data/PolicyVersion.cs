using AdPolicy.Domain.Policy;

namespace AdPolicy.Web.Data;

/// <summary>One saved version of the policy settings. Versions are only ever added, so the history is the audit trail.</summary>
public sealed class PolicyVersion
{
    public int Version { get; set; }

    public PolicySettings Settings { get; set; } = PolicySettings.Defaults;

    public DateTimeOffset EffectiveFrom { get; set; }

    public Guid? ChangedById { get; set; }

    public string ChangedByName { get; set; } = string.Empty;

    public string? Note { get; set; }
}
