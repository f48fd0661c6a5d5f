namespace AdPolicy.Domain.Appeals;

/// <summary>
/// The outcome of an automatic evidence check. <see cref="Findings"/> say exactly what is missing, one sentence each,
/// so the advertiser can fix it; <see cref="Summary"/> says what was measured, for the reviewer.
/// </summary>
public sealed class EvidenceCheckResult
{
    private EvidenceCheckResult(bool passed, IReadOnlyList<string> findings, string summary)
    {
        Passed = passed;
        Findings = findings;
        Summary = summary;
    }

    public bool Passed { get; }

    public IReadOnlyList<string> Findings { get; }

    public string Summary { get; }

    public static EvidenceCheckResult Pass(string summary) => new(true, [], summary);

    public static EvidenceCheckResult Fail(string summary, params IEnumerable<string> findings)
    {
        var list = findings.Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A failed check says what is missing.", nameof(findings));
        }

        return new(false, list, summary);
    }

    /// <summary>One result for an item checked in parts: it passes only if every part does.</summary>
    public static EvidenceCheckResult Combine(params IEnumerable<EvidenceCheckResult> parts)
    {
        var list = parts.ToList();
        var summary = string.Join("; ", list.Select(p => p.Summary).Where(s => s.Length > 0));
        return list.All(p => p.Passed) ? Pass(summary) : Fail(summary, list.SelectMany(p => p.Findings));
    }

    public override string ToString() => Passed ? $"passed: {Summary}" : $"failed: {string.Join(" ", Findings)}";
}
