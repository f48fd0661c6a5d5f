using AdPolicy.Domain.Common;

namespace AdPolicy.Domain.Appeals;

/// <summary>
/// The outcome of an automatic evidence check, as facts (a kind and its values; each reader sees them worded in their
/// own language): <see cref="Findings"/> say exactly what is missing, one each, so the advertiser can fix it;
/// <see cref="Summary"/> says what was measured, for the reviewer.
/// </summary>
public sealed class EvidenceCheckResult
{
    private EvidenceCheckResult(bool passed, IReadOnlyList<Fact> findings, IReadOnlyList<Fact> summary)
    {
        Passed = passed;
        Findings = findings;
        Summary = summary;
    }

    public bool Passed { get; }

    public IReadOnlyList<Fact> Findings { get; }

    public IReadOnlyList<Fact> Summary { get; }

    public static EvidenceCheckResult Pass(params IEnumerable<Fact> summary) => new(true, [], [.. summary]);

    public static EvidenceCheckResult Fail(Fact summary, params IEnumerable<Fact> findings) => Fail([summary], findings);

    public static EvidenceCheckResult Fail(IReadOnlyList<Fact> summary, IEnumerable<Fact> findings)
    {
        var list = findings.ToList();
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
        var summary = list.SelectMany(p => p.Summary).ToList();
        return list.All(p => p.Passed) ? Pass(summary) : Fail(summary, list.SelectMany(p => p.Findings));
    }

    public override string ToString() => Passed ? $"passed: {string.Join("; ", Summary)}" : $"failed: {string.Join("; ", Findings)}";
}
