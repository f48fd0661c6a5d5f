namespace AdPolicy.Domain.Ace;

/// <summary>How serious a violation is (SPEC 3.2); it decides what happens to the ad and the account.</summary>
public enum ViolationTier
{
    Low,
    Medium,
    High,
    Critical,
}
