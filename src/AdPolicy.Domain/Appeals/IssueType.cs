namespace AdPolicy.Domain.Appeals;

/// <summary>What kind of problem the penalty was for; it decides the evidence an appeal needs (SPEC 4).</summary>
public enum IssueType
{
    Fulfilment,
    BusinessModel,
    PhysicalHarm,
    DataSecurity,
}
